"""What a job's run and a restore may use: narrow, typed views of the engine's services."""

from __future__ import annotations

from collections.abc import Coroutine
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from app.engine.events import JobError, JobState, LogLevel, PartState
from app.engine.job import Job, Part
from app.engine.journaling import JournalCall
from app.engine.limiter import RequestLimiter
from app.validation.model import Report

if TYPE_CHECKING:
    from app.api import FileObject, FilesClient

R = TypeVar("R")


class Validator(Protocol):
    """app.validation.validate's shape: the one validation call (see Engine.check)."""

    def __call__(
        self,
        path: Path,
        purpose: str,
        *,
        route: str = ...,
        expires_after: int | None = ...,
        part_size: int = ...,
    ) -> Report: ...


class JournalWriter(Protocol):
    def record(self, call: JournalCall[R]) -> Future[R | None] | None:
        """Queue a journal write (off the loop, in order); never fatal."""


class RestoreContext(JournalWriter, Protocol):
    """What rebuilding a job from the journal uses."""

    @property
    def validator(self) -> Validator | None: ...


class RunContext(JournalWriter, Protocol):
    """What one run of one job uses."""

    @property
    def validator(self) -> Validator | None: ...
    @property
    def limiter(self) -> RequestLimiter: ...
    @property
    def executor(self) -> Executor: ...
    @property
    def max_attempts(self) -> int: ...

    def client(self) -> FilesClient: ...
    async def committed(self, future: Future[Any] | None) -> None: ...
    def set_state(self, job: Job, new: JobState) -> None: ...
    def move_part(
        self, job: Job, part: Part, new: PartState, reason: str | None = None
    ) -> None: ...
    def parts_changed(self, job: Job, parts: list[Part]) -> None: ...
    def log(self, job: Job, text: str, level: LogLevel = LogLevel.INFO) -> None: ...
    def job_updated(self, job: Job) -> None: ...
    def progress(self, job: Job, part: Part) -> None: ...
    def count_bytes(self, job: Job, delta: int) -> None: ...
    def server_trouble(self, status: int | None) -> None: ...
    def outside_limit(self, job: Job, delta: int) -> None: ...
    def fail(self, job: Job, error: JobError) -> None: ...
    def completed(self, job: Job, file: FileObject) -> None: ...
    def handle_failure(self, job: Job, exc: BaseException) -> bool: ...
    def spawn(self, coro: Coroutine[Any, Any, Any], what: str) -> None: ...
    async def claim(self, job: Job) -> int | None:
        """None when this process may send for the job; else the pid that holds its file."""

    def release_claim(self, job: Job) -> None: ...
