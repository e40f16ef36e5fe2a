"""A job's current run, and the one rule for "this run is stale".

Starting a run (or stopping one) replaces the job's token: a run whose token is no longer
the current one is stale, its callbacks do nothing, and it is cancelled. A new run begins
only once the previous one has ended (its slots released, its finally blocks done).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any


class RunToken:
    """Identifies one run of one job; ``current`` is False once the run is stale."""

    __slots__ = ("_slot",)

    def __init__(self, slot: RunSlot) -> None:
        self._slot = slot

    @property
    def current(self) -> bool:
        return self._slot.token is self


class RunSlot:
    """Holds a job's run task and its token."""

    def __init__(self) -> None:
        self.token: RunToken | None = None
        self.task: asyncio.Task[None] | None = None

    def start(
        self,
        loop: asyncio.AbstractEventLoop,
        run: Callable[[RunToken], Coroutine[Any, Any, None]],
        name: str,
    ) -> asyncio.Task[None]:
        """Make the running run stale and start ``run(token)`` once it has ended."""
        previous = self.task
        self.stop()
        token = self.token = RunToken(self)
        self.task = loop.create_task(self._after(previous, run, token), name=name)
        return self.task

    def stop(self, *, cancel: bool = True) -> None:
        """Make the current run stale; cancel its task (not when called from inside it)."""
        self.token = None
        if cancel and self.task is not None and not self.task.done():
            self.task.cancel()

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    @staticmethod
    async def _after(
        previous: asyncio.Task[None] | None,
        run: Callable[[RunToken], Coroutine[Any, Any, None]],
        token: RunToken,
    ) -> None:
        # The run's coroutine is made only here: a task cancelled before its first step
        # (start then stop at once) never leaves a coroutine that was never awaited.
        if previous is not None and not previous.done():
            await asyncio.wait({previous})
        await run(token)
