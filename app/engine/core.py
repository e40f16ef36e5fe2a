"""The Engine: the public face of the composed services (app.engine.services). Plain asyncio."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.engine.admission import JobAdmission
from app.engine.checking import run_validator
from app.engine.context import Validator
from app.engine.control import JobControl
from app.engine.errors import EngineError
from app.engine.events import (
    ACTIVE_STATES,
    EngineEvent,
    JobAdded,
    JobId,
    JobRemoved,
    JobSnapshot,
    JobState,
    NetworkWaiting,
    OverallSnapshot,
    Route,
)
from app.engine.integrity import stat_file
from app.engine.job import Job
from app.engine.limiter import RequestLimiter
from app.engine.planning import MAX_PART_SIZE, choose_route, clamp_part_size
from app.engine.restore import job_from_journal
from app.engine.services import EngineServices, RateControl
from app.filetypes import mime_type_for
from app.limits import DEFAULT_PART_SIZE
from app.validation.model import Report

if TYPE_CHECKING:
    from app.api import FilesClient
    from app.journal import Journal


class _Default:
    """The default validator: app.validation.validate (imported when the engine is made)."""


DEFAULT_VALIDATOR = _Default()


class Engine(RateControl):
    """Uploads files through one FilesClient with one global limit on requests in flight.

    Construct and use it on the running event loop (qasync in the window, asyncio in the CLI).
    All methods except the ``async`` ones return immediately and never block on I/O.
    """

    def __init__(
        self,
        client: Callable[[], FilesClient] | FilesClient,
        journal: Journal | None = None,
        *,
        concurrency: int | str = 4,
        part_size: int = DEFAULT_PART_SIZE,
        max_attempts: int = 5,
        stall_timeout: float = 60.0,
        validator: Validator | _Default | None = DEFAULT_VALIDATOR,
        max_offline: float | None = None,
        limit_rate: float = 0,
        journal_on_loop: bool = False,
    ) -> None:
        """``client``: a FilesClient or a factory called once, lazily (the engine closes a
        client it made in ``aclose``; a client passed in is left open).
        ``journal``: where jobs, Upload ids and part ids are recorded (None: memory only).
        ``concurrency``: 1..16 in flight over all jobs, or "auto"; ``part_size``: 1..64 MiB.
        ``max_attempts``: per request (passed to the client for parts).
        ``stall_timeout``: kept for the settings; the client's own watchdog does the work.
        ``validator``: None disables validation; the default is app.validation.validate.
        ``max_offline``: how long a server may be unreachable (None: no end; 0: fail at once).
        ``limit_rate``: the upload cap (bytes/s, 0: none) of RateControl, for all requests.
        ``journal_on_loop``: journal writes on the loop thread (the CLI), not a worker thread."""
        if isinstance(validator, _Default):
            from app.validation import validate

            validator = validate
        self.journal = journal
        self.services = EngineServices(
            client, journal, concurrency=concurrency, max_attempts=max_attempts,
            validator=validator, limit_rate=limit_rate, journal_on_loop=journal_on_loop,
        )  # fmt: skip
        self.control = JobControl(self.services)
        self._admission = JobAdmission(self.services, self.control, self._check_open)
        self.services.network.max_offline = max_offline
        self.part_size = clamp_part_size(part_size)
        self.stall_timeout = stall_timeout
        self._closed = False

    # ----- observing ---------------------------------------------------------------------

    @property
    def _jobs(self) -> dict[JobId, Job]:
        return self.services.jobs.by_id

    @property
    def limiter(self) -> RequestLimiter:
        return self.services.limiter

    @property
    def max_attempts(self) -> int:
        return self.services.max_attempts

    @property
    def journal_failures(self) -> int:
        """Journal writes that failed so far (each logged): what the journal may not know."""
        return self.services.journal.failures

    def subscribe(self, callback: Callable[[EngineEvent], None]) -> Callable[[], None]:
        """Call ``callback(event)`` for every event (on the loop thread). Returns unsubscribe.
        Exceptions raised by a callback are logged and swallowed."""
        return self.services.bus.subscribe(callback)

    def snapshot(self, job_id: JobId) -> JobSnapshot:
        """The job as it is now. Raises EngineError for an unknown id."""
        return self.services.jobs.get(job_id).snapshot()

    def jobs(self) -> list[JobSnapshot]:
        """All jobs still in the engine (not removed), in the order they were added."""
        return [job.snapshot() for job in self.services.jobs]

    def overall(self) -> OverallSnapshot:
        return self.services.reporter.overall()

    def any_active(self) -> bool:
        """Whether a job is queued, validating, uploading or completing (cheaper than overall)."""
        return self.services.jobs.any_active()

    @property
    def concurrency(self) -> int:
        """The configured limit (1..16); OverallSnapshot.concurrency is the effective one."""
        return self.services.limiter.setting

    @property
    def requests_in_flight(self) -> int:
        return self.services.limiter.in_flight + self.services.reporter.extra_in_flight

    def client(self) -> FilesClient:
        return self.services.client()

    def set_client(self, client: Callable[[], FilesClient] | FilesClient) -> None:
        """Use another client (e.g. after the key changed) for requests from now on."""
        self.services.clients.replace(client)

    def drop_connections(self) -> int:
        """The connections are stale (after a suspend, a network change): requests in flight
        end now and are sent again on new connections. Returns how many were ended."""
        client = self.services.clients.current
        return client.requester.drop_connections() if client is not None else 0

    async def close_client(self) -> None:
        await self.services.clients.aclose()

    # ----- the one validation path -------------------------------------------------------

    async def check(
        self,
        path: Path | str,
        purpose: str,
        *,
        expires_after: int | None = None,
        route: Route | str = Route.AUTO,
        part_size: int | None = None,
    ) -> Report:
        """Validate a file exactly as ``add`` would before sending it (same validator, same
        route rule), off the loop. With validation off, a report without findings."""
        path = Path(path).expanduser().absolute()
        validator = self.services.validator
        if validator is None:
            return Report((), 0, None, mime_type_for(path))
        size_of_part = clamp_part_size(part_size or self.part_size)
        try:
            size = stat_file(path).size
        except OSError:
            size = 0  # the validator says what is wrong with the file
        return await run_validator(
            validator,
            self.services.executor,
            path,
            purpose,
            route=choose_route(_route(route), size, size_of_part),
            expires_after=expires_after,
            part_size=size_of_part,
        )

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
        ``validate``: False skips validation (the caller already checked with ``check``).
        ``start``: False adds it as PAUSED. Raises EngineError only for bad arguments; a file
        that is missing, too large or invalid becomes a FAILED job with a clear error."""
        self._check_open()
        if not purpose:
            raise EngineError("A purpose is required.")
        return await self._admission.add(
            Path(path).expanduser().absolute(),
            purpose,
            expires_after=expires_after,
            route=_route(route),
            resume=resume,
            validate=validate,
            start=start,
            part_size=self.part_size,
        )

    def _check_open(self) -> None:
        if self._closed:
            raise EngineError("The engine is closed.")

    def pause(self, job_id: JobId) -> None:
        """Cancel the job's requests in flight (partial bytes dropped) and start no new one.
        Finished parts are kept. No-op when already paused/terminal or while completing."""
        self.control.pause(self.services.jobs.get(job_id))

    def resume(self, job_id: JobId) -> None:
        """Continue a paused job: only the missing parts go, to the same Upload when valid."""
        self.control.resume(self.services.jobs.get(job_id))

    def retry(self, job_id: JobId) -> None:
        """Start a FAILED job again, re-using its Upload and finished parts when still valid
        (not expired, file unchanged). Also accepted for PAUSED jobs (same as resume)."""
        self.control.retry(self.services.jobs.get(job_id))

    def cancel(self, job_id: JobId) -> None:
        """Stop the job, cancel its Upload at the server (best effort, in the background) and
        mark it cancelled in the journal. The job stays listed (CANCELLED) until removed."""
        self.control.cancel(self.services.jobs.get(job_id))

    def remove(self, job_id: JobId) -> None:
        """Forget a job: an active one is cancelled first. Completed uploads stay in history."""
        s = self.services
        job = s.jobs.get(job_id)
        if job.state is not JobState.COMPLETED:
            self.control.cancel(job)
        s.jobs.remove(job_id)
        s.claims.release_for(job)
        s.bus.emit(JobRemoved(job_id))
        s.states.check_idle()

    def pause_all(self) -> None:
        for job in self.services.jobs:
            self.control.pause(job)

    def stop_all(self) -> None:
        """Ctrl+C / quit: pause everything, completing jobs included (their complete is
        abandoned; the next run finds out whether the server finished it)."""
        self.pause_all()
        for job in self.services.jobs:
            self.control.halt(job)

    def resume_all(self) -> None:
        """Resume every paused job (also clears the stop caused by a rejected API key)."""
        self.services.auth.reopen()
        for job in self.services.jobs:
            self.control.resume(job)

    def set_concurrency(self, n: int | str) -> None:
        """Change the global limit (1..16) while running, or "auto" (found by throughput)."""
        self.services.set_concurrency(n)

    def set_part_size(self, part_size: int) -> None:
        """Part size for jobs added from now on (clamped to 1 MiB..64 MiB)."""
        self.part_size = clamp_part_size(part_size)

    def set_max_offline(self, seconds: float | None) -> None:
        """How long to wait for an unreachable server (None: as long as it takes)."""
        self.services.network.max_offline = seconds

    def network_waiting(self) -> NetworkWaiting | None:
        """While jobs wait for the network: since when and how many parts are safe."""
        network = self.services.network
        return network.status() if network.waiting else None

    def probe_network(self) -> None:
        """The OS says the link is back: probe now instead of at the next backoff step."""
        self.services.network.probe_now()

    def set_max_attempts(self, n: int) -> None:
        self.services.max_attempts = max(1, int(n))

    async def wait(self, job_id: JobId) -> JobSnapshot:
        """Wait until the job is settled (completed, failed, cancelled or paused)."""
        job = self.services.jobs.get(job_id)
        while job.state in ACTIVE_STATES:
            await job.settled.wait()
        await self.services.journal.flush()  # its journal record is up to date too
        return job.snapshot()

    async def wait_idle(self) -> None:
        """Wait until no job is queued, validating, uploading or completing."""
        s = self.services
        while s.jobs.any_active():
            await s.states.idle.wait()
        await s.journal.flush()

    async def restore_from_journal(self, *, start: bool = False) -> list[JobId]:
        """Bring back the journal's unfinished jobs (PAUSED, or running when ``start``).
        A file that changed or vanished, or an expired Upload, means a fresh Upload."""
        s = self.services
        s.background.loop()
        if self.journal is None:
            return []
        restored = []
        for entry in await s.journal.read(lambda j: j.unfinished()) or []:
            if entry.id in s.jobs:
                continue
            job = job_from_journal(s, entry)
            s.jobs.add(job)
            s.bus.emit(JobAdded(job.snapshot()))
            if start and job.state is JobState.PAUSED:
                self.control.start(job)
            restored.append(job.id)
        return restored

    async def aclose(self) -> None:
        """Pause everything (jobs stay resumable in the journal), wait for tasks to end and
        close a client the engine made. The engine is unusable afterwards."""
        if self._closed:
            return
        self._closed = True
        s = self.services
        self.stop_all()
        tasks = [job.runs.task for job in s.jobs if job.runs.task is not None]
        for job in s.jobs:
            job.md5_stop.set()
        pending = [t for t in tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=10)
        await s.background.aclose(timeout=5)
        await s.network.aclose()
        s.claims.release_all()
        s.close_limits()
        await s.journal.aclose()  # every record written before this returns
        await s.clients.aclose()
        s.executor.shutdown(wait=False, cancel_futures=True)


def _route(route: Route | str) -> Route:
    try:
        return Route(route)
    except ValueError:
        raise EngineError(f"Unknown route {route!r}; use auto, files or uploads.") from None


__all__ = ["MAX_PART_SIZE", "Engine", "EngineError", "Validator"]
