"""multipart/form-data bodies streamed from disk: preamble + a file range + epilogue.

The file range is read in large blocks (app.api.bodyread) and written in CHUNK_SIZE pieces,
the preamble joined to the first piece and the epilogue to the last, so a small file's whole
body is one write. A 64 MB part is never held in memory. The total length is known up front,
so requests carry Content-Length instead of chunked encoding.

Progress: httpx asks for the next piece only after the previous one was written out, so a
piece counts as sent when the next one is asked for (what the bars show; the retry rule in
app.api.retry discounts what socket buffers may hold).
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.api.bodyread import FileChangedError, RangeReader
from app.filetypes import mime_type_for

CHUNK_SIZE = 1024 * 1024


class Pace(Protocol):
    """A cap on the rate bodies are sent at (app.engine.bandwidth.BandwidthBucket)."""

    async def take(self, n: int) -> object:
        """Wait until ``n`` more file bytes may be written."""

    def piece_size(self) -> int:
        """The most bytes to write at once now (a fraction of a second at the cap, so the
        bytes leave evenly and the bars move smoothly); 0 when there is no cap."""


def guess_mime_type(filename: str) -> str:
    """The file part's Content-Type: the same table as an Upload's mime_type."""
    return mime_type_for(filename)


def _quote(value: str) -> str:
    """Quote a form name or filename the way browsers (and httpx) do."""
    return value.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


@dataclass(frozen=True)
class FileRange:
    field: str
    filename: str
    content_type: str
    path: Path
    offset: int
    length: int


class StreamedMultipart:
    """One attempt's request body. Call open() first and close() when the attempt ends.

    ``read_on_loop``: read the file on the event loop thread (the CLI) instead of in
    worker-thread blocks read ahead (the window). ``pace``: awaited before each piece."""

    def __init__(
        self,
        fields: list[tuple[str, str]],
        file: FileRange,
        *,
        on_chunk: Callable[[int], None] | None = None,
        chunk_size: int = CHUNK_SIZE,
        read_on_loop: bool = False,
        pace: Pace | None = None,
    ) -> None:
        self.file = file
        self.boundary = secrets.token_hex(16)
        self._chunk_size = max(1, chunk_size)
        self._on_chunk = on_chunk
        self._pace = pace
        self._reader = RangeReader(
            file.path, file.offset, file.length, on_loop=read_on_loop, chunk=self._chunk_size
        )
        self.file_bytes_sent = 0
        self.body_bytes_sent = 0
        lines = []
        for name, value in fields:
            lines.append(
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{_quote(name)}"'
                f"\r\n\r\n{value}\r\n"
            )
        lines.append(
            f"--{self.boundary}\r\nContent-Disposition: form-data; "
            f'name="{_quote(file.field)}"; filename="{_quote(file.filename)}"\r\n'
            f"Content-Type: {file.content_type}\r\n\r\n"
        )
        self._preamble = "".join(lines).encode("utf-8")
        self._epilogue = f"\r\n--{self.boundary}--\r\n".encode("ascii")

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    @property
    def content_length(self) -> int:
        return len(self._preamble) + self.file.length + len(self._epilogue)

    def headers(self) -> dict[str, str]:
        return {"Content-Type": self.content_type, "Content-Length": str(self.content_length)}

    async def open(self) -> None:
        """Open the file and read its first block (a small file's whole body: one hop)."""
        await self._reader.open()

    # ----- a body the kernel sends (app.api.sendfile) -----------------------------------

    def open_for_sendfile(self) -> int:
        """Open the file for os.sendfile; returns its descriptor (closed by close())."""
        self._reader.open_only()
        assert self._reader.fd is not None
        return self._reader.fd

    @property
    def preamble(self) -> bytes:
        return self._preamble

    @property
    def epilogue(self) -> bytes:
        return self._epilogue

    def paced_size(self, size: int) -> int:
        """``size``, or less when a cap wants smaller pieces."""
        limit = self._pace.piece_size() if self._pace is not None else 0
        return min(size, limit) if limit > 0 else size

    async def pace(self, size: int) -> None:
        if self._pace is not None:
            await self._pace.take(size)

    def written(self, body: int, file: int = 0) -> None:
        """``body`` bytes of the body (``file`` of them from the file) went out."""
        self._written(body, file)

    def close(self) -> None:
        self._reader.close()

    def _written(self, body: int, file: int) -> None:
        """The previous piece was written out (to the kernel)."""
        self.body_bytes_sent += body
        if file:
            self.file_bytes_sent += file
            if self._on_chunk is not None:
                self._on_chunk(self.file_bytes_sent)

    async def _pieces(self) -> AsyncIterator[memoryview]:
        """The file range in chunk-size pieces (memoryviews of the reader's buffers), each
        paced: smaller pieces while a cap is on."""
        if self.file.length == 0:
            return
        async for block in self._reader.blocks():
            start = 0
            while start < len(block):
                piece = block[start : start + self.paced_size(self._chunk_size)]
                await self.pace(len(piece))
                yield piece
                start += len(piece)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        pending = self._preamble  # joined to the first piece: one write, no extra copy
        head = len(pending)
        sent_file = 0
        async for piece in self._pieces():
            sent_file += len(piece)
            last = sent_file >= self.file.length
            data = b"".join((pending, piece, self._epilogue if last else b""))
            yield data
            self._written(len(data), len(piece))
            pending, head = b"", 0
        if sent_file < self.file.length:
            raise FileChangedError(f"{self.file.path.name} became shorter while it was being sent.")
        if self.file.length == 0:
            yield pending + self._epilogue
            self._written(head + len(self._epilogue), 0)
