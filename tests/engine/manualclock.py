"""A clock the test moves by hand, with timers that fire as it passes them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class ManualTimer:
    def __init__(self, due: float, callback: Callable[[], None]) -> None:
        self.due = due
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


async def settle() -> None:
    """Let every ready task run until they all block again (no time passes)."""
    for _ in range(50):
        await asyncio.sleep(0)


class ManualClock:
    def __init__(self) -> None:
        self.t = 0.0
        self.timers: list[ManualTimer] = []

    def now(self) -> float:
        return self.t

    def call_later(self, delay: float, callback: Callable[[], None]) -> ManualTimer:
        timer = ManualTimer(self.t + max(0.0, delay), callback)
        self.timers.append(timer)
        return timer

    def pending(self) -> list[ManualTimer]:
        return [t for t in self.timers if not t.cancelled]

    async def advance_to(self, target: float) -> None:
        await settle()
        while True:
            due = [t for t in self.pending() if t.due <= target]
            if not due:
                break
            timer = min(due, key=lambda t: t.due)
            self.timers.remove(timer)
            self.t = max(self.t, timer.due)
            timer.callback()
            await settle()
        self.t = max(self.t, target)
        await settle()
