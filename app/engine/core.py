"""The Engine: jobs, the shared request limit, pause/resume/cancel/retry. Plain asyncio."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.engine.events import JobAdded, JobId, JobRemoved, JobSnapshot, JobState, Route
from app.engine.hub import EngineHub, Validator
from app.engine.integrity import FileStat, stat_file
from app.engine.job import ACTIVE_STATES, Job
from app.engine.limiter import clamp_concurrency
from app.engine.planning import MAX_PART_SIZE, choose_route, clamp_part_size, size_problem
from app.engine.restore import job_from_journal
from app.engine.runner import JobRun

if TYPE_CHECKING:
    from app.api import FilesClient
    from app.journal import Journal, JournalJob

log = logging.getLogger("hoist.engine")

MiB = 1024 * 1024
DEFAULT_VALIDATOR: Any = "default"  # sentinel: app.validation.validate


class EngineError(Exception):
    """A usage error (unknown job, bad argument); str() is one clear sentence."""


class Engine(EngineHub):
    """Uploads files through one FilesClient with one global limit on requests in flight.

    Construct and use it on the running event loop (qasync in the window, asyncio in the CLI).
    All methods except the ``async`` ones return immediately and never block on I/O.
    """

    def __init__(
        self,
        client: Callable[[], FilesClient] | FilesClient,
        journal: Journal | None = None,
        *,
        concurrency: int = 4,
        part_size: int = 64 * MiB,
        max_attempts: int = 5,
        stall_timeout: float = 60.0,
        validator: Validator | None = DEFAULT_VALIDATOR,
    ) -> None:
        """``client``: a FilesClient or a factory called once, lazily (the engine closes a
        client it made in ``aclose``; a client passed in is left open).
        ``journal``: where jobs, Upload ids and part ids are recorded (None: memory only).
        ``concurrency``: requests in flight across all jobs, 1..16.
        ``part_size``: bytes per part, at most 64 MiB (used for new jobs).
        ``max_attempts``: per request (passed to the client for parts).
        ``stall_timeout``: kept for the settings; the client's own watchdog does the work.
        ``validator``: None disables validation; the default is app.validation.validate."""
        super().__init__(client, journal, concurrency=concurrency, max_attempts=max_attempts)
        self.part_size = clamp_part_size(part_size)
        self.stall_timeout = stall_timeout
        self._validator: Validator | None
        if validator is DEFAULT_VALIDATOR:
            from app.validation import validate

            self._validator = validate
        else:
            self._validator = validator
        self.executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="hoist-engine")
        self._closed = False

    def validator(self) -> Validator | None:
        return self._validator

    # ----- observing ---------------------------------------------------------------------

    def _job(self, job_id: JobId) -> Job:
        try:
            return self._jobs[job_id]
        except KeyError:
            raise EngineError(f"There is no job {job_id!r}.") from None

    def snapshot(self, job_id: JobId) -> JobSnapshot:
        """The job as it is now. Raises EngineError for an unknown id."""
        return self._job(job_id).snapshot()

    def jobs(self) -> list[JobSnapshot]:
        """All jobs still in the engine (not removed), in the order they were added."""
        return [job.snapshot() for job in self._jobs.values()]

    @property
    def concurrency(self) -> int:
        """The configured limit (1..16); OverallSnapshot.concurrency is the effective one."""
        return self.limiter.setting

    @property
    def requests_in_flight(self) -> int:
        return self.limiter.in_flight + self._extra_in_flight

    # ----- commands ----------------------------------------------------------------------

    async def add(
        self,
        path: Path | str,
        purpose: str,
        *,
        expires_after: int | None = None,
        route: Route | str = Route.AUTO,
        resume: bool = True,
        validate: bool = True,
        start: bool = True,
    ) -> JobId:
        """Queue a file and return its job id at once (the upload runs in the background).

        ``resume``: when the journal holds an unfinished job for the same path, purpose,
        expiry and route, continue that one (same Upload, only missing parts) — or, when it is
        already in this engine, return its id (resuming it if paused or failed).
        ``validate``: False skips validation (the caller already checked).
        ``start``: False adds it as PAUSED. Raises EngineError only for bad arguments; a file
        that is missing, too large or invalid becomes a FAILED job with a clear error."""
        if self._closed:
            raise EngineError("The engine is closed.")
        self.loop()  # remember the loop for commands called outside a coroutine
        if not purpose:
            raise EngineError("A purpose is required.")
        try:
            route = Route(route)
        except ValueError:
            raise EngineError(f"Unknown route {route!r}; use auto, files or uploads.") from None
        path = Path(path).expanduser().absolute()
        if resume:
            found = self._find_existing(path, purpose, expires_after, route, start)
            if found is None and self.journal is not None:
                # Off the loop (the window's GUI thread), after the writes queued so far.
                entry = await self.journal_read(
                    "find_unfinished", path, purpose, expires_after, route.value
                )
                if self._closed:
                    raise EngineError("The engine is closed.")
                # Another add of the same file may have finished while this one read.
                found = self._find_existing(path, purpose, expires_after, route, start)
                if found is None and entry is not None and entry.id not in self._jobs:
                    found = self._adopt(entry, start)
            if found is not None:
                return found
        try:
            stat = stat_file(path)
            missing = None if path.is_file() else f"{path.name} is not a regular file."
        except OSError as exc:
            stat = FileStat(0, 0)
            missing = f"The file {path} cannot be read: {exc.strerror or exc}."
        job = Job(
            id=uuid.uuid4().hex,
            path=path,
            purpose=purpose,
            expires_after=expires_after,
            route=route,
            part_size=self.part_size,
            stat=stat,
        )
        job.validated = not validate or self._validator is None
        job.replan(choose_route(route, stat.size, self.part_size))
        self._jobs[job.id] = job
        problem = missing or size_problem(job.effective_route, stat.size)
        if problem is None:
            self.journal_call(
                "create_job",
                job.id,
                path=path,
                size=stat.size,
                mtime_ns=stat.mtime_ns,
                purpose=purpose,
                expires_after=expires_after,
                route=route.value,
                part_size=job.part_size,
            )
        self.emit(JobAdded(job.snapshot()))
        if problem is not None:
            self.fail(job, self.error(problem, "file" if missing else "size"))
        elif not start or self._auth_stopped:
            self._hold(job)
        else:
            self._start(job)
        return job.id

    def _find_existing(
        self, path: Path, purpose: str, expires_after: int | None, route: Route, start: bool
    ) -> JobId | None:
        for job in self._jobs.values():
            same = (job.path, job.purpose, job.expires_after, job.route)
            if same == (path, purpose, expires_after, route) and job.state not in (
                JobState.COMPLETED,
                JobState.CANCELLED,
            ):
                if start and job.state is JobState.PAUSED:
                    self.resume(job.id)
                elif start and job.state is JobState.FAILED:
                    self.retry(job.id)
                return job.id
        return None

    def _adopt(self, entry: JournalJob, start: bool) -> JobId:
        """Bring an unfinished job of the journal into the engine (resuming it if asked)."""
        job = job_from_journal(self, entry)
        self._jobs[job.id] = job
        self.emit(JobAdded(job.snapshot()))
        if start and job.state is JobState.PAUSED and not self._auth_stopped:
            self._start(job)
        elif start and job.state is JobState.FAILED:
            self.retry(job.id)
        return job.id

    def _hold(self, job: Job) -> None:
        if self._auth_stopped:
            job.error = self._auth_error  # why it waits, like the jobs the 401 stopped
        self.set_state(job, JobState.PAUSED)
        if self._auth_stopped:
            self.log(job, "Waiting: the API key was rejected. Fix it, then resume.")

    def _start(self, job: Job) -> None:
        if job.state is not JobState.QUEUED:
            self.set_state(job, JobState.QUEUED)
        job.error = None
        job.generation += 1
        previous = job.task
        job.task = self.loop().create_task(
            JobRun(self, job, job.generation).run(previous), name=f"hoist-job-{job.id}"
        )
        job.task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("job task failed", exc_info=task.exception())

    def _stop(self, job: Job) -> None:
        """Cancel the job's run (its requests in flight end now); drop unfinished parts."""
        job.generation += 1
        if job.task is not None and not job.task.done():
            job.task.cancel()
        job.drop_in_flight_parts()

    def pause(self, job_id: JobId) -> None:
        """Cancel the job's requests in flight (partial bytes dropped) and start no new one.
        Finished parts are kept. No-op when already paused/terminal or while completing."""
        job = self._job(job_id)
        if job.state not in (JobState.QUEUED, JobState.VALIDATING, JobState.UPLOADING):
            return
        self._stop(job)
        self.set_state(job, JobState.PAUSED)
        self.log(job, "Paused.")
        self.job_updated(job)

    def resume(self, job_id: JobId) -> None:
        """Continue a paused job: only the missing parts go, to the same Upload when valid."""
        job = self._job(job_id)
        if job.state is not JobState.PAUSED:
            return
        self._auth_stopped = False
        self.log(job, "Resumed.")
        self._start(job)

    def retry(self, job_id: JobId) -> None:
        """Start a FAILED job again, re-using its Upload and finished parts when still valid
        (not expired, file unchanged). Also accepted for PAUSED jobs (same as resume)."""
        job = self._job(job_id)
        if job.state not in (JobState.FAILED, JobState.PAUSED):
            return
        try:
            current = stat_file(job.path)
        except OSError as exc:
            job.error = self.error(f"The file {job.path} cannot be read: {exc.strerror}.", "file")
            self.job_updated(job)
            return
        if current != job.stat:
            job.stat = current
            job.forget_upload()
            job.replan(choose_route(job.route, current.size, job.part_size))
            job.validated = self._validator is None
            self.journal_call(
                "set_file_stat", job.id, current.size, current.mtime_ns, job.part_size
            )
            self.log(job, "The file changed; it will be sent again from the start.")
            problem = size_problem(job.effective_route, current.size)
            if problem:
                job.error = self.error(problem, "size")
                self.job_updated(job)
                return
        self._auth_stopped = False
        self.log(job, "Retrying.")
        self._start(job)

    def cancel(self, job_id: JobId) -> None:
        """Stop the job, cancel its Upload at the server (best effort, in the background) and
        mark it cancelled in the journal. The job stays listed (CANCELLED) until removed."""
        job = self._job(job_id)
        if job.state in (JobState.COMPLETED, JobState.CANCELLED):
            return
        self._stop(job)
        job.md5_stop.set()
        upload_id = job.upload_id
        self.set_state(job, JobState.CANCELLED)
        self.journal_call("forget", job.id)
        self.log(job, "Cancelled.")
        if upload_id is not None:
            self.spawn(self._cancel_upload(job, upload_id), "cancel an upload")

    async def _cancel_upload(self, job: Job, upload_id: str) -> None:
        self.extra_in_flight(job, +1)
        try:
            await self.client().cancel_upload(upload_id)
        finally:
            self.extra_in_flight(job, -1)

    def remove(self, job_id: JobId) -> None:
        """Forget a job: an active one is cancelled first. Completed uploads stay in history."""
        job = self._job(job_id)
        if job.state is not JobState.COMPLETED:
            self.cancel(job_id)
        del self._jobs[job_id]
        self.emit(JobRemoved(job_id))
        self.check_idle()

    def pause_all(self) -> None:
        for job in list(self._jobs.values()):
            self.pause(job.id)

    def resume_all(self) -> None:
        """Resume every paused job (also clears the stop caused by a rejected API key)."""
        self._auth_stopped = False
        for job in list(self._jobs.values()):
            self.resume(job.id)

    def set_concurrency(self, n: int) -> None:
        """Change the global limit (clamped to 1..16) while running."""
        self.limiter.set_limit(clamp_concurrency(n))

    def set_part_size(self, part_size: int) -> None:
        """Part size for jobs added from now on (clamped to 1 MiB..64 MiB)."""
        self.part_size = clamp_part_size(part_size)

    def set_max_attempts(self, n: int) -> None:
        self.max_attempts = max(1, int(n))

    async def wait(self, job_id: JobId) -> JobSnapshot:
        """Wait until the job is settled (completed, failed, cancelled or paused)."""
        job = self._job(job_id)
        while job.state in ACTIVE_STATES:
            await job.settled.wait()
        await self.journal_queue.flush()  # its journal record is up to date too
        return job.snapshot()

    async def wait_idle(self) -> None:
        """Wait until no job is queued, validating, uploading or completing."""
        while any(job.state in ACTIVE_STATES for job in self._jobs.values()):
            await self.idle.wait()
        await self.journal_queue.flush()

    async def restore_from_journal(self, *, start: bool = False) -> list[JobId]:
        """Bring back the journal's unfinished jobs (PAUSED, or running when ``start``).
        A file that changed or vanished, or an expired Upload, means a fresh Upload."""
        self.loop()
        if self.journal is None:
            return []
        restored = []
        for entry in await self.journal_read("unfinished") or []:
            if entry.id in self._jobs:
                continue
            job = job_from_journal(self, entry)
            self._jobs[job.id] = job
            self.emit(JobAdded(job.snapshot()))
            if start and job.state is JobState.PAUSED:
                self._start(job)
            restored.append(job.id)
        return restored

    async def aclose(self) -> None:
        """Pause everything (jobs stay resumable in the journal), wait for tasks to end and
        close a client the engine made. The engine is unusable afterwards."""
        if self._closed:
            return
        self._closed = True
        self.pause_all()
        tasks = [job.task for job in self._jobs.values() if job.task is not None]
        for job in self._jobs.values():
            job.md5_stop.set()
        pending = [t for t in tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=10)
        if self._background:
            await asyncio.wait(set(self._background), timeout=5)
        self.limiter.close()
        await self.journal_queue.aclose()  # every record written before this returns
        await self.close_client()
        self.executor.shutdown(wait=False, cancel_futures=True)


__all__ = ["MAX_PART_SIZE", "Engine", "EngineError", "Validator"]
