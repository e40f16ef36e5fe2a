"""The state one running sandbox shares between its handlers."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web

from app.sandbox.bodies import LogEntry
from app.sandbox.config import SandboxConfig
from app.sandbox.faults import FaultPlan
from app.sandbox.store import Store


@dataclass
class Sandbox:
    config: SandboxConfig
    store: Store
    plan: FaultPlan
    log: list[LogEntry] = field(default_factory=list)
    stopping: bool = False  # set at shutdown so stalled requests let go at once


SANDBOX_KEY = web.AppKey("sandbox", Sandbox)


def sandbox_of(request: web.Request) -> Sandbox:
    return request.app[SANDBOX_KEY]
