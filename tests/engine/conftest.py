"""Fixtures for engine tests: engines bound to a sandbox, closed at the end of each test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from enginekit import EngineKit


@pytest_asyncio.fixture
async def kit(tmp_path: Path) -> AsyncIterator[EngineKit]:
    kit = EngineKit(tmp_path / "journal.sqlite3")
    yield kit
    for engine in kit.engines:
        await engine.aclose()
        if engine.journal is not None:
            engine.journal.close()
