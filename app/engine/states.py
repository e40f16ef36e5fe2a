"""Job and part state changes: through their transition tables, recorded, each with its event."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from app.engine.bus import EventHub
from app.engine.events import (
    ACTIVE_STATES,
    TERMINAL_STATES,
    JobError,
    JobLog,
    JobState,
    JobStateChanged,
    JobUpdated,
    LogLevel,
    PartState,
    PartStateChanged,
    QueueFinished,
)
from app.engine.job import Job, Part
from app.engine.journaling import JournalQueue
from app.engine.progress import ProgressReporter
from app.engine.registry import JobRegistry

if TYPE_CHECKING:
    from app.api import FileObject


class JobStates:
    """The one way jobs and parts change state (Job.set_state / Part.move enforce the tables);
    every change is journaled where it must be and emitted."""

    def __init__(
        self,
        bus: EventHub,
        journal: JournalQueue,
        progress: ProgressReporter,
        jobs: JobRegistry,
    ) -> None:
        self._bus, self._journal, self._progress, self._jobs = bus, journal, progress, jobs
        self.idle = asyncio.Event()
        self.idle.set()

    def set_state(self, job: Job, new: JobState) -> None:
        old = job.set_state(new)
        if old is new:
            return
        if new not in TERMINAL_STATES and not (old in ACTIVE_STATES and new in ACTIVE_STATES):
            # A moving job that stays moving (queued, validating, uploading, completing,
            # waiting for the network) is not recorded again: restoring treats all of them
            # alike (as paused), so the journal keeps the state that resumes it.
            error = job.error.message if job.error is not None else None
            self._journal.submit(lambda j: j.set_state(job.id, new.value, error=error))
        self._bus.emit(JobStateChanged(job.id, old, new, job.snapshot()))
        self.check_idle()

    def move_part(self, job: Job, part: Part, new: PartState, reason: str | None = None) -> None:
        part.move(new)
        self.part_changed(job, part, reason)

    def part_changed(self, job: Job, part: Part, reason: str | None = None) -> None:
        self._bus.emit(
            PartStateChanged(
                job.id, part.index, part.state, part.bytes_sent, part.attempts, part.part_id,
                reason,
            )
        )  # fmt: skip

    def parts_changed(self, job: Job, parts: list[Part]) -> None:
        for part in parts:
            self.part_changed(job, part)

    def check_idle(self) -> None:
        if self._jobs.any_active():
            self.idle.clear()
            return
        if self.idle.is_set():
            return
        self.idle.set()
        states = [j.state for j in self._jobs]
        self._progress.emit_overall(force=True)
        self._bus.emit(
            QueueFinished(
                completed=states.count(JobState.COMPLETED),
                failed=states.count(JobState.FAILED),
                cancelled=states.count(JobState.CANCELLED),
                paused=states.count(JobState.PAUSED),
            )
        )

    def log(self, job: Job, text: str, level: LogLevel = LogLevel.INFO) -> None:
        self._bus.emit(JobLog(job.id, job.add_log(text, level)))

    def job_updated(self, job: Job) -> None:
        self._bus.emit(JobUpdated(job.snapshot()))

    def completed(self, job: Job, file: FileObject) -> None:
        job.file = file
        job.error = None
        for part in job.parts:
            if part.state is not PartState.DONE:
                self.move_part(job, part, PartState.DONE)
        self._journal.submit(
            lambda j: j.complete(
                job.id,
                file_id=file.id,
                filename=file.filename,
                nbytes=file.bytes,
                expires_at=file.expires_at,
            )
        )
        self.set_state(job, JobState.COMPLETED)
        self.log(job, f"Completed: file {file.id}.")

    def fail(self, job: Job, error: JobError) -> None:
        job.error = error
        self.parts_changed(job, job.drop_in_flight_parts(keep_failed=True))
        self.set_state(job, JobState.FAILED)
        self.log(job, error.message, LogLevel.ERROR)
