"""A job's mutable state inside the engine, its state machine and its snapshot."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.engine.events import (
    Finding,
    JobError,
    JobId,
    JobSnapshot,
    JobState,
    LogLevel,
    LogLine,
    PartSnapshot,
    PartState,
    Route,
)
from app.engine.integrity import FileStat
from app.engine.meter import SpeedMeter
from app.engine.planning import plan_parts

if TYPE_CHECKING:
    from app.api import FileObject

S = JobState
TRANSITIONS: dict[JobState, frozenset[JobState]] = {
    S.QUEUED: frozenset({S.VALIDATING, S.UPLOADING, S.PAUSED, S.FAILED, S.CANCELLED}),
    S.VALIDATING: frozenset({S.QUEUED, S.UPLOADING, S.PAUSED, S.FAILED, S.CANCELLED}),
    S.UPLOADING: frozenset({S.QUEUED, S.PAUSED, S.COMPLETING, S.COMPLETED, S.FAILED, S.CANCELLED}),
    S.PAUSED: frozenset({S.QUEUED, S.FAILED, S.CANCELLED}),
    S.COMPLETING: frozenset({S.UPLOADING, S.PAUSED, S.COMPLETED, S.FAILED, S.CANCELLED}),
    S.COMPLETED: frozenset(),
    S.FAILED: frozenset({S.QUEUED, S.PAUSED, S.CANCELLED}),
    S.CANCELLED: frozenset(),
}
ACTIVE_STATES = frozenset({S.QUEUED, S.VALIDATING, S.UPLOADING, S.COMPLETING})
LOG_LIMIT = 500


class IllegalTransition(Exception):
    def __init__(self, job_id: str, old: JobState, new: JobState) -> None:
        super().__init__(f"A job cannot go from {old.value} to {new.value} (job {job_id}).")
        self.old, self.new = old, new


@dataclass(slots=True)
class Part:
    index: int
    offset: int
    length: int
    state: PartState = PartState.PENDING
    bytes_sent: int = 0
    attempts: int = 0
    part_id: str | None = None
    last_error: str | None = None

    def snapshot(self) -> PartSnapshot:
        return PartSnapshot(
            self.index,
            self.offset,
            self.length,
            self.state,
            self.bytes_sent,
            self.attempts,
            self.part_id,
            self.last_error,
        )


@dataclass(eq=False)
class Job:
    id: JobId
    path: Path
    purpose: str
    expires_after: int | None
    route: Route
    part_size: int
    stat: FileStat
    effective_route: Route = Route.AUTO
    state: JobState = JobState.QUEUED
    parts: list[Part] = field(default_factory=list)
    upload_id: str | None = None
    upload_expires_at: float | None = None
    upload_created_at: float | None = None
    file: FileObject | None = None
    error: JobError | None = None
    findings: tuple[Finding, ...] = ()
    validated: bool = False
    created_at: float = field(default_factory=time.time)
    log: deque[LogLine] = field(default_factory=lambda: deque(maxlen=LOG_LIMIT))
    meter: SpeedMeter = field(default_factory=SpeedMeter)
    in_flight: int = 0
    generation: int = 0  # bumped on every run; callbacks of an older run are ignored
    task: asyncio.Task[None] | None = None
    md5: asyncio.Future[str] | None = None
    md5_stat: FileStat | None = None
    md5_stop: threading.Event = field(default_factory=threading.Event)
    settled: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def size(self) -> int:
        return self.stat.size

    @property
    def filename(self) -> str:
        return self.path.name

    def replan(self, route: Route) -> None:
        """Decide the route and lay out parts (the FILES route is one part)."""
        self.effective_route = route
        length = self.part_size if route is Route.UPLOADS else max(self.size, 1)
        self.parts = [Part(p.index, p.offset, p.length) for p in plan_parts(self.size, length)]

    def forget_upload(self) -> None:
        self.upload_id = None
        self.upload_expires_at = None
        self.upload_created_at = None
        for part in self.parts:
            part.state, part.bytes_sent, part.part_id = PartState.PENDING, 0, None

    def drop_in_flight_parts(self, keep_failed: bool = False) -> None:
        """Pause/stop: parts not acknowledged go back to pending with 0 bytes (a failed part
        stays marked failed when ``keep_failed``, for the view)."""
        for part in self.parts:
            if part.state is not PartState.DONE:
                if not (keep_failed and part.state is PartState.FAILED):
                    part.state = PartState.PENDING
                part.bytes_sent = 0

    def set_state(self, new: JobState) -> JobState:
        old = self.state
        if new is old:
            return old
        if new not in TRANSITIONS[old]:
            raise IllegalTransition(self.id, old, new)
        self.state = new
        if new in ACTIVE_STATES:
            self.settled.clear()
        else:
            self.settled.set()
            self.meter.reset()
        return old

    def add_log(self, text: str, level: LogLevel = LogLevel.INFO) -> LogLine:
        line = LogLine(time.time(), level, text)
        self.log.append(line)
        return line

    @property
    def bytes_done(self) -> int:
        """Sum of the parts' bytes, never above the size, and short of it until completed."""
        if self.state is JobState.COMPLETED:
            return self.size
        done = sum(p.bytes_sent for p in self.parts)
        return max(0, min(done, self.size - 1))

    def speed(self) -> float:
        return self.meter.speed() if self.state in ACTIVE_STATES else 0.0

    def eta(self, speed: float) -> float | None:
        if self.state is JobState.COMPLETED:
            return 0.0
        if self.state not in ACTIVE_STATES:
            return None
        return SpeedMeter.eta(self.size - self.bytes_done, speed)

    def snapshot(self) -> JobSnapshot:
        speed = self.speed()
        return JobSnapshot(
            id=self.id,
            path=self.path,
            filename=self.filename,
            size=self.size,
            purpose=self.purpose,
            expires_after=self.expires_after,
            route=self.route,
            effective_route=self.effective_route,
            part_size=self.part_size,
            state=self.state,
            parts=tuple(p.snapshot() for p in self.parts),
            bytes_done=self.bytes_done,
            speed=speed,
            eta=self.eta(speed),
            upload_id=self.upload_id,
            upload_expires_at=self.upload_expires_at,
            file=self.file,
            error=self.error,
            findings=self.findings,
            log=tuple(self.log),
            requests_in_flight=self.in_flight,
            created_at=self.created_at,
        )
