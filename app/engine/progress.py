"""Progress and the overall numbers: bytes moved, speed, requests in flight, coalesced emits."""

from __future__ import annotations

import asyncio
import time

from app.engine.background import Background
from app.engine.bus import EventHub
from app.engine.events import (
    ACTIVE_STATES,
    JobProgress,
    JobState,
    OverallProgress,
    OverallSnapshot,
    PartProgress,
)
from app.engine.job import Job, Part
from app.engine.limiter import RequestLimiter
from app.engine.meter import SpeedMeter
from app.engine.registry import JobRegistry

OVERALL_EVERY = 0.25  # seconds between OverallProgress events driven by progress
# Slot changes (twice per request) emit at most this often, the last one always delivered:
# a snapshot costs O(jobs), so one per request was quadratic with hundreds of small files.
OVERALL_SLOT_EVERY = 0.04


class ProgressReporter:
    """Counts the bytes that moved and emits PartProgress / JobProgress / OverallProgress."""

    def __init__(
        self, bus: EventHub, jobs: JobRegistry, limiter: RequestLimiter, background: Background
    ) -> None:
        self._bus, self._jobs, self._limiter, self._background = bus, jobs, limiter, background
        self._meter = SpeedMeter()
        self._last_overall = 0.0
        self._overall_later: asyncio.TimerHandle | None = None
        self.extra_in_flight = 0  # requests outside the limit (complete, cancel)

    def overall(self) -> OverallSnapshot:
        jobs = [j for j in self._jobs if j.state is not JobState.CANCELLED]
        active = sum(1 for j in jobs if j.state in ACTIVE_STATES)
        done = sum(j.bytes_done for j in jobs)
        total = sum(j.size for j in jobs)
        speed = self._meter.speed() if active else 0.0
        return OverallSnapshot(
            bytes_done=done,
            total=total,
            speed=speed,
            eta=SpeedMeter.eta(total - done, speed) if active else None,
            requests_in_flight=self._limiter.in_flight + self.extra_in_flight,
            concurrency=self._limiter.effective,
            concurrency_setting=self._limiter.setting,
            jobs_active=active,
        )

    def emit_overall(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_overall >= OVERALL_EVERY:
            self._last_overall = now
            self._bus.emit(OverallProgress(self.overall()))

    def limit_changed(self) -> None:
        """The limiter's numbers changed: emit now, or once a little later (coalesced)."""
        if self._overall_later is not None:
            return  # an emit is already due; it will carry the latest numbers
        wait = self._last_overall + OVERALL_SLOT_EVERY - time.monotonic()
        if wait <= 0:
            self.emit_overall(force=True)
            return
        try:
            self._overall_later = self._background.loop().call_later(wait, self._overall_due)
        except RuntimeError:  # no loop yet (limit set before start)
            self.emit_overall(force=True)

    def _overall_due(self) -> None:
        self._overall_later = None
        self.emit_overall(force=True)

    def outside_limit(self, job: Job, delta: int) -> None:
        """A request outside the limit (complete, cancel) starts (+1) or ends (-1)."""
        self.extra_in_flight = max(0, self.extra_in_flight + delta)
        job.in_flight = max(0, job.in_flight + delta)
        self.emit_overall(force=True)

    def bytes_moved(self) -> int:
        """Bytes sent so far, all jobs, retries included (what concurrency "auto" watches)."""
        return self._meter.total

    def pieces_moved(self) -> int:
        """How many pieces (body writes, retries included) made up bytes_moved."""
        return self._meter.pieces

    def count_bytes(self, job: Job, delta: int) -> None:
        job.meter.add(delta)
        self._meter.add(delta)

    def progress(self, job: Job, part: Part) -> None:
        self._bus.emit(PartProgress(job.id, part.index, part.bytes_sent))
        speed = job.speed()
        self._bus.emit(JobProgress(job.id, job.bytes_done, job.size, speed, job.eta(speed)))
        self.emit_overall()
