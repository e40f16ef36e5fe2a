"""Smoothed speed: bytes moved over a sliding window of a few seconds."""

from __future__ import annotations

import time
from collections import deque

WINDOW = 5.0
SAMPLE_EVERY = 0.1
MIN_SPAN = 1.0


class SpeedMeter:
    """Counts bytes that moved (retries included: it measures the wire, not the progress)."""

    def __init__(self, window: float = WINDOW) -> None:
        self.window = window
        self.total = 0
        self.pieces = 0  # how many adds made up total (concurrency "auto" wants enough)
        self._samples: deque[tuple[float, int]] = deque()

    def add(self, nbytes: int, now: float | None = None) -> None:
        if nbytes <= 0:
            return
        self.pieces += 1
        now = time.monotonic() if now is None else now
        if not self._samples:
            # the first bytes came at an unknown pace (e.g. a piece held back by a rate
            # cap, then written at once): the window starts when they arrived, without them
            self.total += nbytes
            self._samples.append((now, self.total))
            return
        self.total += nbytes
        if now - self._samples[-1][0] >= SAMPLE_EVERY:
            self._samples.append((now, self.total))
            self._trim(now)

    def _trim(self, now: float) -> None:
        horizon = now - self.window
        while len(self._samples) > 1 and self._samples[1][0] <= horizon:
            self._samples.popleft()

    def reset(self) -> None:
        self._samples.clear()

    def speed(self, now: float | None = None) -> float:
        """Bytes per second over the last ``window`` seconds (0.0 when idle)."""
        if not self._samples:
            return 0.0
        now = time.monotonic() if now is None else now
        self._trim(now)
        start, counted = self._samples[0]
        if now - start > 2 * self.window:  # nothing moved for a long time
            return 0.0
        return (self.total - counted) / max(now - start, MIN_SPAN)

    @staticmethod
    def eta(remaining: int, speed: float) -> float | None:
        if remaining <= 0:
            return 0.0
        if speed <= 1.0:
            return None
        return remaining / speed
