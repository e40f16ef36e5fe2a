"""Request bodies read in blocks: every byte of the range in order, either way of reading, and
a body dropped half-way (a cancelled request, finalized by the garbage collector without an
event loop's help, as under qasync) closes without an error."""

from __future__ import annotations

import gc
import hashlib
import os
import sys
from pathlib import Path

import pytest

from app.api.bodyread import READ_AHEAD_BLOCK
from app.api.multipart import CHUNK_SIZE, FileRange, StreamedMultipart

MIB = 1024 * 1024


def body_for(path: Path, offset: int, length: int, on_loop: bool) -> StreamedMultipart:
    file = FileRange("data", path.name, "application/octet-stream", path, offset, length)
    return StreamedMultipart([], file, read_on_loop=on_loop)


@pytest.mark.asyncio
@pytest.mark.parametrize("on_loop", [False, True], ids=["read-ahead", "on-loop"])
async def test_the_range_comes_out_whole_in_1_mib_pieces(tmp_path: Path, on_loop: bool) -> None:
    data = os.urandom(7 * MIB + 5)
    path = tmp_path / "blocks.bin"
    path.write_bytes(data)
    offset, length = 3, 5 * MIB + 1
    body = body_for(path, offset, length, on_loop)
    await body.open()
    try:
        pieces = [bytes(piece) async for piece in body]
    finally:
        body.close()
    whole = b"".join(pieces)
    assert len(whole) == body.content_length
    assert (
        hashlib.sha256(whole).digest()
        == hashlib.sha256(body.preamble + data[offset : offset + length] + body.epilogue).digest()
    )
    assert len(pieces) == -(-length // CHUNK_SIZE)  # the preamble and epilogue ride along
    assert body.body_bytes_sent == body.content_length and body.file_bytes_sent == length


@pytest.mark.asyncio
async def test_a_body_dropped_half_way_closes_quietly(tmp_path: Path) -> None:
    path = tmp_path / "dropped.bin"
    path.write_bytes(os.urandom(3 * READ_AHEAD_BLOCK))
    hooks = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(firstiter=None, finalizer=None)  # no loop to hand aclose() to
    try:
        body = body_for(path, 0, 3 * READ_AHEAD_BLOCK, on_loop=False)
        await body.open()
        pieces = body.__aiter__()
        await pieces.__anext__()  # the next block is being read ahead in a thread now
        del pieces
        gc.collect()  # an error here is an unraisable exception: pytest fails the test
    finally:
        sys.set_asyncgen_hooks(*hooks)
        body.close()
