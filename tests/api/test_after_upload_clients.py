"""The vector store and batch clients against the real sandbox: shapes, waiting, retries."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.api import ClientConfig, FilesClient, NotFoundError, RetryNotice
from app.api.batches import BatchesClient
from app.api.vector_store_types import VectorStoreFileBatch
from app.api.vector_stores import VectorStoresClient

pytestmark = pytest.mark.asyncio
KEY = "sk-test-after-upload-1"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


async def test_file_batch_waits_until_done_and_reports_the_failed_file(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    server = sandbox(quiet=True, processing_delay=0.3, fail_vector_files="broken")
    async with FilesClient(ClientConfig(server.base_url, KEY)) as files:
        stores = VectorStoresClient.of(files)
        good = await files.create_file(_write(tmp_path, "a.md", b"# A\n" * 10), "assistants")
        bad = await files.create_file(_write(tmp_path, "broken.pdf", b"%PDF"), "assistants")
        store = await stores.create("docs")
        assert (store.name, store.status, store.file_counts.total) == ("docs", "completed", 0)
        assert [s.id async for s in stores.iter_all()] == [store.id]
        assert (await stores.retrieve(store.id)).id == store.id

        server.set_faults(
            script=[{"method": "POST", "path_regex": "/file_batches$", "status": 503, "times": 1}]
        )
        notices: list[RetryNotice] = []
        batch = await stores.create_file_batch(store.id, [good.id, bad.id], on_retry=notices.append)
        assert [n.status for n in notices] == [503]
        assert batch.status == "in_progress" and batch.file_counts.in_progress == 2
        seen: list[VectorStoreFileBatch] = []
        done = await stores.wait_file_batch(batch, on_update=seen.append)
        assert seen and seen[-1] == done and done.finished
        assert (done.status, done.file_counts.completed, done.file_counts.failed) == (
            "completed",
            1,
            1,
        )
        assert done.file_counts.describe() == "2 files: 1 completed, 1 failed"
        failed = await stores.batch_files(store.id, batch.id, status="failed")
        assert [(f.id, f.error_code) for f in failed] == [(bad.id, "invalid_file")]
        assert failed[0].error_message is not None and "broken.pdf" in failed[0].error_message
        every = await stores.batch_files(store.id, batch.id)
        assert {f.id: f.status for f in every} == {good.id: "completed", bad.id: "failed"}
        assert (await stores.retrieve(store.id)).file_counts.total == 2

        with pytest.raises(NotFoundError):
            await stores.retrieve("vs_missing")
        with pytest.raises(ValueError):
            await stores.create_file_batch(store.id, [])
    created = [r for r in server.requests() if r["path"].endswith("/file_batches")]
    assert [r["status"] for r in created] == [503, 200]


async def test_batch_create_retrieve_list_and_first_line(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    server = sandbox(quiet=True, processing_delay=0.2)
    line = {"custom_id": "1", "method": "POST", "url": "/v1/embeddings",
            "body": {"model": "text-embedding-3-small", "input": "x" * 200_000}}  # fmt: skip
    path = _write(tmp_path, "req.jsonl", (json.dumps(line) + "\n").encode() * 3)
    async with FilesClient(ClientConfig(server.base_url, KEY)) as files:
        batches = BatchesClient.of(files)
        uploaded = await files.create_file(path, "batch")
        first = await batches.first_line(uploaded.id, 1024 * 1024)
        assert json.loads(first) == line
        assert await batches.first_line(uploaded.id, 1000) == first[:1000]

        batch = await batches.create(uploaded.id, "/v1/embeddings")
        assert (batch.status, batch.endpoint, batch.input_file_id) == (
            "validating",
            "/v1/embeddings",
            uploaded.id,
        )
        assert batch.completion_window == "24h" and batch.errors == ()
        assert (await batches.retrieve(batch.id)).id == batch.id
        page = await batches.list_page()
        assert [b.id for b in page.data] == [batch.id] and not page.has_more
        with pytest.raises(NotFoundError):
            await batches.retrieve("batch_missing")


@pytest.mark.parametrize("own_keys", [0, 15], ids=["no-metadata", "fifteen-keys"])
async def test_a_lost_batch_create_answer_finds_the_batch_instead_of_starting_another(
    sandbox: Callable[..., Any], tmp_path: Path, own_keys: int
) -> None:
    """The create went out whole and its answer was lost: a retry would start (and bill) a
    second Batch. The one the lost attempt made is found by the request's mark."""
    server = sandbox(quiet=True, processing_delay=0.2)
    line = {"custom_id": "1", "method": "POST", "url": "/v1/embeddings",
            "body": {"model": "text-embedding-3-small", "input": "x"}}  # fmt: skip
    path = _write(tmp_path, "req.jsonl", (json.dumps(line) + "\n").encode())
    metadata = {f"k{i}": "v" for i in range(own_keys)}
    async with FilesClient(ClientConfig(server.base_url, KEY, max_attempts=3)) as files:
        batches = BatchesClient.of(files)
        uploaded = await files.create_file(path, "batch")
        server.set_faults(
            script=[{"method": "POST", "path_regex": "^/v1/batches$", "kind": "drop_response",
                     "times": 1}]
        )  # fmt: skip
        notices: list[RetryNotice] = []
        batch = await batches.create(
            uploaded.id, "/v1/embeddings", metadata=metadata, on_retry=notices.append
        )
        page = await batches.list_page()
    assert [b.id for b in page.data] == [batch.id]  # one Batch, the one the lost attempt made
    assert batch.metadata == {**metadata, "hoist_request": batch.metadata["hoist_request"]}
    posts = [r for r in server.requests() if r["method"] == "POST" and r["path"] == "/v1/batches"]
    assert len(posts) == 1  # found, not sent again
    assert notices == []  # nothing retried


async def test_a_lost_vector_store_create_answer_finds_the_store_instead_of_making_another(
    sandbox: Callable[..., Any],
) -> None:
    server = sandbox(quiet=True)
    async with FilesClient(ClientConfig(server.base_url, KEY, max_attempts=3)) as files:
        stores = VectorStoresClient.of(files)
        server.set_faults(
            script=[{"method": "POST", "path_regex": "^/v1/vector_stores$",
                     "kind": "drop_response", "times": 1}]
        )  # fmt: skip
        store = await stores.create("docs", metadata={"team": "a"})
        listed = [s async for s in stores.iter_all()]
    assert [s.id for s in listed] == [store.id] and store.name == "docs"
    assert store.raw["metadata"]["team"] == "a"
    posts = [
        r for r in server.requests() if r["method"] == "POST" and r["path"] == "/v1/vector_stores"
    ]
    assert len(posts) == 1  # found, not sent again
