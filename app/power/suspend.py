"""SuspendDetector: notice that the computer slept (the wall clock jumped ahead of the
monotonic clock, which stands still during suspend), so stale connections can be dropped
at once instead of waiting for the stall timeout."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

DEFAULT_THRESHOLD = 10.0  # seconds of wall-clock time unaccounted for
DEFAULT_INTERVAL = 5.0  # seconds between ticks of `watch_for_suspend`


class SuspendDetector:
    """expected_interval: when ticks are meant to come that often, a tick that comes more
    than `threshold` late also counts (for systems whose monotonic clock runs on in sleep)."""

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        expected_interval: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.threshold = threshold
        self.expected_interval = expected_interval
        self._monotonic = monotonic
        self._wall = wall
        self._last = (monotonic(), wall())
        self.jumps = 0

    def tick(self) -> float | None:
        """Call periodically. Returns the seconds the computer was away, or None."""
        now = (self._monotonic(), self._wall())
        elapsed = now[0] - self._last[0]
        gap = (now[1] - self._last[1]) - elapsed
        if self.expected_interval is not None:
            gap = max(gap, elapsed - self.expected_interval)
        self._last = now
        if gap > self.threshold:
            self.jumps += 1
            return gap
        return None


async def watch_for_suspend(
    on_resume: Callable[[float], None],
    detector: SuspendDetector | None = None,
    interval: float = DEFAULT_INTERVAL,
) -> None:
    """Run until cancelled; calls on_resume(seconds_away) after each detected suspend."""
    detector = detector or SuspendDetector(expected_interval=interval)
    while True:
        await asyncio.sleep(interval)
        gap = detector.tick()
        if gap is not None:
            on_resume(gap)
