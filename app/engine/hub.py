"""The engine's shared services: events, state changes, the client, the journal, failures."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.engine.events import (
    AuthFailed,
    EngineEvent,
    JobError,
    JobLog,
    JobProgress,
    JobState,
    JobStateChanged,
    JobUpdated,
    LogLevel,
    OverallProgress,
    OverallSnapshot,
    PartProgress,
    PartState,
    PartStateChanged,
    QueueFinished,
)
from app.engine.integrity import CHANGED_MESSAGE, FileChangedError, HashStopped
from app.engine.job import ACTIVE_STATES, Job, Part
from app.engine.journaling import JournalQueue
from app.engine.limiter import RequestLimiter
from app.engine.meter import SpeedMeter

# app.api (and httpx) is imported where it is used, not here: `import app.engine` stays light
# for the window's startup.
if TYPE_CHECKING:
    from app.api import AuthenticationError, FileObject, FilesClient
    from app.journal import Journal

log = logging.getLogger("hoist.engine")

OVERALL_EVERY = 0.25  # seconds between OverallProgress events driven by progress
# Slot changes (twice per request) emit at most this often, the last one always delivered:
# a snapshot costs O(jobs), so one per request was quadratic with hundreds of small files.
OVERALL_SLOT_EVERY = 0.04
AUTH_MESSAGE = "API key rejected: check the key in Settings (or OPENAI_API_KEY), then resume."


class Validator(Protocol):
    """app.validation.validate's shape; returns a report with ``.findings``."""

    def __call__(
        self,
        path: Path,
        purpose: str,
        *,
        route: str = ...,
        expires_after: int | None = ...,
        part_size: int = ...,
    ) -> Any: ...


class EngineHub:
    """State and plumbing shared by the Engine's commands and the job runs."""

    executor: ThreadPoolExecutor

    def __init__(
        self,
        client: Callable[[], FilesClient] | FilesClient,
        journal: Journal | None,
        *,
        concurrency: int,
        max_attempts: int,
    ) -> None:
        self._client_source = client
        self._client: FilesClient | None = None
        self._owns_client = False
        self.journal = journal
        self.journal_queue = JournalQueue(journal)
        self.max_attempts = max(1, int(max_attempts))
        self.limiter = RequestLimiter(concurrency, on_change=self._limit_changed)
        self._jobs: dict[str, Job] = {}
        self._subscribers: list[Callable[[EngineEvent], None]] = []
        self._auth_stopped = False
        self._auth_error: JobError | None = None
        self._extra_in_flight = 0
        self._background: set[asyncio.Task[Any]] = set()
        self._meter = SpeedMeter()
        self._last_overall = 0.0
        self._overall_later: asyncio.TimerHandle | None = None
        self.idle = asyncio.Event()
        self.idle.set()
        self._loop: asyncio.AbstractEventLoop | None = None

    def loop(self) -> asyncio.AbstractEventLoop:
        """The engine's event loop (also from plain Qt slots under qasync)."""
        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            if self._loop is None:
                raise
        return self._loop

    def validator(self) -> Validator | None:
        raise NotImplementedError

    # ----- client ------------------------------------------------------------------------

    def client(self) -> FilesClient:
        if self._client is None:
            from app.api import FilesClient

            source = self._client_source
            if isinstance(source, FilesClient):
                self._client = source
            else:
                self._client = source()
                self._owns_client = True
        assert self._client is not None
        return self._client

    def set_client(self, client: Callable[[], FilesClient] | FilesClient) -> None:
        """Use another client (e.g. after the key changed) for requests from now on."""
        old, owned = self._client, self._owns_client
        self._client_source, self._client, self._owns_client = client, None, False
        if old is not None and owned:
            self.spawn(old.aclose(), "close the old client")

    async def close_client(self) -> None:
        if self._client is not None and self._owns_client:
            await self._client.aclose()
        self._client = None

    # ----- events ------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[EngineEvent], None]) -> Callable[[], None]:
        """Call ``callback(event)`` for every event (on the loop thread). Returns unsubscribe.
        Exceptions raised by a callback are logged and swallowed."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def emit(self, event: EngineEvent) -> None:
        for callback in tuple(self._subscribers):
            try:
                callback(event)
            except Exception:
                log.exception("an engine event subscriber failed")

    def overall(self) -> OverallSnapshot:
        jobs = [j for j in self._jobs.values() if j.state is not JobState.CANCELLED]
        active = sum(1 for j in jobs if j.state in ACTIVE_STATES)
        done = sum(j.bytes_done for j in jobs)
        total = sum(j.size for j in jobs)
        speed = self._meter.speed() if active else 0.0
        return OverallSnapshot(
            bytes_done=done,
            total=total,
            speed=speed,
            eta=SpeedMeter.eta(total - done, speed) if active else None,
            requests_in_flight=self.limiter.in_flight + self._extra_in_flight,
            concurrency=self.limiter.effective,
            concurrency_setting=self.limiter.setting,
            jobs_active=active,
        )

    def _emit_overall(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_overall >= OVERALL_EVERY:
            self._last_overall = now
            self.emit(OverallProgress(self.overall()))

    def _limit_changed(self) -> None:
        if self._overall_later is not None:
            return  # an emit is already due; it will carry the latest numbers
        wait = self._last_overall + OVERALL_SLOT_EVERY - time.monotonic()
        if wait <= 0:
            self._emit_overall(force=True)
            return
        try:
            self._overall_later = self.loop().call_later(wait, self._overall_due)
        except RuntimeError:  # no loop yet (limit set before start)
            self._emit_overall(force=True)

    def _overall_due(self) -> None:
        self._overall_later = None
        self._emit_overall(force=True)

    def extra_in_flight(self, job: Job, delta: int) -> None:
        """Requests outside the limit (complete, cancel)."""
        self._extra_in_flight = max(0, self._extra_in_flight + delta)
        job.in_flight = max(0, job.in_flight + delta)
        self._emit_overall(force=True)

    def set_state(self, job: Job, new: JobState) -> None:
        old = job.set_state(new)
        if old is new:
            return
        if new not in (JobState.COMPLETED, JobState.CANCELLED):
            self.journal_call("set_state", job.id, new.value, error=_error_text(job))
        self.emit(JobStateChanged(job.id, old, new, job.snapshot()))
        self.check_idle()

    def check_idle(self) -> None:
        # Newest first: the jobs still waiting are usually the last added (O(1), not O(jobs)).
        busy = any(j.state in ACTIVE_STATES for j in reversed(self._jobs.values()))
        if busy:
            self.idle.clear()
            return
        if self.idle.is_set():
            return
        self.idle.set()
        states = [j.state for j in self._jobs.values()]
        self._emit_overall(force=True)
        self.emit(
            QueueFinished(
                completed=states.count(JobState.COMPLETED),
                failed=states.count(JobState.FAILED),
                cancelled=states.count(JobState.CANCELLED),
                paused=states.count(JobState.PAUSED),
            )
        )

    def log(self, job: Job, text: str, level: LogLevel = LogLevel.INFO) -> None:
        self.emit(JobLog(job.id, job.add_log(text, level)))

    def job_updated(self, job: Job) -> None:
        self.emit(JobUpdated(job.snapshot()))

    def part_changed(self, job: Job, part: Part, reason: str | None = None) -> None:
        self.emit(
            PartStateChanged(
                job.id,
                part.index,
                part.state,
                part.bytes_sent,
                part.attempts,
                part.part_id,
                reason,
            )
        )

    def count_bytes(self, job: Job, delta: int) -> None:
        job.meter.add(delta)
        self._meter.add(delta)

    def progress(self, job: Job, part: Part) -> None:
        self.emit(PartProgress(job.id, part.index, part.bytes_sent))
        speed = job.speed()
        self.emit(JobProgress(job.id, job.bytes_done, job.size, speed, job.eta(speed)))
        self._emit_overall()

    # ----- journal -----------------------------------------------------------------------

    def journal_call(self, method: str, *args: Any, **kwargs: Any) -> Future[Any] | None:
        """Queue a journal write (off the loop, in call order) and return at once; a journal
        failure is logged, never fatal to an upload."""
        return self.journal_queue.submit(method, *args, **kwargs)

    async def journal_read(self, method: str, *args: Any) -> Any:
        """A journal read off the loop, after every write queued before it (None: failed)."""
        return await self.journal_queue.read(method, *args)

    # ----- endings -----------------------------------------------------------------------

    @staticmethod
    def error(message: str, kind: str | None = None) -> JobError:
        return JobError(message, type=kind)

    def completed(self, job: Job, file: FileObject) -> None:
        job.file = file
        job.error = None
        for part in job.parts:
            part.state, part.bytes_sent = PartState.DONE, part.length
        self.journal_call(
            "complete",
            job.id,
            file_id=file.id,
            filename=file.filename,
            nbytes=file.bytes,
            expires_at=file.expires_at,
        )
        self.set_state(job, JobState.COMPLETED)
        self.log(job, f"Completed: file {file.id}.")

    def fail(self, job: Job, error: JobError) -> None:
        job.error = error
        job.drop_in_flight_parts(keep_failed=True)
        self.set_state(job, JobState.FAILED)
        self.log(job, error.message, LogLevel.ERROR)

    def handle_failure(self, job: Job, exc: BaseException) -> None:
        """Turn an exception that ended a job's run into its state and a clear message."""
        from app.api import ApiError, AuthenticationError
        from app.api import FileChangedError as ClientFileChanged

        if isinstance(exc, HashStopped):
            return
        if isinstance(exc, AuthenticationError):
            self.auth_failed(job, exc)
        elif isinstance(exc, FileChangedError | ClientFileChanged):
            self.fail(job, JobError(str(exc) or CHANGED_MESSAGE, type="file_changed"))
        elif isinstance(exc, ApiError):
            self.fail(job, JobError(str(exc), type=exc.type, code=exc.code, status=exc.status))
        elif isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            self.fail(job, JobError(f"The file could not be read: {reason}.", type="file"))
        else:
            log.error("unexpected error in job %s", job.id, exc_info=exc)
            self.fail(job, JobError(f"Unexpected error: {exc!r}", type="internal"))

    def auth_failed(self, job: Job, exc: AuthenticationError) -> None:
        """401: pause every running job once, with one AuthFailed event (no retry storm)."""
        first = not self._auth_stopped
        self._auth_stopped = True
        error = JobError(AUTH_MESSAGE, type="auth", code=exc.code, status=401)
        self._auth_error = error
        for other in [job, *self._jobs.values()]:
            if other.state in ACTIVE_STATES:
                other.generation += 1
                if other is not job and other.task is not None and not other.task.done():
                    other.task.cancel()
                other.drop_in_flight_parts()
                other.error = error
                self.set_state(other, JobState.PAUSED)
                self.log(other, "Stopped: the API key was rejected.", LogLevel.ERROR)
        if first:
            self.emit(AuthFailed(AUTH_MESSAGE))

    def spawn(self, coro: Coroutine[Any, Any, Any], what: str) -> None:
        """A best-effort background request (cancel, delete); failures are only logged."""

        async def guarded() -> None:
            try:
                await coro
            except Exception as exc:
                log.info("could not %s: %s", what, exc)

        task = self.loop().create_task(guarded())
        self._background.add(task)
        task.add_done_callback(self._background.discard)


def _error_text(job: Job) -> str | None:
    return job.error.message if job.error is not None else None
