"""What the client puts on the wire, checked by a real aiohttp server's own parsers."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from pathlib import Path

import pytest
from apifaults import KEY, Action, FaultServer

from app import __version__
from app.api import (
    AuthenticationError,
    BadRequestError,
    ClientConfig,
    FileObject,
    FilesClient,
    NotFoundError,
    ServerError,
)

pytestmark = pytest.mark.asyncio


def client_for(server: FaultServer, **options: object) -> FilesClient:
    return FilesClient(ClientConfig(server.base_url, KEY, **options))  # type: ignore[arg-type]


def make_file(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.write(os.urandom(size))
    return path


def sha256_range(path: Path, offset: int, length: int) -> str:
    with path.open("rb") as handle:
        handle.seek(offset)
        return hashlib.sha256(handle.read(length)).hexdigest()


async def test_create_file_streams_multipart_with_content_length(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    data = make_file(tmp_path / "train.jsonl", 3 * 1024 * 1024 + 17)
    progress: list[int] = []
    async with client_for(fault_server, organization="org-1", project="proj-1") as client:
        result = await client.create_file(
            data, "fine-tune", expires_after=7200, on_progress=progress.append
        )
    assert isinstance(result, FileObject) and result.id == "file-abc"
    seen = fault_server.seen[-1]
    assert (seen.method, seen.path) == ("POST", "/v1/files")
    assert seen.fields == {
        "purpose": "fine-tune",
        "expires_after[anchor]": "created_at",
        "expires_after[seconds]": "7200",
    }
    assert seen.file_name == "train.jsonl" and seen.file_type == "text/jsonl"
    assert seen.file_sha256 == sha256_range(data, 0, data.stat().st_size)
    assert "Transfer-Encoding" not in seen.headers
    assert int(seen.headers["Content-Length"]) > data.stat().st_size
    assert seen.headers["Authorization"] == f"Bearer {KEY}"
    assert seen.headers["OpenAI-Organization"] == "org-1"
    assert seen.headers["OpenAI-Project"] == "proj-1"
    assert seen.headers["User-Agent"] == f"Hoist/{__version__} (python-httpx)"
    assert progress[0] == 0 and progress[-1] == data.stat().st_size
    assert progress == sorted(progress)


async def test_create_file_sends_given_filename_and_mime_type(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    data = make_file(tmp_path / "blob", 10)
    async with client_for(fault_server) as client:
        await client.create_file(data, "user_data", filename='my "doc".pdf', mime_type="x/y")
    seen = fault_server.seen[-1]
    assert seen.fields == {"purpose": "user_data"}
    assert seen.file_name == "my %22doc%22.pdf" and seen.file_type == "x/y"


async def test_add_part_sends_exactly_the_range(fault_server: FaultServer, tmp_path: Path) -> None:
    data = make_file(tmp_path / "big.bin", 9 * 1024 * 1024)
    offset, length = 1_000_003, 6 * 1024 * 1024 + 5  # progress comes in 1 MiB pieces
    progress: list[int] = []
    async with client_for(fault_server) as client:
        part = await client.add_part(
            "upload_abc", data, offset, length, on_progress=progress.append
        )
    assert (part.id, part.upload_id) == ("part_1", "upload_abc")
    seen = fault_server.seen[-1]
    assert seen.path == "/v1/uploads/upload_abc/parts"
    assert seen.fields == {}
    assert seen.file_size == length
    assert seen.file_sha256 == sha256_range(data, offset, length)
    assert seen.file_name == "big.bin" and seen.file_type == "application/octet-stream"
    assert "Transfer-Encoding" not in seen.headers
    assert progress[0] == 0 and progress[-1] == length and len(progress) > 5


async def test_part_body_is_never_held_in_memory(fault_server: FaultServer, tmp_path: Path) -> None:
    size = 64 * 1024 * 1024
    data = tmp_path / "sparse.bin"
    with data.open("wb") as handle:
        handle.truncate(size)
    async with client_for(fault_server) as client:
        tracemalloc.start()
        try:
            await client.add_part("upload_abc", data, 0, size)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert fault_server.seen[-1].file_size == size
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while sending a 64 MiB part"


async def test_uploads_json_endpoints(fault_server: FaultServer) -> None:
    async with client_for(fault_server) as client:
        upload = await client.create_upload(
            filename="a.jsonl", purpose="fine-tune", size=10, mime_type="text/jsonl",
            expires_after=3600,
        )  # fmt: skip
        done = await client.complete_upload(upload.id, ["part_1", "part_2"], md5="abc")
        cancelled = await client.cancel_upload(upload.id)
    create, complete, cancel = fault_server.seen
    assert create.json == {
        "bytes": 10,
        "filename": "a.jsonl",
        "mime_type": "text/jsonl",
        "purpose": "fine-tune",
        "expires_after": {"anchor": "created_at", "seconds": 3600},
    }
    assert upload.status == "pending" and upload.expires_at > upload.created_at
    assert complete.path == "/v1/uploads/upload_abc/complete"
    assert complete.json == {"part_ids": ["part_1", "part_2"], "md5": "abc"}
    assert done.status == "completed" and done.file is not None and done.file.id == "file-abc"
    assert cancel.path == "/v1/uploads/upload_abc/cancel" and cancelled.status == "cancelled"


async def test_create_upload_without_expiry_omits_it(fault_server: FaultServer) -> None:
    async with client_for(fault_server) as client:
        await client.create_upload(filename="a", purpose="batch", size=1, mime_type="text/jsonl")
        await client.complete_upload("upload_abc", [])
    assert "expires_after" not in fault_server.seen[0].json
    assert fault_server.seen[1].json == {"part_ids": []}


async def test_files_endpoints(fault_server: FaultServer, tmp_path: Path) -> None:
    async with client_for(fault_server) as client:
        listing = await client.list_files(purpose="batch", limit=5, after="file-x", order="asc")
        every = [f.id async for f in client.iter_files()]
        one = await client.retrieve_file("file-abc")
        deleted = await client.delete_file("file-abc")
        dest = tmp_path / "out.bin"
        progress: list[int] = []
        size = await client.download_file("file-abc", dest, on_progress=progress.append)
    assert fault_server.seen[0].query == {
        "purpose": "batch", "limit": "5", "after": "file-x", "order": "asc"
    }  # fmt: skip
    assert [f.id for f in listing.data] == ["file-abc"] and listing.has_more is False
    assert every == ["file-abc"]
    assert one.id == "file-abc" and deleted is True
    assert fault_server.seen[-1].path == "/v1/files/file-abc/content"
    assert dest.read_bytes() == fault_server.content and size == len(fault_server.content)
    assert progress[0] == 0 and progress[-1] == size
    assert not (tmp_path / "out.bin.part").exists()


async def test_error_envelope_becomes_typed_errors(fault_server: FaultServer) -> None:
    fault_server.add(
        Action(status=404, body={"error": {"message": "No such File object: file-x",
               "type": "invalid_request_error", "param": "id", "code": None}},
               headers={"x-request-id": "req_404"}),
        Action(status=400, body={"error": {"message": "Bad purpose",
               "type": "invalid_request_error", "param": "purpose", "code": "bad"}}),
        Action(status=401, body={"error": {"message": "Incorrect API key provided: sk-tes***"}}),
        Action(status=500, headers={"x-should-retry": "false"}),
    )  # fmt: skip
    async with client_for(fault_server) as client:
        with pytest.raises(NotFoundError) as missing:
            await client.retrieve_file("file-x")
        with pytest.raises(BadRequestError) as bad:
            await client.list_files()
        with pytest.raises(AuthenticationError):
            await client.list_files()
        with pytest.raises(ServerError):
            await client.list_files()
    assert missing.value.status == 404 and missing.value.param == "id"
    assert missing.value.request_id == "req_404"
    assert str(missing.value) == "No such File object: file-x (HTTP 404, request req_404)"
    assert (bad.value.type, bad.value.code, bad.value.param) == (
        "invalid_request_error", "bad", "purpose"
    )  # fmt: skip


async def test_failed_download_leaves_no_partial_file(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    fault_server.add(Action(status=404))
    dest = tmp_path / "out.bin"
    async with client_for(fault_server) as client:
        with pytest.raises(NotFoundError):
            await client.download_file("file-x", dest)
    assert list(tmp_path.iterdir()) == []
