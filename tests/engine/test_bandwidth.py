"""The global bandwidth bucket on a hand-moved clock: rate, fairness, changes, turtle mode."""

from __future__ import annotations

import asyncio

import pytest
from manualclock import ManualClock, settle

from app.engine.bandwidth import BandwidthBucket, slice_size


class Streams:
    """n tasks, each taking `total` bytes in `chunk`-sized calls, counting what they got."""

    def __init__(self, bucket: BandwidthBucket, n: int, total: int, chunk: int) -> None:
        self.sent = [0] * n
        self.done_at: list[float | None] = [None] * n
        self.tasks = [asyncio.create_task(self._run(bucket, i, total, chunk)) for i in range(n)]

    async def _run(self, bucket: BandwidthBucket, i: int, total: int, chunk: int) -> None:
        while self.sent[i] < total:
            await bucket.take(chunk)
            self.sent[i] += chunk
        self.done_at[i] = bucket.clock.now()


@pytest.mark.asyncio
async def test_four_streams_share_the_cap_evenly() -> None:
    clock = ManualClock()
    bucket = BandwidthBucket(10_000, clock=clock)
    one = slice_size(10_000)
    streams = Streams(bucket, 4, 10_240, 1024)
    await clock.advance_to(2.0)
    assert 20_000 - one <= bucket.granted <= 20_000 + 2 * one
    # round robin: one slice apart, plus the burst slice the first stream got at once
    assert max(streams.sent) - min(streams.sent) <= 2 * 1024
    await clock.advance_to(10.0)
    finished = [t for t in streams.done_at if t is not None]
    assert len(finished) == 4
    assert 40_960 / 10_000 - 0.3 <= max(finished) <= 40_960 / 10_000 + 0.1


@pytest.mark.asyncio
async def test_a_big_take_is_granted_in_slices_and_shares_with_others() -> None:
    clock = ManualClock()
    bucket = BandwidthBucket(10_000, clock=clock)
    big = asyncio.create_task(bucket.take(100_000))
    small = Streams(bucket, 1, 5_000, 1000)
    await clock.advance_to(1.0)
    assert not big.done()
    assert 4_000 <= small.sent[0] <= 6_000  # half the rate, not starved by the big take


@pytest.mark.asyncio
async def test_raising_the_rate_takes_effect_within_one_slice() -> None:
    clock = ManualClock()
    bucket = BandwidthBucket(20_000, clock=clock)
    one_old_slice = slice_size(20_000) / 20_000  # seconds
    task = asyncio.create_task(bucket.take(10_000_000))
    await clock.advance_to(1.0)
    before = bucket.granted
    assert before <= 20_000 + 2 * slice_size(20_000)
    bucket.set_rate(1_000_000)
    await clock.advance_to(2.0)
    low = 1_000_000 * (1 - one_old_slice) - slice_size(1_000_000)
    assert low <= bucket.granted - before <= 1_000_000 + slice_size(1_000_000)
    task.cancel()


@pytest.mark.asyncio
async def test_lowering_the_rate_takes_effect_within_one_slice() -> None:
    clock = ManualClock()
    bucket = BandwidthBucket(1_000_000, clock=clock)
    task = asyncio.create_task(bucket.take(10_000_000))
    await clock.advance_to(1.0)
    bucket.set_rate(2_000)
    at_change = bucket.granted
    await clock.advance_to(4.0)
    # at most the slice already granted at the old rate, then 2 kB/s
    assert bucket.granted - at_change <= slice_size(1_000_000) + 3 * 2_000 + slice_size(2_000)
    assert bucket.granted - at_change >= 3 * 2_000 - slice_size(2_000)
    task.cancel()


@pytest.mark.asyncio
async def test_zero_is_unlimited_and_frees_every_waiter() -> None:
    clock = ManualClock()
    unlimited = BandwidthBucket(0, clock=clock)
    assert await unlimited.take(50_000_000) == 0.0
    assert unlimited.granted == 50_000_000 and clock.pending() == []

    capped = BandwidthBucket(1_000, clock=clock)
    waiters = [asyncio.create_task(capped.take(100_000)) for _ in range(3)]
    await settle()
    assert capped.waiting >= 2 and not any(w.done() for w in waiters)
    capped.set_rate(0)
    await settle()
    assert all(w.done() for w in waiters)
    assert capped.waiting == 0


@pytest.mark.asyncio
async def test_the_alternative_cap_is_toggled() -> None:
    clock = ManualClock()
    bucket = BandwidthBucket(100_000, alternative_rate=10_000, clock=clock)
    task = asyncio.create_task(bucket.take(100_000_000))
    await clock.advance_to(1.0)
    first = bucket.granted
    assert 95_000 <= first <= 100_000 + 2 * slice_size(100_000)
    bucket.use_alternative(True)
    assert bucket.rate == 10_000 and bucket.alternative_on
    await clock.advance_to(3.0)
    turtle = bucket.granted - first
    assert turtle <= slice_size(100_000) + 20_000 + slice_size(10_000)
    bucket.use_alternative(False)
    assert bucket.rate == 100_000
    mark = bucket.granted
    await clock.advance_to(4.0)
    assert 95_000 <= bucket.granted - mark <= 100_000 + 2 * slice_size(100_000)
    task.cancel()


@pytest.mark.asyncio
async def test_waiting_is_counted_so_a_watchdog_can_tell_capped_from_stalled() -> None:
    clock = ManualClock()
    bucket = BandwidthBucket(1_024, clock=clock)
    assert await bucket.take(1_024) == 0.0  # within the burst: no wait
    second = asyncio.create_task(bucket.take(1_024))
    await settle()
    assert bucket.waiting == 1
    await clock.advance_to(1.0)
    assert second.done() and second.result() == pytest.approx(1.0)
    assert bucket.waiting == 0
    assert bucket.waited == pytest.approx(1.0)


@pytest.mark.asyncio
async def test_a_cancelled_waiter_gives_its_turn_away() -> None:
    clock = ManualClock()
    bucket = BandwidthBucket(1_024, clock=clock)
    await bucket.take(1_024)
    doomed = asyncio.create_task(bucket.take(1_024))
    await settle()
    after = asyncio.create_task(bucket.take(1_024))
    await settle()
    doomed.cancel()
    await settle()
    assert bucket.waiting == 1
    await clock.advance_to(1.0)
    assert after.done()  # served in the slot the cancelled one would have had
    assert bucket.granted == 2_048
