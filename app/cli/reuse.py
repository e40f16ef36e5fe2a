"""Same file twice: find an earlier upload of an unchanged file that is still on the server.

A file counts as already uploaded when the journal holds a completed job for the same path,
size, modification time, purpose and expiry, and the server at the current base URL still
has that File (same size and purpose). The journal does not record the base URL; the
lookup on the current server stands in for it (another server does not know the id).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.api import ApiError, FileObject, FilesClient, NotFoundError
from app.journal import Journal


class Reuse:
    def __init__(self, client: FilesClient, journal_path: Path | None = None) -> None:
        self.client = client
        self._journal_path = journal_path
        self._journal: Journal | None = None

    async def _open(self) -> Journal:
        if self._journal is None:
            self._journal = await asyncio.to_thread(Journal, self._journal_path)
        return self._journal

    async def find(self, path: Path, purpose: str, expires_after: int | None) -> FileObject | None:
        """The File to report instead of uploading `path` again, or None to upload it."""
        path = Path(path).expanduser().absolute()  # as the engine records it
        try:
            stat = await asyncio.to_thread(path.stat)
        except OSError:
            return None  # the upload reports the problem
        journal = await self._open()
        entry = await asyncio.to_thread(
            journal.find_completed, path, stat.st_size, stat.st_mtime_ns, purpose, expires_after
        )
        if entry is None or entry.file_id is None:
            return None
        try:
            file = await self.client.retrieve_file(entry.file_id)
        except NotFoundError:
            return None  # deleted or expired on the server: upload again
        except ApiError:
            return None  # cannot tell; the upload will meet (and report) the same trouble
        if file.bytes != stat.st_size or file.purpose != purpose:
            return None
        return file

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
