"""Background tasks started by the window, with strong references (qasync's asyncSlot keeps
none) and errors reported through the loop's exception handler, never lost."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger("hoist.ui")
T = TypeVar("T")


class TaskKeeper:
    """Owns the window's tasks: spawn() keeps each alive until done; cancel_all() on quit."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, T], name: str) -> asyncio.Task[T]:
        task = asyncio.get_event_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            task.get_loop().call_exception_handler(
                {"message": f"Task {task.get_name()} failed", "exception": exc, "task": task}
            )

    @property
    def running(self) -> int:
        return len(self._tasks)

    async def cancel_all(self) -> None:
        tasks = [t for t in self._tasks if not t.done()]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task


async def in_executor(func: Callable[..., T], *args: Any) -> T:
    """Run blocking work (disk, keyring, hashing) off the GUI thread."""
    return await asyncio.get_running_loop().run_in_executor(None, func, *args)
