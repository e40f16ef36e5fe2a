"""The journal's tables, and bringing a journal written by an older release up to date."""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    expires_after INTEGER,
    route TEXT NOT NULL,
    part_size INTEGER NOT NULL,
    state TEXT NOT NULL,
    upload_id TEXT,
    upload_expires_at REAL,
    file_id TEXT,
    error TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    filename TEXT NOT NULL DEFAULT '',
    file_bytes INTEGER,
    file_expires_at INTEGER,
    completed_at REAL
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
CREATE INDEX IF NOT EXISTS jobs_path ON jobs(path);
CREATE TABLE IF NOT EXISTS parts (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    "index" INTEGER NOT NULL,
    part_id TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    PRIMARY KEY (job_id, "index")
);
CREATE TABLE IF NOT EXISTS claims (
    key TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    claimed_at REAL NOT NULL
);
"""
# Columns added after the first release (ALTER TABLE on an older journal).
ADDED_COLUMNS = (("upload_created_at", "REAL"), ("upload_mark", "TEXT"))


def add_missing_columns(db: sqlite3.Connection) -> None:
    """ALTER TABLE an older journal to have every column of ADDED_COLUMNS."""
    have = {str(row[1]) for row in db.execute("PRAGMA table_info(jobs)")}
    for name, kind in ADDED_COLUMNS:
        if name not in have:
            try:
                db.execute(f"ALTER TABLE jobs ADD COLUMN {name} {kind}")
            except sqlite3.OperationalError as exc:  # another process added it just now
                if "duplicate column" not in str(exc).lower():
                    raise
