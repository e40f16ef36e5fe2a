"""The journal over a real SQLite file: jobs, parts committed at once, unfinished, history."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from app.journal import Journal, default_path


def make_job(journal: Journal, job_id: str, path: Path, **overrides: object) -> None:
    fields: dict[str, object] = {
        "path": path,
        "size": 100,
        "mtime_ns": 5,
        "purpose": "batch",
        "expires_after": None,
        "route": "auto",
        "part_size": 10,
    }
    fields.update(overrides)
    journal.create_job(job_id, **fields)  # type: ignore[arg-type]


def test_default_path_is_under_hoist_home(hoist_home: Path) -> None:
    with Journal() as journal:
        assert journal.path == default_path() == hoist_home / "data" / "journal.sqlite3"
        assert journal.path.exists()


def test_wal_mode_and_tables(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3"):
        pass
    db = sqlite3.connect(tmp_path / "j.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"jobs", "parts"} <= tables
    columns = {r[1] for r in db.execute("PRAGMA table_info(jobs)")}
    assert {
        "id",
        "path",
        "size",
        "mtime_ns",
        "purpose",
        "expires_after",
        "route",
        "part_size",
        "state",
        "upload_id",
        "upload_expires_at",
        "file_id",
        "error",
        "created_at",
        "updated_at",
    } <= columns


def test_part_is_visible_to_another_connection_at_once(tmp_path: Path) -> None:
    """Each acknowledged part is committed immediately (crash-safe)."""
    path = tmp_path / "j.sqlite3"
    journal = Journal(path)
    make_job(journal, "j1", tmp_path / "a.jsonl")
    journal.set_upload("j1", "upload_1", 1234.5)
    journal.add_part("j1", 3, "part_3", 10)
    other = sqlite3.connect(path)
    rows = other.execute('SELECT job_id, "index", part_id, bytes FROM parts').fetchall()
    assert rows == [("j1", 3, "part_3", 10)]
    assert other.execute("SELECT upload_id FROM jobs").fetchone() == ("upload_1",)
    journal.close()


def test_unfinished_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path) as journal:
        make_job(journal, "j1", tmp_path / "a.jsonl")
        journal.set_state("j1", "uploading")
        journal.set_upload("j1", "upload_1", 99.0)
        journal.add_part("j1", 0, "part_0", 10)
        journal.add_part("j1", 1, "part_1", 10)
        make_job(journal, "j2", tmp_path / "b.jsonl")
        journal.forget("j2")
    with Journal(path) as journal:
        unfinished = journal.unfinished()
        assert [j.id for j in unfinished] == ["j1"]
        job = unfinished[0]
        assert job.state == "uploading" and job.upload_id == "upload_1"
        assert job.upload_expires_at == 99.0
        assert [(p.index, p.part_id, p.bytes) for p in job.parts] == [
            (0, "part_0", 10),
            (1, "part_1", 10),
        ]


def test_new_upload_forgets_old_parts(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        make_job(journal, "j1", tmp_path / "a")
        journal.set_upload("j1", "upload_1", 1.0)
        journal.add_part("j1", 0, "part_0", 10)
        journal.set_upload("j1", "upload_2", 2.0)
        job = journal.get("j1")
        assert job is not None and job.upload_id == "upload_2" and job.parts == ()
        journal.add_part("j1", 0, "part_x", 10)
        journal.set_file_stat("j1", 200, 7, 10)
        job = journal.get("j1")
        assert job is not None
        assert (job.size, job.mtime_ns, job.upload_id, job.parts) == (200, 7, None, ())


def test_find_unfinished_matches_path_purpose_and_options(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    with Journal(tmp_path / "j.sqlite3") as journal:
        make_job(journal, "j1", a, expires_after=3600)
        make_job(journal, "j2", a, purpose="fine-tune")
        assert journal.find_unfinished(a, "batch", 3600, "auto").id == "j1"  # type: ignore[union-attr]
        assert journal.find_unfinished(a, "batch", None, "auto") is None
        assert journal.find_unfinished(a, "batch", 3600, "uploads") is None
        assert journal.find_unfinished(a, "fine-tune", None, "auto").id == "j2"  # type: ignore[union-attr]
        journal.complete("j1", file_id="file-1", filename="a.jsonl", nbytes=100, expires_at=None)
        assert journal.find_unfinished(a, "batch", 3600, "auto") is None


def test_history_keeps_completed_uploads(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        make_job(journal, "j1", tmp_path / "a.jsonl")
        journal.set_upload("j1", "upload_1", 1.0)
        journal.add_part("j1", 0, "part_0", 10)
        journal.complete(
            "j1", file_id="file-abc", filename="a.jsonl", nbytes=100, expires_at=1_900_000_000
        )
        make_job(journal, "j2", tmp_path / "b.jsonl", purpose="fine-tune")
        journal.complete("j2", file_id="file-def", filename="b.jsonl", nbytes=7, expires_at=None)
        history = journal.history()
        assert [h.file_id for h in history] == ["file-def", "file-abc"]
        first = history[1]
        assert (first.filename, first.bytes, first.purpose, first.expires_at) == (
            "a.jsonl",
            100,
            "batch",
            1_900_000_000,
        )
        assert first.upload_id == "upload_1" and first.completed_at > 0
        assert journal.unfinished() == []
        journal.delete_history("j2")
        assert [h.file_id for h in journal.history()] == ["file-abc"]


def test_usable_from_threads(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    make_job(journal, "j1", tmp_path / "a")
    errors: list[BaseException] = []

    def writer(start: int) -> None:
        try:
            for i in range(start, start + 50):
                journal.add_part("j1", i, f"part_{i}", 1)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n * 50,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    job = journal.get("j1")
    assert job is not None and len(job.parts) == 200
    journal.close()


def test_no_api_key_column(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3"):
        pass
    db = sqlite3.connect(tmp_path / "j.sqlite3")
    for table in ("jobs", "parts"):
        names = " ".join(r[1] for r in db.execute(f"PRAGMA table_info({table})"))
        assert "key" not in names.lower() and "token" not in names.lower()
