"""Rate limits are paced, never failures: the x-ratelimit headers and 429s, over real sockets
(a scripted server on 127.0.0.1) and the pacer's own rules with a hand-turned clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from apifaults import KEY, Action, FaultServer

from app.api import ClientConfig, FilesClient, RateLimitError, RetryNotice
from app.api.pacing import RatePacer, parse_duration, route_of

LIMITED = {
    "x-ratelimit-limit-requests": "600",
    "x-ratelimit-remaining-requests": "0",
    "x-ratelimit-reset-requests": "1m0s",  # the time until the bucket is full again
}


def client_for(server: FaultServer, **options: object) -> FilesClient:
    return FilesClient(ClientConfig(server.base_url, KEY, **options))  # type: ignore[arg-type]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1s", 1.0), ("6m0s", 360.0), ("20ms", 0.02), ("1.5", 1.5), ("17.28s", 17.28),
     ("1h2m", 3720.0)],
)  # fmt: skip
def test_reset_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "soon", "5x", "1s junk"])
def test_bad_durations(text: str) -> None:
    assert parse_duration(text) is None


def test_routes_share_a_pacer_across_ids() -> None:
    assert route_of("post", "files") == "POST files"
    assert route_of("POST", "uploads/upload_a/parts") == route_of("POST", "uploads/upload_b/parts")
    assert route_of("POST", "uploads/upload_a/parts") != route_of("POST", "uploads")


def test_no_limit_known_means_no_wait() -> None:
    pacer = RatePacer(Clock())
    assert [pacer.reserve() for _ in range(50)] == [0.0] * 50
    assert pacer.waits == 0


def test_requests_are_spaced_at_the_announced_rate() -> None:
    clock = Clock()
    pacer = RatePacer(clock)
    assert pacer.reserve() == 0.0
    pacer.answered(
        {**LIMITED, "x-ratelimit-remaining-requests": "2", "x-ratelimit-reset-requests": "59.8s"},
        200,
    )
    # 600 per minute = one every 0.1 s once the two tokens left are taken
    waits = [pacer.reserve() for _ in range(4)]
    assert waits[:2] == [0.0, 0.0]
    assert waits[2:] == [pytest.approx(0.1), pytest.approx(0.2)]
    clock.now += 0.2  # time refills the bucket
    assert pacer.reserve() == pytest.approx(0.1)
    assert pacer.waits == 3


def test_answer_counts_requests_already_on_their_way() -> None:
    clock = Clock()
    pacer = RatePacer(clock)
    for _ in range(4):
        pacer.reserve()
    pacer.answered(
        {**LIMITED, "x-ratelimit-remaining-requests": "5", "x-ratelimit-reset-requests": "59.5s"},
        200,
    )
    # three requests are still out: they will take three of the five tokens
    assert [pacer.reserve() > 0 for _ in range(3)] == [False, False, True]


def test_a_429_empties_the_bucket_and_waits_for_one_token() -> None:
    clock = Clock()
    pacer = RatePacer(clock)
    pacer.reserve()
    pacer.answered({**LIMITED, "x-ratelimit-remaining-requests": "9"}, 429)
    assert pacer.tokens <= 0
    assert pacer.wait_after_429({"x-ratelimit-reset-requests": "6m0s"}) == pytest.approx(0.1)
    assert pacer.wait_after_429({"x-ratelimit-reset-requests": "20ms"}) == pytest.approx(0.02)


@pytest.mark.asyncio
async def test_429s_wait_without_spending_attempts(fault_server: FaultServer) -> None:
    fault_server.add(*[Action(status=429, headers={"retry-after-ms": "20"}) for _ in range(4)])
    notices: list[RetryNotice] = []
    async with client_for(fault_server, max_attempts=2) as client:
        listing = await client.list_files()  # 4 refusals, 2 attempts: still fine
    assert listing.data and len(fault_server.seen) == 5
    assert [(n.status, n.delay) for n in notices] == []
    async with client_for(fault_server, max_attempts=2) as client:
        fault_server.add(*[Action(status=429, headers={"retry-after-ms": "20"}) for _ in range(3)])
        await client.create_upload(
            filename="a", purpose="batch", size=1, mime_type="x", on_retry=notices.append
        )
    assert [(n.attempt, n.status) for n in notices] == [(1, 429)] * 3
    assert [n.delay for n in notices] == [0.02] * 3


@pytest.mark.asyncio
async def test_real_errors_still_spend_attempts_between_429s(fault_server: FaultServer) -> None:
    slow = Action(status=429, headers={"retry-after-ms": "10"})
    fault_server.add(slow, Action(status=503), slow, Action(status=503), slow)
    async with client_for(fault_server, max_attempts=2) as client:
        with pytest.raises(Exception) as caught:
            await client.list_files()
    assert getattr(caught.value, "status", None) == 503
    assert len(fault_server.seen) == 4  # 429, 503, 429, 503: the second 503 is the last try


@pytest.mark.asyncio
async def test_out_of_quota_is_not_waited_out(fault_server: FaultServer) -> None:
    quota = {"error": {"message": "You exceeded your current quota", "type": "insufficient_quota",
                       "param": None, "code": "insufficient_quota"}}  # fmt: skip
    fault_server.add(*[Action(status=429, body=quota) for _ in range(3)])
    async with client_for(fault_server, max_attempts=2) as client:
        with pytest.raises(RateLimitError):
            await client.list_files()
    assert len(fault_server.seen) == 2


@pytest.mark.asyncio
async def test_announced_limit_paces_the_next_request(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    path = tmp_path / "small.txt"
    path.write_bytes(b"hello\n")
    fault_server.add(Action(headers=LIMITED))
    async with client_for(fault_server) as client:
        await client.create_file(path, "user_data")
        assert client.rate_waits == 0
        await client.create_file(path, "user_data")  # the bucket was empty: it waits
        assert client.rate_waits == 1
        await client.list_files()  # another route, its own bucket
        assert client.rate_waits == 1
    assert len(fault_server.seen) == 3
