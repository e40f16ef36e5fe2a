"""The engine's services, composed: each does one job; this object wires them together and
is the typed context (RunContext, RestoreContext) that job runs and restores see."""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

from app.engine.autotune import AUTO, ConcurrencyTuner
from app.engine.background import Background
from app.engine.bandwidth import BandwidthBucket
from app.engine.bus import EventHub
from app.engine.claims import JobClaims
from app.engine.clients import ClientHolder
from app.engine.context import Validator
from app.engine.daemonpool import DaemonPool
from app.engine.events import JobError, JobState, LogLevel, PartState
from app.engine.failures import AuthGate, FailureHandler
from app.engine.job import Job, Part
from app.engine.journaling import JournalCall, JournalQueue
from app.engine.limiter import RequestLimiter, clamp_concurrency
from app.engine.network import NetworkWatch
from app.engine.progress import ProgressReporter
from app.engine.registry import JobRegistry
from app.engine.states import JobStates

if TYPE_CHECKING:
    from app.api import FileObject, FilesClient
    from app.journal import Journal

R = TypeVar("R")


class EngineServices:
    """Event hub, journal writer, client holder, request limiter, job registry, progress,
    state changes, failure handling, the network watch and background tasks: built once
    per Engine."""

    def __init__(
        self,
        client: Callable[[], FilesClient] | FilesClient,
        journal: Journal | None,
        *,
        concurrency: int | str,
        max_attempts: int,
        validator: Validator | None,
        limit_rate: float = 0,
        journal_on_loop: bool = False,
    ) -> None:
        self.bus = EventHub()
        self.background = Background()
        # one upload-rate cap across every request of every job (bytes/s, 0 = none)
        self.bandwidth = BandwidthBucket(limit_rate)
        self.clients = ClientHolder(client, self.background, self.bandwidth)
        self.journal = JournalQueue(journal, on_loop=journal_on_loop)
        self.jobs = JobRegistry()
        self.claims = JobClaims(self.journal)
        fixed = 4 if concurrency == AUTO else int(concurrency)
        self.limiter = RequestLimiter(fixed, on_change=self._limit_changed)
        self.reporter = ProgressReporter(self.bus, self.jobs, self.limiter, self.background)
        self.states = JobStates(self.bus, self.journal, self.reporter, self.jobs)
        self.auth = AuthGate(self.bus, self.jobs, self.states)
        self.network = NetworkWatch(self.bus, self.jobs, self.states, self.clients, self.background)
        self.failures = FailureHandler(self.states, self.auth, self.network)
        self.executor = DaemonPool(max_workers=4, name="hoist-engine")
        self.validator = validator
        self.max_attempts = max(1, int(max_attempts))
        self.tuner: ConcurrencyTuner | None = None  # concurrency "auto"
        self.set_auto_concurrency(concurrency == AUTO)

    def set_auto_concurrency(self, on: bool) -> None:
        """Let a ConcurrencyTuner move the limit (from 4), or stop it."""
        if on and self.tuner is None:
            self.tuner = ConcurrencyTuner(
                self.limiter, self.reporter.bytes_moved, time.monotonic, self.reporter.pieces_moved
            )
        elif not on and self.tuner is not None:
            self.tuner.stop()
            self.tuner = None

    def set_concurrency(self, n: int | str) -> None:
        """A number (clamped to 1..16), or "auto": a ConcurrencyTuner moves it from 4 on."""
        if n == AUTO:
            self.set_auto_concurrency(True)
            if self.tuner is not None and self.jobs.any_active():
                self.tuner.start(self.background.loop())
            return
        self.set_auto_concurrency(False)
        self.limiter.set_limit(clamp_concurrency(int(n)))

    def close_limits(self) -> None:
        self.set_auto_concurrency(False)
        self.limiter.close()

    def server_trouble(self, status: int | None) -> None:
        """A request was answered 429 or 5xx: fewer requests for a while."""
        if status == 429:
            self.limiter.throttle()
        if self.tuner is not None and status is not None and (status == 429 or status >= 500):
            self.tuner.trouble()

    def _limit_changed(self) -> None:
        self.reporter.limit_changed()  # late-bound: the reporter needs the limiter

    # ----- RunContext / RestoreContext ----------------------------------------------------

    def client(self) -> FilesClient:
        return self.clients.get()

    def record(self, call: JournalCall[R]) -> Future[R | None] | None:
        return self.journal.submit(call)

    async def committed(self, future: Future[Any] | None) -> None:
        await JournalQueue.committed(future)

    def set_state(self, job: Job, new: JobState) -> None:
        self.states.set_state(job, new)

    def move_part(self, job: Job, part: Part, new: PartState, reason: str | None = None) -> None:
        self.states.move_part(job, part, new, reason)

    def parts_changed(self, job: Job, parts: list[Part]) -> None:
        self.states.parts_changed(job, parts)

    def log(self, job: Job, text: str, level: LogLevel = LogLevel.INFO) -> None:
        self.states.log(job, text, level)

    def job_updated(self, job: Job) -> None:
        self.states.job_updated(job)

    def progress(self, job: Job, part: Part) -> None:
        self.reporter.progress(job, part)

    def count_bytes(self, job: Job, delta: int) -> None:
        self.reporter.count_bytes(job, delta)

    def outside_limit(self, job: Job, delta: int) -> None:
        self.reporter.outside_limit(job, delta)

    def fail(self, job: Job, error: JobError) -> None:
        self.states.fail(job, error)

    def completed(self, job: Job, file: FileObject) -> None:
        self.states.completed(job, file)

    def handle_failure(self, job: Job, exc: BaseException) -> bool:
        return self.failures.handle(job, exc)

    async def claim(self, job: Job) -> int | None:
        return await self.claims.take_for(job)

    def release_claim(self, job: Job) -> None:
        self.claims.release_for(job)

    def spawn(self, coro: Coroutine[Any, Any, Any], what: str) -> None:
        self.background.spawn(coro, what)


class RateControl:
    """The Engine's upload-rate cap: one BandwidthBucket shared by every request of every job
    (bytes/s, 0 = none), changed at once, mid-upload too; ``Engine(limit_rate=…)`` sets it."""

    services: EngineServices

    @property
    def bandwidth(self) -> BandwidthBucket:
        """The shared cap (rate in force, counters ``waiting``/``waited``/``granted``)."""
        return self.services.bandwidth

    def set_limit_rate(self, rate: float) -> None:
        self.services.bandwidth.set_rate(rate)

    def set_alternative_rate(self, rate: float) -> None:
        """The cap in force while ``use_alternative_rate(True)`` (the status bar's turtle)."""
        self.services.bandwidth.set_alternative_rate(rate)

    def use_alternative_rate(self, on: bool) -> None:
        self.services.bandwidth.use_alternative(on)
