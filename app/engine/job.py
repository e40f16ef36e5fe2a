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
    ACTIVE_STATES,
    TERMINAL_STATES,
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
from app.engine.runs import RunSlot
from app.engine.uploadclock import ClockMark, seconds_left

if TYPE_CHECKING:
    from app.api import FileObject

S = JobState
W = JobState.WAITING_FOR_NETWORK
TRANSITIONS: dict[JobState, frozenset[JobState]] = {
    S.QUEUED: frozenset({S.VALIDATING, S.UPLOADING, S.PAUSED, S.FAILED, S.CANCELLED, W}),
    S.VALIDATING: frozenset({S.QUEUED, S.UPLOADING, S.PAUSED, S.FAILED, S.CANCELLED}),
    S.UPLOADING: frozenset(
        {S.QUEUED, S.PAUSED, S.COMPLETING, S.COMPLETED, S.FAILED, S.CANCELLED, W}
    ),
    S.PAUSED: frozenset({S.QUEUED, S.FAILED, S.CANCELLED}),
    S.COMPLETING: frozenset({S.UPLOADING, S.PAUSED, S.COMPLETED, S.FAILED, S.CANCELLED, W}),
    W: frozenset({S.QUEUED, S.PAUSED, S.FAILED, S.CANCELLED}),  # queued again when it is back
    S.COMPLETED: frozenset(),
    S.FAILED: frozenset({S.QUEUED, S.PAUSED, S.CANCELLED}),
    S.CANCELLED: frozenset(),
}
P = PartState
PART_TRANSITIONS: dict[PartState, frozenset[PartState]] = {
    P.PENDING: frozenset({P.SENDING, P.DONE}),  # DONE: restored from the journal
    P.SENDING: frozenset({P.PENDING, P.RETRYING, P.DONE, P.FAILED}),
    P.RETRYING: frozenset({P.PENDING, P.SENDING, P.RETRYING, P.DONE, P.FAILED}),
    P.DONE: frozenset({P.PENDING}),  # the Upload was replaced
    P.FAILED: frozenset({P.PENDING, P.SENDING}),
}
LOG_LIMIT = 500
__all__ = ["ACTIVE_STATES", "PART_TRANSITIONS", "TERMINAL_STATES", "TRANSITIONS", "Job", "Part"]


class IllegalTransition(Exception):
    def __init__(self, what: str, old: JobState | PartState, new: JobState | PartState) -> None:
        super().__init__(f"A {what} cannot go from {old.value} to {new.value}.")
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

    def move(self, new: PartState) -> None:
        """The only way a part changes state (PART_TRANSITIONS); the same state is allowed."""
        if new is not self.state and new not in PART_TRANSITIONS[self.state]:
            raise IllegalTransition(f"part ({self.index})", self.state, new)
        self.state = new
        if new is PartState.DONE:
            self.bytes_sent = self.length
        elif new is PartState.PENDING:
            self.bytes_sent = 0

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
    upload_created_at: float | None = None  # the server's clock, like upload_expires_at
    upload_made: ClockMark | None = None  # when its create answer came (our steady clock)
    file: FileObject | None = None
    files_answer_lost: float | None = None  # POST /files lost its answer then (monotonic)
    error: JobError | None = None
    findings: tuple[Finding, ...] = ()
    validated: bool = False
    created_at: float = field(default_factory=time.time)
    log: deque[LogLine] = field(default_factory=lambda: deque(maxlen=LOG_LIMIT))
    meter: SpeedMeter = field(default_factory=SpeedMeter)
    in_flight: int = 0
    runs: RunSlot = field(default_factory=RunSlot)  # the current run; see app.engine.runs
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

    def forget_upload(self) -> list[Part]:
        """A new Upload will be made: every part is pending again. Returns the parts whose
        state changed (for their events)."""
        self.upload_id = None
        self.upload_expires_at = None
        self.upload_created_at = None
        self.upload_made = None
        changed = [p for p in self.parts if p.state is not PartState.PENDING]
        for part in self.parts:
            part.move(PartState.PENDING)
            part.part_id = None
        return changed

    def drop_in_flight_parts(self, keep_failed: bool = False) -> list[Part]:
        """Pause/stop: parts not acknowledged go back to pending with 0 bytes (a failed part
        stays marked failed when ``keep_failed``, for the view). Returns the changed parts."""
        changed = []
        for part in self.parts:
            if part.state is PartState.DONE:
                continue
            if keep_failed and part.state is PartState.FAILED:
                part.bytes_sent = 0
            elif part.state is not PartState.PENDING or part.bytes_sent:
                part.move(PartState.PENDING)
                changed.append(part)
        return changed

    def set_state(self, new: JobState) -> JobState:
        old = self.state
        if new is old:
            return old
        if new not in TRANSITIONS[old]:
            raise IllegalTransition(f"job ({self.id})", old, new)
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

    def expiry_on_our_clock(self) -> float | None:
        """The Upload's expiry as a time on our wall clock: now + its life left, told by the
        server's own lifetime and our steady clock (app.engine.uploadclock), so a computer
        whose clock is off still counts down right. Unknown age: the server's timestamp."""
        if self.upload_expires_at is None:
            return None
        if self.upload_created_at is None:
            return self.upload_expires_at
        left = seconds_left(self.upload_expires_at - self.upload_created_at, self.upload_made)
        return self.upload_expires_at if left is None else time.time() + left

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
            upload_expires_local=self.expiry_on_our_clock(),
            file=self.file,
            error=self.error,
            findings=self.findings,
            log=tuple(self.log),
            requests_in_flight=self.in_flight,
            created_at=self.created_at,
        )
