"""The Uploads endpoints, driven by the official openai SDK (raw httpx for limits and shapes)."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from sandbox_helpers import KEY, MultipartStream, Spawned

GB = 1024**3
THIRTY_DAYS = 30 * 24 * 3600


def _new_upload(client: openai.OpenAI, size: int, **extra: Any) -> Any:
    options: dict[str, Any] = {
        "filename": "data.bin",
        "purpose": "assistants",
        "mime_type": "application/octet-stream",
        **extra,
    }
    return client.uploads.create(bytes=size, **options)


def test_upload_lifecycle_assembles_parts_in_the_given_order(client: openai.OpenAI) -> None:
    chunks = [os.urandom(1000), os.urandom(2000), os.urandom(500)]
    whole = b"".join(chunks)
    upload = _new_upload(client, len(whole))
    assert upload.id.startswith("upload_")
    assert (upload.object, upload.status, upload.file) == ("upload", "pending", None)
    assert upload.expires_at == upload.created_at + 3600  # one hour by default

    # Sent out of order (as parallel parts would be), completed in file order.
    parts = {i: client.uploads.parts.create(upload_id=upload.id, data=chunks[i]) for i in (2, 0, 1)}
    for part in parts.values():
        assert part.id.startswith("part_")
        assert (part.object, part.upload_id) == ("upload.part", upload.id)

    done = client.uploads.complete(
        upload_id=upload.id,
        part_ids=[parts[0].id, parts[1].id, parts[2].id],
        md5=hashlib.md5(whole).hexdigest(),
    )
    assert done.status == "completed" and done.file is not None
    assert done.file.id.startswith("file-") and done.file.bytes == len(whole)
    assert (done.file.filename, done.file.purpose) == ("data.bin", "assistants")
    assert client.files.content(done.file.id).read() == whole
    assert client.files.retrieve(done.file.id).bytes == len(whole)

    with pytest.raises(openai.BadRequestError) as info:
        client.uploads.parts.create(upload_id=upload.id, data=b"more")
    assert "completed" in info.value.message
    with pytest.raises(openai.BadRequestError):
        client.uploads.cancel(upload.id)


def test_upload_file_chunked_round_trip(client: openai.OpenAI, tmp_path: Path) -> None:
    data = os.urandom(5 * 1024 * 1024 + 123)
    path = tmp_path / "train.jsonl"
    path.write_bytes(data)
    upload = client.uploads.upload_file_chunked(
        file=path,
        mime_type="text/jsonl",
        purpose="fine-tune",
        part_size=1024 * 1024,
        md5=hashlib.md5(data).hexdigest(),
    )
    assert upload.status == "completed" and upload.file is not None
    assert upload.file.filename == "train.jsonl"
    assert client.files.content(upload.file.id).read() == data


def test_md5_mismatch_is_rejected_and_the_upload_stays_open(client: openai.OpenAI) -> None:
    data = os.urandom(4096)
    upload = _new_upload(client, len(data))
    part = client.uploads.parts.create(upload_id=upload.id, data=data)
    with pytest.raises(openai.BadRequestError) as info:
        client.uploads.complete(upload_id=upload.id, part_ids=[part.id], md5="0" * 32)
    assert info.value.param == "md5"
    assert client.files.list().data == []
    done = client.uploads.complete(
        upload_id=upload.id, part_ids=[part.id], md5=hashlib.md5(data).hexdigest()
    )
    assert done.status == "completed"


def test_byte_total_must_match(client: openai.OpenAI) -> None:
    upload = _new_upload(client, 100)
    short = client.uploads.parts.create(upload_id=upload.id, data=b"x" * 60)
    with pytest.raises(openai.BadRequestError) as info:
        client.uploads.complete(upload_id=upload.id, part_ids=[short.id])
    assert "100" in info.value.message and "60" in info.value.message
    extra = client.uploads.parts.create(upload_id=upload.id, data=b"y" * 50)
    with pytest.raises(openai.BadRequestError):
        client.uploads.complete(upload_id=upload.id, part_ids=[short.id, extra.id])
    with pytest.raises(openai.BadRequestError):  # a part listed twice
        client.uploads.complete(upload_id=upload.id, part_ids=[short.id, short.id])
    with pytest.raises(openai.BadRequestError):  # a part of nobody
        client.uploads.complete(upload_id=upload.id, part_ids=["part_unknown"])
    last = client.uploads.parts.create(upload_id=upload.id, data=b"z" * 40)
    done = client.uploads.complete(upload_id=upload.id, part_ids=[short.id, last.id])
    assert done.file is not None and done.file.bytes == 100


def test_cancel_stops_parts_and_completion(client: openai.OpenAI) -> None:
    upload = _new_upload(client, 10)
    part = client.uploads.parts.create(upload_id=upload.id, data=b"0123456789")
    cancelled = client.uploads.cancel(upload.id)
    assert cancelled.status == "cancelled" and cancelled.file is None
    with pytest.raises(openai.BadRequestError) as info:
        client.uploads.parts.create(upload_id=upload.id, data=b"x")
    assert "cancelled" in info.value.message
    with pytest.raises(openai.BadRequestError):
        client.uploads.complete(upload_id=upload.id, part_ids=[part.id])
    assert client.uploads.cancel(upload.id).status == "cancelled"


def test_unknown_upload_is_404(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError):
        client.uploads.parts.create(upload_id="upload_nope", data=b"x")
    with pytest.raises(openai.NotFoundError):
        client.uploads.complete(upload_id="upload_nope", part_ids=[])
    with pytest.raises(openai.NotFoundError):
        client.uploads.cancel("upload_nope")


def test_upload_ttl_expires_the_upload(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(upload_ttl=1, quiet=True)
    with openai.OpenAI(base_url=proc.base_url, api_key=KEY, max_retries=0) as client:
        upload = _new_upload(client, 2)
        assert upload.expires_at == upload.created_at + 1
        part = client.uploads.parts.create(upload_id=upload.id, data=b"a")
        time.sleep(1.2)
        with pytest.raises(openai.BadRequestError) as info:
            client.uploads.parts.create(upload_id=upload.id, data=b"b")
        assert "expired" in info.value.message
        with pytest.raises(openai.BadRequestError):
            client.uploads.complete(upload_id=upload.id, part_ids=[part.id])

        proc.set_faults(upload_ttl=7200)  # changed at run time, for new Uploads
        later = _new_upload(client, 1)
        assert later.expires_at == later.created_at + 7200


def test_expiry_of_the_resulting_file(client: openai.OpenAI) -> None:
    kept = _new_upload(client, 1, expires_after={"anchor": "created_at", "seconds": 3600})
    part = client.uploads.parts.create(upload_id=kept.id, data=b"k")
    file = client.uploads.complete(upload_id=kept.id, part_ids=[part.id]).file
    assert file is not None and file.expires_at == file.created_at + 3600

    batch = _new_upload(client, 3, purpose="batch", filename="req.jsonl")
    part = client.uploads.parts.create(upload_id=batch.id, data=b"{}\n")
    file = client.uploads.complete(upload_id=batch.id, part_ids=[part.id]).file
    assert file is not None and file.expires_at == file.created_at + THIRTY_DAYS

    with pytest.raises(openai.BadRequestError) as info:
        _new_upload(client, 1, expires_after={"anchor": "created_at", "seconds": 60})
    assert info.value.param == "expires_after.seconds"


def test_create_upload_validation(client: openai.OpenAI, raw: httpx.Client) -> None:
    assert _new_upload(client, 8 * GB).bytes == 8 * GB
    with pytest.raises(openai.BadRequestError) as info:
        _new_upload(client, 8 * GB + 1)
    assert info.value.param == "bytes"
    with pytest.raises(openai.BadRequestError):
        _new_upload(client, 10, purpose="homework")
    with pytest.raises(openai.BadRequestError):  # batch needs .jsonl
        _new_upload(client, 10, purpose="batch", filename="requests.csv")
    with pytest.raises(openai.BadRequestError):  # batch at most 200 MB
        _new_upload(client, 200 * 1024 * 1024 + 1, purpose="batch", filename="r.jsonl")

    for body in (
        {"filename": "a", "purpose": "assistants", "mime_type": "text/plain"},  # no bytes
        {"bytes": "10", "filename": "a", "purpose": "assistants", "mime_type": "text/plain"},
        {"bytes": 10, "purpose": "assistants", "mime_type": "text/plain"},
        {
            "bytes": 10,
            "filename": "a",
            "purpose": "assistants",
            "mime_type": "text/plain",
            "colour": "red",
        },
    ):
        response = raw.post("uploads", json=body)
        assert response.status_code == 400, body
        assert response.json()["error"]["type"] == "invalid_request_error"
    garbage = raw.post(
        "uploads", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert garbage.status_code == 400


def test_part_size_limit_is_64_mb(raw: httpx.Client) -> None:
    limit = 64 * 1024 * 1024
    upload = raw.post(
        "uploads",
        json={"bytes": limit, "filename": "p.bin", "purpose": "assistants", "mime_type": "x/y"},
    ).json()
    path = f"uploads/{upload['id']}/parts"
    too_big = MultipartStream({}, "data", "blob", limit + 1)
    response = raw.post(path, content=iter(too_big), headers=too_big.headers)
    assert response.status_code == 413
    exact = MultipartStream({}, "data", "blob", limit)
    part = raw.post(path, content=iter(exact), headers=exact.headers)
    assert part.status_code == 200 and part.json()["object"] == "upload.part"
    done = raw.post(f"uploads/{upload['id']}/complete", json={"part_ids": [part.json()["id"]]})
    assert done.json()["file"]["bytes"] == limit
    missing_data = raw.post(path, files={"other": ("x", b"x")})
    assert missing_data.status_code == 400


def test_state_survives_a_restart_on_the_same_data_dir(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "kept")
    with Spawned("--port", "0", "--quiet", "--data-dir", data_dir) as first:
        with openai.OpenAI(base_url=first.base_url, api_key=KEY, max_retries=0) as client:
            upload = _new_upload(client, 4)
            part = client.uploads.parts.create(upload_id=upload.id, data=b"ab")
            kept = client.files.create(file=("k.txt", b"keep"), purpose="assistants")
        assert first.stop()[0] == 0
    with (
        Spawned("--port", "0", "--quiet", "--data-dir", data_dir) as second,
        openai.OpenAI(base_url=second.base_url, api_key=KEY, max_retries=0) as client,
    ):
        assert client.files.content(kept.id).read() == b"keep"
        more = client.uploads.parts.create(upload_id=upload.id, data=b"cd")
        done = client.uploads.complete(upload_id=upload.id, part_ids=[part.id, more.id])
        assert done.file is not None
        assert client.files.content(done.file.id).read() == b"abcd"
