"""`hoist upload`/`files` against other servers, as real processes against the real sandbox:
one without the Uploads API (fallback, remembered, 512 MB refusal) and one playing Azure."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.settings import Profile, Settings

SandboxProc = Any  # tests/conftest.py's sandbox process handle
REPO_ROOT = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024
KEY = "sk-test-cli-providers-01"
FALLBACK = "This server has no Uploads API; sending the file in one request."
AZURE_HINT = "choose the Azure provider"


def hoist(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, OPENAI_API_KEY=KEY)
    if home is not None:
        env["HOIST_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def finetune_file(path: Path, size: int) -> Path:
    """Valid chat examples, repeated up to about ``size`` bytes."""
    line = (
        json.dumps(
            {
                "messages": [
                    {"role": "user", "content": "Say something kind. " + "x" * 400},
                    {"role": "assistant", "content": "You are doing well."},
                ]
            }
        )
        + "\n"
    ).encode()
    with path.open("wb") as handle:
        block = line * (4 * MiB // len(line))
        written = 0
        while written + len(block) <= size:
            handle.write(block)
            written += len(block)
        handle.write(line * max(1, (size - written) // len(line)))
    return path


def calls(box: SandboxProc) -> list[tuple[str, str, int | None]]:
    return [(r["method"], r["path"], r["status"]) for r in box.requests()]


def test_no_uploads_api_falls_back_remembers_and_refuses_over_512_mb(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(quiet=True, no_uploads_api=True)
    train = finetune_file(tmp_path / "train.jsonl", 100 * MiB)
    first = hoist("upload", str(train), "--purpose", "fine-tune", "--base-url", box.base_url)
    assert first.returncode == 0, first.stderr
    assert first.stderr.count(FALLBACK) == 1, first.stderr
    assert first.stdout.startswith("train.jsonl: file-")
    log = box.requests()
    assert calls(box) == [("POST", "/v1/uploads", 404), ("POST", "/v1/files", 200)]
    assert log[0]["bytes_received"] < 1000  # the Upload's JSON only, no file byte
    assert log[1]["bytes_received"] > train.stat().st_size

    # The next run knows: a file that would go by parts goes straight to POST /files.
    box.reset_log()
    second = finetune_file(tmp_path / "more.jsonl", 5 * MiB)
    again = hoist(
        "upload", str(second), "--purpose", "fine-tune", "--part-size", "1MiB",
        "--base-url", box.base_url, "--json",
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["upload_id"] is None
    assert calls(box) == [("POST", "/v1/files", 200)]  # no /uploads request
    assert FALLBACK not in again.stderr

    # Over 512 MB: refused before any request, with the limit named.
    box.reset_log()
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as handle:
        handle.truncate(600 * MiB)  # sparse
    refused = hoist("upload", str(huge), "--purpose", "fine-tune", "--base-url", box.base_url)
    assert refused.returncode == 1
    line = [text for text in refused.stderr.splitlines() if "512 MB" in text]
    assert line and "no Uploads API" in line[0] and "600" in line[0], refused.stderr
    assert box.requests() == []
    assert "Traceback" not in refused.stderr


def test_a_fresh_server_without_uploads_api_refuses_600_mib_after_one_json_request(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(quiet=True, no_uploads_api=True)
    huge = tmp_path / "huge.bin"
    with huge.open("wb") as handle:
        handle.truncate(600 * MiB)
    refused = hoist("upload", str(huge), "--purpose", "user_data", "--base-url", box.base_url)
    assert refused.returncode == 1
    assert "512 MB" in refused.stderr and "no Uploads API" in refused.stderr, refused.stderr
    assert calls(box) == [("POST", "/v1/uploads", 404)]
    assert box.requests()[0]["bytes_received"] < 1000

    # --method uploads is never rerouted: one clear line saying what to use instead.
    box.reset_log()
    small = finetune_file(tmp_path / "small.jsonl", 2 * MiB)
    forced = hoist(
        "upload", str(small), "--purpose", "fine-tune", "--method", "uploads",
        "--base-url", box.base_url,
    )  # fmt: skip
    assert forced.returncode == 1
    assert "no Uploads API" in forced.stderr and "auto or files route" in forced.stderr
    assert calls(box) == [("POST", "/v1/uploads", 404)]


def test_two_files_in_one_run_ask_for_the_uploads_api_once(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(quiet=True, no_uploads_api=True)
    one = finetune_file(tmp_path / "one.jsonl", 3 * MiB)
    two = finetune_file(tmp_path / "two.jsonl", 3 * MiB)
    result = hoist(
        "upload", str(one), str(two), "--purpose", "fine-tune", "--part-size", "1MiB",
        "--concurrency", "1", "--base-url", box.base_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(FALLBACK) == 1, result.stderr
    assert sorted(calls(box)) == [
        ("POST", "/v1/files", 200),
        ("POST", "/v1/files", 200),
        ("POST", "/v1/uploads", 404),
    ]


def test_azure_needs_the_azure_provider_then_uploads_lists_and_downloads(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(quiet=True, auth="azure", api_key=KEY)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(os.urandom(100_000))
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3 * MiB + 5))

    wrong = hoist("upload", str(notes), "--purpose", "assistants", "--base-url", box.base_url)
    assert wrong.returncode == 1
    assert AZURE_HINT in wrong.stderr and "--provider azure" in wrong.stderr, wrong.stderr
    assert "hoist login" not in wrong.stderr
    assert calls(box) == [("POST", "/v1/files", 401)]  # one request, no retry storm
    listed = hoist("files", "list", "--base-url", box.base_url)
    assert listed.returncode == 1 and AZURE_HINT in listed.stderr

    box.reset_log()
    sent = hoist(
        "upload", str(notes), str(big), "--purpose", "assistants", "--part-size", "1MiB",
        "--provider", "azure", "--base-url", box.base_url, "--json",
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    records = {Path(r["path"]).name: r for r in map(json.loads, sent.stdout.splitlines())}
    assert records["notes.txt"]["upload_id"] is None
    assert records["big.bin"]["upload_id"].startswith("upload_")
    made = {name: record["file"]["id"] for name, record in records.items()}
    statuses = calls(box)
    assert ("POST", "/v1/files", 201) in statuses  # Azure's 201 on create
    assert len([c for c in statuses if c[1].endswith("/parts")]) == 4

    listed = hoist("files", "list", "--provider", "azure", "--json", "--base-url", box.base_url)
    assert listed.returncode == 0, listed.stderr
    assert {item["id"] for item in json.loads(listed.stdout)} == set(made.values())
    back = tmp_path / "back.bin"
    fetched = hoist(
        "files", "download", made["big.bin"], "-o", str(back), "--provider", "azure",
        "--base-url", box.base_url,
    )  # fmt: skip
    assert fetched.returncode == 0, fetched.stderr
    assert hashlib.sha256(back.read_bytes()).digest() == hashlib.sha256(big.read_bytes()).digest()


def test_an_azure_profile_sends_its_api_version_and_user_data_falls_back_to_files(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(quiet=True, auth="azure", api_key=KEY)
    settings = Settings.load()
    settings.profiles["az"] = Profile(
        "az", base_url=box.base_url, provider="azure", api_version="2024-10-21"
    )
    settings.save()
    data = tmp_path / "doc.pdf"
    data.write_bytes(b"%PDF-1.4\n" + os.urandom(3 * MiB))
    sent = hoist("upload", str(data), "--purpose", "user_data", "--part-size", "1MiB",
                 "--profile", "az")  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert "takes no user_data files through its Uploads API" in sent.stderr
    assert calls(box) == [("POST", "/v1/uploads", 400), ("POST", "/v1/files", 201)]
    assert all(r["query"] == "api-version=2024-10-21" for r in box.requests())
    listed = hoist("files", "list", "--profile", "az", "--json")
    assert [item["filename"] for item in json.loads(listed.stdout)] == ["doc.pdf"]
