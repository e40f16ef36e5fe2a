"""Local state never crashes `hoist`: a read-only HOIST_HOME, a journal of garbage, a journal
locked by another process, a file name that is not UTF-8; and every file it makes is private."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from hostile_run import REPO_ROOT, hoist
from hostile_server import Answer, HostileServer, Request, file_object

from app.journal import Journal


@pytest.fixture
def server(sandbox: Callable[..., Any]) -> Any:
    return sandbox()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def notes(folder: Path, name: str | bytes = "notes.txt") -> Path:
    raw = os.fsencode(folder) + b"/" + (name if isinstance(name, bytes) else name.encode())
    with open(raw, "wb") as handle:
        handle.write(b"plain notes\n" * 500)
    return Path(os.fsdecode(raw))


def upload(path: Path, server: Any) -> list[str]:
    return ["upload", str(path), "--purpose", "user_data", "--base-url", server.base_url]


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "ro-home"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(mount)],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_read_only_home_gets_one_clear_line(
    server: Any, read_only_home: Path, tmp_path: Path
) -> None:
    run = hoist(*upload(notes(tmp_path), server), home=read_only_home)
    line = run.one_line()
    assert str(read_only_home) in line and "HOIST_HOME" in line and "writable" in line
    listed = hoist("files", "list", "--base-url", server.base_url, home=read_only_home)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr  # it can go on


def test_a_journal_of_garbage_is_moved_aside_told_once_and_the_upload_completes(
    server: Any, home: Path, tmp_path: Path
) -> None:
    journal = home / "data" / "journal.sqlite3"
    journal.parent.mkdir(parents=True)
    journal.write_bytes(os.urandom(8192))
    first = hoist(*upload(notes(tmp_path), server), home=home)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    assert first.stdout.startswith("notes.txt: file-")
    assert "damaged" in first.stderr and "journal.corrupt-" in first.stderr
    aside = list(journal.parent.glob("journal.corrupt-*.sqlite3"))
    assert len(aside) == 1
    second = hoist(*upload(notes(tmp_path, "more.txt"), server), home=home)
    assert second.returncode == 0 and "damaged" not in second.stderr
    with Journal(journal) as fresh:
        assert sorted(e.filename for e in fresh.history()) == ["more.txt", "notes.txt"]


def test_a_locked_journal_is_waited_for_then_refused_clearly_and_nothing_is_lost(
    server: Any, home: Path, tmp_path: Path
) -> None:
    path = home / "data" / "journal.sqlite3"
    Journal(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys\n"
         "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "db.execute('BEGIN EXCLUSIVE')\n"
         "print('locked', flush=True)\n"
         "sys.stdin.read()\n", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        data = notes(tmp_path)
        run = hoist(*upload(data, server), home=home)
        line = run.one_line()
        assert "locked" in line and str(path) in line and "run again" in line
        assert not [r for r in server.requests() if r["method"] == "POST"]  # nothing sent
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.wait(10)
        holder.stdout.close()
    again = hoist(*upload(data, server), home=home)
    assert again.returncode == 0, again.stderr
    with Journal(path) as journal:
        assert [e.filename for e in journal.history()] == ["notes.txt"]


def test_a_file_name_that_is_not_utf8_uploads_and_is_journaled(
    server: Any, home: Path, tmp_path: Path
) -> None:
    data = notes(tmp_path, b"caf\xe9 \xff.txt")
    run = hoist(*upload(data, server), home=home)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout.startswith("caf\ufffd \ufffd.txt: file-")
    with Journal(home / "data" / "journal.sqlite3") as journal:
        (entry,) = journal.history()
    assert os.fsencode(entry.path) == os.fsencode(data)  # the exact bytes, for resuming
    client = openai.OpenAI(base_url=server.base_url, api_key="sk-any", max_retries=0)
    assert [f.filename for f in client.files.list()] == ["caf\ufffd \ufffd.txt"]


def test_every_file_hoist_creates_is_private(server: Any, home: Path, tmp_path: Path) -> None:
    run = hoist(*upload(notes(tmp_path), server), home=home)
    assert run.returncode == 0, run.stderr
    listed = hoist("files", "list", "--base-url", server.base_url, home=home)
    assert listed.returncode == 0
    made = sorted(home.rglob("*"))
    names = {p.name for p in made}
    assert {"journal.sqlite3", "hoist-cli.log", "data", "logs"} <= names
    for path in [home, *made]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_journal_locked_mid_run_is_never_a_silent_success(home: Path, tmp_path: Path) -> None:
    arrived, release = threading.Event(), threading.Event()
    data = notes(tmp_path)
    server = HostileServer().start()

    def answer(request: Request) -> Answer:
        arrived.set()
        release.wait(60)  # the answer waits until the journal is locked
        return Answer.json(200, file_object("file-1", data.stat().st_size, "notes.txt"))

    server.answer = answer
    path = home / "data" / "journal.sqlite3"
    Journal(path).close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(HOIST_HOME=str(home), OPENAI_API_KEY="sk-test-lock")
    run = subprocess.Popen(
        [sys.executable, "-m", "app", *upload(data, server)], cwd=REPO_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    holder: subprocess.Popen[str] | None = None
    try:
        assert arrived.wait(60), run.stderr
        holder = subprocess.Popen(
            [sys.executable, "-c", LOCK_HOLDER, str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        release.set()
        out, err = run.communicate(timeout=120)
    finally:
        release.set()
        if holder is not None:
            assert holder.stdin is not None and holder.stdout is not None
            holder.stdin.close()
            holder.wait(10)
            holder.stdout.close()
        server.stop()
    assert out == "notes.txt: file-1\n"  # the server has it: its id is still given
    assert run.returncode == 1 and "Traceback" not in err
    assert "could not be saved in the journal" in err
    assert all(len(line) <= 320 for line in err.splitlines())


LOCK_HOLDER = (
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN EXCLUSIVE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
)
