"""Hold a SleepInhibitor exactly while there is work: `set_busy(True/False)` from the event
loop, as often as the work changes; the OS calls are made in order, one at a time."""

from __future__ import annotations

import asyncio

from app.power.keepawake import SleepInhibitor


class AwakeWhileBusy:
    def __init__(self, inhibitor: SleepInhibitor, reason: str) -> None:
        self.inhibitor = inhibitor
        self.reason = reason
        self._want = False
        self._task: asyncio.Task[None] | None = None

    def set_busy(self, busy: bool) -> None:
        idle = self._task is None or self._task.done()
        settled = busy == self.inhibitor.active or (busy and self.inhibitor.problem is not None)
        if busy == self._want and idle and settled:
            return  # already there (or it cannot be had: asked once per busy spell)
        self._want = busy
        if idle:
            self._task = asyncio.get_running_loop().create_task(self._settle())

    async def _settle(self) -> None:
        while self.inhibitor.active != self._want:
            if self._want:
                if not await self.inhibitor.acquire(self.reason):
                    return  # unavailable (logged once by the inhibitor): upload anyway
            else:
                await self.inhibitor.release()

    async def settled(self) -> None:
        """Wait until the OS calls asked for so far are done."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def aclose(self) -> None:
        """Let go (whatever was asked last) and wait until the OS call is done."""
        self._want = False
        if self._task is not None and not self._task.done():
            await self._task
        await self.inhibitor.release()
