"""Journal.find_completed: the earlier upload of the same unchanged file, for reuse."""

from __future__ import annotations

from pathlib import Path

from app.journal import Journal


def _job(journal: Journal, job_id: str, path: Path, **overrides: object) -> None:
    fields: dict[str, object] = {
        "path": path,
        "size": 100,
        "mtime_ns": 5,
        "purpose": "assistants",
        "expires_after": None,
        "route": "auto",
        "part_size": 10,
    }
    fields.update(overrides)
    journal.create_job(job_id, **fields)  # type: ignore[arg-type]


def _complete(journal: Journal, job_id: str, file_id: str) -> None:
    journal.complete(job_id, file_id=file_id, filename="a.md", nbytes=100, expires_at=None)


def test_only_a_completed_job_of_the_unchanged_file_with_the_same_options(tmp_path: Path) -> None:
    a = tmp_path / "a.md"
    with Journal(tmp_path / "j.sqlite3") as journal:
        _job(journal, "unfinished", a)
        assert journal.find_completed(a, 100, 5, "assistants", None) is None
        _job(journal, "old", a)
        _complete(journal, "old", "file-old")
        _job(journal, "new", a)
        _complete(journal, "new", "file-new")
        found = journal.find_completed(a, 100, 5, "assistants", None)
        assert found is not None and (found.id, found.file_id) == ("new", "file-new")
        assert journal.find_completed(a, 101, 5, "assistants", None) is None  # size changed
        assert journal.find_completed(a, 100, 6, "assistants", None) is None  # touched
        assert journal.find_completed(a, 100, 5, "user_data", None) is None
        assert journal.find_completed(a, 100, 5, "assistants", 3600) is None
        assert journal.find_completed(tmp_path / "b.md", 100, 5, "assistants", None) is None
        journal.delete_history("new")
        assert journal.find_completed(a, 100, 5, "assistants", None).file_id == "file-old"  # type: ignore[union-attr]
