"""The retry policy end to end over real sockets; requests are counted server-side."""

from __future__ import annotations

import asyncio
import email.utils
import os
import socket
import time
from pathlib import Path

import pytest
from apifaults import KEY, Action, FaultServer

from app.api import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ClientConfig,
    ConnectionFailed,
    FilesClient,
    RetryNotice,
    ServerError,
)

pytestmark = pytest.mark.asyncio
MIB = 1024 * 1024
# Bodies through httpx, and sent by the kernel (os.sendfile: the CLI on plain-http loopback)
BOTH_WAYS = pytest.mark.parametrize("sendfile", [False, True], ids=["httpx", "sendfile"])


def client_for(server: FaultServer, **options: object) -> FilesClient:
    return FilesClient(ClientConfig(server.base_url, KEY, **options))  # type: ignore[arg-type]


def data_file(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "data.bin"
    path.write_bytes(os.urandom(size))
    return path


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429, 408, 409])
async def test_retryable_status_recovers(fault_server: FaultServer, status: int) -> None:
    fault_server.add(Action(status=status))
    notices: list[RetryNotice] = []
    async with client_for(fault_server) as client:
        upload = await client.create_upload(
            filename="a.jsonl", purpose="batch", size=1, mime_type="text/jsonl",
            on_retry=notices.append,
        )  # fmt: skip
    assert upload.id == "upload_abc"
    assert len(fault_server.seen) == 2
    assert [(n.attempt, n.status, n.reason) for n in notices] == [(1, status, f"HTTP {status}")]
    assert 0.375 <= notices[0].delay <= 0.5


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413, 422])
async def test_other_4xx_never_retried(fault_server: FaultServer, status: int) -> None:
    fault_server.add(Action(status=status))
    notices: list[RetryNotice] = []
    async with client_for(fault_server) as client:
        with pytest.raises(ApiError) as caught:
            await client.complete_upload("upload_abc", ["p"], on_retry=notices.append)
    assert caught.value.status == status
    assert len(fault_server.seen) == 1 and notices == []


async def test_401_is_authentication_error_sent_once(fault_server: FaultServer) -> None:
    fault_server.add(Action(status=401), Action(status=401))
    async with client_for(fault_server) as client:
        with pytest.raises(AuthenticationError):
            await client.list_files()
    assert len(fault_server.seen) == 1


async def test_x_should_retry_false_stops_a_503(fault_server: FaultServer) -> None:
    fault_server.add(Action(status=503, headers={"x-should-retry": "false"}))
    async with client_for(fault_server) as client:
        with pytest.raises(ServerError):
            await client.list_files()
    assert len(fault_server.seen) == 1


async def test_x_should_retry_true_retries_a_400(fault_server: FaultServer) -> None:
    fault_server.add(Action(status=400, headers={"x-should-retry": "true"}))
    async with client_for(fault_server) as client:
        listing = await client.list_files()
    assert listing.data and len(fault_server.seen) == 2


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "1"}, 1.0),
        ({"retry-after-ms": "300", "Retry-After": "9"}, 0.3),
        ({"Retry-After": "0.2"}, 0.2),
    ],
)
async def test_server_asked_delay_is_chosen(
    fault_server: FaultServer, headers: dict[str, str], expected: float
) -> None:
    fault_server.add(Action(status=429, headers=headers))
    notices: list[RetryNotice] = []
    async with client_for(fault_server) as client:
        await client.create_upload(
            filename="a", purpose="batch", size=1, mime_type="text/jsonl",
            on_retry=notices.append,
        )  # fmt: skip
    assert [n.delay for n in notices] == [expected]


async def test_retry_after_http_date_is_honoured(fault_server: FaultServer) -> None:
    date = email.utils.formatdate(time.time() + 2, usegmt=True)
    fault_server.add(Action(status=503, headers={"Retry-After": date}))
    notices: list[RetryNotice] = []
    async with client_for(fault_server) as client:
        await client.create_upload(
            filename="a", purpose="batch", size=1, mime_type="text/jsonl",
            on_retry=notices.append,
        )  # fmt: skip
    # the date has one-second resolution, so the wait is between 1 and 2 seconds
    assert 0.9 <= notices[0].delay <= 2.0


async def test_retry_after_over_120_s_falls_back_to_backoff(fault_server: FaultServer) -> None:
    fault_server.add(Action(status=429, headers={"Retry-After": "600"}))
    notices: list[RetryNotice] = []
    async with client_for(fault_server) as client:
        await client.create_upload(
            filename="a", purpose="batch", size=1, mime_type="text/jsonl",
            on_retry=notices.append,
        )  # fmt: skip
    assert 0.375 <= notices[0].delay <= 0.5


async def test_attempt_limit_and_backoff_growth(fault_server: FaultServer) -> None:
    fault_server.add(*[Action(status=503) for _ in range(5)])
    notices: list[RetryNotice] = []
    async with client_for(fault_server, max_attempts=3) as client:
        with pytest.raises(ServerError):
            await client.complete_upload("upload_abc", ["p"], on_retry=notices.append)
    assert len(fault_server.seen) == 3
    assert [n.attempt for n in notices] == [1, 2]
    assert 0.375 <= notices[0].delay <= 0.5 and 0.75 <= notices[1].delay <= 1.0


async def test_per_call_max_attempts_overrides_config(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    fault_server.add(*[Action(status=503) for _ in range(3)])
    path = data_file(tmp_path, 1000)
    async with client_for(fault_server, max_attempts=5) as client:
        with pytest.raises(ServerError):
            await client.add_part("upload_abc", path, 0, 1000, max_attempts=2)
    assert len(fault_server.seen) == 2


@BOTH_WAYS
async def test_dropped_part_restarts_progress_at_zero(
    fault_server: FaultServer, tmp_path: Path, sendfile: bool
) -> None:
    size = 24 * MIB  # larger than loopback's socket buffers: the drop is seen mid-body
    path = data_file(tmp_path, size)
    fault_server.add(Action(drop_after=MIB // 2))
    progress: list[int] = []
    notices: list[RetryNotice] = []
    async with client_for(fault_server, sendfile=sendfile) as client:
        await client.add_part(
            "upload_abc", path, 0, size, on_progress=progress.append, on_retry=notices.append
        )
    assert [(n.status, n.reason) for n in notices] == [(None, "dropped")]
    restarts = [i for i, n in enumerate(progress) if n == 0]
    assert len(restarts) == 2 and restarts[0] == 0
    assert progress[restarts[1] - 1] < size and progress[-1] == size
    assert progress[restarts[1] :] == sorted(progress[restarts[1] :])
    assert fault_server.seen[-1].file_size == size


@BOTH_WAYS
async def test_progress_resets_the_attempt_counter(
    fault_server: FaultServer, tmp_path: Path, sendfile: bool
) -> None:
    size = 32 * MIB  # the server takes 16 MiB each time: beyond what buffers could hold
    path = data_file(tmp_path, size)
    fault_server.add(*[Action(drop_after=16 * MIB) for _ in range(3)])
    notices: list[RetryNotice] = []
    async with client_for(fault_server, sendfile=sendfile) as client:
        part = await client.add_part(
            "upload_abc", path, 0, size, on_retry=notices.append, max_attempts=2
        )
    assert part.id == "part_1" and len(fault_server.seen) == 4
    assert [n.attempt for n in notices] == [1, 1, 1]


@BOTH_WAYS
async def test_no_progress_failures_exhaust_the_attempts(
    fault_server: FaultServer, tmp_path: Path, sendfile: bool
) -> None:
    size = 48 * MIB  # the kernels still take a few MiB of it: not progress
    path = data_file(tmp_path, size)
    fault_server.add(*[Action(drop_after=0) for _ in range(3)])
    async with client_for(fault_server, sendfile=sendfile) as client:
        with pytest.raises(ConnectionFailed) as caught:
            await client.add_part("upload_abc", path, 0, size, max_attempts=2)
    assert caught.value.status is None and len(fault_server.seen) == 2


@BOTH_WAYS
async def test_absolute_cap_stops_a_server_that_always_drops(
    fault_server: FaultServer, tmp_path: Path, sendfile: bool
) -> None:
    size = 32 * MIB
    path = data_file(tmp_path, size)
    fault_server.add(*[Action(drop_after=16 * MIB) for _ in range(20)])
    async with client_for(fault_server, sendfile=sendfile) as client:
        with pytest.raises(ConnectionFailed):
            await client.add_part("upload_abc", path, 0, size, max_attempts=2)
    assert len(fault_server.seen) == 8  # 4 x max_attempts


async def test_stall_is_aborted_and_retried(fault_server: FaultServer, tmp_path: Path) -> None:
    path = data_file(tmp_path, 100_000)
    fault_server.add(Action(stall=30))
    notices: list[RetryNotice] = []
    async with client_for(fault_server, stall_timeout=0.5) as client:
        part = await client.add_part("upload_abc", path, 0, 100_000, on_retry=notices.append)
    assert part.id == "part_1"
    assert [(n.status, n.reason) for n in notices] == [(None, "stalled")]


@BOTH_WAYS
async def test_stall_on_a_large_body_write(
    fault_server: FaultServer, tmp_path: Path, sendfile: bool
) -> None:
    """The server reads nothing: socket buffers fill and the write side times out."""
    size = 32 * MIB
    path = data_file(tmp_path, size)
    fault_server.add(Action(stall=30))
    async with client_for(
        fault_server, sendfile=sendfile, stall_timeout=0.5, max_attempts=1
    ) as client:
        with pytest.raises(ConnectionFailed) as caught:
            await client.add_part("upload_abc", path, 0, size)
    assert caught.value.reason == "stalled"
    assert "stalled" in str(caught.value)


async def test_connection_refused_is_retried_then_fails() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    notices: list[RetryNotice] = []
    config = ClientConfig(f"http://127.0.0.1:{port}/v1", KEY, max_attempts=2)
    async with FilesClient(config) as client:
        with pytest.raises(ConnectionFailed) as caught:
            await client.create_upload(
                filename="a", purpose="batch", size=1, mime_type="x", on_retry=notices.append
            )
    assert caught.value.reason == "connect" and len(notices) == 1
    assert str(caught.value) == "Could not connect to 127.0.0.1."


@BOTH_WAYS
async def test_bad_request_is_final_even_for_parts(
    fault_server: FaultServer, tmp_path: Path, sendfile: bool
) -> None:
    path = data_file(tmp_path, 10)
    fault_server.add(Action(status=413))
    async with client_for(fault_server, sendfile=sendfile) as client:
        with pytest.raises(BadRequestError):
            await client.add_part("upload_abc", path, 0, 10)
    assert len(fault_server.seen) == 1


@BOTH_WAYS
async def test_cancelling_a_part_returns_promptly(
    fault_server: FaultServer, tmp_path: Path, sendfile: bool
) -> None:
    size = 16 * MIB
    path = data_file(tmp_path, size)
    fault_server.add(Action(read_rate=512 * 1024))
    progress: list[int] = []
    one_mib_sent = asyncio.Event()

    def on_progress(sent: int) -> None:
        progress.append(sent)
        if sent >= MIB:
            one_mib_sent.set()

    async with client_for(fault_server, sendfile=sendfile) as client:
        task = asyncio.create_task(
            client.add_part("upload_abc", path, 0, size, on_progress=on_progress)
        )
        await one_mib_sent.wait()
        task.cancel()
        await asyncio.wait({task})  # the test's timeout guards a cancel that never lands
        assert task.cancelled()
        assert progress[-1] < size  # stopped mid-body, not after sending it all (32 s)
        # the client still works after a cancelled request
        assert (await client.list_files()).data


async def test_download_cut_midway_restarts_cleanly(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    fault_server.content = os.urandom(3 * MIB)
    fault_server.add(Action(cut_content_after=MIB + 5), Action(status=503))
    progress: list[int] = []
    notices: list[RetryNotice] = []
    dest = tmp_path / "out.bin"
    async with client_for(fault_server) as client:
        size = await client.download_file(
            "file-abc", dest, on_progress=progress.append, on_retry=notices.append
        )
    assert size == 3 * MIB and dest.read_bytes() == fault_server.content
    assert [n.reason for n in notices] == ["dropped", "HTTP 503"]
    assert progress.count(0) == 3 and progress[-1] == size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]
