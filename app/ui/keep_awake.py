"""The window keeps the computer awake exactly while uploads run (when Settings allow it).

One SleepInhibitor; the OS calls run one at a time in a task on the window's loop, always
towards what was asked last, so a burst of busy/idle changes costs at most one call each way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.power.keepawake import SleepInhibitor

if TYPE_CHECKING:
    import asyncio


class WindowAwake:
    def __init__(
        self,
        reason: str,
        inhibitor: SleepInhibitor | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.inhibitor = inhibitor if inhibitor is not None else SleepInhibitor()
        self.reason = reason
        self.on_change = on_change
        self._want = False
        self._task: asyncio.Task[None] | None = None

    @property
    def state(self) -> str:
        """SleepInhibitor.state: "active (logind)", "inactive" or "unavailable: …"."""
        return self.inhibitor.state

    def set_busy(self, busy: bool, allowed: bool) -> None:
        want = busy and allowed
        idle = self._task is None or self._task.done()
        settled = want == self.inhibitor.active or (want and self.inhibitor.problem is not None)
        if want == self._want and idle and settled:
            return  # already there (or it cannot be had: asked once per busy spell)
        self._want = want
        if idle:
            import asyncio

            self._task = asyncio.get_event_loop().create_task(
                self._settle(), name="hoist-keep-awake"
            )

    def set_allowed(self, allowed: bool) -> None:
        if not allowed:
            self.set_busy(False, False)

    async def _settle(self) -> None:
        while self.inhibitor.active != self._want:
            if self._want:
                if not await self.inhibitor.acquire(self.reason):
                    break  # unavailable (logged once by the inhibitor): upload anyway
            else:
                await self.inhibitor.release()
        if self.on_change is not None:
            self.on_change()

    def close(self) -> None:
        """Let go at once (the window is closing)."""
        self._want = False
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self.inhibitor.release_blocking()


class _ShownInTheWindow(logging.Filter):
    """ "Cannot keep the computer awake" is shown in the status bar's tooltip, so the log
    keeps it at INFO: a desktop without logind or a portal is not a fault of the upload."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


_FILTER = _ShownInTheWindow()
logging.getLogger("app.power.keepawake").addFilter(_FILTER)  # once: the same object
