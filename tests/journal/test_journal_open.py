"""Opening the journal: a damaged file moved aside once, a lock waited for then refused,
names that are not UTF-8 kept exactly, private files."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from app.journal import Journal
from app.journal.opening import JournalLocked, open_journal
from app.journal.schema import SCHEMA


def test_garbage_is_moved_aside_and_a_fresh_journal_works(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    garbage = os.urandom(4096)
    path.write_bytes(garbage)
    (tmp_path / "journal.sqlite3-wal").write_bytes(b"junk")
    with Journal(path) as journal:
        assert journal.notice is not None and "journal.corrupt-" in journal.notice
        journal.create_job("j1", path=tmp_path / "a.txt", size=1, mtime_ns=1, purpose="batch",
                           expires_after=None, route="files", part_size=1)  # fmt: skip
    (aside,) = tmp_path.glob("journal.corrupt-*.sqlite3")
    assert aside.read_bytes() == garbage
    with Journal(path) as again:
        assert again.notice is None  # told once
        assert [j.id for j in again.unfinished()] == ["j1"]


def test_a_lock_is_waited_for_up_to_the_bound_then_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(JournalLocked) as caught:
            open_journal(path, SCHEMA, busy_timeout=0.2)
        assert "locked by another program" in str(caught.value) and str(path) in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    db, notice = open_journal(path, SCHEMA, busy_timeout=0.2)
    db.close()
    assert notice is None and list(tmp_path.glob("*.corrupt-*")) == []  # a lock is not damage


def test_a_name_that_is_not_utf8_round_trips_and_resumes(tmp_path: Path) -> None:
    odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9 \xff.txt"))
    with Journal(tmp_path / "journal.sqlite3") as journal:
        journal.create_job("j1", path=odd, size=10, mtime_ns=5, purpose="batch",
                           expires_after=None, route="uploads", part_size=5)  # fmt: skip
        journal.set_upload("j1", "upload_1", 2e9)
        journal.add_part("j1", 0, "part_0", 5)
        journal.set_state("j1", "paused", error=f"{odd.name}: stopped")
    with Journal(tmp_path / "journal.sqlite3") as journal:
        found = journal.find_unfinished(odd, "batch", None, "uploads")
        assert found is not None and os.fsencode(found.path) == os.fsencode(odd)
        assert [p.part_id for p in found.parts] == ["part_0"]
        assert found.error == f"{odd.name}: stopped"


def test_the_journal_and_its_wal_and_shm_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "hoist" / "data"
    with Journal(folder / "journal.sqlite3") as journal:
        journal.create_job("j1", path=tmp_path / "a", size=1, mtime_ns=1, purpose="batch",
                           expires_after=None, route="files", part_size=1)  # fmt: skip
        files = sorted(folder.iterdir())
        assert {p.name for p in files} >= {"journal.sqlite3", "journal.sqlite3-wal"}
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_journal_on_a_read_only_disk_is_refused_not_moved(tmp_path: Path) -> None:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        path = mount / "journal.sqlite3"
        Journal(path).close()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        with pytest.raises(OSError) as caught:
            Journal(path)
        assert str(path) in str(caught.value) and "Read-only" in str(caught.value)
        assert sorted(p.name for p in mount.iterdir()) == ["journal.sqlite3"]
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _page_size(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA page_size").fetchone()[0])
    finally:
        db.close()


def test_a_new_journal_has_small_pages_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    """Small pages keep each commit's WAL writes small; an existing journal is left as it is."""
    new = tmp_path / "new.sqlite3"
    Journal(new).close()
    assert _page_size(new) == 1024

    old = tmp_path / "old.sqlite3"
    db = sqlite3.connect(old)
    db.execute("PRAGMA page_size=4096")
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA)
    db.close()
    with Journal(old) as journal:
        journal.create_job("j1", path=tmp_path / "a.txt", size=1, mtime_ns=1, purpose="batch",
                           expires_after=None, route="files", part_size=1)  # fmt: skip
    assert _page_size(old) == 4096
    with Journal(old) as again:
        assert [j.id for j in again.unfinished()] == ["j1"]
