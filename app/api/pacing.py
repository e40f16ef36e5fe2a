"""Staying under the server's request-rate limit instead of running into it.

The server announces its limit on every answer (OpenAI: `x-ratelimit-limit-requests`,
`x-ratelimit-remaining-requests`, `x-ratelimit-reset-requests`, the reset as "1s", "6m0s" or
"20ms"). One RatePacer per kind of request mirrors that bucket: each request takes a token
before it is sent and waits when none is left, until the refill (the limit per minute)
brings one. A 429 sets the bucket empty; without retry-after it waits for one token.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Mapping

LIMIT = "x-ratelimit-limit-requests"
REMAINING = "x-ratelimit-remaining-requests"
RESET = "x-ratelimit-reset-requests"
MAX_RESET_WAIT = 120.0
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
_ROUTE_WORDS = {"files", "uploads", "parts", "complete", "cancel", "content"}


def parse_duration(text: str) -> float | None:
    """'6m0s' → 360.0, '20ms' → 0.02, '1.5' → 1.5; None when it is not a duration."""
    text = text.strip().lower()
    try:
        return float(text)
    except ValueError:
        pass
    pos, total = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != pos:
            return None
        total += float(match.group(1)) * _UNIT[match.group(2)]
        pos = match.end()
    return total if pos == len(text) and pos else None


def _number(headers: Mapping[str, str], name: str) -> float | None:
    value = headers.get(name)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number >= 0 else None


def _reset(headers: Mapping[str, str]) -> float | None:
    text = headers.get(RESET)
    return parse_duration(text) if text else None


def route_of(method: str, path: str) -> str:
    """'POST', 'uploads/upload_abc/parts' → 'POST uploads/*/parts' (one pacer per route)."""
    words = [w if w in _ROUTE_WORDS else "*" for w in path.strip("/").split("/") if w]
    return f"{method.upper()} {'/'.join(words)}"


class RatePacer:
    """A local copy of the server's token bucket for one route (no limit known: no waiting)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.limit: float | None = None  # requests per minute, as announced
        self.rate = 0.0  # tokens per second
        self.tokens = 0.0
        self._at = clock()
        self.reserved = 0  # tokens taken by requests not answered yet
        self.waits = 0  # requests that had to wait for a token (for tests and the log)

    def _refill(self) -> None:
        now = self._clock()
        if self.limit is not None:
            self.tokens = min(self.limit, self.tokens + self.rate * (now - self._at))
        self._at = now

    def reserve(self) -> float:
        """Take a token; returns the seconds to wait before sending (0: go now)."""
        self.reserved += 1
        if self.limit is None or self.rate <= 0:
            return 0.0
        self._refill()
        self.tokens -= 1.0
        if self.tokens >= 0:
            return 0.0
        self.waits += 1
        return -self.tokens / self.rate

    async def take(self) -> None:
        """Reserve a token and wait for it; every take is followed by one answered()."""
        delay = self.reserve()
        if delay > 0:
            try:
                await asyncio.sleep(delay)
            except asyncio.CancelledError:
                self.reserved = max(0, self.reserved - 1)
                self.tokens += 1.0
                raise

    def answered(self, headers: Mapping[str, str], status: int | None) -> None:
        """Learn from an answer (status None: no answer came) to a request that reserved."""
        self.reserved = max(0, self.reserved - 1)
        limit = _number(headers, LIMIT)
        remaining = 0.0 if status == 429 else _number(headers, REMAINING)
        if limit is None or limit <= 0:
            limit = self.limit if status == 429 else None
        if limit is None:
            return
        self.limit = limit
        # the limit is per minute; the reset (time until the bucket is full) is not used for
        # the rate: a bucket smaller than a minute's worth would make it look faster
        self.rate = limit / 60.0
        if remaining is not None:
            self._refill()
            # requests already on their way will take tokens this answer did not count
            self.tokens = min(limit, remaining) - self.reserved

    def wait_after_429(self, headers: Mapping[str, str]) -> float | None:
        """How long a 429 without retry-after should wait: until one token is back (the
        reset header is the time until the bucket is *full*, more than one request needs)."""
        reset = _reset(headers)
        one = 1.0 / self.rate if self.rate > 0 else None
        if reset is not None and 0 < reset <= MAX_RESET_WAIT:
            return min(reset, one) if one is not None else reset
        return one


class Pacers:
    """The RatePacer of each route, made on first use."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._by_route: dict[str, RatePacer] = {}

    def __call__(self, method: str, path: str) -> RatePacer:
        route = route_of(method, path)
        pacer = self._by_route.get(route)
        if pacer is None:
            pacer = self._by_route[route] = RatePacer(self._clock)
        return pacer

    @property
    def waits(self) -> int:
        return sum(p.waits for p in self._by_route.values())
