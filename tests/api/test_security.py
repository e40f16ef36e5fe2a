"""Transport security: plain http only to loopback, no redirects, the key never shown."""

from __future__ import annotations

import logging
import ssl
from pathlib import Path

import httpx
import pytest
from apifaults import KEY, Action, FaultServer

from app.api import (
    ApiError,
    BadRequestError,
    ClientConfig,
    FilesClient,
    InsecureTransportError,
    is_loopback_host,
)
from app.api.config import tls_context


def refusing_transport(sent: list[httpx.Request]) -> httpx.MockTransport:
    """Stands in for the network: records what would have gone out."""

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"object": "list", "data": [], "has_more": False})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.8.9.10", "localhost", "LOCALHOST", "::1", "[::1]", "a.localhost"]
)
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", ["example.com", "10.0.0.1", "192.168.1.1", "128.0.0.1", "::2"])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize(
    "base_url", ["http://api.example.com/v1", "http://10.1.2.3:8080/v1", "http://[fe80::1]/v1"]
)
@pytest.mark.asyncio
async def test_key_never_sent_over_plain_http_to_another_host(base_url: str) -> None:
    sent: list[httpx.Request] = []
    client = FilesClient(ClientConfig(base_url, KEY), transport=refusing_transport(sent))
    async with client:
        with pytest.raises(InsecureTransportError) as caught:
            await client.list_files()
    assert sent == []
    assert "https://" in str(caught.value) and KEY not in str(caught.value)


@pytest.mark.asyncio
async def test_without_a_key_plain_http_is_allowed() -> None:
    sent: list[httpx.Request] = []
    config = ClientConfig("http://api.example.com/v1", None)
    async with FilesClient(config, transport=refusing_transport(sent)) as client:
        await client.list_files()
    assert len(sent) == 1 and "Authorization" not in sent[0].headers


@pytest.mark.asyncio
async def test_https_sends_the_key() -> None:
    sent: list[httpx.Request] = []
    config = ClientConfig("https://api.example.com/v1", KEY)
    async with FilesClient(config, transport=refusing_transport(sent)) as client:
        await client.list_files()
    assert sent[0].headers["Authorization"] == f"Bearer {KEY}"
    assert str(sent[0].url) == "https://api.example.com/v1/files?limit=100&order=desc"


def test_tls_uses_the_system_trust_store() -> None:
    import truststore

    context = tls_context()
    assert isinstance(context, truststore.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


@pytest.mark.asyncio
async def test_redirect_to_another_host_is_not_followed(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    other = FaultServer()
    await other.start()
    try:
        fault_server.add(
            Action(redirect=f"{other.base_url}/files"),
            Action(redirect=f"{other.base_url}/uploads/upload_abc/parts"),
        )
        data = tmp_path / "d.bin"
        data.write_bytes(b"x" * 1000)
        async with FilesClient(ClientConfig(fault_server.base_url, KEY)) as client:
            with pytest.raises(BadRequestError) as caught:
                await client.list_files()
            with pytest.raises(BadRequestError):
                await client.add_part("upload_abc", data, 0, 1000)
        assert other.seen == []
        assert len(fault_server.seen) == 2
        assert caught.value.status == 307 and "redirect" in str(caught.value)
    finally:
        await other.stop()


@pytest.mark.asyncio
async def test_key_absent_from_repr_str_and_logs(
    fault_server: FaultServer, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    config = ClientConfig(fault_server.base_url, KEY, organization="org-1")
    assert KEY not in repr(config) and KEY not in str(config)
    fault_server.add(
        Action(status=503),
        Action(status=400, body={"error": {"message": f"Bad key {KEY} given"}}),
    )
    data = tmp_path / "d.bin"
    data.write_bytes(b"x" * 5000)
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "app.api", "aiohttp", "asyncio"):
        caplog.set_level(logging.DEBUG, logger=name)
    async with FilesClient(config) as client:
        assert KEY not in repr(client) and KEY not in str(client)
        with pytest.raises(ApiError) as caught:
            await client.add_part("upload_abc", data, 0, 5000)
        await client.list_files()
    assert len(fault_server.seen) == 3
    assert all(s.headers["Authorization"] == f"Bearer {KEY}" for s in fault_server.seen)
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)
    assert caught.value.body is not None and KEY not in caught.value.body
    assert "[redacted]" in str(caught.value)
    assert any(r.name.startswith("httpcore") for r in caplog.records)  # logging was on
    assert any(r.name == "app.api" for r in caplog.records)
    assert KEY not in caplog.text
    assert "sk-test-fault" not in caplog.text
