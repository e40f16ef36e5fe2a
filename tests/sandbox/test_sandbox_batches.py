"""The Batch endpoints, driven by the official openai SDK."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from sandbox_helpers import KEY


@pytest.fixture
def sdk(sandbox: Callable[..., Any]) -> Iterator[openai.OpenAI]:
    box = sandbox(quiet=True, processing_delay=0.2)
    with openai.OpenAI(base_url=box.base_url, api_key=KEY, max_retries=0) as client:
        yield client


def _batch_file(tmp_path: Path, urls: list[str]) -> Path:
    path = tmp_path / "requests.jsonl"
    lines = [
        {
            "custom_id": f"r{n}",
            "method": "POST",
            "url": url,
            "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]},
        }
        for n, url in enumerate(urls)
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def _wait_until_settled(sdk: openai.OpenAI, batch_id: str) -> Any:
    for _ in range(10_000):  # bounded: the sandbox settles after 2 × processing_delay
        batch = sdk.batches.retrieve(batch_id)
        if batch.status not in ("validating", "in_progress", "finalizing"):
            return batch
    raise AssertionError(f"batch {batch_id} never settled")


def test_batch_runs_to_completion_with_an_output_file(sdk: openai.OpenAI, tmp_path: Path) -> None:
    path = _batch_file(tmp_path, ["/v1/chat/completions"] * 3)
    file_id = sdk.files.create(file=path, purpose="batch").id
    batch = sdk.batches.create(
        input_file_id=file_id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"run": "nightly"},
    )
    assert batch.id.startswith("batch_") and batch.object == "batch"
    assert (batch.status, batch.endpoint, batch.input_file_id) == (
        "validating",
        "/v1/chat/completions",
        file_id,
    )
    assert batch.completion_window == "24h" and batch.metadata == {"run": "nightly"}
    assert batch.expires_at == batch.created_at + 24 * 3600

    done = _wait_until_settled(sdk, batch.id)
    assert done.status == "completed" and done.request_counts is not None
    assert (done.request_counts.total, done.request_counts.completed) == (3, 3)
    assert done.output_file_id is not None
    output = sdk.files.content(done.output_file_id).text.splitlines()
    assert [json.loads(line)["custom_id"] for line in output] == ["r0", "r1", "r2"]
    assert [b.id for b in sdk.batches.list()] == [batch.id]


def test_batch_input_sent_in_parts_is_read_across_them(sdk: openai.OpenAI, tmp_path: Path) -> None:
    """An Upload's File is its part files in order: a line cut between two parts still counts
    once, as the whole line."""
    data = _batch_file(tmp_path, ["/v1/chat/completions"] * 5).read_bytes()
    cut = data.index(b"\n", len(data) // 2) - 7  # inside the third line
    upload = sdk.uploads.create(
        bytes=len(data), filename="requests.jsonl", mime_type="text/jsonl", purpose="batch"
    )
    parts = [sdk.uploads.parts.create(upload.id, data=chunk) for chunk in (data[:cut], data[cut:])]
    done = sdk.uploads.complete(upload.id, part_ids=[p.id for p in parts])
    assert done.file is not None
    batch = sdk.batches.create(
        input_file_id=done.file.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    settled = _wait_until_settled(sdk, batch.id)
    assert settled.status == "completed" and settled.request_counts is not None
    assert (settled.request_counts.total, settled.request_counts.failed) == (5, 0)
    assert sdk.files.content(done.file.id).content == data


def test_mismatched_endpoint_fails_the_batch(sdk: openai.OpenAI, tmp_path: Path) -> None:
    path = _batch_file(tmp_path, ["/v1/chat/completions", "/v1/embeddings"])
    file_id = sdk.files.create(file=path, purpose="batch").id
    batch = sdk.batches.create(
        input_file_id=file_id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    done = _wait_until_settled(sdk, batch.id)
    assert done.status == "failed" and done.errors is not None and done.errors.data
    assert done.errors.data[0].line == 2 and done.errors.data[0].code == "mismatched_endpoint"


def test_refusals_and_cancel(sdk: openai.OpenAI, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    wrong_purpose = sdk.files.create(file=notes, purpose="assistants").id
    with pytest.raises(openai.BadRequestError) as refused:
        sdk.batches.create(
            input_file_id=wrong_purpose, endpoint="/v1/chat/completions", completion_window="24h"
        )
    assert "purpose 'batch'" in refused.value.message
    with pytest.raises(openai.NotFoundError):
        sdk.batches.create(
            input_file_id="file-nope", endpoint="/v1/chat/completions", completion_window="24h"
        )
    good = sdk.files.create(file=_batch_file(tmp_path, ["/v1/embeddings"]), purpose="batch").id
    with pytest.raises(openai.BadRequestError) as window:
        sdk.batches.create(
            input_file_id=good,
            endpoint="/v1/embeddings",
            completion_window="48h",  # type: ignore[arg-type]
        )
    assert window.value.body["param"] == "completion_window"  # type: ignore[index]
    batch = sdk.batches.create(
        input_file_id=good, endpoint="/v1/embeddings", completion_window="24h"
    )
    cancelled = sdk.batches.cancel(batch.id)
    assert cancelled.status == "cancelled" and sdk.batches.retrieve(batch.id).status == "cancelled"
    with pytest.raises(openai.NotFoundError):
        sdk.batches.retrieve("batch_missing")
