"""`hoist --sandbox`: the built-in local server, started in a thread, with a throwaway key
kept in memory only, so a newcomer can try everything with no key and no network."""

from __future__ import annotations

import os
import secrets
from typing import TYPE_CHECKING

from app.settings import state_dirs
from app.ui.tasks import in_executor

if TYPE_CHECKING:
    from app.sandbox import RunningSandbox

DEMO_THROUGHPUT = 40_000_000  # bytes/s per request: fast, yet the parts visibly move


async def start_sandbox() -> tuple[RunningSandbox, str, str]:
    """(running sandbox, base URL, throwaway key)."""
    from app.sandbox import SandboxConfig, start_in_thread

    throughput = os.environ.get("HOIST_SANDBOX_THROUGHPUT")
    config = SandboxConfig(
        data_dir=state_dirs().data / "sandbox",
        throughput=float(throughput) if throughput else DEMO_THROUGHPUT,
        quiet=True,
    )
    running = await in_executor(start_in_thread, config)
    key = "sk-sandbox-" + secrets.token_hex(12)
    return running, running.base_url, key


async def stop_sandbox(running: RunningSandbox) -> None:
    await in_executor(running.stop)
