"""A File's content saved to disk: streamed into a temporary file next to the destination,
moved into place only once complete, never leaving a partial file behind."""

from __future__ import annotations

import asyncio
import errno
import os
import tempfile
from pathlib import Path

import httpx

from app.api.requester import Attempt, ProgressCallback, Requester, RetryCallback
from app.api.types import UnexpectedResponse
from app.api.untrusted import clean

DOWNLOAD_CHUNK = 256 * 1024


async def download_content(
    requester: Requester,
    content_path: str,
    file_id: str,
    dest: Path,
    *,
    overwrite: bool = False,
    expected_bytes: int | None = None,
    on_progress: ProgressCallback | None = None,
    on_retry: RetryCallback | None = None,
) -> int:
    """GET ``content_path`` (the content of File ``file_id``) into dest; see
    FilesClient.download_file."""
    dest = Path(dest)
    if not overwrite and dest.exists():
        raise FileExistsError(errno.EEXIST, "The file already exists", str(dest))
    fd, temp_name = await asyncio.to_thread(
        tempfile.mkstemp, prefix=f".{dest.name[:60]}.", suffix=".part", dir=dest.parent
    )
    os.close(fd)
    partial = Path(temp_name)

    async def save(response: httpx.Response, attempt: Attempt) -> int:
        handle = await asyncio.to_thread(open, partial, "wb")
        try:
            async for chunk in response.aiter_bytes(DOWNLOAD_CHUNK):
                await asyncio.to_thread(handle.write, chunk)
                attempt.received += len(chunk)
                if on_progress is not None:
                    on_progress(attempt.received)
            await asyncio.to_thread(handle.flush)
        finally:
            await asyncio.to_thread(handle.close)
        return attempt.received

    try:
        try:
            size = await requester.call(
                "GET", content_path, save, on_progress=on_progress, on_retry=on_retry, streamed=True
            )
        except OSError as exc:  # the local disk: full, gone, not writable
            raise OSError(exc.errno, exc.strerror or str(exc), str(dest)) from exc
        if expected_bytes is not None and size != expected_bytes:
            raise UnexpectedResponse(
                f"The server sent {size} bytes of {clean(file_id, None, 80)}, but the "
                f"file has {expected_bytes}; nothing was saved. Try again."
            )
        await asyncio.to_thread(_move_into_place, partial, dest, overwrite)
    finally:
        partial.unlink(missing_ok=True)
    return size


def _move_into_place(partial: Path, dest: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(partial, dest)
        return
    try:
        os.link(partial, dest)  # refuses (FileExistsError) if dest appeared meanwhile
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if dest.exists():
            raise FileExistsError(errno.EEXIST, "The file already exists", str(dest)) from None
        os.replace(partial, dest)
        return
    partial.unlink()
