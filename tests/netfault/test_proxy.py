"""The fault proxy over real loopback sockets: an echo upstream, the real sandbox, a subprocess."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from netfault.proxy import BLACKHOLE, DOWN, PASS, RESET, FaultProxy

REPO_ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-netfault-0001"
AUTH = {"Authorization": f"Bearer {KEY}"}
MiB = 1024 * 1024
SILENCE = 0.3  # how long "nothing arrives" is watched for (a negative check, not a wait)


async def _echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()


@pytest_asyncio.fixture
async def echo_port() -> AsyncIterator[int]:
    server = await asyncio.start_server(_echo, "127.0.0.1", 0)
    yield server.sockets[0].getsockname()[1]
    server.close()


@pytest_asyncio.fixture
async def proxy(echo_port: int) -> AsyncIterator[FaultProxy]:
    async with FaultProxy(echo_port) as running:
        yield running


async def _connect(proxy: FaultProxy) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", proxy.port)


async def _round_trip(proxy: FaultProxy, data: bytes) -> bytes:
    reader, writer = await _connect(proxy)

    async def send() -> None:
        writer.write(data)
        await writer.drain()

    _, back = await asyncio.gather(send(), reader.readexactly(len(data)))
    writer.close()
    return back


@pytest.mark.asyncio
async def test_pass_forwards_both_ways_and_counts_bytes(proxy: FaultProxy) -> None:
    data = os.urandom(3 * MiB)
    assert await _round_trip(proxy, data) == data
    stats = await proxy.until(lambda s: s.bytes_down == len(data) and s.active == 0)
    assert (stats.accepted, stats.upstream, stats.bytes_up, stats.mode) == (1, 1, len(data), PASS)


@pytest.mark.asyncio
async def test_down_refuses_resets_open_connections_and_comes_back_on_the_same_port(
    proxy: FaultProxy,
) -> None:
    reader, writer = await _connect(proxy)
    writer.write(b"hello")
    assert await reader.readexactly(5) == b"hello"
    port = proxy.port
    proxy.go_down()
    with pytest.raises(ConnectionResetError):
        await reader.read(10)
    with pytest.raises(ConnectionRefusedError):
        await _connect(proxy)
    assert proxy.stats().dropped == 1 and proxy.stats().mode == DOWN
    proxy.come_up()
    assert proxy.port == port
    assert await _round_trip(proxy, b"again") == b"again"
    assert proxy.stats().accepted == 2  # the refused attempt never reached the proxy


@pytest.mark.asyncio
async def test_reset_mode_counts_every_turned_away_connection(proxy: FaultProxy) -> None:
    proxy.set_mode(RESET)
    for _ in range(3):
        with pytest.raises((ConnectionResetError, asyncio.IncompleteReadError)):
            reader, writer = await _connect(proxy)
            writer.write(b"x")
            await reader.readexactly(1)
    stats = await proxy.until(lambda s: s.refused_since_mode == 3)
    assert stats.upstream == 0 and stats.bytes_up == 0
    proxy.come_up()
    assert proxy.stats().refused_since_mode == 0 and proxy.stats().refused == 3
    assert await _round_trip(proxy, b"ok") == b"ok"


@pytest.mark.asyncio
async def test_blackhole_freezes_open_and_new_connections_until_pass(proxy: FaultProxy) -> None:
    reader, writer = await _connect(proxy)
    writer.write(b"one")
    assert await reader.readexactly(3) == b"one"
    proxy.blackhole()
    writer.write(b"two")
    late_reader, late_writer = await _connect(proxy)
    late_writer.write(b"three")
    await proxy.until(lambda s: s.held == 1)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(reader.read(3), SILENCE)
    stats = proxy.stats()
    assert (stats.bytes_up, stats.bytes_down, stats.upstream) == (3, 3, 1)
    proxy.come_up()
    assert await reader.readexactly(3) == b"two"  # nothing was lost, only held
    assert await late_reader.readexactly(5) == b"three"
    assert proxy.stats().upstream == 2
    writer.close()
    late_writer.close()


@pytest.mark.asyncio
async def test_drop_connections_resets_open_ones_even_when_blackholed(proxy: FaultProxy) -> None:
    first = await _connect(proxy)
    second = await _connect(proxy)
    await proxy.until(lambda s: s.upstream == 2)
    proxy.blackhole()
    assert proxy.drop_connections() == 2
    for reader, _ in (first, second):
        with pytest.raises(ConnectionResetError):
            await reader.read(1)
    stats = await proxy.until(lambda s: s.active == 0)
    assert stats.dropped == 2 and stats.mode == BLACKHOLE


@pytest.mark.asyncio
async def test_upstream_down_resets_the_client(echo_port: int) -> None:
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        closed_port = spare.getsockname()[1]
    async with FaultProxy(closed_port) as proxy:
        reader, writer = await _connect(proxy)
        with pytest.raises((ConnectionResetError, asyncio.IncompleteReadError)):
            writer.write(b"x")
            await reader.readexactly(1)
        assert (await proxy.until(lambda s: s.refused == 1)).upstream == 0


def test_threaded_proxy_in_front_of_the_sandbox(sandbox: Callable[..., Any]) -> None:
    box = sandbox(quiet=True)
    with (
        FaultProxy.for_url(box.base_url) as proxy,
        httpx.Client(base_url=proxy.base_url + "/", headers=AUTH, timeout=10) as http,
    ):
        assert proxy.base_url.startswith("http://127.0.0.1:") and proxy.base_url.endswith("/v1")
        assert http.get("files").status_code == 200
        proxy.go_down()
        with pytest.raises(httpx.TransportError):  # the kept-alive connection was reset
            http.get("files")
        with pytest.raises(httpx.ConnectError, match="refused"):  # a new one is refused
            httpx.get(proxy.base_url + "/files", headers=AUTH, timeout=10)
        proxy.set_mode(RESET)
        with pytest.raises(httpx.TransportError):
            http.get("files")
        assert proxy.wait_until(lambda s: s.refused_since_mode >= 1).mode == RESET
        proxy.come_up()
        assert http.get("files").status_code == 200
    assert [r["status"] for r in box.requests()] == [200, 200]


def test_mode_switch_mid_upload_from_a_trigger(sandbox: Callable[..., Any]) -> None:
    box = sandbox(quiet=True)
    body = os.urandom(16 * MiB)
    with (
        FaultProxy.for_url(box.base_url) as proxy,
        httpx.Client(base_url=proxy.base_url + "/", headers=AUTH, timeout=10) as http,
    ):
        proxy.set_mode_when(lambda s: s.bytes_up >= 4 * MiB, DOWN)
        with pytest.raises(httpx.TransportError):
            http.post("files", data={"purpose": "user_data"}, files={"file": ("a.bin", body)})
        stats = proxy.stats()
        assert stats.mode == DOWN and 4 * MiB <= stats.bytes_up < len(body)
        assert stats.dropped == 1
    [entry] = box.requests()
    assert entry["status"] is None and entry["bytes_received"] < len(body)


def test_a_subprocess_client_waits_out_an_outage_the_test_controls(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    """A child process retries until it gets through; the test brings the link back only
    after the proxy has turned the child away three times."""
    box = sandbox(quiet=True)
    child = tmp_path / "child.py"
    child.write_text(
        "import sys, httpx\n"
        "for attempt in range(1000):\n"
        "    try:\n"
        "        r = httpx.get(sys.argv[1] + '/files', headers={'Authorization': 'Bearer k'})\n"
        "    except httpx.TransportError:\n"
        "        continue\n"
        "    print(attempt, r.status_code)\n"
        "    break\n"
    )
    with FaultProxy.for_url(box.base_url) as proxy:
        proxy.set_mode(RESET)
        process = subprocess.Popen(
            [sys.executable, str(child), proxy.base_url],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            proxy.wait_until(lambda s: s.refused_since_mode >= 3, timeout=60)
            proxy.come_up()
            out, _ = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    attempt, status = out.split()
    assert int(attempt) >= 3 and status == "200"
    assert proxy.stats().refused >= 3


def test_until_works_from_another_loop_while_the_proxy_runs_in_a_thread(
    sandbox: Callable[..., Any],
) -> None:
    box = sandbox(quiet=True)
    with FaultProxy.for_url(box.base_url) as proxy:
        seen: list[int] = []

        async def watch() -> None:
            stats = await proxy.until(lambda s: s.bytes_down > 0, timeout=30)
            seen.append(stats.bytes_down)

        watcher = threading.Thread(target=lambda: asyncio.run(watch()))
        watcher.start()
        answer = httpx.get(proxy.base_url + "/files", headers=AUTH, timeout=10)
        watcher.join(30)
    assert answer.status_code == 200 and json.loads(answer.text)["object"] == "list"
    assert seen and seen[0] > 0


@pytest.mark.asyncio
async def test_waiting_times_out_with_the_counters_in_the_message(proxy: FaultProxy) -> None:
    with pytest.raises(TimeoutError, match="accepted=0"):
        await proxy.until(lambda s: s.accepted > 0, timeout=0.2)
    with pytest.raises(RuntimeError, match="own loop"):
        proxy.wait_until(lambda s: True)
    with pytest.raises(ValueError):
        proxy.set_mode("sideways")
    with pytest.raises(ValueError):
        FaultProxy(80, "10.0.0.1")
