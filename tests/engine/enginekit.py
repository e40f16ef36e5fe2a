"""Helpers for engine tests against the real sandbox over real sockets."""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from app.api import ClientConfig, FilesClient
from app.engine import EngineEvent
from app.engine.core import Engine
from app.journal import Journal

KEY = "sk-test-123"
MiB = 1024 * 1024
E = TypeVar("E")


def write_random(path: Path, size: int) -> str:
    """Write `size` random bytes; return their MD5."""
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "wb") as handle:
        left = size
        while left:
            chunk = os.urandom(min(left, 8 * MiB))
            digest.update(chunk)
            handle.write(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def md5_of(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        while chunk := handle.read(8 * MiB):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Recorder:
    """Keeps every engine event with the time it arrived."""

    events: list[tuple[float, EngineEvent]] = field(default_factory=list)

    def __call__(self, event: EngineEvent) -> None:
        self.events.append((time.monotonic(), event))

    def of(self, kind: type[E]) -> list[E]:
        return [e for _, e in self.events if isinstance(e, kind)]


def client_config(base_url: str, **overrides: Any) -> ClientConfig:
    options: dict[str, Any] = {"base_url": base_url, "api_key": KEY}
    options.update(overrides)
    return ClientConfig(**options)


@dataclass
class EngineKit:
    """Builds engines bound to one sandbox; closes them at the end of the test."""

    journal_path: Path
    engines: list[Engine] = field(default_factory=list)

    def make(
        self,
        base_url: str,
        *,
        journal: bool = True,
        client_options: dict[str, Any] | None = None,
        **options: Any,
    ) -> tuple[Engine, Recorder]:
        config = client_config(base_url, **(client_options or {}))
        options.setdefault("validator", None)
        engine = Engine(
            lambda: FilesClient(config),
            Journal(self.journal_path) if journal else None,
            **options,
        )
        recorder = Recorder()
        engine.subscribe(recorder)
        self.engines.append(engine)
        return engine, recorder


async def until(predicate: Callable[[], bool], timeout: float = 30.0, step: float = 0.02) -> None:
    """Poll (without blocking the loop) until predicate() is true."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(step)


async def refuse_next_part(sandbox: Any, message: str) -> None:
    """Make the sandbox answer the next part request with a 400 carrying ``message``."""
    rule = {"method": "POST", "path_regex": "/parts$", "status": 400, "times": 1,
            "message": message}  # fmt: skip
    await asyncio.to_thread(sandbox.set_faults, script=[rule])


def part_requests(
    requests: list[dict[str, Any]], upload_id: str | None = None
) -> list[dict[str, Any]]:
    return [
        r
        for r in requests
        if r["method"] == "POST"
        and r["path"].endswith("/parts")
        and (upload_id is None or f"/uploads/{upload_id}/" in r["path"])
    ]


def paths(requests: list[dict[str, Any]], suffix: str) -> list[dict[str, Any]]:
    return [r for r in requests if r["path"].endswith(suffix)]
