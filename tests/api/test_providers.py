"""The client against other providers: Azure's api-key header and envelopes, servers without
the Uploads API (learned capabilities), and a server refusing a file's type."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apifaults import KEY as FAULT_KEY, Action, FaultServer

from app.api import (
    AuthenticationError,
    BadRequestError,
    Capabilities,
    ClientConfig,
    FilesClient,
    UploadsUnavailable,
    WrongProviderError,
)
from app.api.capabilities import MISSING, PURPOSE_REFUSED
from app.api.provider_auth import AZURE_ADVICE, BEARER_ADVICE

pytestmark = pytest.mark.asyncio
KEY = "sk-test-providers-123"
API_VERSION = "2024-10-21"
MIB = 1024 * 1024


def random_file(path: Path, size: int) -> Path:
    path.write_bytes(os.urandom(size))
    return path


def client_for(server: Any, **options: Any) -> FilesClient:
    return FilesClient(ClientConfig(server.base_url, KEY, **options))


async def test_azure_provider_uploads_lists_and_downloads(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    server = sandbox(quiet=True, auth="azure", api_key=KEY)
    single = random_file(tmp_path / "notes.txt", 200_000)
    large = random_file(tmp_path / "big.bin", 3 * MIB + 17)
    async with client_for(server, provider="azure", api_version=API_VERSION) as client:
        made = await client.create_file(single, "assistants")  # Azure answers 201
        assert made.bytes == 200_000
        upload = await client.create_upload(
            filename="big.bin", purpose="assistants", size=large.stat().st_size,
            mime_type="application/octet-stream",
        )  # fmt: skip
        parts = [
            await client.add_part(upload.id, large, offset, min(MIB, large.stat().st_size - offset))
            for offset in range(0, large.stat().st_size, MIB)
        ]
        done = await client.complete_upload(
            upload.id, [p.id for p in parts], md5=hashlib.md5(large.read_bytes()).hexdigest()
        )
        assert done.file is not None and len(parts) == 4
        listed = {f.id for f in (await client.list_files()).data}
        assert listed == {made.id, done.file.id}
        back = tmp_path / "back.bin"
        assert await client.download_file(done.file.id, back) == large.stat().st_size
        assert back.read_bytes() == large.read_bytes()
        assert client.capabilities.uploads_api is True
    log = server.requests()
    assert len(log) == 9
    assert all(entry["query"].endswith(f"api-version={API_VERSION}") for entry in log), log


async def test_key_goes_in_api_key_for_azure_and_as_bearer_otherwise(
    fault_server: FaultServer,
) -> None:
    config = ClientConfig(fault_server.base_url, FAULT_KEY, provider="azure", api_version="v1")
    async with FilesClient(config) as client:
        await client.list_files()
    async with FilesClient(ClientConfig(fault_server.base_url, FAULT_KEY)) as client:
        await client.list_files()
    azure, openai = fault_server.seen
    lowered = {k.lower(): v for k, v in azure.headers.items()}
    assert lowered["api-key"] == FAULT_KEY and "authorization" not in lowered
    assert azure.query["api-version"] == "v1"
    lowered = {k.lower(): v for k, v in openai.headers.items()}
    assert lowered["authorization"] == f"Bearer {FAULT_KEY}" and "api-key" not in lowered
    assert "api-version" not in openai.query


async def test_bearer_against_azure_says_choose_the_azure_provider(
    sandbox: Callable[..., Any],
) -> None:
    server = sandbox(quiet=True, auth="azure", api_key=KEY)
    async with client_for(server) as client:
        with pytest.raises(WrongProviderError) as caught:
            await client.list_files()
    error = caught.value
    assert isinstance(error, AuthenticationError) and error.status == 401
    assert error.suggested == "azure" and error.message == AZURE_ADVICE
    assert "Access denied" in error.server_message
    assert "code 401" not in str(error)  # Azure's code only repeats the status
    assert len(server.requests()) == 1  # no retry


async def test_azure_provider_against_a_bearer_server_says_so_and_a_wrong_key_stays_plain(
    sandbox: Callable[..., Any],
) -> None:
    server = sandbox(quiet=True, api_key=KEY)
    async with client_for(server, provider="azure") as client:
        with pytest.raises(WrongProviderError) as caught:
            await client.list_files()
    assert caught.value.message == BEARER_ADVICE and caught.value.suggested == "openai"
    config = ClientConfig(server.base_url, "sk-wrong-key-0000")
    async with FilesClient(config) as client:
        with pytest.raises(AuthenticationError) as plain:
            await client.list_files()
    assert not isinstance(plain.value, WrongProviderError)
    azure = sandbox(quiet=True, auth="azure", api_key=KEY)
    wrong = ClientConfig(azure.base_url, "sk-wrong-key-0000", provider="azure")
    async with FilesClient(wrong) as client:
        with pytest.raises(AuthenticationError) as azure_plain:
            await client.list_files()
    assert not isinstance(azure_plain.value, WrongProviderError)


async def test_missing_uploads_api_is_learned_once(
    sandbox: Callable[..., Any],
) -> None:
    server = sandbox(quiet=True, no_uploads_api=True)
    learned: list[dict[str, Any]] = []
    capabilities = Capabilities(on_change=lambda c: learned.append(c.to_json()))
    async with FilesClient(ClientConfig(server.base_url, KEY), capabilities=capabilities) as c:
        for news in (True, False):
            with pytest.raises(UploadsUnavailable) as caught:
                await c.create_upload(
                    filename="a.jsonl", purpose="fine-tune", size=10, mime_type="text/jsonl"
                )
            assert caught.value.reason == MISSING and caught.value.news is news
            assert caught.value.status == 404 and "Invalid URL" in caught.value.message
    assert capabilities.uploads_for("fine-tune") is False
    assert learned == [{"uploads_api": False, "upload_purposes_refused": []}]


async def test_azure_refusing_a_purpose_on_uploads_is_learned_for_that_purpose(
    sandbox: Callable[..., Any],
) -> None:
    server = sandbox(quiet=True, auth="azure", api_key=KEY)
    async with client_for(server, provider="azure") as client:
        with pytest.raises(UploadsUnavailable) as caught:
            await client.create_upload(
                filename="a.pdf", purpose="user_data", size=10, mime_type="application/pdf"
            )
        assert caught.value.reason == PURPOSE_REFUSED and caught.value.news
        await client.create_upload(
            filename="a.pdf", purpose="assistants", size=10, mime_type="application/pdf"
        )
        capabilities = client.capabilities
    assert capabilities.uploads_for("user_data") is False
    assert capabilities.uploads_for("assistants") is True


async def test_a_refused_file_type_names_the_type_sent_and_what_to_do(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    data = random_file(tmp_path / "train.dat", 1000)
    refusal = {
        "error": {
            "message": "Invalid file format for Fine-Tuning API. Must be .jsonl",
            "type": "invalid_request_error",
            "param": "file",
            "code": "invalid_file_format",
        }
    }
    fault_server.add(Action(status=400, body=refusal), Action(status=415, body={}))
    async with FilesClient(ClientConfig(fault_server.base_url, FAULT_KEY)) as client:
        with pytest.raises(BadRequestError) as caught:
            await client.create_file(data, "fine-tune")
        text = str(caught.value)
        assert "Must be .jsonl" in text
        assert text.startswith("The server refused the file's type: it was sent as ")
        assert "application/octet-stream (Hoist does not know the extension .dat)" in text
        assert "Rename the file" in text and "convert it" in text
        with pytest.raises(BadRequestError) as upload:
            await client.create_upload(
                filename="notes.md", purpose="assistants", size=5, mime_type="text/markdown"
            )
        assert "sent as text/markdown (from the extension .md)" in str(upload.value)
    assert fault_server.seen[0].file_type == "application/octet-stream"
    fault_server.add(
        Action(status=400, body={"error": {"message": "Invalid 'purpose'.", "param": None}})
    )
    async with FilesClient(ClientConfig(fault_server.base_url, FAULT_KEY)) as client:
        with pytest.raises(BadRequestError) as other:
            await client.create_file(data, "fine-tune")
    assert "refused the file's type" not in str(other.value)


async def test_a_compatible_servers_own_401_is_not_taken_for_azure(
    fault_server: FaultServer,
) -> None:
    fault_server.add(
        Action(status=401, body={"error": {"code": "401", "message": "Unauthorized"}}),
        Action(status=401, body={"statusCode": 401, "message": "Access denied due to "
                                 "invalid subscription key."}),
    )  # fmt: skip
    config = ClientConfig(fault_server.base_url, FAULT_KEY, provider="compatible")
    async with FilesClient(config) as client:
        with pytest.raises(AuthenticationError) as own:
            await client.list_files()
        assert not isinstance(own.value, WrongProviderError)
        with pytest.raises(WrongProviderError) as apim:  # Azure API Management's envelope
            await client.list_files()
    assert apim.value.suggested == "azure"
