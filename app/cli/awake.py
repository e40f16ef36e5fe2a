"""`hoist upload` keeps the computer awake while files are sent (unless --no-inhibit-sleep
or the inhibit_sleep setting says no), and drops stale connections after a suspend."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from app.engine import ACTIVE_STATES, EngineEvent, JobStateChanged, QueueFinished
from app.engine.core import Engine
from app.power.keepawake import SleepInhibitor
from app.power.suspend import DEFAULT_INTERVAL, SuspendDetector, watch_for_suspend
from app.power.while_busy import AwakeWhileBusy

log = logging.getLogger("hoist.cli")
REASON = "Uploading files"


def _to_log_file_only(record: logging.LogRecord) -> bool:
    """ "Cannot keep the computer awake" (no D-Bus on a server, say) is for the log file:
    the upload goes on, and a terminal line on every run would be noise."""
    record.file_only = True
    return True


class UploadPower:
    def __init__(self, engine: Engine, inhibit_sleep: bool) -> None:
        self.engine = engine
        logging.getLogger("app.power.keepawake").addFilter(_to_log_file_only)  # added once
        self.awake = AwakeWhileBusy(SleepInhibitor(), REASON) if inhibit_sleep else None
        self._watch: asyncio.Task[None] | None = None

    def start(
        self, detector: SuspendDetector | None = None, interval: float = DEFAULT_INTERVAL
    ) -> None:
        self._watch = asyncio.get_running_loop().create_task(
            watch_for_suspend(self._resumed, detector, interval), name="hoist-suspend-watch"
        )

    def on_event(self, event: EngineEvent) -> None:
        if self.awake is None:
            return
        if isinstance(event, JobStateChanged):
            busy = event.new in ACTIVE_STATES or self.engine.any_active()
            self.awake.set_busy(busy)
        elif isinstance(event, QueueFinished):
            self.awake.set_busy(False)

    def _resumed(self, seconds_away: float) -> None:
        dropped = self.engine.drop_connections()
        log.info("back after %.0f s asleep; %d stale requests sent again", seconds_away, dropped)

    async def aclose(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        if self.awake is not None:
            await self.awake.aclose()
