"""The engine's loop and its best-effort background requests (cancel, delete)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger("hoist.engine")


class Background:
    """Remembers the engine's event loop and owns the background tasks until they end."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def loop(self) -> asyncio.AbstractEventLoop:
        """The engine's event loop (also from plain Qt slots under qasync)."""
        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            if self._loop is None:
                raise
        return self._loop

    def spawn(self, coro: Coroutine[Any, Any, Any], what: str) -> None:
        """A best-effort request: an API or network failure is only logged (the user loses
        nothing by it); anything else is a bug and goes to the loop's exception handler."""
        from app.api import ApiError

        async def guarded() -> None:
            try:
                await coro
            except (ApiError, OSError) as exc:
                log.info("could not %s: %s", what, exc)

        task = self.loop().create_task(guarded(), name=f"hoist-{what}")
        self._tasks.add(task)
        task.add_done_callback(self._ended)

    def _ended(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            task.get_loop().call_exception_handler(
                {"message": "A background request failed unexpectedly", "exception": exc,
                 "task": task}
            )  # fmt: skip

    async def aclose(self, timeout: float) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)
