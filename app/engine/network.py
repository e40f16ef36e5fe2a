"""Waiting out network outages: "we could not talk to the server" is not a failure.

When a run cannot reach the server (app.api.NetworkUnreachable), every job that is moving
is parked in WAITING_FOR_NETWORK as a pause would (its requests in flight cancelled, parts
not acknowledged dropped, no attempt counted) and one probe runs with backoff (capped at
30 s). When a probe gets any answer the jobs are queued again: same Upload, missing parts.
``max_offline`` (None: wait as long as it takes) ends the wait with one clear failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from app.engine.background import Background
from app.engine.bus import EventHub
from app.engine.clients import ClientHolder
from app.engine.events import (
    JobError,
    JobState,
    NetworkWaitEnded,
    NetworkWaiting,
    PartState,
)
from app.engine.job import Job
from app.engine.registry import JobRegistry
from app.engine.states import JobStates

log = logging.getLogger("hoist.engine")

FIRST_PROBE_DELAY = 1.0
MAX_PROBE_DELAY = 30.0
WAITING = JobState.WAITING_FOR_NETWORK
PARKED_STATES = frozenset({JobState.QUEUED, JobState.UPLOADING, JobState.COMPLETING})
OFFLINE_ERROR_TYPE = "offline"


def probe_delays(first: float = FIRST_PROBE_DELAY, cap: float = MAX_PROBE_DELAY) -> list[float]:
    """1, 2, 4, 8, 16, 30 s: the waits before each probe (the last one repeats)."""
    delays = [first]
    while delays[-1] < cap:
        delays.append(min(delays[-1] * 2, cap))
    return delays


def format_seconds(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


class NetworkWatch:
    def __init__(
        self,
        bus: EventHub,
        jobs: JobRegistry,
        states: JobStates,
        clients: ClientHolder,
        background: Background,
    ) -> None:
        self._bus, self._jobs, self._states = bus, jobs, states
        self._clients, self._background = clients, background
        self.max_offline: float | None = None
        self.delays = tuple(probe_delays())  # before each probe; the last one repeats
        self.since: float | None = None  # time.time() when the wait began; None: online
        self._started = 0.0  # time.monotonic() of the same moment
        self._wake = asyncio.Event()
        self._probe: asyncio.Task[None] | None = None
        self.resume: Callable[[Job], None] = lambda job: None  # JobControl.start, wired later

    @property
    def waiting(self) -> bool:
        return self.since is not None

    def went_offline(self, job: Job, exc: BaseException) -> None:
        """``job``'s run could not reach the server (it is the caller: not cancelled)."""
        first = self.since is None
        if first:
            self.since, self._started = time.time(), time.monotonic()
            log.info("the server cannot be reached (%s); waiting for the network", exc)
        for other in [job, *self._jobs]:
            if other.state in PARKED_STATES:
                other.runs.stop(cancel=other is not job)
                self.park(other)
        self._bus.emit(self.status())
        if first:
            self._start_probing()

    def park(self, job: Job) -> None:
        """Put a job in WAITING_FOR_NETWORK (also a job started while the wait is on)."""
        self._states.parts_changed(job, job.drop_in_flight_parts())
        self._states.set_state(job, WAITING)
        safe = sum(1 for p in job.parts if p.state is PartState.DONE)
        self._states.log(
            job, f"Waiting for the network; {safe} of {len(job.parts)} parts are safe."
        )

    def status(self) -> NetworkWaiting:
        waiting = [j for j in self._jobs if j.state is WAITING]
        safe = sum(1 for j in waiting for p in j.parts if p.state is PartState.DONE)
        total = sum(len(j.parts) for j in waiting)
        return NetworkWaiting(self.since or time.time(), safe, total)

    def probe_now(self) -> None:
        """The OS says the link is back (or the computer woke up): probe without waiting."""
        self._wake.set()

    def _start_probing(self) -> None:
        self._wake = asyncio.Event()
        self._probe = self._background.loop().create_task(self._probe_loop(), name="hoist-probe")
        self._probe.add_done_callback(self._probe_ended)

    def _probe_ended(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and (exc := task.exception()) is not None:
            task.get_loop().call_exception_handler(
                {"message": "The network probe failed unexpectedly", "exception": exc,
                 "task": task}
            )  # fmt: skip

    async def _probe_loop(self) -> None:
        delays = self.delays
        tries = 0
        while True:
            left = self._time_left()
            if left is not None and left <= 0:
                self._give_up()
                return
            delay = delays[min(tries, len(delays) - 1)]
            tries += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), min(delay, left or delay))
            self._wake.clear()
            if not any(j.state is WAITING for j in self._jobs):
                self._end(reached=False)  # everything waiting was paused, cancelled, removed
                return
            if await self._answered():
                self._back()
                return

    async def _answered(self) -> bool:
        from app.api import ApiError

        try:
            return await self._clients.get().server_answers()
        except ApiError:  # e.g. the base URL is refused as insecure: the jobs will say so
            return True

    def _time_left(self) -> float | None:
        if self.max_offline is None:
            return None
        return self.max_offline - (time.monotonic() - self._started)

    def _end(self, *, reached: bool) -> float:
        since, seconds = self.since or time.time(), time.monotonic() - self._started
        self.since = None
        self._bus.emit(NetworkWaitEnded(since, seconds, reached))
        return seconds

    def _back(self) -> None:
        seconds = self._end(reached=True)
        for job in self._jobs:
            if job.state is WAITING:
                self._states.log(job, f"The network is back after {format_seconds(seconds)}.")
                self.resume(job)

    def _give_up(self) -> None:
        seconds = self._end(reached=False)
        for job in self._jobs:
            if job.state is WAITING:
                safe = sum(1 for p in job.parts if p.state is PartState.DONE)
                message = (
                    f"The server could not be reached for {format_seconds(seconds)}; "
                    f"{safe} of {len(job.parts)} parts are safe. Retry to resume."
                )
                self._states.fail(job, JobError(message, type=OFFLINE_ERROR_TYPE))

    async def aclose(self) -> None:
        if self._probe is not None and not self._probe.done():
            self._probe.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._probe
