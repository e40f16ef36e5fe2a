"""One global limit on requests in flight, lowered for a while after a 429."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable

MIN_CONCURRENCY = 1
MAX_CONCURRENCY = 16
THROTTLE_HOLD = 30.0  # seconds at the lowered limit after the last 429
CLIMB_STEP = 5.0  # then +1 every this many seconds
THROTTLE_DEBOUNCE = 2.0  # 429s arriving together count as one


def clamp_concurrency(n: int) -> int:
    return max(MIN_CONCURRENCY, min(int(n), MAX_CONCURRENCY))


class RequestLimiter:
    """A FIFO semaphore whose size can change while running. Waiters are served in arrival
    order, so jobs take turns. Only part requests and Upload creation take a slot."""

    def __init__(self, limit: int, on_change: Callable[[], None] | None = None) -> None:
        self.setting = clamp_concurrency(limit)
        self.effective = self.setting
        self.in_flight = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._on_change = on_change or (lambda: None)
        self._throttled_at = -1e9
        self._hold_until = 0.0
        self._timer: asyncio.TimerHandle | None = None

    async def acquire(self) -> None:
        if self.in_flight < self.effective and not self._waiters:
            self.in_flight += 1
            self._on_change()
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(future)
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # granted, but our task was cancelled before it could use it
            else:
                with contextlib.suppress(ValueError):
                    self._waiters.remove(future)
            raise

    @property
    def saturated(self) -> bool:
        """More requests want a slot than the limit allows right now."""
        return any(not f.done() for f in self._waiters)

    def release(self) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self._wake()
        self._on_change()

    def _wake(self) -> None:
        while self._waiters and self.in_flight < self.effective:
            future = self._waiters.popleft()
            if future.done():
                continue
            self.in_flight += 1
            future.set_result(None)

    def set_limit(self, n: int) -> None:
        self.setting = clamp_concurrency(n)
        if time.monotonic() >= self._hold_until:
            self.effective = self.setting
        else:
            self.effective = min(self.effective, self.setting)
        self._wake()
        self._on_change()

    def throttle(self) -> None:
        """The server said 429: halve the limit (min 1) for a while, then climb back."""
        now = time.monotonic()
        self._hold_until = now + THROTTLE_HOLD
        if now - self._throttled_at >= THROTTLE_DEBOUNCE:
            self._throttled_at = now
            self.effective = max(MIN_CONCURRENCY, self.effective // 2)
            self._on_change()
        self._schedule(THROTTLE_HOLD)

    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._timer = loop.call_later(delay, self._climb)

    def _climb(self) -> None:
        self._timer = None
        now = time.monotonic()
        if now < self._hold_until:
            self._schedule(self._hold_until - now)
            return
        if self.effective < self.setting:
            self.effective += 1
            self._wake()
            self._on_change()
        if self.effective < self.setting:
            self._schedule(CLIMB_STEP)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
