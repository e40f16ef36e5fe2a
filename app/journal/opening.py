"""Opening the journal's SQLite file: private, never a crash.

A damaged file is moved aside and a fresh journal started (the caller tells the user once);
a file locked by another program is waited for up to a bound, then refused with a clear
message (an upload that cannot be recorded would not be resumable, so it does not start);
names that are not valid UTF-8 (surrogates in Python) are stored as their bytes."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

BUSY_TIMEOUT = 5.0  # seconds another program's lock is waited for
PAGE_SIZE = 1024  # bytes, for a journal created now


class JournalError(OSError):
    """The journal cannot be used; the message says why and what to do."""


class JournalLocked(JournalError):
    """Another program holds the journal's write lock for longer than BUSY_TIMEOUT."""


def _to_sql(value: object) -> object:
    """A str SQLite cannot take (lone surrogates from a non-UTF-8 file name) → its bytes."""
    if isinstance(value, str) and not value.isascii():  # (ASCII is always valid UTF-8)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogateescape")
    return value


def _text(raw: bytes) -> str:
    """Every TEXT column back to str, the stored bytes of odd names included."""
    return raw.decode("utf-8", "surrogateescape")


# Only connections opened with detect_types=PARSE_DECLTYPES (this one) use it.
sqlite3.register_converter("TEXT", _text)


class JournalConnection(sqlite3.Connection):
    """A connection whose parameters may hold any str Python can hold."""

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        if isinstance(parameters, Iterable) and not isinstance(parameters, dict | str):
            parameters = tuple(_to_sql(v) for v in parameters)
        return super().execute(sql, parameters)


def _create_private(path: Path) -> None:
    """The file exists, readable by its owner only (SQLite gives -wal/-shm the same mode)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _connect(path: Path, busy_timeout: float, schema: str) -> sqlite3.Connection:
    db = sqlite3.connect(
        path,
        timeout=busy_timeout,
        check_same_thread=False,
        isolation_level=None,
        detect_types=sqlite3.PARSE_DECLTYPES,
        factory=JournalConnection,
    )
    try:
        db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        # A new journal gets 1 KiB pages (an existing one keeps its own): each commit writes
        # its few changed pages whole to the WAL, and a small file's three commits wrote
        # 40 KB with 4 KiB pages; measured here, a file's journal work 412 → 267 µs.
        db.execute(f"PRAGMA page_size={PAGE_SIZE}")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.executescript(schema)
        db.execute("BEGIN IMMEDIATE")  # proof that records can be written, not only read
        db.execute("ROLLBACK")
        db.execute("SELECT count(*) FROM jobs").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def _connect_when_free(path: Path, busy_timeout: float, schema: str) -> sqlite3.Connection:
    """Some steps of opening (switching a new file to WAL, creating the schema while another
    process does the same) answer "locked" at once instead of waiting: try again until the
    busy timeout is spent."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            return _connect(path, busy_timeout, schema)
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_damage(exc: sqlite3.Error) -> bool:
    """SQLITE_NOTADB / SQLITE_CORRUPT: the file is not (or no longer) a database."""
    text = str(exc).lower()
    return type(exc) is sqlite3.DatabaseError or "malformed" in text or "not a database" in text


def move_aside(path: Path) -> Path:
    """journal.sqlite3 (and its -wal/-shm) → journal.corrupt-<time>.sqlite3."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
    os.replace(path, target)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        with contextlib.suppress(FileNotFoundError):
            os.replace(side, target.with_name(target.name + extra))
    return target


def open_journal(
    path: Path, schema: str, busy_timeout: float = BUSY_TIMEOUT
) -> tuple[sqlite3.Connection, str | None]:
    """The connection, and a notice to tell the user once (a damaged journal was replaced)."""
    from app.settings import ensure_private_dir

    ensure_private_dir(path.parent)
    notice: str | None = None
    try:
        _create_private(path)
        try:
            return _connect_when_free(path, busy_timeout, schema), None
        except sqlite3.DatabaseError as exc:
            if _is_locked(exc):
                raise JournalLocked(
                    f"The journal {path} is locked by another program (another Hoist?) and "
                    f"stayed locked for {busy_timeout:g} s. Close the other program or wait "
                    "for it to finish, then run again; nothing was sent."
                ) from exc
            if not _is_damage(exc):  # e.g. unable to open, read-only, disk I/O: not ours to move
                raise
            aside = move_aside(path)
            notice = (
                f"The journal was damaged ({exc}); it was moved to {aside} and a fresh one "
                "was started. Uploads it recorded cannot be resumed."
            )
        _create_private(path)
        return _connect(path, busy_timeout, schema), notice
    except JournalError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise JournalError(
            f"Hoist cannot open its journal {path}: {exc}. Make the folder writable, or set "
            "HOIST_HOME to a folder you can write to."
        ) from exc
