"""Concurrency "auto": find the number of streams the link rewards.

Start at 4. Every PERIOD (longer on a slow link, see MIN_SAMPLE_PIECES), while requests are
waiting for a slot (more work than streams), compare the bytes moved in the last period with
the period before the last change:
- up by more than RISE: add streams (half as many again, at least one), up to 16;
- not: go back to the best count seen and hold it for HOLD, then probe one more;
- a 429 or a 5xx answer: one stream fewer (at least 1) and hold.
The RequestLimiter does the limiting; this only moves its setting.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from app.engine.limiter import MAX_CONCURRENCY, MIN_CONCURRENCY, RequestLimiter

AUTO = "auto"
START = 4
PERIOD = 0.5  # seconds per measurement, at the least
# Progress moves in pieces (1 MiB of a body, or a small file's whole body): a measurement
# spans at least this many (a slow link's big parts are measured over more periods), or
# MAX_SPAN seconds, so one piece more or less is not read as the link rising or falling.
MIN_SAMPLE_PIECES = 8
MAX_SPAN = 4.0
RISE = 0.05  # more than this much faster counts as "rising"
HOLD = 20.0  # seconds at the best count before probing again
TROUBLE_DEBOUNCE = 2.0  # 429s/5xx arriving together count as one


class ConcurrencyTuner:
    """Moves ``limiter``'s setting by the throughput ``bytes_moved()`` shows."""

    def __init__(
        self,
        limiter: RequestLimiter,
        bytes_moved: Callable[[], int],
        clock: Callable[[], float],
        pieces_moved: Callable[[], int] | None = None,
    ) -> None:
        """``pieces_moved``: how many pieces made up ``bytes_moved`` (None: judge every
        PERIOD whatever moved)."""
        self.limiter = limiter
        self._bytes_moved = bytes_moved
        self._pieces_moved = pieces_moved
        self._clock = clock
        self.best_count = START
        self.best_rate = 0.0
        self._base_rate = 0.0  # the rate before the last increase
        self._mark_bytes = bytes_moved()
        self._mark_pieces = self._pieces()
        self._mark_time = clock()
        self._hold_until = 0.0
        self._trouble_at = -1e9
        self._timer: asyncio.TimerHandle | None = None
        self.changes: list[int] = []  # every count set, in order (for tests and the log)
        self._set(START)

    def _pieces(self) -> int | None:
        return None if self._pieces_moved is None else self._pieces_moved()

    @property
    def count(self) -> int:
        return self.limiter.setting

    def _set(self, n: int) -> None:
        n = max(MIN_CONCURRENCY, min(MAX_CONCURRENCY, n))
        if n != self.limiter.setting or not self.changes:
            self.changes.append(n)
        self.limiter.set_limit(n)

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._timer is None:
            self._mark_bytes, self._mark_time = self._bytes_moved(), self._clock()
            self._mark_pieces = self._pieces()
            self._timer = loop.call_later(PERIOD, self._tick, loop)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _tick(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = loop.call_later(PERIOD, self._tick, loop)
        self.step()

    def step(self) -> None:
        """One measurement: called every PERIOD (tests call it with their own clock)."""
        now, moved = self._clock(), self._bytes_moved()
        span = now - self._mark_time
        if span <= 0:
            return
        pieces = self._pieces()
        few = pieces is not None and pieces - (self._mark_pieces or 0) < MIN_SAMPLE_PIECES
        if few and span < MAX_SPAN and self.limiter.saturated:
            return  # too few pieces for a steady figure yet: measure on
        self._mark_pieces = pieces
        rate = (moved - self._mark_bytes) / span
        self._mark_bytes, self._mark_time = moved, now
        if not self.limiter.saturated or rate <= 0:
            return  # too little work to tell what more streams would do
        n = self.count
        if rate > self.best_rate:
            self.best_rate, self.best_count = rate, n
        if now < self._hold_until:
            return
        if self._base_rate == 0.0 or rate > self._base_rate * (1 + RISE):
            if n < MAX_CONCURRENCY:
                self._base_rate = rate
                self._set(n + max(1, n // 2))
            return
        # no longer rising: settle on the best count and look again later
        self._set(self.best_count)
        self._base_rate = 0.0
        self.best_rate = 0.0  # measured afresh, the link may change
        self._hold_until = now + HOLD

    def trouble(self) -> None:
        """The server answered 429 or 5xx: one stream fewer, held for a while."""
        now = self._clock()
        if now - self._trouble_at < TROUBLE_DEBOUNCE:
            return
        self._trouble_at = now
        self._set(self.count - 1)
        self.best_count = min(self.best_count, self.count)
        self._base_rate = 0.0
        self._hold_until = now + HOLD
