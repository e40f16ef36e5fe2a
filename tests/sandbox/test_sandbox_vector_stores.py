"""Vector stores and their file batches, driven by the official openai SDK."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from sandbox_helpers import KEY

POLL_MS = 20


@pytest.fixture
def box(sandbox: Callable[..., Any]) -> Any:
    return sandbox(quiet=True, processing_delay=0.3, fail_vector_files="broken")


@pytest.fixture
def sdk(box: Any) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=box.base_url, api_key=KEY, max_retries=0) as client:
        yield client


def _upload(sdk: openai.OpenAI, tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return sdk.files.create(file=path, purpose="assistants").id


def test_store_create_list_retrieve(sdk: openai.OpenAI) -> None:
    first = sdk.vector_stores.create(name="docs", metadata={"team": "a"})
    second = sdk.vector_stores.create(
        name="more", expires_after={"anchor": "last_active_at", "days": 7}
    )
    assert first.id.startswith("vs_") and first.object == "vector_store"
    assert (first.name, first.status, first.metadata) == ("docs", "completed", {"team": "a"})
    assert first.file_counts.total == 0 and first.usage_bytes == 0
    assert second.expires_at == second.last_active_at + 7 * 86400  # type: ignore[operator]
    assert sdk.vector_stores.retrieve(first.id) == first
    listed = sdk.vector_stores.list()
    assert [s.id for s in listed.data] == [second.id, first.id]
    page = sdk.vector_stores.list(limit=1, order="asc")
    assert [s.id for s in page.data] == [first.id] and page.has_more
    after = sdk.vector_stores.list(limit=1, order="asc", after=first.id)
    assert [s.id for s in after.data] == [second.id] and not after.has_more
    with pytest.raises(openai.NotFoundError):
        sdk.vector_stores.retrieve("vs_missing")


def test_file_batch_completes_and_fails_the_chosen_file(sdk: openai.OpenAI, tmp_path: Path) -> None:
    good = _upload(sdk, tmp_path, "guide.md", b"# Guide\n" * 100)
    broken = _upload(sdk, tmp_path, "broken.pdf", b"%PDF-1.4 nonsense")
    store = sdk.vector_stores.create(name="docs")
    batch = sdk.vector_stores.file_batches.create(store.id, file_ids=[good, broken])
    assert batch.id.startswith("vsfb_") and batch.object == "vector_store.files_batch"
    assert (batch.status, batch.file_counts.in_progress, batch.file_counts.total) == (
        "in_progress",
        2,
        2,
    )
    done = sdk.vector_stores.file_batches.poll(batch.id, vector_store_id=store.id,
                                               poll_interval_ms=POLL_MS)  # fmt: skip
    assert done.status == "completed"
    counts = done.file_counts
    assert (counts.completed, counts.failed, counts.in_progress, counts.total) == (1, 1, 0, 2)

    files = {
        f.id: f
        for f in sdk.vector_stores.file_batches.list_files(batch.id, vector_store_id=store.id)
    }
    assert set(files) == {good, broken}
    assert files[good].status == "completed" and files[good].last_error is None
    assert files[good].usage_bytes == 800
    assert files[broken].status == "failed"
    assert files[broken].last_error is not None
    assert files[broken].last_error.code == "invalid_file"
    assert "broken.pdf" in files[broken].last_error.message
    failed_only = sdk.vector_stores.file_batches.list_files(
        batch.id, vector_store_id=store.id, filter="failed"
    )
    assert [f.id for f in failed_only.data] == [broken]

    now = sdk.vector_stores.retrieve(store.id)
    assert now.status == "completed" and now.usage_bytes == 800
    assert (now.file_counts.completed, now.file_counts.failed) == (1, 1)
    in_store = sdk.vector_stores.files.list(vector_store_id=store.id)
    assert {f.id for f in in_store.data} == {good, broken}


def test_create_and_poll_and_cancel(sdk: openai.OpenAI, box: Any, tmp_path: Path) -> None:
    one = _upload(sdk, tmp_path, "a.txt", b"alpha")
    store = sdk.vector_stores.create(name="x")
    done = sdk.vector_stores.file_batches.create_and_poll(
        vector_store_id=store.id, file_ids=[one], poll_interval_ms=POLL_MS
    )
    assert (done.status, done.file_counts.completed) == ("completed", 1)
    with pytest.raises(openai.BadRequestError):  # nothing left to cancel
        sdk.vector_stores.file_batches.cancel(done.id, vector_store_id=store.id)

    _control(box, {"processing_delay": 3600})
    slow = sdk.vector_stores.file_batches.create(store.id, file_ids=[one])
    cancelled = sdk.vector_stores.file_batches.cancel(slow.id, vector_store_id=store.id)
    assert cancelled.status == "cancelled" and cancelled.file_counts.cancelled == 1


def test_unsupported_type_and_bad_requests(sdk: openai.OpenAI, box: Any, tmp_path: Path) -> None:
    blob = _upload(sdk, tmp_path, "data.bin", b"\x00\x01")
    store = sdk.vector_stores.create(name="x")
    done = sdk.vector_stores.file_batches.create_and_poll(
        vector_store_id=store.id, file_ids=[blob], poll_interval_ms=POLL_MS
    )
    assert done.status == "failed" and done.file_counts.failed == 1
    failed = sdk.vector_stores.files.retrieve(blob, vector_store_id=store.id)
    assert failed.status == "failed" and failed.last_error is not None
    assert failed.last_error.code == "unsupported_file"
    with pytest.raises(openai.NotFoundError) as missing:
        sdk.vector_stores.file_batches.create(store.id, file_ids=["file-nope"])
    assert "file-nope" in missing.value.message
    with httpx.Client(
        base_url=box.base_url + "/", headers={"Authorization": f"Bearer {KEY}"}
    ) as raw:
        both = raw.post(
            f"vector_stores/{store.id}/file_batches", json={"file_ids": [blob], "files": []}
        )
        assert both.status_code == 400 and both.json()["error"]["param"] == "file_ids"
        unknown = raw.post("vector_stores", json={"nmae": "typo"})
        assert unknown.status_code == 400 and unknown.json()["error"]["param"] == "nmae"
        too_many = raw.get("vector_stores", params={"limit": 101})
        assert too_many.status_code == 400 and too_many.json()["error"]["param"] == "limit"


def _control(box: Any, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        f"{box.root_url}/_sandbox/processing",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())
