"""`hoist upload` end to end: a real process against the real sandbox."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SandboxProc = Any  # tests/conftest.py's sandbox process handle
REPO_ROOT = Path(__file__).resolve().parents[2]

MiB = 1024 * 1024
KEY = "sk-test-cli-upload-0001"


def hoist(*args: str, key: str = KEY, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, OPENAI_API_KEY=key)
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        **kwargs,
    )


def random_file(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        left = size
        while left:
            chunk = os.urandom(min(left, 4 * MiB))
            handle.write(chunk)
            left -= len(chunk)
    return path


def v1_requests(box: SandboxProc, pattern: str = "") -> list[dict[str, Any]]:
    return [r for r in box.requests() if re.search(pattern, r["path"])]


def test_uploads_small_and_large_files_and_reports_json(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox()
    small = random_file(tmp_path / "notes.txt", 300_000)
    large = random_file(tmp_path / "big.bin", 11 * MiB)
    result = hoist(
        "upload",
        str(small),
        str(large),
        "--purpose",
        "user_data",
        "--part-size",
        "4MiB",
        "--expires-after",
        "2h",
        "--json",
        "--base-url",
        box.base_url,
    )
    assert result.returncode == 0, result.stderr
    records = {Path(r["path"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(records) == {"notes.txt", "big.bin"}
    for name, record in records.items():
        assert record["status"] == "completed" and record["error"] is None
        assert record["file"]["bytes"] == (tmp_path / name).stat().st_size
        assert record["file"]["expires_at"] - record["file"]["created_at"] == 7200
    assert records["notes.txt"]["upload_id"] is None
    assert records["big.bin"]["upload_id"].startswith("upload_")
    assert len(v1_requests(box, r"/uploads/[^/]+/parts$")) == 3
    assert len(v1_requests(box, r"^/v1/files$")) == 1
    out = tmp_path / "back.bin"
    fetched = hoist(
        "files",
        "download",
        records["big.bin"]["file"]["id"],
        "-o",
        str(out),
        "--base-url",
        box.base_url,
    )
    assert fetched.returncode == 0, fetched.stderr
    assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(large.read_bytes()).digest()


def test_invalid_batch_file_is_refused_before_any_request(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox()
    bad = tmp_path / "bad.jsonl"
    good_line = {
        "custom_id": "r1",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]},
    }
    bad_line = dict(good_line, custom_id="r2", method="GET")
    bad.write_text(json.dumps(good_line) + "\n" + json.dumps(bad_line) + "\n")
    result = hoist("upload", str(bad), "--purpose", "batch", "--base-url", box.base_url)
    assert result.returncode == 1
    assert "Line 2" in result.stderr or "line 2" in result.stderr
    assert "method" in result.stderr
    assert "Traceback" not in result.stderr
    assert v1_requests(box) == []


def test_wrong_key_gives_one_clear_error_and_no_retry_storm(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(api_key="sk-the-right-key-1234")
    files = [random_file(tmp_path / f"f{i}.bin", 9 * MiB) for i in range(3)]
    result = hoist(
        "upload",
        *map(str, files),
        "--purpose",
        "user_data",
        "--part-size",
        "1MiB",
        "--base-url",
        box.base_url,
    )
    assert result.returncode == 1
    assert result.stderr.count("rejected the API key") == 1, result.stderr
    assert "Traceback" not in result.stderr
    statuses = [r["status"] for r in v1_requests(box)]
    assert statuses and set(statuses) == {401}
    assert len(statuses) <= 3 + 4  # at most one request per file plus those in flight


def test_usage_errors_exit_2() -> None:
    assert hoist("upload", "x.jsonl").returncode == 2  # no --purpose
    assert hoist("upload", "x", "--purpose", "batch", "--part-size", "lots").returncode == 2
    assert hoist("upload", "x", "--purpose", "batch", "--expires-after", "7w").returncode == 2


def test_missing_file_fails_clearly(sandbox: Callable[..., SandboxProc], tmp_path: Path) -> None:
    box = sandbox()
    result = hoist(
        "upload",
        str(tmp_path / "nope.jsonl"),
        "--purpose",
        "batch",
        "--json",
        "--base-url",
        box.base_url,
    )
    assert result.returncode == 1
    record = json.loads(result.stdout)
    assert record["status"] == "failed" and "nope.jsonl" in record["error"]["message"]
    assert v1_requests(box) == []


def _wait_for(predicate: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.1)


def test_kill_9_then_the_same_command_resumes_the_same_upload(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(throughput=8 * MiB)
    data = random_file(tmp_path / "train.bin", 40 * MiB)
    args = [
        "upload",
        str(data),
        "--purpose",
        "user_data",
        "--part-size",
        "2MiB",
        "--concurrency",
        "4",
        "--base-url",
        box.base_url,
    ]
    env = dict(os.environ, OPENAI_API_KEY=KEY)
    first = subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parts_path = r"/uploads/[^/]+/parts$"

    def acknowledged() -> int:
        return sum(1 for r in v1_requests(box, parts_path) if r["status"] == 200)

    try:
        _wait_for(lambda: acknowledged() >= 6, timeout=60)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    acked_before = acknowledged()
    box.reset_log()
    second = hoist(*args, "--json")
    assert second.returncode == 0, second.stderr
    record = json.loads(second.stdout)
    assert record["status"] == "completed"
    assert v1_requests(box, r"^/v1/uploads$") == []  # no new Upload: the same one finished
    resent = len(v1_requests(box, parts_path))
    assert resent <= (20 - acked_before) + 4
    assert len(v1_requests(box, r"/complete$")) == 1


def test_peak_memory_for_2_gib_stays_under_150_mb(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox()
    sparse = tmp_path / "sparse.bin"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024 * MiB)
    env = dict(os.environ, OPENAI_API_KEY=KEY)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "upload",
            str(sparse),
            "--purpose",
            "user_data",
            "--part-size",
            "64MiB",
            "--concurrency",
            "4",
            "--base-url",
            box.base_url,
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # VmHWM belongs to the new process image; wait4's ru_maxrss would also count the
    # (large) pytest process it was forked from.
    peak_kib = 0
    while process.poll() is None:
        peak_kib = max(peak_kib, _vm_hwm_kib(process.pid))
        time.sleep(0.05)
    assert process.returncode == 0
    assert len(v1_requests(box, r"/uploads/[^/]+/parts$")) == 32
    assert 20_000 < peak_kib < 150 * 1024, f"peak RSS {peak_kib / 1024:.0f} MB"


def _vm_hwm_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(fields.get("VmHWM", "0 kB").split()[0])
