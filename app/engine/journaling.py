"""The engine's access to the journal, off the event loop (the window's GUI thread).

A call is a callable taking the Journal, e.g. ``queue.submit(lambda j: j.forget(job_id))``:
mypy checks the method and its arguments (no method names as strings).
Every call runs in the order it was made: a job's create lands before its state, Upload and
part records, and a read sees every write made before it. Calls made in one turn of the event
loop (and while the journal is busy) run together in one transaction (one commit instead of
one each); a call's future is done only once that transaction is committed.

Where they run: on one worker thread (the window: its loop never waits for the disk), or
``on_loop`` at the end of the loop's turn (the CLI: a commit is a brief write to the WAL, and
skipping the thread hop and the wake-ups back is most of a small file's journal cost).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from app.journal import Journal

log = logging.getLogger("hoist.engine")

R = TypeVar("R")
JournalCall = Callable[["Journal"], R]
"""One journal call: gets the Journal, returns what the journal method returns."""


class JournalQueue:
    """Journal calls on one thread, in order; a journal failure is logged, never fatal."""

    def __init__(self, journal: Journal | None, *, on_loop: bool = False) -> None:
        self.journal = journal
        self.on_loop = on_loop
        self._thread = (
            None if on_loop else ThreadPoolExecutor(1, thread_name_prefix="hoist-journal")
        )
        self._pending: list[_Call] = []
        self._pending_lock = threading.Lock()
        self._last: Future[Any] | None = None  # futures resolve in call order
        self.failures = 0  # journal calls or commits that failed (logged): records lost
        self._closed = False  # after aclose: every call runs at once, on the caller's thread

    def _run(self, call: JournalCall[Any]) -> Any:
        assert self.journal is not None
        try:
            return call(self.journal)
        except (sqlite3.Error, OSError):
            self.failures += 1
            log.exception("a journal call failed")
            return None

    def submit(self, call: JournalCall[R]) -> Future[R | None] | None:
        """Queue a call and return at once (None without a journal). The future holds the
        call's result, or None when the journal failed (logged, never fatal)."""
        if self.journal is None:
            return None
        future: Future[R | None] = Future()
        future.add_done_callback(_log_unexpected)
        self._last = future
        with self._pending_lock:
            self._pending.append((call, future))
            if len(self._pending) > 1:
                return future  # a drain is already queued and will take this call too
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or self._closed:
            self._kick()
        else:  # after this turn of the loop: the calls it makes share one transaction
            loop.call_soon(self._drain if self.on_loop else self._kick)
        return future

    def _kick(self) -> None:
        if self._thread is None or self._closed:  # (closed: a straggler; still in order)
            self._drain()
            return
        self._thread.submit(self._drain)

    def _drain(self) -> None:
        """Run every queued call in one transaction, then resolve their futures."""
        assert self.journal is not None
        with self._pending_lock:
            calls, self._pending = self._pending, []
        if not calls:  # (on the loop: an earlier read or flush drained them already)
            return
        outcomes: list[tuple[bool, Any]] = []
        # one call alone is its own transaction (a read needs none): no savepoint around it
        batch = self.journal.batch() if len(calls) > 1 else contextlib.nullcontext()
        try:
            with batch:
                for call, _ in calls:
                    try:
                        outcomes.append((True, self._run(call)))
                    except BaseException as exc:  # unexpected: handed to its future
                        outcomes.append((False, exc))
        except (sqlite3.Error, OSError):
            self.failures += 1
            log.exception("journal commit failed")
            outcomes = [(True, None)] * len(calls)
        for (_, future), (ok, value) in zip(calls, outcomes, strict=True):
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

    async def read(self, call: JournalCall[R]) -> R | None:
        """The result of a read made after every write queued so far (None on failure)."""
        future = self.submit(call)
        if future is None:
            return None
        if self.on_loop:  # run it (and the calls before it) now: no wait for the loop's turn
            self._drain()
            return future.result()
        return await asyncio.wrap_future(future)

    async def flush(self) -> None:
        """Wait until every call queued so far has finished."""
        last = self._last
        if last is not None and not last.done():
            if self.on_loop:
                self._drain()
                return
            await asyncio.shield(asyncio.wrap_future(last))

    async def aclose(self) -> None:
        """Finish the queued calls; later calls run on the caller's thread."""
        await self.flush()
        self._closed = True
        if self._thread is not None:
            self._thread.shutdown(wait=False)


_Call = tuple[JournalCall[Any], "Future[Any]"]


def _log_unexpected(future: Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("journal call failed", exc_info=future.exception())
