"""One process at a time per file: a claim row (owner pid) in the journal's `claims` table.

A claim whose owner is no longer running (killed, crashed) is taken over; the journal stays
resumable whoever held it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager


def process_alive(pid: int) -> bool:
    """True when a process with this id is running (or cannot be told apart from one)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A process that has exited but was not yet reaped by its parent still answers kill(pid,
    0); Linux's /proc tells it apart (state Z or X). Elsewhere: assume it is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rpartition(b")")[2].split()
    except OSError:
        return False
    return bool(fields) and fields[0] in (b"Z", b"X")


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    try:
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


class ClaimsMixin:
    """The claim calls of app.journal.Journal (which supplies `_tx`)."""

    _tx: Callable[[], AbstractContextManager[sqlite3.Connection]]

    def claim(
        self, key: str, pid: int | None = None, alive: Callable[[int], bool] = process_alive
    ) -> int | None:
        """Claim `key` for `pid` (this process by default). None when it is ours now; else
        the pid of the running process that holds it."""
        pid = os.getpid() if pid is None else pid
        with self._tx() as db:
            row = db.execute("SELECT pid FROM claims WHERE key=?", (key,)).fetchone()
            if row is not None and int(row[0]) != pid and alive(int(row[0])):
                return int(row[0])
            db.execute(
                "INSERT OR REPLACE INTO claims (key, pid, claimed_at) VALUES (?,?,?)",
                (key, pid, time.time()),
            )
        return None

    def release(self, keys: Iterator[str] | list[str], pid: int | None = None) -> None:
        """Let go of our claims on `keys` (another process's claims are left alone)."""
        pid = os.getpid() if pid is None else pid
        with self._tx() as db:
            for key in keys:
                db.execute("DELETE FROM claims WHERE key=? AND pid=?", (key, pid))
