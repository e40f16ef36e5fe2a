"""Reading a file range for a request body in large blocks, never a thread hop per chunk.

Two ways, chosen by the client's config:
- ``on_loop``: os.preadv straight into one reused buffer on the event loop thread (a page-cache
  read of 1 MiB blocks the loop for well under a millisecond; for the CLI, whose loop has
  nothing else to keep responsive).
- read-ahead (the window): blocks of READ_AHEAD_BLOCK bytes read in a worker thread, the next
  block while the current one is being sent, into two buffers that take turns.

Buffers are allocated once per body and filled in place: bytes allocated in many threads
would spread over glibc's per-thread arenas and stay there.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

READ_AHEAD_BLOCK = 2 * 1024 * 1024


def read_at(fd: int, view: memoryview, position: int) -> int:
    """Fill view from the file at position; returns the bytes read (short at end of file)."""
    if hasattr(os, "preadv"):
        total = 0
        while total < len(view):
            got = os.preadv(fd, [view[total:]], position + total)
            if got <= 0:
                break
            total += got
        return total
    # Windows has no positional reads; each body owns its descriptor, so seek + read is safe
    os.lseek(fd, position, os.SEEK_SET)
    data = os.read(fd, len(view))
    view[: len(data)] = data
    return len(data)


def open_and_read(path: Path, view: memoryview, position: int) -> tuple[int, int]:
    """Open path and fill view from position (one worker-thread hop for a small body)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        return fd, (read_at(fd, view, position) if len(view) else 0)
    except BaseException:
        os.close(fd)
        raise


def _retrieve(future: asyncio.Future[int]) -> None:
    """Mark a read-ahead's error as seen (it is raised where the block is used, if it is)."""
    if not future.cancelled():
        future.exception()


class FileChangedError(OSError):
    """The file became shorter while it was being sent."""


class RangeReader:
    """The blocks of one file range, in order. open() first (reads the first block), then
    iterate blocks(); each block is a memoryview valid until the next one is asked for."""

    def __init__(self, path: Path, offset: int, length: int, *, on_loop: bool, chunk: int):
        self.path, self.offset, self.length = path, offset, length
        self.on_loop = on_loop
        self.block = chunk if on_loop else max(chunk, READ_AHEAD_BLOCK)
        self._buffers: list[bytearray] = []
        self._fd: int | None = None
        self._first = 0

    @property
    def fd(self) -> int | None:
        return self._fd

    def open_only(self) -> None:
        """Open the file without reading (a body the kernel sends: os.sendfile)."""
        self._fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))

    async def open(self) -> None:
        size = max(1, min(self.block, self.length))
        self._buffers = [bytearray(size)]
        if not self.on_loop and self.length > self.block:
            self._buffers.append(bytearray(size))
        view = memoryview(self._buffers[0])[: min(self.block, self.length)]
        if self.on_loop:
            self._fd, self._first = open_and_read(self.path, view, self.offset)
        else:
            self._fd, self._first = await asyncio.to_thread(
                open_and_read, self.path, view, self.offset
            )

    @property
    def first_block(self) -> memoryview:
        """The first block, read by open() (the whole range when it fits in one)."""
        return memoryview(self._buffers[0])[: self._first]

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

    def _check(self, got: int, wanted: int) -> None:
        if got < wanted:
            raise FileChangedError(f"{self.path.name} became shorter while it was being sent.")

    async def blocks(self) -> AsyncIterator[memoryview]:
        fd = self._fd
        if fd is None:
            raise RuntimeError("RangeReader.open() was not awaited")
        end = self.offset + self.length
        size = min(self.block, self.length)
        self._check(self._first, size)
        position = self.offset + size
        current = memoryview(self._buffers[0])[:size]
        turn = 0
        ahead: asyncio.Future[int] | None = None
        while True:
            next_size = min(self.block, end - position)
            if next_size > 0 and not self.on_loop:
                turn ^= 1
                target = memoryview(self._buffers[turn])[:next_size]
                loop = asyncio.get_running_loop()
                ahead = loop.run_in_executor(None, read_at, fd, target, position)
                ahead.add_done_callback(_retrieve)
            # No await when the body is dropped here (GeneratorExit): a generator finalized
            # by the garbage collector may not await. A read still running then ends on its
            # own (into a buffer nobody uses; _retrieve takes its error, if any).
            yield current
            if next_size <= 0:
                return
            if self.on_loop:
                current = memoryview(self._buffers[0])[:next_size]
                self._check(read_at(fd, current, position), next_size)
            else:
                assert ahead is not None
                got, ahead = await ahead, None
                self._check(got, next_size)
                current = memoryview(self._buffers[turn])[:next_size]
            position += next_size
