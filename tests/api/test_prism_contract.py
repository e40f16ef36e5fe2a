"""Every request our client makes, validated against the official OpenAPI spec by Prism.

Prism (@stoplight/prism-cli, installed by `npm ci --prefix tests/api/prism`) runs offline on
the official spec (tests/api/openai-spec/openapi.yaml) with --errors, so an invalid request gets
a 422 (and a missing key a 401). Its answers are example data: only acceptance is asserted.
Without Prism the tests fail under CI=true and are skipped elsewhere.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Awaitable, Iterator
from pathlib import Path

import pytest

from app.api import (
    AuthenticationError,
    BadRequestError,
    ClientConfig,
    FilesClient,
    UnexpectedResponse,
)
from app.api.batches import BatchesClient
from app.api.vector_stores import VectorStoresClient

REPO_ROOT = Path(__file__).resolve().parents[2]
PRISM = REPO_ROOT / "tests" / "api" / "prism" / "node_modules" / ".bin" / "prism"
SPEC = REPO_ROOT / "tests" / "api" / "openai-spec" / "openapi.yaml"  # the official one (MIT)
START_TIMEOUT = 180.0
KEY = "sk-test-prism-123"


def _missing(what: str) -> None:
    message = f"{what}; run: npm ci --prefix tests/api/prism"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _ready(url: str) -> bool:
    request = urllib.request.Request(f"{url}/files", headers={"Authorization": f"Bearer {KEY}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not PRISM.exists():
        _missing(f"Prism is not installed at {PRISM}")
    if not SPEC.exists():
        _missing(f"The OpenAPI spec is missing at {SPEC}")
    port = _free_port()
    log_path = tmp_path_factory.mktemp("prism") / "prism.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(PRISM), "mock", "-h", "127.0.0.1", "-p", str(port), str(SPEC), "--errors"],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _ready(url):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(errors="replace")[-3000:]
                pytest.fail(f"Prism did not start (exit {process.poll()}):\n{tail}")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _data(tmp_path: Path, name: str, size: int) -> Path:
    path = tmp_path / name
    path.write_bytes(b'{"prompt": "x"}\n' * (size // 16))
    return path


async def sent(call: Awaitable[object]) -> None:
    """The request was valid (Prism did not refuse it). Prism answers with the spec's
    example objects, whose sizes cannot match what was sent: the client rightly refuses
    that answer as not adding up, which still means the request itself passed."""
    try:
        await call
    except UnexpectedResponse as exc:
        assert "bytes, but Hoist sent" in str(exc)


@pytest.mark.asyncio
async def test_every_request_kind_is_valid(prism: str, tmp_path: Path) -> None:
    data = _data(tmp_path, "train.jsonl", 3 * 1024 * 1024)
    config = ClientConfig(prism, KEY, organization="org-123", project="proj_123")
    async with FilesClient(config) as client:
        await sent(client.create_file(data, "fine-tune"))
        await sent(client.create_file(data, "batch", expires_after=86400))
        await sent(
            client.create_file(data, "user_data", filename="notes.txt", mime_type="text/plain")
        )
        await client.list_files()
        await client.list_files(purpose="batch", limit=5, after="file-abc", order="asc")
        assert [f async for f in client.iter_files(purpose="vision")]
        await client.retrieve_file("file-abc123")
        assert await client.delete_file("file-abc123") in (True, False)
        await client.download_file("file-abc123", tmp_path / "content.out")
        await client.create_upload(
            filename="train.jsonl", purpose="fine-tune", size=3 * 1024 * 1024,
            mime_type="text/jsonl",
        )  # fmt: skip
        await client.create_upload(
            filename="train.jsonl", purpose="batch", size=10, mime_type="text/jsonl",
            expires_after=3600,
        )  # fmt: skip
        await client.add_part("upload_abc123", data, 0, 1024 * 1024)
        await client.add_part("upload_abc123", data, 1024 * 1024, 2 * 1024 * 1024)
        await sent(client.complete_upload("upload_abc123", ["part_a", "part_b"]))
        await sent(
            client.complete_upload(
                "upload_abc123", ["part_a"], md5="d41d8cd98f00b204e9800998ecf8427e"
            )
        )
        await client.cancel_upload("upload_abc123")


@pytest.mark.asyncio
async def test_prism_rejects_what_the_spec_forbids(prism: str, tmp_path: Path) -> None:
    """Proof that the check above can fail: an invalid purpose and a missing key."""
    data = _data(tmp_path, "a.jsonl", 100)
    async with FilesClient(ClientConfig(prism, KEY, max_attempts=1)) as client:
        with pytest.raises(BadRequestError) as caught:
            await client.create_file(data, "not-a-purpose")
        assert caught.value.status == 422
        with pytest.raises(BadRequestError):
            await client.create_upload(filename="a", purpose="evals", size=1, mime_type="x")
    async with FilesClient(ClientConfig(prism, None, max_attempts=1)) as client:
        with pytest.raises(AuthenticationError):
            await client.list_files()


@pytest.mark.asyncio
async def test_vector_store_and_batch_requests_are_valid(prism: str) -> None:
    async with FilesClient(ClientConfig(prism, KEY, max_attempts=1)) as client:
        stores = VectorStoresClient.of(client)
        batches = BatchesClient.of(client)
        await stores.create("docs")
        await stores.create("docs", metadata={"team": "a"})
        await stores.retrieve("vs_abc123")
        await stores.list_page(limit=5, after="vs_abc", order="asc")
        await stores.create_file_batch("vs_abc123", ["file-a", "file-b"])
        await stores.retrieve_file_batch("vs_abc123", "vsfb_abc123")
        await stores.cancel_file_batch("vs_abc123", "vsfb_abc123")
        await stores.batch_files("vs_abc123", "vsfb_abc123", status="failed")
        await batches.create("file-abc123", "/v1/chat/completions")
        await batches.create("file-abc123", "/v1/embeddings", metadata={"k": "v"})
        await batches.retrieve("batch_abc123")
        await batches.list_page(limit=5, after="batch_abc")
        await batches.first_line("file-abc123", 1024)
        with pytest.raises(BadRequestError) as caught:  # the check can fail
            await batches.create("file-abc123", "/v1/not-an-endpoint")
        assert caught.value.status == 422
