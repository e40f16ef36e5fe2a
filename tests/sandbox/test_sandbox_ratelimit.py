"""The POST /files rate limit: OpenAI's headers on every answer, 429 when the bucket is empty."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import httpx
import openai
import pytest
from sandbox_helpers import KEY, REPO_ROOT

from app.sandbox.ratelimit import TokenBucket, go_duration

AUTH = {"Authorization": f"Bearer {KEY}"}
LIMIT_HEADERS = (
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-reset-requests",
)


def _post_file(http: httpx.Client, name: str = "a.txt") -> httpx.Response:
    return http.post("files", data={"purpose": "user_data"}, files={"file": (name, b"x" * 100)})


def _http(box: Any) -> httpx.Client:
    return httpx.Client(base_url=box.base_url + "/", headers=AUTH, timeout=10)


def test_default_limit_is_1000_per_minute_with_openai_headers(sandbox: Callable[..., Any]) -> None:
    box = sandbox(quiet=True)
    with _http(box) as http:
        first = _post_file(http)
        second = _post_file(http)
        listed = http.get("files")
    assert first.status_code == second.status_code == 200
    assert first.headers["x-ratelimit-limit-requests"] == "1000"
    assert first.headers["x-ratelimit-remaining-requests"] == "999"
    assert second.headers["x-ratelimit-remaining-requests"] == "998"
    assert first.headers["x-ratelimit-reset-requests"].endswith("ms")  # 60 ms per request
    assert not any(h in listed.headers for h in LIMIT_HEADERS)  # only POST /files is limited


def test_an_empty_bucket_answers_429_in_openai_s_envelope(sandbox: Callable[..., Any]) -> None:
    box = sandbox(files_rpm=60, files_burst=2, quiet=True)
    with _http(box) as http:
        answers = [_post_file(http, f"f{i}.txt") for i in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        refused = answers[2]
        assert refused.json() == {
            "error": {
                "message": refused.json()["error"]["message"],
                "type": "requests",
                "param": None,
                "code": "rate_limit_exceeded",
            }
        }
        assert refused.json()["error"]["message"].startswith("Rate limit reached for requests")
        assert refused.headers["retry-after"] == "1"
        assert 0 < int(refused.headers["retry-after-ms"]) <= 1000
        assert refused.headers["x-ratelimit-limit-requests"] == "60"
        assert refused.headers["x-ratelimit-remaining-requests"] == "0"
        assert refused.headers["x-ratelimit-reset-requests"] in ("1s", "2s") or refused.headers[
            "x-ratelimit-reset-requests"
        ].startswith("1.")
        assert len(http.get("files").json()["data"]) == 2  # the refused one stored nothing
    log = box.requests()
    assert [(r["status"], r["fault"]) for r in log[:3]] == [
        (200, None),
        (200, None),
        (429, "rate_limit"),
    ]
    assert log[2]["bytes_received"] > 100  # its body was read, so the answer can be read


def test_the_limit_changes_at_run_time_and_zero_turns_it_off(sandbox: Callable[..., Any]) -> None:
    box = sandbox(files_rpm=1, quiet=True)
    with _http(box) as http:
        assert [_post_file(http).status_code for _ in range(2)] == [200, 429]
        box.set_faults(files_rpm=6000, files_burst=None)  # the bucket restarts full
        assert _post_file(http).headers["x-ratelimit-remaining-requests"] == "5999"
        box.set_faults(files_rpm=0)
        unlimited = _post_file(http)
        assert unlimited.status_code == 200
        assert not any(h in unlimited.headers for h in LIMIT_HEADERS)
    settings = httpx.get(box.root_url + "/_sandbox/faults").json()
    assert (settings["files_rpm"], settings["files_burst"]) == (0, None)
    assert settings["files_limit"]["refused"] == 0  # counted since the last change
    for bad in ({"files_rpm": -1}, {"files_burst": 0}, {"files_burst": 1.5}):
        assert httpx.post(box.root_url + "/_sandbox/faults", json=bad).status_code == 400


def test_the_sdk_waits_as_retry_after_ms_says_and_gets_through(
    sandbox: Callable[..., Any],
) -> None:
    box = sandbox(files_rpm=600, files_burst=1, quiet=True)  # one token per 100 ms
    with openai.OpenAI(base_url=box.base_url, api_key=KEY, max_retries=0) as strict:
        strict.files.create(file=("a.txt", b"a"), purpose="user_data")
        with pytest.raises(openai.RateLimitError) as limited:
            strict.files.create(file=("b.txt", b"b"), purpose="user_data")
    assert limited.value.code == "rate_limit_exceeded"
    with openai.OpenAI(base_url=box.base_url, api_key=KEY, max_retries=5) as patient:
        stored = patient.files.create(file=("c.txt", b"c"), purpose="user_data")
    assert stored.bytes == 1
    statuses = [r["status"] for r in box.requests() if r["method"] == "POST"]
    assert statuses.count(200) == 2 and statuses[1] == 429


def test_go_duration_matches_openai_s_reset_format() -> None:
    cases = {0: "0s", 0.017: "17ms", 0.06: "60ms", 1: "1s", 1.5: "1.5s", 360: "6m0s"}
    cases |= {61.25: "1m1.25s", 3600: "1h0m0s", 0.0004: "1ms"}
    assert {seconds: go_duration(seconds) for seconds in cases} == cases


def test_token_bucket_refills_at_the_rate() -> None:
    now = [100.0]
    bucket = TokenBucket(60, burst=2, clock=lambda: now[0])  # one token a second
    assert [bucket.take() for _ in range(3)] == [True, True, False]
    assert bucket.headers()["x-ratelimit-reset-requests"] == "2s"
    now[0] += 0.5
    assert not bucket.take()
    now[0] += 0.5
    assert bucket.take() and bucket.headers()["x-ratelimit-remaining-requests"] == "0"
    now[0] += 60
    assert bucket.headers()["x-ratelimit-remaining-requests"] == "0"  # headers do not refill
    assert bucket.take() and bucket.headers()["x-ratelimit-remaining-requests"] == "1"
    assert bucket.refused == 2


def test_help_documents_the_new_flags() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "app", "sandbox", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0
    text = " ".join(shown.stdout.split())
    for flag in ("--files-rpm", "--files-burst", "--clock-skew", "--script"):
        assert flag in text
    assert "x-ratelimit" in text and "/_sandbox/faults" in text
