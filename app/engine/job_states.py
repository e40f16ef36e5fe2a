"""The engine's states and routes: what a job or part is doing, and the sets views test.

Plain enums and frozensets, kept apart from the event dataclasses (app.engine.events) so the
window can use them before its first paint without creating those classes.
"""

from __future__ import annotations

from enum import StrEnum

JobId = str
"""A job's id (also its id in the journal)."""


class JobState(StrEnum):
    QUEUED = "queued"  # waiting to start (or to get a request slot)
    VALIDATING = "validating"  # checking the file before any byte is sent
    UPLOADING = "uploading"  # creating the Upload / sending parts (or the one POST /files)
    PAUSED = "paused"  # nothing in flight; finished parts kept; resume() continues
    COMPLETING = "completing"  # POST /uploads/{id}/complete in flight
    WAITING_FOR_NETWORK = "waiting_for_network"  # the server could not be reached: nothing
    # in flight, finished parts kept, a probe runs; resumes by itself (see NetworkWaiting)
    COMPLETED = "completed"  # the File object is back (terminal)
    FAILED = "failed"  # see JobSnapshot.error; retry() may continue it
    CANCELLED = "cancelled"  # terminal; the Upload was cancelled at the server


ACTIVE_STATES = frozenset(
    {
        JobState.QUEUED,
        JobState.VALIDATING,
        JobState.UPLOADING,
        JobState.COMPLETING,
        JobState.WAITING_FOR_NETWORK,
    }
)
"""States in which a job is moving (or about to): what pause acts on, what keeps the queue busy."""

PAUSABLE_STATES = ACTIVE_STATES - {JobState.COMPLETING}
"""States ``pause`` acts on (a complete in flight is let finish)."""

TERMINAL_STATES = frozenset({JobState.COMPLETED, JobState.CANCELLED})
"""States a job never leaves (FAILED can still be retried)."""

SETTLED_STATES = frozenset(
    {JobState.COMPLETED, JobState.CANCELLED, JobState.FAILED, JobState.PAUSED}
)
"""States in which nothing is happening for a job (what ``Engine.wait`` waits for)."""


class PartState(StrEnum):
    PENDING = "pending"  # not started (or dropped by a pause: bytes back to 0)
    SENDING = "sending"  # request in flight; bytes_sent grows
    DONE = "done"  # acknowledged by the server; part_id known
    RETRYING = "retrying"  # an attempt failed; waiting to retry (reason in last_error)
    FAILED = "failed"  # gave up; the job fails


class Route(StrEnum):
    AUTO = "auto"  # one part's worth or less → POST /files; larger → Uploads API
    FILES = "files"  # always one POST /files (≤ 512 MB)
    UPLOADS = "uploads"  # always the Uploads API (≤ 8 GB)


class LogLevel(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
