"""The transfer engine: jobs, parts in parallel, pause/resume/cancel/retry, progress events.

Usage (on a running asyncio/qasync loop)::

    engine = Engine(lambda: FilesClient(config), Journal())
    unsubscribe = engine.subscribe(on_event)
    job_id = await engine.add(path, "fine-tune", expires_after=86400)
    snap = await engine.wait(job_id)
    await engine.aclose()
"""

from app.engine.context import Validator
from app.engine.core import Engine
from app.engine.errors import EngineError
from app.engine.events import (
    ACTIVE_STATES,
    PAUSABLE_STATES,
    SETTLED_STATES,
    TERMINAL_STATES,
    AuthFailed,
    EngineEvent,
    Finding,
    JobAdded,
    JobError,
    JobId,
    JobLog,
    JobProgress,
    JobRemoved,
    JobSnapshot,
    JobState,
    JobStateChanged,
    JobUpdated,
    LogLevel,
    LogLine,
    NetworkWaitEnded,
    NetworkWaiting,
    OverallProgress,
    OverallSnapshot,
    PartProgress,
    PartSnapshot,
    PartState,
    PartStateChanged,
    QueueFinished,
    Route,
    Severity,
)
from app.engine.failures import AUTH_MESSAGE
from app.engine.planning import MAX_FILES_BYTES, MAX_PART_SIZE, MAX_UPLOAD_BYTES

__all__ = [
    "ACTIVE_STATES",
    "AUTH_MESSAGE",
    "MAX_FILES_BYTES",
    "MAX_PART_SIZE",
    "MAX_UPLOAD_BYTES",
    "PAUSABLE_STATES",
    "SETTLED_STATES",
    "TERMINAL_STATES",
    "AuthFailed",
    "Engine",
    "EngineError",
    "EngineEvent",
    "Finding",
    "JobAdded",
    "JobError",
    "JobId",
    "JobLog",
    "JobProgress",
    "JobRemoved",
    "JobSnapshot",
    "JobState",
    "JobStateChanged",
    "JobUpdated",
    "LogLevel",
    "LogLine",
    "NetworkWaitEnded",
    "NetworkWaiting",
    "OverallProgress",
    "OverallSnapshot",
    "PartProgress",
    "PartSnapshot",
    "PartState",
    "PartStateChanged",
    "QueueFinished",
    "Route",
    "Severity",
    "Validator",
]
