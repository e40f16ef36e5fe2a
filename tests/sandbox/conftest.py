"""Fixtures for the sandbox tests: one sandbox process per test and SDK / httpx clients on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import openai
import pytest
from sandbox_helpers import KEY


@pytest.fixture
def sb(sandbox: Callable[..., Any]) -> Any:
    """A plain sandbox (no faults, any key accepted)."""
    return sandbox(quiet=True)


@pytest.fixture
def client(sb: Any) -> Iterator[openai.OpenAI]:
    """The official SDK pointed at the sandbox, without its own retries."""
    with openai.OpenAI(base_url=sb.base_url, api_key=KEY, max_retries=0) as sdk:
        yield sdk


@pytest.fixture
def raw(sb: Any) -> Iterator[httpx.Client]:
    """A bare httpx client on the sandbox's /v1, with a bearer key."""
    with httpx.Client(
        base_url=sb.base_url + "/", headers={"Authorization": f"Bearer {KEY}"}, timeout=30
    ) as http:
        yield http
