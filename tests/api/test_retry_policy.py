"""The retry policy's pure rules (product.md §2), no network."""

from __future__ import annotations

import email.utils

import pytest

from app.api import retry

NOW = 1_800_000_000.0


@pytest.mark.parametrize("status", [None, 408, 409, 429, 500, 502, 503, 504, 599])
def test_retryable_statuses(status: int | None) -> None:
    assert retry.should_retry(status, {})


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 413, 422, 200, 307])
def test_statuses_never_retried(status: int) -> None:
    assert not retry.should_retry(status, {})


def test_x_should_retry_wins_both_ways() -> None:
    assert not retry.should_retry(503, {"x-should-retry": "false"})
    assert not retry.should_retry(None, {"x-should-retry": "false"})
    assert retry.should_retry(400, {"x-should-retry": "true"})
    assert retry.should_retry(503, {"x-should-retry": "maybe"})
    assert not retry.should_retry(400, {"x-should-retry": ""})


def test_retry_after_ms_first_then_retry_after() -> None:
    assert retry.server_delay({"retry-after-ms": "250", "retry-after": "7"}, NOW) == 0.25
    assert retry.server_delay({"retry-after": "7"}, NOW) == 7.0
    assert retry.server_delay({"retry-after": "1.5"}, NOW) == 1.5
    assert retry.server_delay({"retry-after-ms": "junk", "retry-after": "3"}, NOW) == 3.0


def test_retry_after_http_date() -> None:
    date = email.utils.formatdate(NOW + 30, usegmt=True)
    assert retry.server_delay({"retry-after": date}, NOW) == pytest.approx(30.0)
    past = email.utils.formatdate(NOW - 30, usegmt=True)
    assert retry.server_delay({"retry-after": past}, NOW) is None


@pytest.mark.parametrize("value", ["0", "-1", "121", "120.5", "soon", ""])
def test_server_delay_outside_0_to_120_is_ignored(value: str) -> None:
    assert retry.server_delay({"retry-after": value}, NOW) is None
    assert retry.choose_delay(2, {"retry-after": value}, NOW, lambda: 0.0) == 2.0


def test_server_delay_limit_is_inclusive() -> None:
    assert retry.server_delay({"retry-after": "120"}, NOW) == 120.0
    assert retry.server_delay({"retry-after-ms": "120000"}, NOW) == 120.0
    assert retry.server_delay({"retry-after-ms": "120001"}, NOW) is None


def test_backoff_doubles_from_half_a_second_capped_at_eight() -> None:
    assert [retry.backoff_delay(n, lambda: 0.0) for n in range(7)] == [
        0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0,
    ]  # fmt: skip
    assert retry.backoff_delay(0, lambda: 1.0) == 0.375
    assert retry.backoff_delay(10, lambda: 1.0) == 6.0
    for n in range(6):  # the real random jitter stays inside its band
        delay = retry.backoff_delay(n)
        base = min(0.5 * 2**n, 8.0)
        assert 0.75 * base <= delay <= base


def test_server_delay_wins_over_backoff() -> None:
    assert retry.choose_delay(4, {"retry-after": "3"}, NOW) == 3.0
    assert retry.choose_delay(0, None, NOW, lambda: 0.0) == 0.5


def test_counter_allows_max_attempts_in_a_row() -> None:
    counter = retry.AttemptCounter(max_attempts=3)
    counter.record_failure()
    assert counter.may_retry() and counter.retry_index == 0
    counter.record_failure()
    assert counter.may_retry() and counter.retry_index == 1
    counter.record_failure()
    assert not counter.may_retry()


def test_counter_with_one_attempt_never_retries() -> None:
    counter = retry.AttemptCounter(max_attempts=1)
    counter.record_failure(progressed=True)
    assert not counter.may_retry()


def test_progress_resets_the_run_but_not_the_absolute_cap() -> None:
    counter = retry.AttemptCounter(max_attempts=2)
    counter.record_failure()
    counter.record_failure(progressed=True)
    assert counter.may_retry() and counter.consecutive == 1 and counter.retry_index == 0
    failures = 2
    while counter.may_retry():
        counter.record_failure(progressed=True)
        failures += 1
    assert failures == counter.absolute_cap == 8


def test_progress_means_one_mebibyte_beyond_what_buffers_hold() -> None:
    mib, slack = 1024 * 1024, retry.BUFFERED_SLACK
    assert slack >= 8 * mib  # loopback here takes ~5 MiB from a server that reads nothing
    assert not retry.made_progress(0)
    assert not retry.made_progress(10)  # a small body written whole proves nothing
    assert not retry.made_progress(slack + mib - 1)
    assert retry.made_progress(slack + mib)
