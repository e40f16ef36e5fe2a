"""SQLite storage for the journal (stdlib sqlite3, WAL, one connection guarded by a lock)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from app.journal.claims import ClaimsMixin
from app.journal.opening import open_journal
from app.journal.schema import SCHEMA, add_missing_columns

UNFINISHED_STATES = ("queued", "validating", "uploading", "paused", "completing", "failed")

_JOB_COLUMNS = (
    "id, path, size, mtime_ns, purpose, expires_after, route, part_size, state, upload_id, "
    "upload_expires_at, file_id, error, created_at, updated_at, upload_created_at, upload_mark"
)


def default_path() -> Path:
    """settings.state_dirs().data / "journal.sqlite3" (imported lazily)."""
    from app.settings import state_dirs

    return state_dirs().data / "journal.sqlite3"


@dataclass(frozen=True)
class JournalPart:
    index: int
    part_id: str
    bytes: int


@dataclass(frozen=True)
class JournalJob:
    id: str
    path: Path
    size: int
    mtime_ns: int
    purpose: str
    expires_after: int | None
    route: str
    part_size: int
    state: str
    upload_id: str | None
    upload_expires_at: float | None
    file_id: str | None
    error: str | None
    created_at: float
    updated_at: float
    parts: tuple[JournalPart, ...] = field(default=())
    upload_created_at: float | None = None  # the server's created_at of the Upload
    upload_mark: str | None = None  # app.engine.uploadclock.ClockMark of its create answer


@dataclass(frozen=True)
class HistoryEntry:
    """A completed upload."""

    job_id: str
    file_id: str
    filename: str
    path: Path
    bytes: int
    purpose: str
    expires_at: int | None  # the File's expiry (unix seconds), None = never
    completed_at: float  # unix seconds
    upload_id: str | None


class Journal(ClaimsMixin):
    """Thread-safe: every method may be called from any thread (each is one short statement
    or transaction). Writes are small single commits with synchronous=NORMAL: measured here
    at 0.03 ms median, about 1 ms p99 and rarely 10+ ms (a WAL checkpoint). The engine still
    makes every call on its own worker thread (app.engine.journaling), never on the loop."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._lock = threading.RLock()
        self._batch_depth = 0  # inside batch(): each write is a savepoint of one transaction
        # notice: set when a damaged journal was moved aside; to be told to the user once
        self._db, self.notice = open_journal(self.path, SCHEMA)
        add_missing_columns(self._db)

    # ----- plumbing ----------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make the writes inside one transaction (one commit); each write stays atomic on
        its own (a savepoint), so a failed one does not undo the others."""
        with self._lock:
            if self._batch_depth:
                yield
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._batch_depth = 1
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:
                self._batch_depth = 0
            self._db.execute("COMMIT")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._batch_depth:
                self._db.execute("SAVEPOINT write")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK TO write")
                    self._db.execute("RELEASE write")
                    raise
                self._db.execute("RELEASE write")
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self._db.execute(sql, args).fetchall())

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- writing -----------------------------------------------------------------------

    def create_job(
        self,
        job_id: str,
        *,
        path: Path,
        size: int,
        mtime_ns: int,
        purpose: str,
        expires_after: int | None,
        route: str,
        part_size: int,
        state: str = "queued",
    ) -> None:
        now = time.time()
        with self._tx() as db:
            db.execute(
                f"INSERT OR REPLACE INTO jobs ({_JOB_COLUMNS}, filename) "
                "VALUES (?,?,?,?,?,?,?,?,?,NULL,NULL,NULL,NULL,?,?,NULL,NULL,?)",
                (
                    job_id,
                    str(path),
                    size,
                    mtime_ns,
                    purpose,
                    expires_after,
                    route,
                    part_size,
                    state,
                    now,
                    now,
                    path.name,
                ),
            )

    def set_state(self, job_id: str, state: str, *, error: str | None = None) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET state=?, error=?, updated_at=? WHERE id=?",
                (state, error, time.time(), job_id),
            )

    def set_file_stat(self, job_id: str, size: int, mtime_ns: int, part_size: int) -> None:
        """The file was re-read (changed since the job began): new size/mtime, no parts."""
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET size=?, mtime_ns=?, part_size=?, upload_id=NULL, "
                "upload_expires_at=NULL, upload_created_at=NULL, upload_mark=NULL, updated_at=? "
                "WHERE id=?",
                (size, mtime_ns, part_size, time.time(), job_id),
            )
            db.execute("DELETE FROM parts WHERE job_id=?", (job_id,))

    def set_upload(
        self,
        job_id: str,
        upload_id: str | None,
        expires_at: float | None,
        *,
        created_at: float | None = None,
        mark: str | None = None,
    ) -> None:
        """A new Upload for this job: its finished parts (of the old one) are forgotten.
        ``created_at``/``expires_at`` are the server's; ``mark`` when its answer came."""
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET upload_id=?, upload_expires_at=?, upload_created_at=?, "
                "upload_mark=?, updated_at=? WHERE id=?",
                (upload_id, expires_at, created_at, mark, time.time(), job_id),
            )
            db.execute("DELETE FROM parts WHERE job_id=?", (job_id,))

    def add_part(self, job_id: str, index: int, part_id: str, nbytes: int) -> None:
        """Record one acknowledged part (committed at once)."""
        with self._tx() as db:
            db.execute(
                'INSERT OR REPLACE INTO parts (job_id, "index", part_id, bytes) VALUES (?,?,?,?)',
                (job_id, index, part_id, nbytes),
            )

    def complete(
        self,
        job_id: str,
        *,
        file_id: str,
        filename: str,
        nbytes: int,
        expires_at: int | None,
    ) -> None:
        """The File object is back: the job becomes history; its parts are dropped."""
        now = time.time()
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET state='completed', file_id=?, filename=?, file_bytes=?, "
                "file_expires_at=?, completed_at=?, updated_at=?, error=NULL WHERE id=?",
                (file_id, filename, nbytes, expires_at, now, now, job_id),
            )
            db.execute("DELETE FROM parts WHERE job_id=?", (job_id,))

    def forget(self, job_id: str) -> None:
        """Mark a job cancelled (it is never resumed) and drop its parts."""
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET state='cancelled', updated_at=? WHERE id=? "
                "AND state != 'completed'",
                (time.time(), job_id),
            )
            db.execute("DELETE FROM parts WHERE job_id=?", (job_id,))

    def delete_history(self, job_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM jobs WHERE id=? AND state='completed'", (job_id,))

    # ----- reading -----------------------------------------------------------------------

    def get(self, job_id: str) -> JournalJob | None:
        rows = self._query(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id=?", (job_id,))
        return self._with_parts(rows[0]) if rows else None

    def unfinished(self) -> list[JournalJob]:
        """Jobs that may be resumed (everything not completed or cancelled), oldest first."""
        marks = ",".join("?" * len(UNFINISHED_STATES))
        rows = self._query(
            f"SELECT {_JOB_COLUMNS} FROM jobs WHERE state IN ({marks}) ORDER BY created_at",
            UNFINISHED_STATES,
        )
        return [self._with_parts(r) for r in rows]

    def find_unfinished(
        self, path: Path, purpose: str, expires_after: int | None, route: str
    ) -> JournalJob | None:
        """The newest unfinished job for the same file and options, if any."""
        marks = ",".join("?" * len(UNFINISHED_STATES))
        rows = self._query(
            f"SELECT {_JOB_COLUMNS} FROM jobs WHERE path=? AND purpose=? "
            "AND expires_after IS ? AND route=? "
            f"AND state IN ({marks}) ORDER BY created_at DESC LIMIT 1",
            (str(path), purpose, expires_after, route, *UNFINISHED_STATES),
        )
        return self._with_parts(rows[0]) if rows else None

    def completed_paths(self) -> set[str]:
        """Every path with a completed upload on record (what find_completed can find)."""
        rows = self._query(
            "SELECT DISTINCT path FROM jobs WHERE state='completed' AND file_id IS NOT NULL"
        )
        return {str(row[0]) for row in rows}

    def find_completed(
        self, path: Path, size: int, mtime_ns: int, purpose: str, expires_after: int | None
    ) -> JournalJob | None:
        """The newest completed job for this unchanged file (same size and mtime) and options."""
        rows = self._query(
            f"SELECT {_JOB_COLUMNS} FROM jobs WHERE path=? AND size=? AND mtime_ns=? "
            "AND purpose=? AND expires_after IS ? AND state='completed' AND file_id IS NOT NULL "
            "ORDER BY completed_at DESC LIMIT 1",
            (str(path), size, mtime_ns, purpose, expires_after),
        )
        return self._with_parts(rows[0]) if rows else None

    def history(self, limit: int | None = None) -> list[HistoryEntry]:
        """Completed uploads, newest first."""
        rows = self._query(
            "SELECT id, file_id, filename, path, file_bytes, size, purpose, file_expires_at, "
            "completed_at, upload_id FROM jobs WHERE state='completed' "
            "ORDER BY completed_at DESC LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [
            HistoryEntry(
                job_id=str(r[0]),
                file_id=str(r[1]),
                filename=str(r[2]),
                path=Path(str(r[3])),
                bytes=_int(r[4] if r[4] is not None else r[5]),
                purpose=str(r[6]),
                expires_at=None if r[7] is None else _int(r[7]),
                completed_at=_float(r[8] or 0.0),
                upload_id=None if r[9] is None else str(r[9]),
            )
            for r in rows
        ]

    def _with_parts(self, row: tuple[object, ...]) -> JournalJob:
        parts = self._query(
            'SELECT "index", part_id, bytes FROM parts WHERE job_id=? ORDER BY "index"',
            (row[0],),
        )
        r: tuple[object, ...] = row
        return JournalJob(
            id=str(r[0]),
            path=Path(str(r[1])),
            size=_int(r[2]),
            mtime_ns=_int(r[3]),
            purpose=str(r[4]),
            expires_after=None if r[5] is None else _int(r[5]),
            route=str(r[6]),
            part_size=_int(r[7]),
            state=str(r[8]),
            upload_id=None if r[9] is None else str(r[9]),
            upload_expires_at=None if r[10] is None else _float(r[10]),
            file_id=None if r[11] is None else str(r[11]),
            error=None if r[12] is None else str(r[12]),
            created_at=_float(r[13]),
            updated_at=_float(r[14]),
            upload_created_at=None if r[15] is None else _float(r[15]),
            upload_mark=None if r[16] is None else str(r[16]),
            parts=tuple(JournalPart(_int(p[0]), str(p[1]), _int(p[2])) for p in parts),
        )


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


def _float(value: object) -> float:
    assert isinstance(value, int | float)
    return float(value)
