"""A server that thinks before answering complete is not a stall; elsewhere it is."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.api import ClientConfig, ConnectionFailed, FilesClient

KEY = "sk-test-slow-answers-1"


@pytest.mark.asyncio
async def test_complete_may_take_longer_than_the_stall_timeout(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    server = sandbox()
    data = os.urandom(300_000)
    path = tmp_path / "slow.bin"
    path.write_bytes(data)
    config = ClientConfig(server.base_url, KEY, stall_timeout=1.0, max_attempts=1)
    async with FilesClient(config) as client:
        upload = await client.create_upload(
            filename="slow.bin", purpose="user_data", size=len(data),
            mime_type="application/octet-stream",
        )  # fmt: skip
        part = await client.add_part(upload.id, path, 0, len(data))
        server.set_faults(latency=1.6)
        with pytest.raises(ConnectionFailed):
            await client.retrieve_file("file-anything")  # an ordinary answer: a stall
        done = await client.complete_upload(upload.id, [part.id], md5=hashlib.md5(data).hexdigest())
    assert done.status == "completed" and done.file is not None
    completes = [r for r in server.requests() if r["path"].endswith("/complete")]
    assert len(completes) == 1  # answered the first time, no retry
