"""The transfer engine: jobs, parts in parallel, pause/resume/cancel/retry, progress events.

This package's own names are the light vocabulary (events, states, errors, limits): the
window imports them at start-up and the engine itself (app.engine.core) only when it
connects, after the window is on screen. Usage (on a running asyncio/qasync loop)::

    from app.engine.core import Engine

    engine = Engine(lambda: FilesClient(config), Journal())
    unsubscribe = engine.subscribe(on_event)
    job_id = await engine.add(path, "fine-tune", expires_after=86400)
    snap = await engine.wait(job_id)
    await engine.aclose()
"""

from typing import TYPE_CHECKING, Any

from app.engine.errors import EngineError
from app.engine.job_states import (
    ACTIVE_STATES,
    PAUSABLE_STATES,
    SETTLED_STATES,
    TERMINAL_STATES,
    JobId,
    JobState,
    LogLevel,
    PartState,
    Route,
)
from app.engine.planning import MAX_FILES_BYTES, MAX_PART_SIZE, MAX_UPLOAD_BYTES

if TYPE_CHECKING:
    from app.engine.events import (
        AuthFailed,
        EngineEvent,
        Finding,
        JobAdded,
        JobError,
        JobLog,
        JobProgress,
        JobRemoved,
        JobSnapshot,
        JobStateChanged,
        JobUpdated,
        LogLine,
        NetworkWaitEnded,
        NetworkWaiting,
        OverallProgress,
        OverallSnapshot,
        PartProgress,
        PartSnapshot,
        PartStateChanged,
        QueueFinished,
        Severity,
    )


# The events' dataclasses (app.engine.events) load on first use: the window's first paint
# needs only the states.
def __getattr__(name: str) -> Any:
    import importlib

    # dunder probes (inspect's __wrapped__, for one) must not load the events
    events = None if name.startswith("_") else importlib.import_module("app.engine.events")
    if events is None or not hasattr(events, name):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(events, name)
    globals()[name] = value
    return value


__all__ = [
    "ACTIVE_STATES",
    "MAX_FILES_BYTES",
    "MAX_PART_SIZE",
    "MAX_UPLOAD_BYTES",
    "PAUSABLE_STATES",
    "SETTLED_STATES",
    "TERMINAL_STATES",
    "AuthFailed",
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
]
