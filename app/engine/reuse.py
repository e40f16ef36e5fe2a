"""Same file twice: find an earlier upload of an unchanged file that is still on the server.

A file counts as already uploaded when the journal holds a completed job for the same path,
size, modification time, purpose and expiry, and the server at the current base URL still
has that File (same size and purpose). The journal does not record the base URL; the
lookup on the current server stands in for it (another server does not know the id).
Used by `hoist upload` (reports the File) and the window (asks before uploading again).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from app.api import ApiError, FileObject, FilesClient, NotFoundError
from app.journal import Journal, JournalJob

# The client, or how to get one: asked for only when the journal has a match.
ClientSource = FilesClient | Callable[[], Awaitable[FilesClient]]


@dataclass(frozen=True)
class Earlier:
    """An earlier upload of the unchanged file, still on the server."""

    file: FileObject
    completed_at: float  # when the journal last wrote the job: its completion (epoch s)


class Reuse:
    """Looks up earlier uploads. Give it the journal to use, or let it open (and close) its
    own at ``journal_path`` (the default journal when None)."""

    def __init__(
        self,
        client: ClientSource,
        journal_path: Path | None = None,
        *,
        journal: Journal | None = None,
        on_loop: bool = False,
    ) -> None:
        """``on_loop``: for one command (the CLI): stat and query on the loop thread, where
        its journal is used too (see app.engine.journaling), not in a worker thread, and
        the paths with a completed upload read once, so a file never uploaded costs no
        query."""
        self.client = client
        self._journal_path = journal_path
        self._journal = journal
        self._owns_journal = journal is None
        self._on_loop = on_loop
        self._completed_paths: set[str] | None = None  # (on_loop) read at the first lookup

    async def _open(self) -> Journal:
        if self._journal is None:
            self._journal = await asyncio.to_thread(Journal, self._journal_path)
        return self._journal

    async def find(self, path: Path, purpose: str, expires_after: int | None) -> FileObject | None:
        """The File to report instead of uploading `path` again, or None to upload it."""
        earlier = await self.find_earlier(path, purpose, expires_after)
        return earlier.file if earlier is not None else None

    async def find_earlier(
        self, path: Path, purpose: str, expires_after: int | None
    ) -> Earlier | None:
        """The earlier upload of unchanged `path` still on the server, or None."""
        path = Path(path).expanduser().absolute()  # as the engine records it
        journal = await self._open()
        if self._on_loop:
            if self._completed_paths is None:
                self._completed_paths = journal.completed_paths()
            if str(path) not in self._completed_paths:
                return None

        def lookup() -> JournalJob | None:  # one thread hop for the stat and the query
            try:
                stat = path.stat()
            except OSError:
                return None  # the upload reports the problem
            return journal.find_completed(
                path, stat.st_size, stat.st_mtime_ns, purpose, expires_after
            )

        entry = lookup() if self._on_loop else await asyncio.to_thread(lookup)
        if entry is None or entry.file_id is None:
            return None
        client = self.client if isinstance(self.client, FilesClient) else await self.client()
        try:
            file = await client.retrieve_file(entry.file_id)
        except NotFoundError:
            return None  # deleted or expired on the server: upload again
        except ApiError:
            return None  # cannot tell; the upload will meet (and report) the same trouble
        if file.bytes != entry.size or file.purpose != purpose:  # entry.size: the stat above
            return None
        return Earlier(file, entry.updated_at or float(file.created_at))

    def close(self) -> None:
        if self._journal is not None and self._owns_journal:
            self._journal.close()
        if self._owns_journal:
            self._journal = None
