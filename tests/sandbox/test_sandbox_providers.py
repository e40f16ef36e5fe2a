"""The sandbox playing other servers: without the Uploads API, and as Azure OpenAI."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from sandbox_helpers import KEY, REPO_ROOT, MultipartStream

AZURE_DENIED = {
    "error": {
        "code": "401",
        "message": "Access denied due to invalid subscription key or wrong API endpoint. Make "
        "sure to provide a valid key for an active subscription and use a correct regional API "
        "endpoint for your resource.",
    }
}
API_VERSION = "2024-10-21"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _bearer(base_url: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url + "/", headers={"Authorization": f"Bearer {KEY}"}, timeout=30
    )


def test_without_uploads_api_every_uploads_route_is_an_invalid_url(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    sb = sandbox(quiet=True, no_uploads_api=True)
    with _bearer(sb.base_url) as raw:
        create = raw.post(
            "uploads",
            json={"bytes": 10, "filename": "a.jsonl", "purpose": "batch", "mime_type": "x/y"},
        )
        assert create.status_code == 404
        assert create.json() == {
            "error": {
                "message": "Invalid URL (POST /v1/uploads)",
                "type": "invalid_request_error",
                "param": None,
                "code": None,
            }
        }
        for sub in ("parts", "complete", "cancel"):
            answer = raw.post(f"uploads/upload_abc/{sub}", json={})
            assert answer.status_code == 404
            assert (
                answer.json()["error"]["message"]
                == f"Invalid URL (POST /v1/uploads/upload_abc/{sub})"
            )
        # The key is still checked first, as by the real service.
        anonymous = httpx.post(sb.base_url + "/uploads", json={})
        assert anonymous.status_code == 401

    with openai.OpenAI(base_url=sb.base_url, api_key=KEY, max_retries=0) as client:
        with pytest.raises(openai.NotFoundError):
            client.uploads.create(
                bytes=3, filename="a.txt", purpose="assistants", mime_type="text/plain"
            )
        made = client.files.create(file=_write(tmp_path, "a.txt", b"abc"), purpose="assistants")
        assert client.files.content(made.id).read() == b"abc"
        assert [f.id for f in client.files.list()] == [made.id]


def test_without_uploads_api_post_files_keeps_its_512_mb_limit(
    sandbox: Callable[..., Any],
) -> None:
    sb = sandbox(quiet=True, no_uploads_api=True)
    with _bearer(sb.base_url) as raw:
        huge = MultipartStream({"purpose": "user_data"}, "file", "big.bin", 512 * 1024 * 1024 + 1)
        response = raw.post("files", content=iter(huge), headers=huge.headers)
        assert response.status_code == 413
        assert "512 MB" in response.json()["error"]["message"]
        assert raw.get("files").json()["data"] == []


def test_azure_takes_the_key_only_in_the_api_key_header(sandbox: Callable[..., Any]) -> None:
    sb = sandbox(quiet=True, auth="azure", api_key=KEY)
    url = sb.base_url + "/files"
    bearer = httpx.get(url, headers={"Authorization": f"Bearer {KEY}"})
    assert bearer.status_code == 401 and bearer.json() == AZURE_DENIED
    assert httpx.get(url).json() == AZURE_DENIED
    wrong = httpx.get(url, headers={"api-key": "sk-wrong"})
    assert wrong.status_code == 401 and wrong.json() == AZURE_DENIED
    right = httpx.get(url, params={"api-version": API_VERSION}, headers={"api-key": KEY})
    assert right.status_code == 200 and right.json()["object"] == "list"
    without_version = httpx.get(url, headers={"api-key": KEY})
    assert without_version.status_code == 200


def test_azure_sdk_round_trip_with_201_on_create(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    """The official SDK's Azure client (api-key header, api-version query) against the sandbox."""
    sb = sandbox(quiet=True, auth="azure")
    azure = openai.AzureOpenAI(
        base_url=sb.base_url, api_key=KEY, api_version=API_VERSION, max_retries=0
    )
    with azure:
        raw = azure.files.with_raw_response.create(
            file=_write(tmp_path, "train.jsonl", b'{"a": 1}\n'), purpose="fine-tune"
        )
        assert raw.status_code == 201
        made = raw.parse()
        assert raw.headers["location"].endswith(f"/v1/files/{made.id}")
        assert azure.files.retrieve(made.id).bytes == 9
        assert azure.files.content(made.id).read() == b'{"a": 1}\n'

        upload = azure.uploads.create(
            bytes=6, filename="notes.txt", purpose="assistants", mime_type="text/plain"
        )
        first = azure.uploads.parts.create(upload_id=upload.id, data=b"abc")
        second = azure.uploads.parts.create(upload_id=upload.id, data=b"def")
        done = azure.uploads.complete(upload_id=upload.id, part_ids=[first.id, second.id])
        assert done.file is not None and azure.files.content(done.file.id).read() == b"abcdef"
        assert done.status == "completed"

        assert {f.id for f in azure.files.list()} == {made.id, done.file.id}
        assert azure.files.delete(made.id).deleted

    log = sb.requests()
    assert log and all(entry["query"] == f"api-version={API_VERSION}" for entry in log), log


def test_azure_refuses_user_data_on_the_uploads_route(sandbox: Callable[..., Any]) -> None:
    sb = sandbox(quiet=True, auth="azure")
    headers = {"api-key": KEY}
    body = {"bytes": 10, "filename": "a.pdf", "purpose": "user_data", "mime_type": "x/y"}
    refused = httpx.post(sb.base_url + "/uploads", json=body, headers=headers)
    assert refused.status_code == 400
    assert refused.json() == {
        "error": {"code": "invalidPayload", "message": "Invalid value for purpose."}
    }
    accepted = httpx.post(
        sb.base_url + "/uploads", json={**body, "purpose": "assistants"}, headers=headers
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "pending"
    # POST /files still takes user_data.
    made = httpx.post(
        sb.base_url + "/files",
        data={"purpose": "user_data"},
        files={"file": ("a.pdf", b"%PDF-1.4")},
        headers=headers,
    )
    assert made.status_code == 201 and made.json()["purpose"] == "user_data"


def test_openai_mode_still_answers_200_and_takes_user_data_uploads(
    sandbox: Callable[..., Any],
) -> None:
    sb = sandbox(quiet=True)
    with _bearer(sb.base_url) as raw:
        made = raw.post("files", data={"purpose": "user_data"}, files={"file": ("a.txt", b"x")})
        assert made.status_code == 200 and "location" not in made.headers
        body = {"bytes": 1, "filename": "a.txt", "purpose": "user_data", "mime_type": "text/plain"}
        assert raw.post("uploads", json=body).status_code == 200
        assert raw.get("files", headers={"api-key": KEY}).status_code == 200
        azure_only = httpx.get(sb.base_url + "/files", headers={"api-key": KEY})
        assert azure_only.status_code == 401
        assert azure_only.json()["error"]["type"] == "invalid_request_error"


def test_help_names_the_provider_flags() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app", "sandbox", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "--no-uploads-api" in out.stdout and "--auth {openai,azure}" in out.stdout
