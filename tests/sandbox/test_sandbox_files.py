"""The Files endpoints, driven by the official openai SDK (and raw httpx for exact shapes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from openai.types import FilePurpose
from sandbox_helpers import KEY, MultipartStream

FILE_KEYS = {
    "id",
    "object",
    "bytes",
    "created_at",
    "expires_at",
    "filename",
    "purpose",
    "status",
    "status_details",
}
THIRTY_DAYS = 30 * 24 * 3600


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_create_retrieve_content_delete(client: openai.OpenAI, tmp_path: Path) -> None:
    data = bytes(range(256)) * 40
    created = client.files.create(file=_write(tmp_path, "notes.pdf", data), purpose="assistants")
    assert created.id.startswith("file-")
    assert (created.object, created.bytes, created.filename) == ("file", len(data), "notes.pdf")
    assert created.purpose == "assistants" and created.status == "processed"
    assert created.expires_at is None

    assert client.files.retrieve(created.id) == created
    assert client.files.content(created.id).read() == data

    deleted = client.files.delete(created.id)
    assert (deleted.id, deleted.deleted, deleted.object) == (created.id, True, "file")
    with pytest.raises(openai.NotFoundError) as info:
        client.files.retrieve(created.id)
    assert info.value.status_code == 404
    assert created.id in info.value.message
    with pytest.raises(openai.NotFoundError):
        client.files.content(created.id)
    with pytest.raises(openai.NotFoundError):
        client.files.delete(created.id)


def test_raw_file_object_and_error_envelope(raw: httpx.Client) -> None:
    response = raw.post("files", data={"purpose": "user_data"}, files={"file": ("a.txt", b"hi")})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == FILE_KEYS
    assert body["expires_at"] is None and body["status_details"] is None
    assert response.headers["x-request-id"].startswith("req_")

    missing = raw.get("files/file-nope")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": {
            "message": "No such File object: file-nope",
            "type": "invalid_request_error",
            "param": "id",
            "code": None,
        }
    }
    unknown_url = raw.get("nothing/here")
    assert unknown_url.status_code == 404
    assert unknown_url.json()["error"]["message"] == "Invalid URL (GET /v1/nothing/here)"


def test_unusual_filenames_survive(client: openai.OpenAI) -> None:
    name = 'résumé "final" 日本.pdf'
    created = client.files.create(file=(name, b"%PDF"), purpose="assistants")
    assert created.filename == name
    assert client.files.retrieve(created.id).filename == name


@pytest.mark.parametrize(
    ("disposition", "stored"),
    [
        ("form-data; name=\"file\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", "résumé.pdf"),
        ('form-data; name="file"; filename="say \\"hi\\".txt"', 'say "hi".txt'),
        ('form-data; name="file"; filename="a%22b.txt"', 'a"b.txt'),  # HTML5's escape
        ("form-data; name=file; filename=plain.txt", "plain.txt"),  # tokens, unquoted
        ('form-data; name="file"; filename="semi;colon.txt"', "semi;colon.txt"),
        ("form-data; name*=UTF-8''file; filename=\"named.txt\"", "named.txt"),  # RFC 2231
    ],
)
def test_filename_spellings_of_content_disposition(
    raw: httpx.Client, disposition: str, stored: str
) -> None:
    """Each way a client may write the file field's name reaches the File object."""
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n'
        f"user_data\r\n--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        f"Content-Type: text/plain\r\n\r\nhello\r\n--{boundary}--\r\n"
    ).encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    response = raw.post("files", content=body, headers=headers)
    assert response.status_code == 200, response.text
    assert (response.json()["filename"], response.json()["bytes"]) == (stored, 5)


def test_batch_files_expire_after_30_days_by_default(client: openai.OpenAI, tmp_path: Path) -> None:
    path = _write(tmp_path, "requests.jsonl", b'{"custom_id": "1"}\n')
    batch = client.files.create(file=path, purpose="batch")
    assert batch.expires_at == batch.created_at + THIRTY_DAYS
    tuned = client.files.create(file=path, purpose="fine-tune")
    assert tuned.expires_at is None


def test_expires_after_is_respected(client: openai.OpenAI, tmp_path: Path) -> None:
    path = _write(tmp_path, "data.jsonl", b"{}\n")
    cases: list[tuple[FilePurpose, int]] = [
        ("user_data", 3600),
        ("batch", 7200),
        ("vision", 2_592_000),
    ]
    for purpose, seconds in cases:
        created = client.files.create(
            file=path, purpose=purpose, expires_after={"anchor": "created_at", "seconds": seconds}
        )
        assert created.expires_at == created.created_at + seconds


@pytest.mark.parametrize(
    ("expires_after", "param"),
    [
        ({"anchor": "created_at", "seconds": 3599}, "expires_after.seconds"),
        ({"anchor": "created_at", "seconds": 2_592_001}, "expires_after.seconds"),
        ({"anchor": "last_active_at", "seconds": 3600}, "expires_after.anchor"),
    ],
)
def test_bad_expires_after_is_rejected(
    client: openai.OpenAI, tmp_path: Path, expires_after: Any, param: str
) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        client.files.create(
            file=_write(tmp_path, "x.txt", b"x"), purpose="assistants", expires_after=expires_after
        )
    assert info.value.param == param
    assert client.files.list().data == []


def test_invalid_or_missing_purpose_is_rejected(
    client: openai.OpenAI, raw: httpx.Client, tmp_path: Path
) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        client.files.create(file=_write(tmp_path, "x.txt", b"x"), purpose="homework")  # type: ignore[arg-type]
    assert info.value.param == "purpose"
    assert "'homework'" in info.value.message

    response = raw.post("files", files={"file": ("x.txt", b"x")})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "purpose"
    no_file = raw.post("files", data={"purpose": "assistants"}, files={"other": ("x", b"x")})
    assert no_file.status_code == 400
    assert raw.post("files", json={"purpose": "assistants"}).status_code == 400


def test_batch_needs_jsonl(client: openai.OpenAI, tmp_path: Path) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        client.files.create(file=_write(tmp_path, "requests.csv", b"a,b\n"), purpose="batch")
    assert ".jsonl" in info.value.message


def test_size_limits_give_413(raw: httpx.Client) -> None:
    """Batch files stop at 200 MB, any file at 512 MB; the body is streamed, never held."""
    batch = MultipartStream({"purpose": "batch"}, "file", "big.jsonl", 200 * 1024 * 1024 + 1)
    response = raw.post("files", content=iter(batch), headers=batch.headers)
    assert response.status_code == 413
    assert "200 MB" in response.json()["error"]["message"]

    huge = MultipartStream({"purpose": "user_data"}, "file", "big.bin", 512 * 1024 * 1024 + 1)
    response = raw.post("files", content=iter(huge), headers=huge.headers)
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert raw.get("files").json()["data"] == []


def test_list_order_limit_after_and_purpose(client: openai.OpenAI, tmp_path: Path) -> None:
    path = _write(tmp_path, "f.jsonl", b"{}\n")
    ids = [
        client.files.create(file=path, purpose="batch" if i % 2 else "assistants").id
        for i in range(5)
    ]
    page = client.files.list()
    assert [f.id for f in page.data] == ids[::-1]  # newest first by default
    assert page.has_more is False

    first = client.files.list(limit=2, order="asc")
    assert [f.id for f in first.data] == ids[:2] and first.has_more is True
    rest = client.files.list(limit=2, order="asc", after=first.data[-1].id)
    assert [f.id for f in rest.data] == ids[2:4] and rest.has_more is True
    tail = client.files.list(limit=2, order="desc", after=ids[1])
    assert [f.id for f in tail.data] == [ids[0]] and tail.has_more is False

    batch = client.files.list(purpose="batch")
    assert {f.id for f in batch.data} == {ids[1], ids[3]}

    client.files.delete(ids[2])  # a deleted cursor still marks its place
    after_deleted = client.files.list(order="asc", after=ids[2])
    assert [f.id for f in after_deleted.data] == ids[3:]


def test_list_raw_shape_and_bad_parameters(raw: httpx.Client) -> None:
    empty = raw.get("files").json()
    assert empty == {
        "object": "list",
        "data": [],
        "first_id": None,
        "last_id": None,
        "has_more": False,
    }
    raw.post("files", data={"purpose": "evals"}, files={"file": ("a.jsonl", b"{}")})
    raw.post("files", data={"purpose": "evals"}, files={"file": ("b.jsonl", b"{}")})
    listed = raw.get("files", params={"order": "asc"}).json()
    assert listed["first_id"] == listed["data"][0]["id"]
    assert listed["last_id"] == listed["data"][1]["id"]
    for params in ({"limit": 0}, {"limit": 10_001}, {"limit": "x"}, {"order": "up"}):
        response = raw.get("files", params=params)
        assert response.status_code == 400, params
        assert response.json()["error"]["param"] in {"limit", "order"}
    assert raw.get("files", params={"limit": 10_000}).status_code == 200


def test_sdk_auto_paging_over_250_files(client: openai.OpenAI, raw: httpx.Client, sb: Any) -> None:
    form, tiny = {"purpose": "user_data"}, {"file": ("t.txt", b"x")}
    created = {raw.post("files", data=form, files=tiny).json()["id"] for _ in range(250)}
    sb.reset_log()
    seen = [f.id for f in client.files.list(limit=100)]
    assert len(seen) == 250 and set(seen) == created
    pages = [r for r in sb.requests() if r["path"] == "/v1/files"]
    assert len(pages) == 3
    assert "after=" in pages[1]["query"] and "after=" in pages[2]["query"]


def test_missing_key_is_401(raw: httpx.Client, sb: Any) -> None:
    response = httpx.get(sb.base_url + "/files")
    assert response.status_code == 401
    error = response.json()["error"]
    assert "didn't provide an API key" in error["message"]
    assert error["type"] == "invalid_request_error"
    basic = httpx.get(sb.base_url + "/files", headers={"Authorization": "Basic abc"})
    assert basic.status_code == 401
    # without --api-key, any non-empty key works
    other = httpx.get(sb.base_url + "/files", headers={"Authorization": "Bearer anything"})
    assert other.status_code == 200


def test_api_key_option_requires_that_key(sandbox: Callable[..., Any], tmp_path: Path) -> None:
    proc = sandbox(api_key="sk-right-456", quiet=True)
    path = _write(tmp_path, "x.txt", b"x")
    with openai.OpenAI(base_url=proc.base_url, api_key=KEY, max_retries=0) as wrong:
        with pytest.raises(openai.AuthenticationError) as info:
            wrong.files.list()
        assert info.value.status_code == 401
        assert info.value.code == "invalid_api_key"
        assert "Incorrect API key provided" in info.value.message
        assert KEY not in info.value.message
        with pytest.raises(openai.AuthenticationError):
            wrong.files.create(file=path, purpose="assistants")
    with openai.OpenAI(base_url=proc.base_url, api_key="sk-right-456", max_retries=0) as right:
        assert right.files.create(file=path, purpose="assistants").bytes == 1
