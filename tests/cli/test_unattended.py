"""`hoist upload` left alone on a bad network (issue 11): lost answers, Ctrl+C during a
hanging complete, two processes on one journal. Real processes, real sockets."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from test_upload import KEY, REPO_ROOT, MiB, hoist, random_file, v1_requests

from app.api import ClientConfig, FilesClient
from app.engine.recovery import CANCELLED_MESSAGE

SandboxProc = Any
WAIT = 60.0


def start_hoist(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=REPO_ROOT,
        env=dict(os.environ, OPENAI_API_KEY=KEY),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(predicate: Callable[[], bool], timeout: float = WAIT) -> None:
    """Poll a counter (the sandbox's request log, a process) until it says yes."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.05)


def files_on(box: SandboxProc) -> list[dict[str, Any]]:
    import asyncio

    async def listing() -> list[dict[str, Any]]:
        async with FilesClient(ClientConfig(box.base_url, KEY)) as client:
            return [f.raw async for f in client.iter_files()]

    return asyncio.run(listing())


def write_prefs(home: Path, **prefs: Any) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.json").write_text(json.dumps({"prefs": prefs}))


def upload_args(box: SandboxProc, *paths: Path) -> list[str]:
    return ["upload", *map(str, paths), "--purpose", "user_data", "--part-size", "1MiB",
            "--json", "--base-url", box.base_url]  # fmt: skip


def test_lost_complete_answer_exits_0_with_the_one_file(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox()
    box.set_faults(script=[{"method": "POST", "path_regex": "/complete$", "kind": "drop_response"}])
    source = random_file(tmp_path / "lost.bin", 3 * MiB)
    result = hoist(*upload_args(box, source))

    assert result.returncode == 0, result.stderr
    [record] = map(json.loads, result.stdout.splitlines())
    [stored] = files_on(box)
    assert record["status"] == "completed" and record["file"]["id"] == stored["id"]
    assert [r["status"] for r in v1_requests(box, "/complete$")] == [200, 400]


def test_complete_answering_cancelled_fails_clearly_and_the_rerun_starts_a_new_upload(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox()
    box.set_faults(script=[{"method": "POST", "path_regex": "/complete$",
                            "kind": "complete_cancelled"}])  # fmt: skip
    source = random_file(tmp_path / "cancelled.bin", 2 * MiB)
    failed = hoist(*upload_args(box, source))

    assert failed.returncode == 1
    [record] = map(json.loads, failed.stdout.splitlines())
    assert record["error"]["message"] == CANCELLED_MESSAGE
    assert f"cancelled.bin: {CANCELLED_MESSAGE}" in failed.stderr
    assert "Traceback" not in failed.stderr

    rerun = hoist(*upload_args(box, source))
    assert rerun.returncode == 0, rerun.stderr
    assert len(v1_requests(box, "^/v1/uploads$")) == 2  # a new Upload
    assert len(files_on(box)) == 1


def test_ctrl_c_during_a_hanging_complete_exits_within_2_s_and_the_rerun_finishes(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(stall_seconds=600)
    box.set_faults(script=[{"method": "POST", "path_regex": "/complete$", "kind": "stall"}])
    source = random_file(tmp_path / "hang.bin", 2 * MiB)
    process = start_hoist(*upload_args(box, source))
    try:
        wait_for(lambda: bool(v1_requests(box, "/complete$")))
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
    _stdout, stderr = process.communicate()
    print(f"exit {took:.2f} s after SIGINT during complete")
    assert took < 2.0, stderr
    assert process.returncode == 1 and "Interrupted; finished parts are saved" in stderr
    assert "Traceback" not in stderr

    box.set_faults(script=[])
    rerun = hoist(*upload_args(box, source))
    assert rerun.returncode == 0, rerun.stderr
    assert len(files_on(box)) == 1
    assert len(v1_requests(box, "^/v1/uploads$")) == 1  # the same Upload, completed now
    assert len(v1_requests(box, "/parts$")) == 2  # no part sent twice


def stop_and_time(process: subprocess.Popen[str], signum: int) -> tuple[float, str]:
    """Send ``signum``; how long until the process ended, and its stderr."""
    sent = time.monotonic()
    process.send_signal(signum)
    try:
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    took = time.monotonic() - sent
    return took, process.communicate()[1]


def test_sigterm_while_parts_go_up_exits_within_2_s_and_the_rerun_resumes(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(throughput=1 * MiB)
    source = random_file(tmp_path / "parts.bin", 8 * MiB)
    process = start_hoist(*upload_args(box, source))
    wait_for(lambda: any(r["status"] == 200 for r in v1_requests(box, "/parts$")))
    took, stderr = stop_and_time(process, signal.SIGTERM)
    print(f"exit {took:.2f} s after SIGTERM while parts go up")
    assert took < 2.0, stderr
    assert process.returncode == 1 and "Interrupted; finished parts are saved" in stderr

    box.set_faults(throughput=None)
    rerun = hoist(*upload_args(box, source))
    assert rerun.returncode == 0, rerun.stderr
    assert len(v1_requests(box, "^/v1/uploads$")) == 1
    assert sum(r["status"] == 200 for r in v1_requests(box, "/parts$")) <= 8 + 4  # + in flight
    assert len(files_on(box)) == 1


def test_ctrl_c_while_a_large_file_is_validated_exits_within_2_s(
    sandbox: Callable[..., SandboxProc], tmp_path: Path, hoist_home: Path
) -> None:
    """The validator reads the whole file in a worker thread that cannot be interrupted; the
    process still ends at once (the thread is not waited for)."""
    box = sandbox()
    line = json.dumps({"custom_id": "r", "method": "POST", "url": "/v1/chat/completions",
                       "body": {"model": "gpt-4o-mini", "messages": [
                           {"role": "user", "content": "x" * 400}]}})  # fmt: skip
    source = tmp_path / "requests.jsonl"
    with source.open("w") as handle:
        for i in range(355_000):  # about 195 MB (the batch limit is 200): seconds to validate
            handle.write(line.replace('"r"', f'"r{i}"', 1) + "\n")
    process = start_hoist("upload", str(source), "--purpose", "batch", "--base-url", box.base_url)
    journal = hoist_home / "data" / "journal.sqlite3"

    def validating() -> bool:
        # only once the process has put its journal in WAL mode (a reader before that
        # would hold up its opening): from then on readers never block it. The run claims
        # the file just before validating it (moving states are not journalled one by one)
        if not journal.with_name(journal.name + "-wal").exists():
            return False
        db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
        try:
            return bool(db.execute("SELECT 1 FROM claims").fetchall())
        except sqlite3.Error:
            return False
        finally:
            db.close()

    wait_for(validating)
    took, stderr = stop_and_time(process, signal.SIGINT)
    print(f"exit {took:.2f} s after SIGINT during validation")
    assert took < 2.0, stderr
    assert process.returncode == 1 and "Traceback" not in stderr
    assert v1_requests(box) == []


def test_two_processes_on_one_journal_make_one_file(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox(throughput=2 * MiB)
    source = random_file(tmp_path / "twice.bin", 6 * MiB)
    first, second = start_hoist(*upload_args(box, source)), start_hoist(*upload_args(box, source))
    outputs = {p.pid: p.communicate(timeout=120) for p in (first, second)}
    codes = {p.pid: p.returncode for p in (first, second)}

    assert sorted(codes.values()) == [0, 1], outputs
    winner = next(pid for pid, code in codes.items() if code == 0)
    loser = next(pid for pid, code in codes.items() if code == 1)
    assert f"Another Hoist process (pid {winner}) is uploading twice.bin" in outputs[loser][1]
    assert "Traceback" not in outputs[loser][1]
    [stored] = files_on(box)
    [record] = map(json.loads, outputs[winner][0].splitlines())
    assert record["file"]["id"] == stored["id"]
    assert len(v1_requests(box, "^/v1/uploads$")) == 1

    again = hoist(*upload_args(box, source))  # the journal is whole: it knows the file
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["file"]["id"] == stored["id"]
    assert len(files_on(box)) == 1


def test_a_killed_holder_leaves_a_journal_the_next_process_resumes(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    """kill -9 mid-upload, our clock an hour ahead of the server's: the next process takes
    over the dead one's claim and resumes the same Upload (its age comes from the journal,
    not from comparing the clocks)."""
    box = sandbox(throughput=2 * MiB, clock_skew=-3600)
    source = random_file(tmp_path / "killed.bin", 8 * MiB)
    holder = start_hoist(*upload_args(box, source))
    try:
        wait_for(lambda: any(r["status"] == 200 for r in v1_requests(box, "/parts$")))
    finally:
        holder.kill()  # kill -9: its claim stays in the journal, its pid is gone
        holder.communicate()
    box.set_faults(throughput=None)
    result = hoist(*upload_args(box, source))

    assert result.returncode == 0, result.stderr
    assert len(v1_requests(box, "^/v1/uploads$")) == 1  # the same Upload, resumed
    assert len(files_on(box)) == 1
