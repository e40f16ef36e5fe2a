"""After the upload, end to end (real processes, real sockets): a vector store filled with
one file batch, a Batch started from a batch file, and the same file never sent twice."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openai
import pytest

SandboxProc = Any  # tests/conftest.py's sandbox process handle
REPO_ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-cli-after-0001"


def hoist(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO_ROOT,
        env=dict(os.environ, OPENAI_API_KEY=KEY),
        capture_output=True,
        text=True,
        timeout=240,
    )


def lines(result: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    return {Path(r["path"]).name: r for r in map(json.loads, result.stdout.splitlines())}


def posts(box: SandboxProc, pattern: str) -> list[dict[str, Any]]:
    return [r for r in box.requests() if r["method"] == "POST" and re.search(pattern, r["path"])]


@pytest.fixture
def box(sandbox: Callable[..., SandboxProc]) -> SandboxProc:
    return sandbox(quiet=True, processing_delay=0.3, fail_vector_files="broken")


@pytest.fixture
def sdk(box: SandboxProc) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=box.base_url, api_key=KEY, max_retries=0) as client:
        yield client


def docs(tmp_path: Path, *names: str) -> list[str]:
    paths = []
    for name in names:
        path = tmp_path / name
        path.write_bytes(f"# {name}\n".encode() + os.urandom(2000).hex().encode())
        paths.append(str(path))
    return paths


def test_upload_into_a_new_vector_store(
    box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path
) -> None:
    result = hoist("upload", *docs(tmp_path, "a.pdf", "b.md"), "--purpose", "assistants",
                   "--vector-store", "new:docs", "--json", "--base-url", box.base_url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = lines(result)
    assert set(records) == {"a.pdf", "b.md"}
    ids = {name: r["file"]["id"] for name, r in records.items()}
    stores = sdk.vector_stores.list().data
    assert [s.name for s in stores] == ["docs"]
    store = stores[0]
    assert len(posts(box, r"/file_batches$")) == 1
    for record in records.values():
        assert record["status"] == "completed" and record["reused"] is False
        result_vs = record["vector_store"]
        assert (result_vs["id"], result_vs["name"], result_vs["status"]) == (
            store.id,
            "docs",
            "completed",
        )
        batch = result_vs["file_batch"]
        assert batch["status"] == "completed"
        assert batch["file_counts"]["completed"] == batch["file_counts"]["total"] == 2
    batch_id = records["a.pdf"]["vector_store"]["file_batch"]["id"]
    in_batch = sdk.vector_stores.file_batches.list_files(batch_id, vector_store_id=store.id)
    assert {f.id for f in in_batch.data} == set(ids.values())
    assert f"Vector store {store.id} (docs): file batch completed, 2 files: 2 completed" in (
        result.stderr
    )


def test_a_file_the_store_fails_is_named(
    box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path
) -> None:
    store = sdk.vector_stores.create(name="kept")
    paths = docs(tmp_path, "good.md", "broken.pdf")
    result = hoist("upload", *paths, "--purpose", "assistants", "--vector-store", store.id,
                   "--base-url", box.base_url)  # fmt: skip
    assert result.returncode == 1
    assert "broken.pdf: not added to vector store" in result.stderr
    assert "broken.pdf could not be parsed" in result.stderr
    assert "good.md" not in result.stderr and "Traceback" not in result.stderr
    summary = (
        f"Vector store {store.id} (kept): file batch completed, 2 files: 1 completed, 1 failed"
    )
    assert summary in result.stdout
    assert re.search(r"^good\.md: file-\S+$", result.stdout, re.M)
    assert sdk.vector_stores.retrieve(store.id).file_counts.failed == 1


def test_missing_store_or_wrong_purpose_uploads_nothing(box: SandboxProc, tmp_path: Path) -> None:
    paths = docs(tmp_path, "a.md")
    missing = hoist("upload", *paths, "--purpose", "assistants", "--vector-store", "vs_nope",
                    "--base-url", box.base_url)  # fmt: skip
    assert missing.returncode == 1 and "no vector store vs_nope" in missing.stderr
    wrong = hoist("upload", *paths, "--purpose", "batch", "--vector-store", "new:x",
                  "--base-url", box.base_url)  # fmt: skip
    assert wrong.returncode == 2 and "--purpose assistants or user_data" in wrong.stderr
    bad = hoist("upload", *paths, "--purpose", "assistants", "--vector-store", "docs")
    assert bad.returncode == 2 and "new:NAME" in bad.stderr
    assert posts(box, r"^/v1/(files|uploads)") == []


def test_batch_start_uses_the_files_endpoint(
    box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path
) -> None:
    path = tmp_path / "embed.jsonl"
    request = {"custom_id": "1", "method": "POST", "url": "/v1/embeddings",
               "body": {"model": "text-embedding-3-small", "input": "hello"}}  # fmt: skip
    path.write_text(json.dumps(request) + "\n" + json.dumps(dict(request, custom_id="2")) + "\n")
    uploaded = hoist(
        "upload", str(path), "--purpose", "batch", "--json", "--base-url", box.base_url
    )
    assert uploaded.returncode == 0, uploaded.stderr
    file_id = lines(uploaded)["embed.jsonl"]["file"]["id"]

    started = hoist("batch", "start", file_id, "--json", "--base-url", box.base_url)
    assert started.returncode == 0, started.stderr
    batch = json.loads(started.stdout)
    assert (batch["endpoint"], batch["input_file_id"], batch["completion_window"]) == (
        "/v1/embeddings",
        file_id,
        "24h",
    )
    seen = sdk.batches.retrieve(batch["id"])
    assert (seen.endpoint, seen.input_file_id) == ("/v1/embeddings", file_id)
    assert [b.id for b in sdk.batches.list()] == [batch["id"]]

    text = hoist("batch", "start", file_id, "--base-url", box.base_url)
    assert re.fullmatch(r"batch_\S+ validating \(/v1/embeddings, embed\.jsonl\)\n", text.stdout)


def test_batch_start_refuses_clearly(box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    other = sdk.files.create(file=notes, purpose="assistants").id
    wrong = hoist("batch", "start", other, "--base-url", box.base_url)
    assert wrong.returncode == 1 and "purpose assistants" in wrong.stderr
    missing = hoist("batch", "start", "file-nope", "--base-url", box.base_url)
    assert missing.returncode == 1 and "no file file-nope" in missing.stderr
    odd = tmp_path / "odd.jsonl"
    odd.write_text(json.dumps({"custom_id": "1", "url": "/v1/unknown"}) + "\n")
    odd_id = sdk.files.create(file=odd, purpose="batch").id  # the sandbox does not validate
    refused = hoist("batch", "start", odd_id, "--base-url", box.base_url)
    assert refused.returncode == 1 and '"/v1/unknown"' in refused.stderr
    for result in (wrong, missing, refused):
        assert "Traceback" not in result.stderr
    assert posts(box, r"^/v1/batches") == []


def test_same_unchanged_file_is_uploaded_once(
    box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path
) -> None:
    (path,) = docs(tmp_path, "same.md")
    upload = ("upload", path, "--purpose", "user_data", "--json", "--base-url", box.base_url)
    first = hoist(*upload)
    second = hoist(*upload)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    one, two = lines(first)["same.md"], lines(second)["same.md"]
    assert (one["reused"], two["reused"], two["status"]) == (False, True, "completed")
    assert two["file"]["id"] == one["file"]["id"]
    assert len(sdk.files.list().data) == 1

    again = hoist(*upload, "--again")
    assert again.returncode == 0 and lines(again)["same.md"]["reused"] is False
    assert len(sdk.files.list().data) == 2

    os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 10**9))  # touched
    touched = hoist(*upload)
    assert lines(touched)["same.md"]["reused"] is False
    newest = lines(touched)["same.md"]["file"]["id"]
    sdk.files.delete(newest)  # gone from the server: sent again
    after_delete = hoist(*upload)
    assert lines(after_delete)["same.md"]["reused"] is False
    assert len(sdk.files.list().data) == 3

    text = hoist("upload", path, "--purpose", "user_data", "--base-url", box.base_url)
    assert "(already uploaded; --again sends a new copy)" in text.stdout
    assert len(sdk.files.list().data) == 3


def test_ctrl_c_stops_waiting_and_still_prints_the_lines(box: SandboxProc, tmp_path: Path) -> None:
    request = urllib.request.Request(
        f"{box.root_url}/_sandbox/processing",
        data=json.dumps({"processing_delay": 3600}).encode(),
        method="POST",
    )
    urllib.request.urlopen(request, timeout=10).close()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "upload", *docs(tmp_path, "slow.md"), "--purpose",
         "assistants", "--vector-store", "new:slow", "--json", "--base-url", box.base_url],
        cwd=REPO_ROOT, env=dict(os.environ, OPENAI_API_KEY=KEY), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    err: list[str] = []
    adding = threading.Event()

    def read_stderr() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            err.append(line)
            if "adding 1 file" in line:
                adding.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        assert adding.wait(60), "".join(err)
        process.send_signal(signal.SIGINT)
        assert process.stdout is not None
        out = process.stdout.read()  # until the process ends
        process.wait(60)
    finally:
        if process.poll() is None:
            process.kill()
    reader.join(10)
    for pipe in (process.stdout, process.stderr):  # read to the end; close them
        pipe.close()
    assert process.returncode == 1
    text = "".join(err)
    assert "Stopped waiting" in text and "Traceback" not in text
    (record,) = map(json.loads, out.splitlines())
    assert record["status"] == "completed"
    assert record["vector_store"]["status"] == "in_progress"
    assert record["vector_store"]["file_batch"]["id"].startswith("vsfb_")
