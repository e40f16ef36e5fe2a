"""Bodies the kernel sends (os.sendfile, plain http to this computer) against the same
bodies through httpx: the server sees the same request; connections are kept alive and a
server that closes one is no failure. Real sockets on 127.0.0.1."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from apifaults import KEY, Action, FaultServer
from hostile_server import GB, Answer, HostileServer, file_object

from app.api import ClientConfig, FilesClient, RetryNotice
from app.api.errors import AnswerTooLarge
from app.api.sendfile import sendfile_usable

MIB = 1024 * 1024


def client_for(server: FaultServer, **options: object) -> FilesClient:
    return FilesClient(ClientConfig(server.base_url, KEY, **options))  # type: ignore[arg-type]


def test_only_plain_http_to_this_computer() -> None:
    assert sendfile_usable(httpx.URL("http://127.0.0.1:9/v1/files"))
    assert sendfile_usable(httpx.URL("http://localhost:9/v1/files"))
    assert sendfile_usable(httpx.URL("http://[::1]:9/v1/files"))
    assert not sendfile_usable(httpx.URL("https://127.0.0.1:9/v1/files"))
    assert not sendfile_usable(httpx.URL("http://example.org/v1/files"))


@pytest.mark.asyncio
@pytest.mark.parametrize("sendfile", [True, False])
async def test_both_ways_send_the_same_request(
    fault_server: FaultServer, tmp_path: Path, sendfile: bool
) -> None:
    data = os.urandom(5 * MIB + 3)
    path = tmp_path / "range.bin"
    path.write_bytes(data)
    offset, length = 1_000_001, 3 * MIB + 7
    progress: list[int] = []
    async with client_for(fault_server, sendfile=sendfile) as client:
        await client.add_part("upload_abc", path, offset, length, on_progress=progress.append)
        await client.create_file(path, "user_data", filename="whole.bin")
    part, whole = fault_server.seen[-2:]
    assert part.file_sha256 == hashlib.sha256(data[offset : offset + length]).hexdigest()
    assert part.file_size == length and part.file_type == "application/octet-stream"
    assert whole.file_sha256 == hashlib.sha256(data).hexdigest()
    assert whole.fields == {"purpose": "user_data"} and whole.file_name == "whole.bin"
    for seen in (part, whole):
        assert "Transfer-Encoding" not in seen.headers
        assert seen.headers["Authorization"] == f"Bearer {KEY}"
        assert seen.headers["User-Agent"].startswith("Hoist/")
    assert progress[0] == 0 and progress[-1] == length
    assert progress == sorted(progress) and len(progress) >= 4  # 1 MiB pieces


@pytest.mark.asyncio
@pytest.mark.parametrize("sendfile", [True, False])
async def test_both_ways_send_the_same_json_and_bodiless_requests(
    fault_server: FaultServer, sendfile: bool
) -> None:
    """Requests whose body is in memory (JSON) or empty take the kernel's way too, on one
    kept-alive connection: the server sees what httpx would have sent."""
    async with client_for(fault_server, sendfile=sendfile) as client:
        upload = await client.create_upload(
            filename="a.jsonl", purpose="fine-tune", size=10, mime_type="text/jsonl"
        )
        await client.complete_upload(upload.id, ["part_1"], md5="0" * 32)
        await client.cancel_upload(upload.id)
        listed = await client.list_files(purpose="batch", limit=7)
        assert await client.delete_file("file-abc")
        assert client.requester.http_used is not sendfile  # httpx never sent one of them
    create, complete, cancel, listing, delete = fault_server.seen[-5:]
    assert (create.method, create.path) == ("POST", "/v1/uploads")
    assert create.json == {
        "bytes": 10, "filename": "a.jsonl", "mime_type": "text/jsonl", "purpose": "fine-tune"
    }  # fmt: skip
    assert complete.json == {"part_ids": ["part_1"], "md5": "0" * 32}
    assert (cancel.method, cancel.path, cancel.received) == (
        "POST",
        "/v1/uploads/upload_abc/cancel",
        0,
    )
    assert listing.query == {"purpose": "batch", "limit": "7", "order": "desc"}
    assert (delete.method, delete.path) == ("DELETE", "/v1/files/file-abc")
    assert [f.id for f in listed.data] == ["file-abc"]
    for seen in (create, complete, cancel, listing, delete):
        assert seen.headers["Authorization"] == f"Bearer {KEY}"
        assert "Transfer-Encoding" not in seen.headers
    if sendfile:  # all on one connection, kept alive
        assert len({seen.peer for seen in (create, complete, cancel, listing, delete)}) == 1


@pytest.mark.asyncio
async def test_connections_are_kept_alive_and_a_closed_one_is_no_failure(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    path = tmp_path / "small.txt"
    path.write_bytes(b"x" * 1000)
    notices: list[RetryNotice] = []
    fault_server.add(Action(), Action(), Action(headers={"Connection": "close"}))
    async with client_for(fault_server, sendfile=True) as client:
        for _ in range(4):
            await client.add_part("upload_abc", path, 0, 1000, on_retry=notices.append)
    peers = [seen.peer for seen in fault_server.seen]
    assert peers[0] == peers[1] == peers[2]  # one kept-alive connection …
    assert peers[3] != peers[2]  # … until the server closed it: a new one, no retry
    assert notices == []


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    started = HostileServer().start()
    yield started
    started.stop()


@pytest.mark.asyncio
async def test_answers_stay_bounded_on_the_sendfile_way(
    hostile: HostileServer, tmp_path: Path
) -> None:
    path = tmp_path / "d.bin"
    path.write_bytes(b"d" * 1000)
    config = ClientConfig(hostile.base_url, KEY, max_attempts=1, sendfile=True)
    async with FilesClient(config) as client:
        hostile.answer = lambda r: Answer(200, {}, b"{", huge=GB, length=False)
        with pytest.raises(AnswerTooLarge):
            await client.create_file(path, "user_data")
        bomb = gzip.compress(b" " * (64 * MIB))
        hostile.answer = lambda r: Answer(200, {"Content-Encoding": "gzip"}, bomb)
        with pytest.raises(AnswerTooLarge):
            await client.add_part("upload_1", path, 0, 1000)
        hostile.answer = lambda r: Answer(
            200,
            {"Content-Encoding": "gzip"},
            gzip.compress(json.dumps(file_object("file-abc", 1000)).encode()),
        )
        assert (await client.create_file(path, "user_data")).id
    assert hostile.bytes_sent < 100 * MIB
