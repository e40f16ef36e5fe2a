"""The journal: a local SQLite (WAL) record of jobs, their Upload and acknowledged parts.

Crash-safe: each part id is committed the moment the server acknowledges it, so the next start
(CLI or window) can resume an unfinished upload sending only the missing parts. Completed
uploads stay as history. The API key is never stored here.
"""

from app.journal.store import HistoryEntry, Journal, JournalJob, JournalPart, default_path

__all__ = ["HistoryEntry", "Journal", "JournalJob", "JournalPart", "default_path"]
