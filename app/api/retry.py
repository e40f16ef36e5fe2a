"""The retry policy (product.md §2) as pure functions, testable without a network.

- Retried: network failures and timeouts (status None), 408, 409, 429 and every 5xx.
- The server's `x-should-retry: true|false` header wins over the status.
- Delay: `retry-after-ms`, then `Retry-After` (seconds or an HTTP date), honoured when
  0 < delay <= 120 s; otherwise 0.5 s * 2^n capped at 8 s, minus up to 25 % jitter.
- Attempts: at most max_attempts in a row without progress; an attempt whose connection
  broke after it made progress resets that count, and an absolute cap (4 x max_attempts)
  stops a server that always drops. Progress is 1 MiB of the body written beyond what the
  socket buffers on both ends may hold without the server reading a byte (BUFFERED_SLACK):
  a request body goes out in 1 MiB pieces, and on loopback the kernels take ~5 MiB from a
  client whose server reads nothing, so "written" alone does not mean "taken".
"""

from __future__ import annotations

import email.utils
import random as _random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MAX_SERVER_DELAY = 120.0
INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
JITTER = 0.25
PROGRESS_RESET_BYTES = 1024 * 1024
BUFFERED_SLACK = 8 * 1024 * 1024
ABSOLUTE_CAP_FACTOR = 4


def status_is_retryable(status: int | None) -> bool:
    """None means no HTTP answer at all (connection failure, timeout, stall)."""
    if status is None:
        return True
    return status in (408, 409, 429) or status >= 500


def should_retry(status: int | None, headers: Mapping[str, str] | None = None) -> bool:
    hint = (headers or {}).get("x-should-retry", "").strip().lower()
    if hint == "true":
        return True
    if hint == "false":
        return False
    return status_is_retryable(status)


def _parse_retry_after(value: str, now: float) -> float | None:
    value = value.strip()
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return when.timestamp() - now


def server_delay(headers: Mapping[str, str] | None, now: float) -> float | None:
    """The wait the server asked for, if it asked for one we honour."""
    if not headers:
        return None
    delay: float | None = None
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            delay = float(millis) / 1000.0
        except ValueError:
            delay = None
    if delay is None:
        seconds = headers.get("retry-after")
        if seconds is not None:
            delay = _parse_retry_after(seconds, now)
    if delay is not None and 0 < delay <= MAX_SERVER_DELAY:
        return delay
    return None


def backoff_delay(retry_index: int, rand: Callable[[], float] = _random.random) -> float:
    """0.5 s * 2^retry_index capped at 8 s, shortened by up to 25 % at random."""
    base = min(INITIAL_BACKOFF * (2.0 ** max(retry_index, 0)), MAX_BACKOFF)
    return base * (1.0 - JITTER * rand())


def choose_delay(
    retry_index: int,
    headers: Mapping[str, str] | None,
    now: float,
    rand: Callable[[], float] = _random.random,
) -> float:
    asked = server_delay(headers, now)
    return asked if asked is not None else backoff_delay(retry_index, rand)


def made_progress(body_bytes_sent: int) -> bool:
    """An attempt made progress when it wrote 1 MiB more than socket buffers may hold."""
    return body_bytes_sent - BUFFERED_SLACK >= PROGRESS_RESET_BYTES


@dataclass
class AttemptCounter:
    """Counts failed attempts; progress resets the run, the absolute cap never resets."""

    max_attempts: int
    consecutive: int = 0
    total: int = 0

    @property
    def absolute_cap(self) -> int:
        return ABSOLUTE_CAP_FACTOR * max(self.max_attempts, 1)

    def record_failure(self, progressed: bool = False) -> None:
        self.total += 1
        self.consecutive = 1 if progressed else self.consecutive + 1

    def may_retry(self) -> bool:
        return self.consecutive < self.max_attempts and self.total < self.absolute_cap

    @property
    def retry_index(self) -> int:
        """n in 0.5 s * 2^n for the next backoff."""
        return max(self.consecutive - 1, 0)
