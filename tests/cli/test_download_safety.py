"""`hoist files download` against a hostile server: nothing replaced without --force, no
name escapes the folder, and no partial or temporary file survives a failure."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_run import REPO_ROOT, hoist, write_prefs
from hostile_server import Answer, HostileServer, Request, file_object

CONTENT = bytes(range(256)) * 4096  # 1 MiB


@pytest.fixture
def server() -> Iterator[HostileServer]:
    started = HostileServer().start()
    yield started
    started.stop()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    write_prefs(folder, max_attempts=1)
    return folder


def serve_file(server: HostileServer, name: str, content: bytes = CONTENT, **how: object) -> None:
    def answer(request: Request) -> Answer:
        if request.path == "/v1/files/file-1":
            return Answer.json(200, file_object("file-1", len(content), name))
        if request.path == "/v1/files/file-1/content":
            return Answer(200, {"Content-Type": "application/octet-stream"}, content, **how)  # type: ignore[arg-type]
        return Answer.json(404, {"error": {"message": "No such File object"}})

    server.answer = answer


def download(server: HostileServer, home: Path, target: Path, *extra: str) -> list[str]:
    return ["files", "download", "file-1", "-o", str(target), *extra,
            "--base-url", server.base_url]  # fmt: skip


def test_an_existing_file_is_replaced_only_with_force(
    server: HostileServer, home: Path, tmp_path: Path
) -> None:
    serve_file(server, "x.bin")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "mine.bin"
    target.write_bytes(b"precious")
    refused = hoist(*download(server, home, target), home=home)
    line = refused.one_line()
    assert "already exists" in line and "--force" in line
    assert target.read_bytes() == b"precious"
    forced = hoist(*download(server, home, target, "--force"), home=home)
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() == CONTENT
    assert sorted(p.name for p in out.iterdir()) == ["mine.bin"]


def test_a_hostile_server_name_stays_a_plain_name_in_the_folder(
    server: HostileServer, home: Path, tmp_path: Path
) -> None:
    serve_file(server, "../../\x1b[31mevil\x07.txt")
    folder = tmp_path / "inbox" / "deeper"
    folder.mkdir(parents=True)
    run = hoist(*download(server, home, folder), home=home)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["evil.txt"]
    assert (folder / "evil.txt").read_bytes() == CONTENT
    assert sorted(p.name for p in (tmp_path / "inbox").iterdir()) == ["deeper"]
    assert "\x1b" not in run.stdout


def test_a_reset_mid_body_leaves_nothing(server: HostileServer, home: Path, tmp_path: Path) -> None:
    serve_file(server, "x.bin", reset_after=300_000)
    folder = tmp_path / "out"
    folder.mkdir()
    run = hoist(*download(server, home, folder / "x.bin"), home=home)
    assert "interrupted" in run.one_line()
    assert list(folder.iterdir()) == []


def test_a_short_body_without_length_is_not_saved(
    server: HostileServer, home: Path, tmp_path: Path
) -> None:
    def answer(request: Request) -> Answer:
        if request.path.endswith("/content"):
            return Answer(200, {}, CONTENT[:1000], length=False)
        return Answer.json(200, file_object("file-1", len(CONTENT), "x.bin"))

    server.answer = answer
    folder = tmp_path / "out"
    folder.mkdir()
    run = hoist(*download(server, home, folder / "x.bin"), home=home)
    assert "1000 bytes" in run.one_line()
    assert list(folder.iterdir()) == []


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a 1 MiB tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_leaves_nothing_and_says_so(
    server: HostileServer, home: Path, tiny_disk: Path
) -> None:
    serve_file(server, "big.bin", CONTENT * 3)
    run = hoist(*download(server, home, tiny_disk / "big.bin"), home=home)
    line = run.one_line()
    assert "No space left" in line and "big.bin" in line
    assert list(tiny_disk.iterdir()) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl_c", "sigterm"])
def test_ctrl_c_or_sigterm_mid_body_leaves_nothing(
    server: HostileServer, home: Path, tmp_path: Path, signum: int
) -> None:
    hold = threading.Event()
    serve_file(server, "x.bin", CONTENT * 2, hold=hold)
    server_answer = server.answer

    def answer(request: Request) -> Answer:
        reply = server_answer(request)
        if request.path.endswith("/content"):
            reply.body, reply.huge = CONTENT, len(CONTENT)  # half, then it waits
        return reply

    server.answer = answer
    folder = tmp_path / "out"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(HOIST_HOME=str(home), OPENAI_API_KEY="sk-test-ctrl-c")
    run = subprocess.Popen(
        [sys.executable, "-m", "app", *download(server, home, folder / "x.bin")],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        partial = _wait_for_partial(folder, len(CONTENT), run)
        assert partial.name.startswith(".x.bin.") and partial.name.endswith(".part")
        run.send_signal(signum)
        _, err = run.communicate(timeout=60)
    finally:
        hold.set()
        if run.poll() is None:
            run.kill()
    assert run.returncode == 1 and "Traceback" not in err
    assert list(folder.iterdir()) == []


def _wait_for_partial(folder: Path, size: int, run: subprocess.Popen[str]) -> Path:
    """The temporary file, once the first half of the body is on disk."""
    while run.poll() is None:
        found = [p for p in folder.iterdir() if p.stat().st_size >= size]
        if found:
            return found[0]
        time.sleep(0.02)  # polling the folder for the state; not a timed assert
    raise AssertionError(f"hoist ended early: {run.stderr.read() if run.stderr else ''}")
