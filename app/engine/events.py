"""What the engine tells its views: job/part snapshots and the event stream.

All types are frozen dataclasses, cheap to build. Events are delivered synchronously, on the
event-loop thread, to every subscriber (see ``Engine.subscribe``). High-rate events
(``PartProgress``, ``JobProgress``) may arrive thousands of times a second: views throttle.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# The states are job_states' (re-exported: app.engine.events.JobState is the same class).
from app.engine.job_states import (
    ACTIVE_STATES as ACTIVE_STATES,
    PAUSABLE_STATES as PAUSABLE_STATES,
    SETTLED_STATES as SETTLED_STATES,
    TERMINAL_STATES as TERMINAL_STATES,
    JobId as JobId,
    JobState as JobState,
    LogLevel as LogLevel,
    PartState as PartState,
    Route as Route,
)

# The one Finding type is validation's (re-exported: app.engine.Finding is the same class).
from app.validation.model import Finding as Finding, Severity as Severity

if TYPE_CHECKING:
    from app.api import FileObject


@dataclass(frozen=True, slots=True)
class LogLine:
    """One human-readable line of a job's log."""

    time: float  # time.time()
    level: LogLevel
    text: str


@dataclass(frozen=True, slots=True)
class JobError:
    """Why a job failed (or was stopped): one clear sentence plus the server's details."""

    message: str
    type: str | None = None  # server error type, or "validation", "file_changed", "auth", ...
    code: str | None = None
    status: int | None = None  # HTTP status when it came from the server


@dataclass(frozen=True, slots=True)
class PartSnapshot:
    index: int  # 0-based; the part covers [offset, offset + length)
    offset: int
    length: int
    state: PartState
    bytes_sent: int  # bytes of the current attempt (0..length); == length when done
    attempts: int  # attempts started so far (engine-level + client retries)
    part_id: str | None  # set once the server acknowledged the part
    last_error: str | None  # reason of the last retry/failure, for the details view


@dataclass(frozen=True, slots=True)
class JobSnapshot:
    """Everything a view shows about one job, at one instant."""

    id: JobId
    path: Path
    filename: str
    size: int
    purpose: str
    expires_after: int | None  # seconds, for the resulting File
    route: Route  # what was asked for
    effective_route: Route  # FILES or UPLOADS once decided (AUTO until then)
    part_size: int
    state: JobState
    parts: tuple[PartSnapshot, ...]  # one part for the FILES route
    bytes_done: int  # sum of parts' bytes; never above size; == size only when COMPLETED
    speed: float  # bytes/s, moving average over ~5 s
    eta: float | None  # seconds; None when unknown
    upload_id: str | None
    upload_expires_at: float | None  # unix seconds, on the server's clock
    upload_expires_local: float | None  # the same moment on our wall clock (skew removed)
    file: FileObject | None  # set when COMPLETED
    error: JobError | None  # why it FAILED (or was paused by a rejected key)
    findings: tuple[Finding, ...]  # validation findings
    log: tuple[LogLine, ...]
    requests_in_flight: int  # this job's requests in flight
    created_at: float  # unix seconds

    @property
    def file_id(self) -> str | None:
        return self.file.id if self.file is not None else None

    @property
    def parts_done(self) -> int:
        return sum(1 for p in self.parts if p.state is PartState.DONE)

    @property
    def fraction(self) -> float:
        """0.0..1.0; 1.0 only when completed."""
        if self.state is JobState.COMPLETED:
            return 1.0
        return min(self.bytes_done / self.size, 0.999) if self.size else 0.0


@dataclass(frozen=True, slots=True)
class OverallSnapshot:
    bytes_done: int  # over active (not cancelled) jobs
    total: int
    speed: float
    eta: float | None
    requests_in_flight: int
    concurrency: int  # current effective limit (lowered for a while after a 429)
    concurrency_setting: int  # what was asked for with set_concurrency
    jobs_active: int  # queued/validating/uploading/completing


# ----- events ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JobAdded:
    job: JobSnapshot


@dataclass(frozen=True, slots=True)
class JobRemoved:
    job_id: JobId


@dataclass(frozen=True, slots=True)
class JobStateChanged:
    job_id: JobId
    old: JobState
    new: JobState
    job: JobSnapshot  # full snapshot after the change (state changes are rare)


@dataclass(frozen=True, slots=True)
class JobUpdated:
    """Non-progress fields changed (upload id/expiry, plan, findings, error): re-read ``job``."""

    job: JobSnapshot


@dataclass(frozen=True, slots=True)
class PartStateChanged:
    job_id: JobId
    index: int
    state: PartState
    bytes_sent: int
    attempts: int
    part_id: str | None
    reason: str | None  # for RETRYING/FAILED: why (e.g. "server error 503, retrying in 1.2 s")


@dataclass(frozen=True, slots=True)
class PartProgress:
    """High rate: bytes sent so far in the current attempt of one part."""

    job_id: JobId
    index: int
    bytes_sent: int


@dataclass(frozen=True, slots=True)
class JobProgress:
    """High rate: emitted together with PartProgress."""

    job_id: JobId
    bytes_done: int
    total: int
    speed: float
    eta: float | None


@dataclass(frozen=True, slots=True)
class OverallProgress:
    """At most a few times a second, and whenever requests in flight / the limit change."""

    overall: OverallSnapshot


@dataclass(frozen=True, slots=True)
class JobLog:
    job_id: JobId
    line: LogLine


@dataclass(frozen=True, slots=True)
class AuthFailed:
    """The API key was rejected (401): every running job was paused, once."""

    message: str  # "API key rejected: …"


@dataclass(frozen=True, slots=True)
class NetworkWaiting:
    """The server could not be reached: the active jobs wait (WAITING_FOR_NETWORK) while a
    probe runs with backoff. Emitted when the wait starts and when more jobs join it."""

    since: float  # time.time() when the wait began
    parts_safe: int  # parts the server holds, over the waiting jobs
    parts_total: int

    @property
    def message(self) -> str:
        """ "Waiting for the network since 14:02 — 12 of 20 parts are safe." (local time)"""
        since = time.strftime("%H:%M", time.localtime(self.since))
        return (
            f"Waiting for the network since {since} — {self.parts_safe} of "
            f"{self.parts_total} parts are safe."
        )


@dataclass(frozen=True, slots=True)
class NetworkWaitEnded:
    """The wait for the network is over: ``reached`` when a probe got an answer (the waiting
    jobs are queued again: same Upload, missing parts); else the max_offline limit ran out
    (the waiting jobs failed) or nothing waits any more (paused, cancelled, removed)."""

    since: float
    seconds: float  # how long the wait lasted
    reached: bool


@dataclass(frozen=True, slots=True)
class QueueFinished:
    """No job is active any more (each time the queue drains)."""

    completed: int
    failed: int
    cancelled: int
    paused: int


EngineEvent = (
    JobAdded
    | JobRemoved
    | JobStateChanged
    | JobUpdated
    | PartStateChanged
    | PartProgress
    | JobProgress
    | OverallProgress
    | JobLog
    | AuthFailed
    | NetworkWaiting
    | NetworkWaitEnded
    | QueueFinished
)
