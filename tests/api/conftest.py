"""Fixtures for the client tests: the scriptable fault server and a fake key."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from apifaults import KEY, FaultServer


@pytest_asyncio.fixture
async def fault_server() -> AsyncIterator[FaultServer]:
    server = FaultServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def api_key() -> str:
    return KEY
