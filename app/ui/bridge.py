"""Engine events (plain callbacks on the asyncio loop, which is the Qt thread under qasync)
turned into Qt signals.

Progress events can arrive thousands of times a second; they only mark a job "dirty". A
single-shot timer then emits the latest snapshots of the dirty jobs at most ``1000 /
interval_ms`` times a second (25 by default). Rare events (a job finished or failed, the
queue drained, the key was rejected) are emitted at once, after flushing what is pending.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.engine import (
    AuthFailed,
    EngineError,
    EngineEvent,
    JobAdded,
    JobLog,
    JobProgress,
    JobRemoved,
    JobSnapshot,
    JobState,
    JobStateChanged,
    JobUpdated,
    OverallProgress,
    OverallSnapshot,
    PartProgress,
    PartState,
    PartStateChanged,
    QueueFinished,
)
from app.engine.events import NetworkWaitEnded, NetworkWaiting
from app.ui.formatting import format_clock
from app.ui.i18n import translate
from app.ui.reachability import LinkWatch

if TYPE_CHECKING:
    from app.engine.core import Engine


def network_message(event: NetworkWaiting) -> str:
    """NetworkWaiting.message in the window's language: "Waiting for the network since
    14:02 — 12 of 20 parts are safe." (local time)."""
    return translate(
        "Bridge",
        "Waiting for the network since {time} — {safe} of %n part(s) are safe.",
        None,
        event.parts_total,
    ).format(time=format_clock(event.since)[:5], safe=event.parts_safe)


log = logging.getLogger("hoist.ui.bridge")
DEFAULT_INTERVAL_MS = 40  # at most 25 updates a second


class EngineBridge(QObject):
    jobsUpdated = Signal(list)  # list[JobSnapshot], the latest of each changed job
    jobRemoved = Signal(str)  # job id
    overallUpdated = Signal(object)  # OverallSnapshot
    jobFinished = Signal(object)  # JobSnapshot that just became COMPLETED or FAILED
    partRetrying = Signal(str, int, str)  # job id, part index, reason
    queueFinished = Signal(object)  # QueueFinished
    authFailed = Signal(str)  # message
    networkChanged = Signal(str)  # "Waiting for the network since …", "" once it is back

    def __init__(
        self, engine: Engine, interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._dirty: dict[str, None] = {}  # ordered set
        self._overall: OverallSnapshot | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        self.events_seen = 0  # engine events received (for tests and diagnostics)
        self.flushes = 0  # coalesced emissions of jobsUpdated/overallUpdated
        self._unsubscribe: Callable[[], None] | None = engine.subscribe(self._on_event)
        # the OS says the link is back: the engine probes now, not at its next backoff step
        self.link_watch = LinkWatch(engine.probe_network, self)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self.link_watch.close()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._timer.stop()

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _on_event(self, event: EngineEvent) -> None:
        self.events_seen += 1
        if isinstance(event, OverallProgress):
            self._overall = event.overall
            self._schedule()
            return
        if isinstance(event, JobRemoved):
            self._dirty.pop(event.job_id, None)
            self.jobRemoved.emit(event.job_id)
            return
        if isinstance(event, NetworkWaiting | NetworkWaitEnded):
            self.flush()
            self.networkChanged.emit(
                network_message(event) if isinstance(event, NetworkWaiting) else ""
            )
            return
        if isinstance(event, AuthFailed):
            self.flush()
            self.authFailed.emit(event.message)
            return
        if isinstance(event, QueueFinished):
            self.flush()
            self.queueFinished.emit(event)
            return
        if isinstance(event, JobAdded | JobUpdated):
            self._dirty[event.job.id] = None
            self._schedule()
        elif isinstance(
            event, JobStateChanged | PartStateChanged | PartProgress | JobProgress | JobLog
        ):
            self._dirty[event.job_id] = None
            self._schedule()
        if isinstance(event, PartStateChanged) and event.state is PartState.RETRYING:
            self.partRetrying.emit(event.job_id, event.index, event.reason or "")
        if isinstance(event, JobStateChanged) and event.new in (
            JobState.COMPLETED,
            JobState.FAILED,
        ):
            self.flush()
            self.jobFinished.emit(event.job)

    def flush(self) -> None:
        """Emit what is pending now (called by the timer, or before a rare event)."""
        self._timer.stop()
        snapshots: list[JobSnapshot] = []
        for job_id in list(self._dirty):
            try:
                snapshots.append(self._engine.snapshot(job_id))
            except EngineError:
                continue  # removed meanwhile
        self._dirty.clear()
        overall, self._overall = self._overall, None
        if snapshots or overall is not None:
            self.flushes += 1
        if snapshots:
            self.jobsUpdated.emit(snapshots)
        if overall is not None:
            self.overallUpdated.emit(overall)
