"""One global upload-rate cap shared by every request: a token bucket handing out slices.

    bucket = BandwidthBucket(rate=4_000_000)        # bytes per second; 0 = unlimited
    waited = await bucket.take(len(chunk))           # before sending each chunk
    bucket.piece_size()                              # how big a chunk to send under the cap
    bucket.set_rate(800 * 1024)                      # at any time; takes effect at once
    bucket.set_alternative_rate(100_000); bucket.use_alternative(True)   # the "turtle"

Waiters are served first come, first served, one slice at a time, so concurrent streams
share the rate evenly. `take` returns the seconds it waited and `bucket.waiting` counts the
callers blocked right now, so a stall watchdog can tell a capped stream from a stalled one.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

MIN_SLICE = 1024
MAX_SLICE = 256 * 1024
SLICE_SECONDS = 0.05  # a slice is ~50 ms of the rate, so a change bites within that
EPSILON = 1e-6  # bytes of debt treated as paid (float rounding)


class Timer(Protocol):
    def cancel(self) -> None: ...


class Clock(Protocol):
    """Where the bucket reads the time and sets its wake-ups (injectable for tests)."""

    def now(self) -> float: ...

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer: ...


class LoopClock:
    """The running event loop's monotonic clock and timers."""

    def now(self) -> float:
        return asyncio.get_running_loop().time()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        return asyncio.get_running_loop().call_later(delay, callback)


@dataclass
class _Waiter:
    size: int
    future: asyncio.Future[None]


def slice_size(rate: float) -> int:
    return max(MIN_SLICE, min(MAX_SLICE, int(rate * SLICE_SECONDS)))


class BandwidthBucket:
    def __init__(
        self, rate: float = 0, *, alternative_rate: float = 0, clock: Clock | None = None
    ) -> None:
        self.clock: Clock = clock or LoopClock()
        self._normal = max(0.0, float(rate))
        self._alternative = max(0.0, float(alternative_rate))
        self._use_alternative = False
        self._tokens = 0.0  # may go negative: a debt paid back at the rate
        self._stamp: float | None = None
        self._queue: deque[_Waiter] = deque()
        self._timer: Timer | None = None
        self.waiting = 0  # callers blocked in take() right now
        self.waited = 0.0  # seconds, summed over all callers
        self.granted = 0  # bytes handed out since creation

    # --- settings -------------------------------------------------------------------------
    @property
    def rate(self) -> float:
        """The cap in force, bytes per second (0 = unlimited)."""
        return self._alternative if self._use_alternative else self._normal

    @property
    def normal_rate(self) -> float:
        return self._normal

    @property
    def alternative_rate(self) -> float:
        return self._alternative

    @property
    def alternative_on(self) -> bool:
        return self._use_alternative

    def piece_size(self) -> int:
        """The most bytes a body should write at once under the cap (one slice); 0 when
        there is none."""
        return slice_size(self.rate) if self.rate > 0 else 0

    def set_rate(self, rate: float) -> None:
        self._change(lambda: setattr(self, "_normal", max(0.0, float(rate))))

    def set_alternative_rate(self, rate: float) -> None:
        self._change(lambda: setattr(self, "_alternative", max(0.0, float(rate))))

    def use_alternative(self, on: bool) -> None:
        self._change(lambda: setattr(self, "_use_alternative", bool(on)))

    def _change(self, apply: Callable[[], None]) -> None:
        self._refill()  # what accrued so far accrued at the old rate
        old_rate = self.rate
        apply()
        if self.rate <= 0:
            self._tokens = 0.0  # unlimited: forget any debt
        elif self._tokens < 0 and old_rate > 0:
            # the debt is time owed at the old rate: the slice already granted costs what it
            # would have, and the new rate applies from then on
            self._tokens = self._tokens / old_rate * self.rate
        else:
            self._tokens = min(self._tokens, float(slice_size(self.rate)))
        self._pump()

    # --- taking ---------------------------------------------------------------------------
    async def take(self, n: int) -> float:
        """Wait until n more bytes may be sent; returns the seconds spent waiting."""
        waited = 0.0
        remaining = int(n)
        while remaining > 0:
            if self.rate <= 0 and not self._queue:
                self.granted += remaining
                return waited
            size = min(remaining, slice_size(self.rate)) if self.rate > 0 else remaining
            waited += await self._take_slice(size)
            remaining -= size
        return waited

    async def _take_slice(self, size: int) -> float:
        self._refill()
        if not self._queue and (self.rate <= 0 or self._tokens >= -EPSILON):
            self._grant(size)
            return 0.0
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        waiter = _Waiter(size, future)
        self._queue.append(waiter)
        started = self.clock.now()
        self.waiting += 1
        self._pump()
        try:
            await future
        except asyncio.CancelledError:
            with contextlib.suppress(ValueError):
                self._queue.remove(waiter)
            self._pump()
            raise
        finally:
            self.waiting -= 1
            spent = self.clock.now() - started
            self.waited += spent
        return spent

    def _grant(self, size: int) -> None:
        if self.rate > 0:
            self._tokens -= size
        self.granted += size

    def _refill(self) -> None:
        now = self.clock.now()
        if self._stamp is not None and self.rate > 0:
            cap = float(slice_size(self.rate))
            self._tokens = min(cap, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def _pump(self) -> None:
        """Serve the queue head while the bucket is not in debt; otherwise wake up when the
        debt is paid back."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._refill()
        while self._queue and (self.rate <= 0 or self._tokens >= -EPSILON):
            waiter = self._queue.popleft()
            if waiter.future.done():
                continue
            self._grant(waiter.size)
            waiter.future.set_result(None)
        if self._queue:
            self._timer = self.clock.call_later(-self._tokens / self.rate, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self._pump()
