"""Rate limits are paced, never failures: small files against the sandbox's POST /files
limit (a token bucket with the x-ratelimit headers and 429s) all complete, with at most the
requests already in flight refused, and a 429 does not spend a file's attempts."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineKit

from app.engine import JobState


@pytest.mark.asyncio
async def test_small_files_against_a_request_limit_all_complete(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(files_rpm=3000, files_burst=5)  # 50 a second, 5 at once
    # two attempts only: were a 429 an attempt, two in a row would fail a file
    engine, _ = kit.make(sb.base_url, concurrency=4, max_attempts=2,
                         client_options={"max_attempts": 2})  # fmt: skip
    paths = []
    for index in range(40):
        path = tmp_path / f"note-{index:02d}.txt"
        path.write_bytes(os.urandom(2000))
        paths.append(path)
    ids = [await engine.add(path, "user_data") for path in paths]
    snaps = [await asyncio.wait_for(engine.wait(i), 120) for i in ids]
    assert [s.state for s in snaps] == [JobState.COMPLETED] * 40
    posts = [r for r in await asyncio.to_thread(sb.requests) if r["path"] == "/v1/files"]
    accepted = [r for r in posts if r["status"] == 200]
    refused = [r for r in posts if r["status"] == 429]
    assert len(accepted) == 40
    assert len(refused) <= 4  # paced: at most the requests on their way as the bucket emptied
