"""Background tasks started by the window, with strong references (qasync's asyncSlot keeps
none) and errors reported through the loop's exception handler, never lost."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio

# asyncio is imported where it is used: the window is drawn before asyncio loads (launch).

log = logging.getLogger("hoist.ui")
T = TypeVar("T")


class TaskKeeper:
    """Owns the window's tasks: spawn() keeps each alive until done; cancel_all() on quit."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, T], name: str) -> asyncio.Task[T]:
        import asyncio

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
        """Cancel and await every task but the caller's own (shutdown runs in one of them);
        tasks started by a cancelled task's clean-up are cancelled in the next round."""
        import asyncio

        me = asyncio.current_task()
        while tasks := [t for t in self._tasks if t is not me and not t.done()]:
            for task in tasks:
                task.cancel()
            await asyncio.wait(tasks)


class LatestTask:
    """One job that restarts rather than queues (a list load): start() cancels the run
    still going, so the newest request wins and no stale answer is shown after it."""

    def __init__(self, keeper: TaskKeeper, name: str) -> None:
        self._keeper = keeper
        self._name = name
        self._task: asyncio.Task[None] | None = None

    def start(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        self.cancel()
        self._task = self._keeper.spawn(coro, self._name)
        return self._task

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()


async def in_executor(func: Callable[..., T], *args: Any) -> T:
    """Run blocking work (disk, keyring, hashing) off the GUI thread."""
    import asyncio

    return await asyncio.get_running_loop().run_in_executor(None, func, *args)
