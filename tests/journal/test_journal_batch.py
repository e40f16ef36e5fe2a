"""Journal.batch(): several writes in one transaction, each still atomic on its own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.journal import Journal


def create(journal: Journal, job_id: str, path: Path) -> None:
    journal.create_job(
        job_id,
        path=path,
        size=100,
        mtime_ns=5,
        purpose="batch",
        expires_after=None,
        route="uploads",
        part_size=10,
    )


def test_a_batch_is_invisible_to_other_connections_until_it_ends(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite3"
    with Journal(db) as journal:
        with journal.batch():
            create(journal, "a", tmp_path / "a.bin")
            journal.add_part("a", 0, "part_0", 10)
            assert journal.get("a") is not None  # the batch sees its own writes
            other = sqlite3.connect(db)
            assert other.execute("SELECT COUNT(*) FROM jobs").fetchone() == (0,)
        assert other.execute("SELECT COUNT(*) FROM parts").fetchone() == (1,)
        other.close()


def test_a_failed_write_in_a_batch_leaves_the_others(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        with journal.batch():
            create(journal, "a", tmp_path / "a.bin")
            with pytest.raises(sqlite3.IntegrityError):  # no such job: foreign key
                journal.add_part("missing", 0, "part_0", 10)
            journal.add_part("a", 1, "part_1", 10)
        job = journal.get("a")
        assert job is not None and [p.part_id for p in job.parts] == ["part_1"]


def test_an_error_escaping_the_batch_undoes_all_of_it(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        with pytest.raises(RuntimeError), journal.batch():
            create(journal, "a", tmp_path / "a.bin")
            raise RuntimeError("stop")
        assert journal.get("a") is None
        create(journal, "b", tmp_path / "b.bin")  # and the journal works on
        assert journal.get("b") is not None
