"""Our client against the real sandbox process: every endpoint and every fault kind."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.api import (
    AuthenticationError,
    BadRequestError,
    ClientConfig,
    FilesClient,
    NotFoundError,
    RetryNotice,
)

pytestmark = pytest.mark.asyncio
KEY = "sk-test-sandbox-123"
MIB = 1024 * 1024


def client_for(server: Any, **options: Any) -> FilesClient:
    return FilesClient(ClientConfig(server.base_url, KEY, **options))


def make_file(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        remaining = size
        while remaining:
            step = min(remaining, MIB)
            handle.write(os.urandom(step))
            remaining -= step
    return path


def requests_to(server: Any, suffix: str) -> list[dict[str, Any]]:
    return [r for r in server.requests() if r["path"].endswith(suffix)]


async def test_files_endpoints(sandbox: Callable[..., Any], tmp_path: Path) -> None:
    server = sandbox()
    data = make_file(tmp_path / "notes.txt", 300_000)
    async with client_for(server) as client:
        made = await client.create_file(data, "user_data")
        batch = await client.create_file(
            _jsonl(tmp_path), "batch",
            expires_after=7200,
        )  # fmt: skip
        assert (made.bytes, made.filename, made.purpose) == (300_000, "notes.txt", "user_data")
        assert made.expires_at is None
        assert batch.expires_at == batch.created_at + 7200
        assert (await client.retrieve_file(made.id)).id == made.id
        assert [f.id for f in (await client.list_files(purpose="batch")).data] == [batch.id]
        both = await client.list_files(order="asc")
        assert [f.id for f in both.data] == [made.id, batch.id] and not both.has_more
        back = tmp_path / "back.txt"
        assert await client.download_file(made.id, back) == 300_000
        assert back.read_bytes() == data.read_bytes()
        assert await client.delete_file(made.id) is True
        with pytest.raises(NotFoundError):
            await client.retrieve_file(made.id)


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "requests.jsonl"
    line = (
        '{"custom_id": "r%d", "method": "POST", "url": "/v1/chat/completions", '
        '"body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}}\n'
    )
    path.write_text("".join(line % i for i in range(10)))
    return path


async def test_iter_files_pages(sandbox: Callable[..., Any], tmp_path: Path) -> None:
    server = sandbox()
    small = tmp_path / "s.txt"
    small.write_bytes(b"s")
    async with client_for(server) as client:
        made = set()
        for _ in range(130):
            made.add((await client.create_file(small, "user_data")).id)
        seen = [f.id async for f in client.iter_files(purpose="user_data")]
    assert sorted(seen) == sorted(made)
    assert len(requests_to(server, "/v1/files")) >= 130 + 2  # at least two list pages


async def test_uploads_parts_in_parallel(sandbox: Callable[..., Any], tmp_path: Path) -> None:
    server = sandbox()
    size = 11 * MIB + 123
    data = make_file(tmp_path / "big.bin", size)
    ranges = [(0, 4 * MIB), (4 * MIB, 4 * MIB), (8 * MIB, size - 8 * MIB)]
    progress: dict[int, list[int]] = {i: [] for i in range(3)}
    async with client_for(server) as client:
        upload = await client.create_upload(
            filename="big.bin", purpose="user_data", size=size,
            mime_type="application/octet-stream", expires_after=86400,
        )  # fmt: skip
        assert upload.status == "pending" and upload.bytes == size
        parts = await asyncio.gather(
            *(
                client.add_part(upload.id, data, offset, length, on_progress=progress[i].append)
                for i, (offset, length) in enumerate(ranges)
            )
        )
        md5 = hashlib.md5(data.read_bytes()).hexdigest()
        done = await client.complete_upload(upload.id, [p.id for p in parts], md5=md5)
        assert done.status == "completed" and done.file is not None
        assert done.file.bytes == size and done.file.expires_at is not None
        back = tmp_path / "back.bin"
        await client.download_file(done.file.id, back)
    assert back.read_bytes() == data.read_bytes()
    for i, (_, length) in enumerate(ranges):
        assert progress[i][0] == 0 and progress[i][-1] == length


async def test_cancelled_upload_refuses_parts_without_retry(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    server = sandbox()
    data = make_file(tmp_path / "d.bin", 1000)
    async with client_for(server) as client:
        upload = await client.create_upload(
            filename="d.bin", purpose="user_data", size=1000, mime_type="text/plain"
        )
        cancelled = await client.cancel_upload(upload.id)
        assert cancelled.status == "cancelled"
        with pytest.raises(BadRequestError):
            await client.add_part(upload.id, data, 0, 1000)
    assert len(requests_to(server, "/parts")) == 1


@pytest.mark.parametrize("kind", ["500", "502", "503", "429", "408", "drop", "stall"])
async def test_every_fault_kind_recovers(
    sandbox: Callable[..., Any], tmp_path: Path, kind: str
) -> None:
    server = sandbox()
    size = 3 * MIB
    data = make_file(tmp_path / "d.bin", size)
    rule: dict[str, Any] = {"method": "POST", "path_regex": "/parts$", "times": 1}
    rule.update({"kind": kind} if not kind.isdigit() else {"status": int(kind)})
    if kind == "drop":
        rule["after_bytes"] = 100_000
    server.set_faults(script=[rule])
    notices: list[RetryNotice] = []
    progress: list[int] = []
    async with client_for(server, stall_timeout=1.0) as client:
        upload = await client.create_upload(
            filename="d.bin", purpose="user_data", size=size, mime_type="text/plain"
        )
        part = await client.add_part(
            upload.id, data, 0, size, on_retry=notices.append, on_progress=progress.append
        )
        done = await client.complete_upload(upload.id, [part.id])
    assert done.status == "completed"
    assert len(notices) == 1
    if kind.isdigit():
        assert notices[0].status == int(kind) and notices[0].reason == f"HTTP {kind}"
    else:
        assert notices[0].status is None
        assert notices[0].reason == ("stalled" if kind == "stall" else "dropped")
    if kind == "429":  # the sandbox asks for 1 s
        assert notices[0].delay == 1.0
    assert len(requests_to(server, "/parts")) == 2
    assert progress.count(0) == 2 and progress[-1] == size


async def test_random_faults_everywhere_still_complete(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    server = sandbox(fail_rate=0.25, seed=2, fail_kinds="500,502,503,429,408,drop",
                     retry_after=0.1)  # fmt: skip
    size = 4 * MIB
    data = make_file(tmp_path / "d.bin", size)
    async with client_for(server, max_attempts=8) as client:
        upload = await client.create_upload(
            filename="d.bin", purpose="user_data", size=size, mime_type="text/plain"
        )
        parts = [
            await client.add_part(upload.id, data, offset, MIB) for offset in range(0, size, MIB)
        ]
        md5 = hashlib.md5(data.read_bytes()).hexdigest()
        done = await client.complete_upload(upload.id, [p.id for p in parts], md5=md5)
    assert done.status == "completed"
    log = server.requests()
    assert any(r["status"] != 200 for r in log)  # faults really happened


async def test_401_is_not_retried(sandbox: Callable[..., Any]) -> None:
    server = sandbox(api_key="sk-test-the-right-key")
    async with client_for(server) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.list_files()
    assert caught.value.status == 401 and caught.value.request_id
    assert len(server.requests()) == 1


async def test_cancelling_a_throttled_part_returns_within_a_second(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    server = sandbox(throughput=2 * MIB)
    size = 32 * MIB
    data = make_file(tmp_path / "d.bin", size)
    progress: list[int] = []
    two_mib_sent = asyncio.Event()

    def on_progress(sent: int) -> None:
        progress.append(sent)
        if sent >= 2 * MIB:
            two_mib_sent.set()

    async with client_for(server) as client:
        upload = await client.create_upload(
            filename="d.bin", purpose="user_data", size=size, mime_type="text/plain"
        )
        task = asyncio.create_task(client.add_part(upload.id, data, 0, size,
                                                   on_progress=on_progress))  # fmt: skip
        await two_mib_sent.wait()
        task.cancel()
        await asyncio.wait({task})  # the test's timeout guards a cancel that never lands
        assert task.cancelled()
        assert progress[-1] < size
