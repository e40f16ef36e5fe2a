"""The journal's claims (one process per file) and the Upload clock columns, on real SQLite."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.engine.uploadclock import ClockMark
from app.journal import Journal
from app.journal.claims import process_alive

KEY = "/data/big.bin\nuser_data\nNone\nauto"


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_an_owner_killed_but_not_yet_reaped_counts_as_dead() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert process_alive(child.pid)
        child.kill()
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # exited, left a zombie
        os.kill(child.pid, 0)  # the zombie still answers a signal check
        assert not process_alive(child.pid)
    finally:
        child.kill()
        child.wait()


def test_a_live_owner_keeps_its_claim_and_a_dead_one_loses_it(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path) as mine, Journal(path) as theirs:
        gone = dead_pid()
        assert not process_alive(gone) and process_alive(os.getpid())
        assert theirs.claim(KEY, pid=gone) is None
        assert mine.claim(KEY) is None  # its owner died: taken over
        assert theirs.claim(KEY, pid=os.getppid()) == os.getpid()  # held by a live process
        assert mine.claim(KEY) is None  # ours already: still ours
        theirs.release([KEY], pid=os.getppid())  # not its claim: nothing changes
        assert theirs.claim(KEY, pid=os.getppid()) == os.getpid()
        mine.release([KEY])
        assert theirs.claim(KEY, pid=os.getppid()) is None


def test_an_older_journal_gains_the_upload_clock_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE jobs (id TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, "
        "mtime_ns INTEGER NOT NULL, purpose TEXT NOT NULL, expires_after INTEGER, "
        "route TEXT NOT NULL, part_size INTEGER NOT NULL, state TEXT NOT NULL, upload_id TEXT, "
        "upload_expires_at REAL, file_id TEXT, error TEXT, created_at REAL NOT NULL, "
        "updated_at REAL NOT NULL, filename TEXT NOT NULL DEFAULT '', file_bytes INTEGER, "
        "file_expires_at INTEGER, completed_at REAL);"
        "INSERT INTO jobs VALUES ('old', '/x.bin', 5, 1, 'user_data', NULL, 'auto', 5, "
        "'paused', 'upload_1', 99.0, NULL, NULL, 1.0, 1.0, 'x.bin', NULL, NULL, NULL);"
    )
    db.close()
    with Journal(path) as journal:
        old = journal.get("old")
        assert old is not None and old.upload_id == "upload_1"
        assert old.upload_created_at is None and old.upload_mark is None  # unknown: the server says
        mark = ClockMark.now()
        journal.set_upload("old", "upload_2", 3700.0, created_at=100.0, mark=mark.to_text())
        new = journal.get("old")
        assert new is not None and new.upload_created_at == 100.0
        restored = ClockMark.from_text(new.upload_mark)
        assert restored == mark
        age = restored.age()
        assert age is not None and 0 <= age < 60
