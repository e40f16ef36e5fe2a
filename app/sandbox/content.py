"""A File's bytes on disk: one file, or an Upload's part files kept in order (never copied).

Completing an Upload moves its part files under the File instead of concatenating them, so
every byte a client sends is written to disk once. Readers see one stream either way.
"""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import Sequence
from pathlib import Path

from aiohttp import web

READ_CHUNK = 1024 * 1024


class ChainedReader(io.RawIOBase):
    """The files at `paths`, read one after another as one stream."""

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self._paths = list(paths)
        self._index = 0
        self._handle: io.FileIO | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        while self._index < len(self._paths):
            if self._handle is None:
                self._handle = io.FileIO(self._paths[self._index], "rb")
            count = self._handle.readinto(buffer)
            if count:
                return count
            self._handle.close()
            self._handle = None
            self._index += 1
        return 0

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        super().close()


def open_content(paths: Sequence[Path]) -> io.BufferedReader:
    """A buffered binary reader over the File's bytes (lines may cross part boundaries)."""
    return io.BufferedReader(ChainedReader(paths), READ_CHUNK)


def segment_paths(folder: Path, count: int) -> list[Path]:
    return [folder / f"{index:05d}" for index in range(count)]


def place_segments(sources: Sequence[Path], folder: Path) -> None:
    """Move the part files into `folder` in File order (renames within one disk)."""
    folder.mkdir(parents=True, exist_ok=True)
    for source, dest in zip(sources, segment_paths(folder, len(sources)), strict=True):
        os.replace(source, dest)


async def content_response(
    request: web.Request, paths: Sequence[Path], size: int, headers: dict[str, str]
) -> web.StreamResponse:
    """The File's bytes as an answer: the kernel sends a single file; parts are streamed."""
    if len(paths) == 1:
        return web.FileResponse(paths[0], chunk_size=256 * 1024, headers=headers)
    response = web.StreamResponse(headers=headers)
    response.content_length = size
    await response.prepare(request)
    reader = await asyncio.to_thread(open_content, paths)
    try:
        while chunk := await asyncio.to_thread(reader.read, READ_CHUNK):
            await response.write(chunk)
    finally:
        reader.close()
    await response.write_eof()
    return response
