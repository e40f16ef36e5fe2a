"""The engine's access to the journal, off the event loop (the window's GUI thread).

Every call runs on one worker thread, in the order it was made: a job's create lands before
its state, Upload and part records, and a read sees every write made before it.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.journal import Journal

log = logging.getLogger("hoist.engine")


class JournalQueue:
    """Journal calls on one thread, in order; a journal failure is logged, never fatal."""

    def __init__(self, journal: Journal | None) -> None:
        self.journal = journal
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hoist-journal")

    def _run(self, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        assert self.journal is not None
        try:
            return getattr(self.journal, method)(*args, **kwargs)
        except (sqlite3.Error, OSError):
            log.exception("journal %s failed", method)
            return None

    def submit(self, method: str, *args: Any, **kwargs: Any) -> Future[Any] | None:
        """Queue a call and return at once (None without a journal)."""
        if self.journal is None:
            return None
        try:
            future = self._thread.submit(self._run, method, args, kwargs)
        except RuntimeError:  # closed: a straggler after aclose; do it here, still in order
            done: Future[Any] = Future()
            done.set_result(self._run(method, args, kwargs))
            return done
        future.add_done_callback(_log_unexpected)
        return future

    @staticmethod
    async def committed(future: Future[Any] | None) -> None:
        """Wait until a queued write is done. Cancelling the waiter does not cancel the write
        (a part id the server acknowledged is recorded regardless)."""
        if future is not None:
            await asyncio.shield(asyncio.wrap_future(future))

    async def read(self, method: str, *args: Any) -> Any:
        """The result of a read made after every write queued so far (None on failure)."""
        future = self.submit(method, *args)
        if future is None:
            return None
        return await asyncio.wrap_future(future)

    async def flush(self) -> None:
        """Wait until every call queued so far has finished."""
        if self.journal is None:
            return
        try:
            marker = self._thread.submit(_nothing)
        except RuntimeError:  # closed: nothing is queued any more
            return
        await asyncio.shield(asyncio.wrap_future(marker))

    async def aclose(self) -> None:
        """Finish the queued calls; later calls run on the caller's thread."""
        await self.flush()
        self._thread.shutdown(wait=False)


def _nothing() -> None:
    return None


def _log_unexpected(future: Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("journal call failed", exc_info=future.exception())
