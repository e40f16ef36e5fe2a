"""Pure parts of the engine: part planning, routes, limits, state machine, limiter, meter."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest

from app.engine.events import JobState, PartState, Route
from app.engine.integrity import FileStat
from app.engine.job import TRANSITIONS, IllegalTransition, Job
from app.engine.limiter import RequestLimiter
from app.engine.meter import SpeedMeter
from app.engine.planning import (
    MAX_FILES_BYTES,
    MAX_PART_SIZE,
    MAX_UPLOAD_BYTES,
    MiB,
    choose_route,
    clamp_part_size,
    plan_parts,
    size_problem,
)


def test_plan_parts_covers_the_file_exactly() -> None:
    size = 300 * 1000 * 1000
    parts = plan_parts(size, 8 * MiB)
    assert len(parts) == -(-size // (8 * MiB))
    assert parts[0].offset == 0 and all(p.length == 8 * MiB for p in parts[:-1])
    assert sum(p.length for p in parts) == size
    for before, after in itertools.pairwise(parts):
        assert after.offset == before.offset + before.length
    assert [p.index for p in parts] == list(range(len(parts)))


def test_plan_parts_edges() -> None:
    assert plan_parts(0, MiB) == []
    assert [(p.offset, p.length) for p in plan_parts(MiB, MiB)] == [(0, MiB)]
    assert [(p.offset, p.length) for p in plan_parts(MiB + 1, MiB)] == [(0, MiB), (MiB, 1)]


def test_part_size_never_above_64_mib() -> None:
    assert clamp_part_size(100 * MiB) == MAX_PART_SIZE == 64 * MiB
    assert clamp_part_size(8 * MiB) == 8 * MiB
    assert clamp_part_size(1) > 1


def test_route_choice() -> None:
    assert choose_route(Route.AUTO, 64 * MiB, 64 * MiB) is Route.FILES
    assert choose_route(Route.AUTO, 64 * MiB + 1, 64 * MiB) is Route.UPLOADS
    assert choose_route(Route.FILES, 10**9, 64 * MiB) is Route.FILES
    assert choose_route(Route.UPLOADS, 10, 64 * MiB) is Route.UPLOADS


def test_size_limits() -> None:
    assert size_problem(Route.UPLOADS, MAX_UPLOAD_BYTES) is None
    assert "8 GB" in (size_problem(Route.UPLOADS, MAX_UPLOAD_BYTES + 1) or "")
    assert size_problem(Route.FILES, MAX_FILES_BYTES) is None
    assert "512 MB" in (size_problem(Route.FILES, MAX_FILES_BYTES + 1) or "")
    assert size_problem(Route.UPLOADS, MAX_FILES_BYTES + 1) is None
    assert "empty" in (size_problem(Route.FILES, 0) or "")


def make_job(size: int = 10 * MiB) -> Job:
    job = Job("j", Path("/x"), "batch", None, Route.AUTO, 4 * MiB, FileStat(size, 1))
    job.replan(Route.UPLOADS)
    return job


def test_state_machine_happy_path_and_illegal_transitions() -> None:
    job = make_job()
    for state in (
        JobState.VALIDATING,
        JobState.QUEUED,
        JobState.UPLOADING,
        JobState.PAUSED,
        JobState.QUEUED,
        JobState.UPLOADING,
        JobState.COMPLETING,
        JobState.COMPLETED,
    ):
        job.set_state(state)
    assert job.state is JobState.COMPLETED
    for state in JobState:
        if state is not JobState.COMPLETED:
            with pytest.raises(IllegalTransition):
                job.set_state(state)
    other = make_job()
    with pytest.raises(IllegalTransition):
        other.set_state(JobState.COMPLETING)  # queued → completing skips the parts
    other.set_state(JobState.CANCELLED)
    with pytest.raises(IllegalTransition):
        other.set_state(JobState.QUEUED)


def test_transition_table_is_complete() -> None:
    assert set(TRANSITIONS) == set(JobState)
    assert TRANSITIONS[JobState.COMPLETED] == frozenset()
    assert TRANSITIONS[JobState.CANCELLED] == frozenset()
    assert JobState.QUEUED in TRANSITIONS[JobState.FAILED]  # manual retry


def test_bytes_done_capped_until_completed() -> None:
    job = make_job(10 * MiB)
    assert len(job.parts) == 3
    job.set_state(JobState.UPLOADING)
    for part in job.parts:
        part.state, part.bytes_sent = PartState.DONE, part.length
    assert job.bytes_done == job.size - 1  # 100 % only with the File object
    assert job.snapshot().fraction < 1.0
    job.set_state(JobState.COMPLETING)
    job.set_state(JobState.COMPLETED)
    assert job.bytes_done == job.size and job.snapshot().fraction == 1.0


def test_pause_drops_unfinished_parts_only() -> None:
    job = make_job(10 * MiB)
    job.parts[0].state, job.parts[0].bytes_sent, job.parts[0].part_id = (
        PartState.DONE,
        4 * MiB,
        "part_a",
    )
    job.parts[1].state, job.parts[1].bytes_sent = PartState.SENDING, 1000
    job.drop_in_flight_parts()
    assert job.parts[0].state is PartState.DONE and job.parts[0].part_id == "part_a"
    assert (job.parts[1].state, job.parts[1].bytes_sent) == (PartState.PENDING, 0)


def test_meter_smooths_over_the_window() -> None:
    meter = SpeedMeter(window=5.0)
    for tick in range(100):  # 10 s at 1 MB per 0.1 s = 10 MB/s
        meter.add(1_000_000, now=tick * 0.1)
    assert 9e6 <= meter.speed(now=9.95) <= 11e6
    assert meter.speed(now=100.0) == 0.0  # idle long enough
    assert SpeedMeter.eta(50, 10.0) == 5.0 and SpeedMeter.eta(50, 0.0) is None


@pytest.mark.asyncio
async def test_limiter_fifo_and_live_resize() -> None:
    limiter = RequestLimiter(2)
    await limiter.acquire()
    await limiter.acquire()
    order: list[int] = []

    async def waiter(n: int) -> None:
        await limiter.acquire()
        order.append(n)

    tasks = [asyncio.create_task(waiter(n)) for n in range(3)]
    await asyncio.sleep(0)
    assert order == [] and limiter.in_flight == 2
    limiter.release()
    await asyncio.sleep(0)
    assert order == [0]
    limiter.set_limit(4)  # raising the limit lets waiters in at once
    await asyncio.sleep(0)
    assert order == [0, 1, 2] and limiter.in_flight == 4
    await asyncio.gather(*tasks)
    limiter.set_limit(1)
    for _ in range(3):
        limiter.release()
    assert limiter.in_flight == 1
    limiter.close()


@pytest.mark.asyncio
async def test_limiter_cancelled_waiter_does_not_leak_a_slot() -> None:
    limiter = RequestLimiter(1)
    await limiter.acquire()
    task = asyncio.create_task(limiter.acquire())
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    limiter.release()
    assert limiter.in_flight == 0
    await asyncio.wait_for(limiter.acquire(), 1)
    limiter.close()


@pytest.mark.asyncio
async def test_limiter_halves_on_429_then_holds() -> None:
    limiter = RequestLimiter(8)
    limiter.throttle()
    assert limiter.effective == 4 and limiter.setting == 8
    limiter.throttle()  # several 429s at once count as one
    assert limiter.effective == 4
    limiter.set_limit(2)
    assert limiter.effective == 2
    limiter.close()


@pytest.mark.asyncio
async def test_limiter_climbs_back_one_step_at_a_time() -> None:
    changes: list[int] = []
    limiter = RequestLimiter(8)
    limiter._on_change = lambda: changes.append(limiter.effective)
    limiter.throttle()
    assert limiter.effective == 4
    limiter._climb()  # still within the hold: no change
    assert limiter.effective == 4
    limiter._hold_until = 0.0  # the hold is over
    for expected in (5, 6, 7, 8):
        limiter._climb()
        assert limiter.effective == expected
    limiter._climb()
    assert limiter.effective == 8 and changes == [4, 5, 6, 7, 8]
    limiter.close()
