"""SuspendDetector with clocks the test moves by hand."""

from __future__ import annotations

import asyncio

import pytest

from app.power.suspend import SuspendDetector, watch_for_suspend


class Clocks:
    def __init__(self) -> None:
        self.mono = 1000.0
        self.wall = 1_700_000_000.0

    def run(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += seconds

    def suspend(self, seconds: float) -> None:
        self.wall += seconds  # the monotonic clock stands still while suspended


def test_normal_ticks_report_nothing() -> None:
    clocks = Clocks()
    detector = SuspendDetector(10.0, monotonic=lambda: clocks.mono, wall=lambda: clocks.wall)
    for _ in range(5):
        clocks.run(5.0)
        clocks.wall += 0.5  # a small NTP correction is not a suspend
        assert detector.tick() is None
    assert detector.jumps == 0


def test_a_suspend_is_reported_once_with_its_length() -> None:
    clocks = Clocks()
    detector = SuspendDetector(10.0, monotonic=lambda: clocks.mono, wall=lambda: clocks.wall)
    clocks.run(2.0)
    clocks.suspend(600.0)
    clocks.run(3.0)
    assert detector.tick() == 600.0
    clocks.run(5.0)
    assert detector.tick() is None
    assert detector.jumps == 1


def test_jump_below_threshold_and_backwards_clock_are_ignored() -> None:
    clocks = Clocks()
    detector = SuspendDetector(10.0, monotonic=lambda: clocks.mono, wall=lambda: clocks.wall)
    clocks.suspend(9.0)
    assert detector.tick() is None
    clocks.wall -= 3600.0  # the user set the clock back
    assert detector.tick() is None


def test_a_late_tick_counts_where_the_monotonic_clock_runs_on_in_sleep() -> None:
    clocks = Clocks()
    detector = SuspendDetector(
        10.0, expected_interval=5.0, monotonic=lambda: clocks.mono, wall=lambda: clocks.wall
    )
    clocks.run(5.2)
    assert detector.tick() is None
    clocks.run(305.0)  # both clocks moved: only the lateness tells
    assert detector.tick() == pytest.approx(300.0)
    plain = SuspendDetector(10.0, monotonic=lambda: clocks.mono, wall=lambda: clocks.wall)
    clocks.run(305.0)
    assert plain.tick() is None  # without an expected interval a long tick is not a jump


@pytest.mark.asyncio
async def test_watch_calls_back_after_a_suspend() -> None:
    clocks = Clocks()
    detector = SuspendDetector(10.0, monotonic=lambda: clocks.mono, wall=lambda: clocks.wall)
    seen: list[float] = []
    resumed = asyncio.Event()

    def on_resume(gap: float) -> None:
        seen.append(gap)
        resumed.set()

    task = asyncio.create_task(watch_for_suspend(on_resume, detector, interval=0))
    clocks.suspend(120.0)
    await asyncio.wait_for(resumed.wait(), 10)
    task.cancel()
    assert seen == [120.0]
