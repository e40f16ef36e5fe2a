"""The POST /files rate limit: a token bucket with OpenAI's x-ratelimit headers and 429."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from aiohttp import web
from aiohttp.typedefs import Handler

from app.sandbox.bodies import meter_of, read_some
from app.sandbox.errors import ApiFailure


def go_duration(seconds: float) -> str:
    """OpenAI's reset format (Go durations): 0s, 17ms, 1s, 1.5s, 6m0s, 1h0m0s."""
    ms = max(0, math.ceil(seconds * 1000 - 1e-6))
    if ms == 0:
        return "0s"
    if ms < 1000:
        return f"{ms}ms"
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    text = f"{rest / 1000:.3f}".rstrip("0").rstrip(".")
    head = (f"{hours}h" if hours else "") + (f"{minutes}m" if hours or minutes else "")
    return f"{head}{text}s"


class TokenBucket:
    """`rpm` requests per minute, `burst` of them at once; rpm 0 turns the limit off."""

    def __init__(
        self, rpm: float, burst: int | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.clock = clock
        self.configure(rpm, burst)

    def configure(self, rpm: float, burst: int | None = None) -> None:
        """New limits; the bucket starts full."""
        self.rpm = rpm
        self.burst = burst
        self.capacity = float(burst if burst is not None else max(1, math.ceil(rpm)))
        self.tokens = self.capacity
        self.stamp = self.clock()
        self.refused = 0  # 429 answers given since the last configure

    @property
    def enabled(self) -> bool:
        return self.rpm > 0

    def _refill(self) -> None:
        now = self.clock()
        per_second = self.rpm / 60.0
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * per_second)
        self.stamp = now

    def take(self) -> bool:
        """Spend one token if there is one."""
        self._refill()
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        self.refused += 1
        return False

    def seconds_until(self, tokens: float) -> float:
        return max(0.0, (tokens - self.tokens) * 60.0 / self.rpm)

    def headers(self) -> dict[str, str]:
        return {
            "x-ratelimit-limit-requests": str(math.floor(self.rpm)),
            "x-ratelimit-remaining-requests": str(math.floor(self.tokens)),
            "x-ratelimit-reset-requests": go_duration(self.seconds_until(self.capacity)),
        }

    def refusal(self) -> ApiFailure:
        wait = self.seconds_until(1.0)
        used = math.ceil(self.capacity - self.tokens)
        headers = {
            **self.headers(),
            "retry-after": str(max(1, math.ceil(wait))),
            "retry-after-ms": str(max(1, math.ceil(wait * 1000))),
        }
        return ApiFailure(
            429,
            f"Rate limit reached for requests per min (RPM): Limit {math.floor(self.rpm)}, "
            f"Used {used}, Requested 1. Please try again in {go_duration(wait)}.",
            type="requests",
            code="rate_limit_exceeded",
            headers=headers,
        )

    def snapshot(self) -> dict[str, float | int | None]:
        if self.enabled:
            self._refill()
        return {
            "rpm": self.rpm,
            "burst": self.burst,
            "tokens": self.tokens,
            "refused": self.refused,
        }


def rate_limited(handler: Handler, bucket: TokenBucket) -> Handler:
    """The handler behind the bucket: every answer carries the headers; none left → 429."""

    async def guarded(request: web.Request) -> web.StreamResponse:
        if not bucket.take():
            meter = meter_of(request)
            meter.entry.fault = "rate_limit"
            await read_some(request, meter, None)  # take the body so the answer is read
            raise bucket.refusal()
        try:
            response = await handler(request)
        except ApiFailure as failure:
            failure.headers.update(bucket.headers())
            raise
        response.headers.update(bucket.headers())
        return response

    return guarded
