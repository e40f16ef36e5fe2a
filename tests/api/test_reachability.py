""" "We could not talk to the server" vs "the server said no", over real loopback sockets."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
import trustme

from app.api import (
    RAISE_WHEN_UNREACHABLE,
    ClientConfig,
    ConnectionFailed,
    FilesClient,
    NetworkUnreachable,
    RetryNotice,
)

KEY = "sk-test-reach-0001"


def closed_port() -> int:
    """A loopback port nobody listens on (connect: refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest_asyncio.fixture
async def untrusted_tls_port() -> AsyncIterator[int]:
    """A TLS server whose certificate no trust store knows."""
    cert = trustme.CA().issue_cert("127.0.0.1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)

    async def answer(_r: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=context)
    yield server.sockets[0].getsockname()[1]
    server.close()


def client(url: str) -> FilesClient:
    return FilesClient(ClientConfig(base_url=url, api_key=KEY, max_attempts=2))


async def in_a_waiting_run(files: FilesClient, retries: list[RetryNotice]) -> None:
    RAISE_WHEN_UNREACHABLE.set(True)  # what a job run of the engine sets
    await files.create_upload(
        filename="a.bin", purpose="assistants", size=1, mime_type="text/plain",
        on_retry=retries.append,
    )  # fmt: skip


@pytest.mark.asyncio
async def test_refused_connect_raises_network_unreachable_at_once_in_a_waiting_run() -> None:
    async with client(f"http://127.0.0.1:{closed_port()}/v1") as files:
        retries: list[RetryNotice] = []
        with pytest.raises(NetworkUnreachable) as caught:
            await asyncio.create_task(in_a_waiting_run(files, retries))
        assert retries == []  # no attempt used up
        assert caught.value.answer_maybe_lost is False  # nothing reached the server
        assert await files.server_answers() is False


@pytest.mark.asyncio
async def test_refused_connect_is_retried_as_before_elsewhere() -> None:
    async with client(f"http://127.0.0.1:{closed_port()}/v1") as files:
        retries: list[RetryNotice] = []
        with pytest.raises(ConnectionFailed) as caught:
            await files.create_upload(
                filename="a.bin", purpose="assistants", size=1, mime_type="text/plain",
                on_retry=retries.append,
            )  # fmt: skip
        assert not isinstance(caught.value, NetworkUnreachable)
        assert caught.value.unreachable and len(retries) == 1


@pytest.mark.asyncio
async def test_a_certificate_we_refuse_is_not_an_outage(untrusted_tls_port: int) -> None:
    async with client(f"https://127.0.0.1:{untrusted_tls_port}/v1") as files:
        with pytest.raises(ConnectionFailed) as caught:
            await asyncio.create_task(in_a_waiting_run(files, []))
        assert not isinstance(caught.value, NetworkUnreachable)
        assert caught.value.unreachable is False


@pytest.mark.asyncio
async def test_a_server_that_hangs_up_on_every_request_and_probe_is_unreachable() -> None:
    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1)  # the request has started to arrive
        writer.close()

    server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with client(f"http://127.0.0.1:{port}/v1") as files:
            retries: list[RetryNotice] = []
            with pytest.raises(NetworkUnreachable) as caught:
                await asyncio.create_task(in_a_waiting_run(files, retries))
            assert retries == [] and caught.value.reason == "dropped"
            assert caught.value.answer_maybe_lost is True  # the request may have arrived
    finally:
        server.close()
