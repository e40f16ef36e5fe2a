"""`Test connection`'s probe against the real sandbox in each mode: nothing is uploaded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.api import Capabilities, ClientConfig, FilesClient
from app.api.probe import ProbeResult, probe
from app.api.provider_auth import AZURE_ADVICE

pytestmark = pytest.mark.asyncio
KEY = "sk-test-probe-123"


async def run_probe(server: Any, key: str | None = KEY, **options: Any) -> ProbeResult:
    config = ClientConfig(server.base_url, key, max_attempts=1, **options)
    async with FilesClient(config, capabilities=Capabilities()) as client:
        result = await probe(client)
        assert client.capabilities.uploads_api is result.uploads
    return result


def assert_nothing_made(server: Any) -> None:
    log = server.requests()
    sent = [(r["method"], r["path"]) for r in log]
    assert sent == [("GET", "/v1/files"), ("POST", "/v1/uploads")]
    assert all(r["status"] != 200 or r["method"] == "GET" for r in log), log
    assert all(r["bytes_received"] <= 2 for r in log), log  # at most the empty object "{}"


async def test_openai_server_has_files_and_uploads(sandbox: Callable[..., Any]) -> None:
    server = sandbox(quiet=True, api_key=KEY)
    result = await run_probe(server)
    assert (result.key_valid, result.files, result.uploads) == (True, True, True)
    assert result.ok and result.lines() == [
        "API key: accepted.",
        "Files API: available.",
        "Uploads API: available (large files in parallel parts, up to 8 GB).",
    ]
    assert_nothing_made(server)


async def test_server_without_uploads_api(sandbox: Callable[..., Any]) -> None:
    server = sandbox(quiet=True, api_key=KEY, no_uploads_api=True)
    result = await run_probe(server)
    assert (result.key_valid, result.files, result.uploads) == (True, True, False)
    assert result.ok
    assert "Uploads API: not available; files up to 512 MB go in one request." in result.lines()
    assert_nothing_made(server)


async def test_azure_with_and_without_the_azure_provider(sandbox: Callable[..., Any]) -> None:
    server = sandbox(quiet=True, api_key=KEY, auth="azure")
    result = await run_probe(server, provider="azure", api_version="2024-10-21")
    assert (result.key_valid, result.files, result.uploads) == (True, True, True)
    assert_nothing_made(server)
    server.reset_log()
    wrong = await run_probe(server)
    assert wrong.key_valid is False and not wrong.ok
    (line,) = wrong.lines()
    assert line.startswith(f"API key: rejected. {AZURE_ADVICE} (HTTP 401")
    assert len(server.requests()) == 1


async def test_wrong_key_and_wrong_base_url(sandbox: Callable[..., Any]) -> None:
    server = sandbox(quiet=True, api_key=KEY)
    rejected = await run_probe(server, key="sk-not-the-key-000")
    assert rejected.key_valid is False and rejected.lines()[0].startswith("API key: rejected.")
    elsewhere = ClientConfig(server.root_url + "/nothing-here", KEY, max_attempts=1)
    async with FilesClient(elsewhere) as client:
        missing = await probe(client)
    assert missing.files is False and not missing.ok
    assert "Files API: not found at this base URL; check the base URL." in missing.lines()
