"""Concurrency "auto": the tuner's rules on a real RequestLimiter with a hand-turned clock and
a link model, then the engine in auto mode against the real sandbox."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineKit, MiB, write_random

from app.engine import JobState, OverallProgress
from app.engine.autotune import (
    HOLD,
    MAX_SPAN,
    MIN_SAMPLE_PIECES,
    PERIOD,
    START,
    ConcurrencyTuner,
)
from app.engine.limiter import RequestLimiter

pytestmark = pytest.mark.asyncio


class Link:
    """Bytes moved per second for n streams: a per-stream cap and a total cap."""

    def __init__(self, per_stream: float, total: float) -> None:
        self.per_stream, self.total = per_stream, total
        self.now = 0.0
        self.moved = 0.0

    def run(self, streams: int, seconds: float = PERIOD) -> None:
        self.moved += min(streams * self.per_stream, self.total) * seconds
        self.now += seconds


async def saturated_limiter() -> tuple[RequestLimiter, list[asyncio.Task[None]]]:
    """A limiter with more requests waiting than any limit lets through."""
    limiter = RequestLimiter(4)
    waiting = [asyncio.create_task(limiter.acquire()) for _ in range(40)]
    await asyncio.sleep(0)
    return limiter, waiting


def tuner_on(limiter: RequestLimiter, link: Link) -> ConcurrencyTuner:
    return ConcurrencyTuner(limiter, lambda: int(link.moved), lambda: link.now)


async def test_climbs_while_throughput_rises_and_settles_on_the_best() -> None:
    limiter, waiting = await saturated_limiter()
    link = Link(per_stream=10e6, total=80e6)  # 8 streams fill the link
    tuner = tuner_on(limiter, link)
    for _ in range(6):
        link.run(tuner.count)
        tuner.step()
    assert tuner.changes[0] == START
    assert max(tuner.changes) > 8  # it looked past the knee …
    assert tuner.count >= 8 and min(tuner.count, 8) * 10e6 >= 0.9 * 80e6  # … and kept a best
    settled = tuner.count
    for _ in range(int(HOLD / PERIOD) - 3):  # held while the link stays the same
        link.run(tuner.count)
        tuner.step()
    assert tuner.count == settled
    for _ in range(3):  # then it probes again, and comes back
        link.run(tuner.count)
        tuner.step()
    assert max(tuner.changes[-3:]) > settled
    for _ in range(3):
        link.run(tuner.count)
        tuner.step()
    assert tuner.count >= 8
    for task in waiting:
        task.cancel()


async def test_a_link_that_one_stream_fills_goes_back_to_the_start() -> None:
    limiter, waiting = await saturated_limiter()
    link = Link(per_stream=100e6, total=100e6)
    tuner = tuner_on(limiter, link)
    for _ in range(4):
        link.run(tuner.count)
        tuner.step()
    assert tuner.changes[:3] == [4, 6, 4] and tuner.count == 4
    for task in waiting:
        task.cancel()


@pytest.mark.parametrize(("total", "judged_at_step"), [(6e6, 3), (2e6, int(MAX_SPAN / PERIOD))])
async def test_a_slow_link_is_measured_over_enough_pieces(
    total: float, judged_at_step: int
) -> None:
    """Progress comes in 1 MiB pieces, so a half-second period on a slow link sees a piece
    more or less: the tuner judges once MIN_SAMPLE_PIECES moved (6 MB/s: 1.5 s), or after
    MAX_SPAN (2 MB/s), not every period."""
    limiter, waiting = await saturated_limiter()
    link = Link(per_stream=total / 4, total=total)  # the 4 streams it starts with fill it
    tuner = ConcurrencyTuner(
        limiter,
        lambda: int(link.moved) // MiB * MiB,
        lambda: link.now,
        lambda: int(link.moved) // MiB,
    )
    for _ in range(judged_at_step - 1):
        link.run(tuner.count)
        tuner.step()
    assert tuner.changes == [START] and link.moved < MIN_SAMPLE_PIECES * MiB
    link.run(tuner.count)
    tuner.step()
    assert tuner.changes == [START, START + START // 2]  # the first measurement: one climb
    for task in waiting:
        task.cancel()


async def test_trouble_takes_one_stream_away_once_per_burst() -> None:
    limiter, waiting = await saturated_limiter()
    link = Link(per_stream=10e6, total=1e9)
    tuner = tuner_on(limiter, link)
    tuner.trouble()
    tuner.trouble()  # the same burst of 503s
    assert tuner.count == START - 1
    link.run(tuner.count)
    tuner.step()
    assert tuner.count == START - 1  # held: no climbing right after trouble
    for task in waiting:
        task.cancel()


async def test_without_waiting_work_nothing_changes() -> None:
    limiter = RequestLimiter(4)
    link = Link(per_stream=10e6, total=1e9)
    tuner = tuner_on(limiter, link)
    for _ in range(5):
        link.run(2)
        tuner.step()
    assert tuner.changes == [START] and limiter.setting == START


async def test_engine_in_auto_mode_uploads_and_stays_within_1_to_16(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=16 * MiB)
    engine, recorder = kit.make(sb.base_url, part_size=MiB, concurrency="auto")
    assert engine.services.tuner is not None and engine.concurrency == START
    source = tmp_path / "parts.bin"
    write_random(source, 40 * MiB)
    job_id = await engine.add(source, "user_data")
    snap = await asyncio.wait_for(engine.wait(job_id), 120)
    assert snap.state is JobState.COMPLETED, snap.error
    assert engine.services.tuner is not None and engine.services.tuner.changes[0] == START
    assert all(1 <= n <= 16 for n in engine.services.tuner.changes)
    in_flight = [o.overall.requests_in_flight for o in recorder.of(OverallProgress)]
    assert max(in_flight) <= max(engine.services.tuner.changes)
    engine.set_concurrency(3)  # a fixed number switches auto off
    assert not engine.services.tuner is not None and engine.concurrency == 3
