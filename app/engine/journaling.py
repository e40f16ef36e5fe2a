"""The engine's access to the journal, off the event loop (the window's GUI thread).

Every call runs on one worker thread, in the order it was made: a job's create lands before
its state, Upload and part records, and a read sees every write made before it. Calls queued
while the thread is busy run together in one transaction (one commit instead of one each);
a call's future is done only once that transaction is committed.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
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
        self._pending: list[_Call] = []
        self._pending_lock = threading.Lock()
        self._last: Future[Any] | None = None  # futures resolve in call order

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
        future: Future[Any] = Future()
        future.add_done_callback(_log_unexpected)
        self._last = future
        with self._pending_lock:
            self._pending.append((method, args, kwargs, future))
            if len(self._pending) > 1:
                return future  # a drain is already queued and will take this call too
        try:
            self._thread.submit(self._drain)
        except RuntimeError:  # closed: a straggler after aclose; do it here, still in order
            self._drain()
        return future

    def _drain(self) -> None:
        """Run every queued call in one transaction, then resolve their futures."""
        assert self.journal is not None
        with self._pending_lock:
            calls, self._pending = self._pending, []
        outcomes: list[tuple[bool, Any]] = []
        try:
            with self.journal.batch():
                for method, args, kwargs, _ in calls:
                    try:
                        outcomes.append((True, self._run(method, args, kwargs)))
                    except BaseException as exc:  # unexpected: handed to its future
                        outcomes.append((False, exc))
        except (sqlite3.Error, OSError):
            log.exception("journal commit failed")
            outcomes = [(True, None)] * len(calls)
        for (_, _, _, future), (ok, value) in zip(calls, outcomes, strict=True):
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

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
        last = self._last
        if last is not None and not last.done():
            await asyncio.shield(asyncio.wrap_future(last))

    async def aclose(self) -> None:
        """Finish the queued calls; later calls run on the caller's thread."""
        await self.flush()
        self._thread.shutdown(wait=False)


_Call = tuple[str, tuple[Any, ...], dict[str, Any], "Future[Any]"]


def _log_unexpected(future: Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("journal call failed", exc_info=future.exception())
