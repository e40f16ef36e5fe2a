"""Requests on plain-http connections to this computer, file bodies sent by the kernel.

For the sandbox and local gateways (plain http is allowed only to loopback, see
config.check_transport) a multipart body's file bytes go from the page cache to the socket
without being read into Python (os.sendfile), 1 MiB per call so progress and a bandwidth cap
still see each piece; a body held in memory (JSON, or none) goes in the same write as the
head. The request head and the answer are written and parsed by h11, the HTTP/1.1 state
machine httpx itself uses; errors are raised as the same httpx exceptions, so the retry loop
is unchanged. TLS connections and downloads keep going through httpx. The answer is held to
bounded.JSON_ANSWER_LIMIT.
"""

from __future__ import annotations

import asyncio
import os
import select
import socket
from collections.abc import Awaitable, Callable
from typing import TypeVar

import h11
import httpx

from app.api.bodyread import FileChangedError
from app.api.bounded import JSON_ANSWER_LIMIT
from app.api.config import is_loopback_host
from app.api.multipart import CHUNK_SIZE, StreamedMultipart

MAX_IDLE = 16
SMALL_BODY = 256 * 1024  # read and sent with the head in one write
T = TypeVar("T")


def sendfile_usable(url: httpx.URL) -> bool:
    """Plain http to this computer (never through a proxy, as in Requester) and a sendfile."""
    return url.scheme == "http" and is_loopback_host(url.host) and hasattr(os, "sendfile")


class _Length:
    """A stand-in for body bytes h11 counts (Content-Length) but never sees."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size


def _still_idle(sock: socket.socket) -> bool:
    """A kept-alive connection the server has not closed (nothing to read on it)."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


class SendfileSender:
    """Sends StreamedMultipart requests itself; one small pool of kept-alive sockets."""

    def __init__(self) -> None:
        self._idle: dict[tuple[str, int], list[socket.socket]] = {}

    async def aclose(self) -> None:
        self.forget_idle()

    def forget_idle(self) -> None:
        """Close the kept-alive sockets (stale after sleep or a network change)."""
        for sockets in self._idle.values():
            for sock in sockets:
                sock.close()
        self._idle.clear()

    async def send(self, request: httpx.Request, body: StreamedMultipart | None) -> httpx.Response:
        """Send `request` (its file body `body`, or the bytes it holds) and read the answer."""
        timeouts = request.extensions.get("timeout", {})
        host, port = request.url.host, request.url.port or 80
        sock = await self._connection(host, port, timeouts.get("connect"))
        reusable = False
        try:
            response, reusable = await self._exchange(sock, request, body, timeouts)
            return response
        finally:
            if reusable and len(self._idle.setdefault((host, port), [])) < MAX_IDLE:
                self._idle[(host, port)].append(sock)
            else:
                sock.close()

    async def _connection(self, host: str, port: int, timeout: float | None) -> socket.socket:
        idle = self._idle.get((host, port), [])
        while idle:
            sock = idle.pop()
            if _still_idle(sock):
                return sock
            sock.close()
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
                family, kind, proto, _, address = infos[0]
                sock = socket.socket(family, kind, proto)
                sock.setblocking(False)
                try:
                    await loop.sock_connect(sock, address)
                except BaseException:
                    sock.close()
                    raise
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(f"connecting to {host} timed out") from exc
        except OSError as exc:
            raise httpx.ConnectError(str(exc)) from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    async def _exchange(
        self,
        sock: socket.socket,
        request: httpx.Request,
        body: StreamedMultipart | None,
        timeouts: dict[str, float | None],
    ) -> tuple[httpx.Response, bool]:
        state = h11.Connection(our_role=h11.CLIENT)
        target = request.url.raw_path
        head = state.send(
            h11.Request(method=request.method, target=target, headers=request.headers.raw)
        )
        assert head is not None
        write = timeouts.get("write")
        trace = request.extensions.get("trace")  # httpcore's hook, as the answer guard uses it
        try:
            if body is None:  # the bytes httpx holds (JSON), or none: one write with the head
                content = request.content
                await _timed(
                    write, httpx.WriteTimeout,
                    asyncio.get_running_loop().sock_sendall(sock, head + content),
                )  # fmt: skip
                if content:
                    state.send_with_data_passthrough(h11.Data(data=_Length(len(content))))  # type: ignore[arg-type]
            else:
                await self._send_body(sock, head, body, write)
                state.send_with_data_passthrough(h11.Data(data=_Length(body.content_length)))  # type: ignore[arg-type]
            state.send(h11.EndOfMessage())
            if trace is not None:
                await trace("http11.send_request_body.complete", {"request": request})
        except httpx.WriteError:
            pass  # the server may have answered early (and closed): read that answer
        return await self._answer(sock, state, request, timeouts.get("read"), trace)

    async def _send_body(
        self, sock: socket.socket, head: bytes, body: StreamedMultipart, timeout: float | None
    ) -> None:
        fd = body.open_for_sendfile()
        loop = asyncio.get_running_loop()
        # a small body is one write (head, preamble, bytes, epilogue), unless a cap wants less
        if body.file.length <= body.paced_size(SMALL_BODY):
            data = os.pread(fd, body.file.length, body.file.offset)
            if len(data) < body.file.length:
                raise FileChangedError(f"{body.file.path.name} became shorter while it was sent.")
            await body.pace(len(data))
            whole = b"".join((head, body.preamble, data, body.epilogue))
            await _timed(timeout, httpx.WriteTimeout, loop.sock_sendall(sock, whole))
            body.written(body.content_length, len(data))
            return
        await _timed(timeout, httpx.WriteTimeout, loop.sock_sendall(sock, head + body.preamble))
        body.written(len(body.preamble))
        offset, end = body.file.offset, body.file.offset + body.file.length
        while offset < end:
            size = body.paced_size(min(CHUNK_SIZE, end - offset))
            await body.pace(size)
            sent = 0
            while sent < size:
                try:
                    count = os.sendfile(sock.fileno(), fd, offset + sent, size - sent)
                except BlockingIOError:
                    await _timed(timeout, httpx.WriteTimeout, _writable(loop, sock))
                    continue
                except OSError as exc:
                    raise httpx.WriteError(str(exc)) from exc
                if count == 0:
                    name = body.file.path.name
                    raise FileChangedError(f"{name} became shorter while it was being sent.")
                sent += count
            offset += size
            body.written(size, size)
        await _timed(timeout, httpx.WriteTimeout, loop.sock_sendall(sock, body.epilogue))
        body.written(len(body.epilogue))

    async def _answer(
        self,
        sock: socket.socket,
        state: h11.Connection,
        request: httpx.Request,
        timeout: float | None,
        trace: Callable[[str, dict[str, object]], Awaitable[None]] | None,
    ) -> tuple[httpx.Response, bool]:
        loop = asyncio.get_running_loop()
        head: h11.Response | None = None
        content = bytearray()
        while True:
            try:
                event = state.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc)) from exc
            if event is h11.NEED_DATA:
                data = await _timed(timeout, httpx.ReadTimeout, loop.sock_recv(sock, 65536))
                state.receive_data(data)
                continue
            if isinstance(event, h11.Response):
                head = event
                if trace is not None:
                    await trace("http11.receive_response_headers.complete", {"request": request})
            elif isinstance(event, h11.Data):
                content += event.data
                if len(content) > JSON_ANSWER_LIMIT:  # read_limited refuses it; stop here
                    break
            elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                break
        if head is None:
            raise httpx.RemoteProtocolError("the server closed the connection")
        # as a stream: read_limited then decodes (gzip) within its bound, as for httpx's own
        response = httpx.Response(
            head.status_code,
            headers=head.headers,
            stream=httpx.ByteStream(bytes(content)),
            request=request,
        )
        reusable = state.our_state is h11.DONE and state.their_state is h11.DONE
        return response, reusable


def _writable(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> asyncio.Future[None]:
    waiter: asyncio.Future[None] = loop.create_future()
    fd = sock.fileno()

    def ready() -> None:
        loop.remove_writer(fd)
        if not waiter.done():
            waiter.set_result(None)

    loop.add_writer(fd, ready)
    waiter.add_done_callback(lambda _f: loop.remove_writer(fd))
    return waiter


async def _timed(timeout: float | None, error: Callable[[str], Exception], work: Awaitable[T]) -> T:
    """Await ``work`` within ``timeout``; map OS errors to httpx's."""
    try:
        async with asyncio.timeout(timeout):
            return await work
    except TimeoutError as exc:
        raise error("no data moved for too long") from exc
    except (ConnectionError, OSError) as exc:
        kind = httpx.WriteError if error is httpx.WriteTimeout else httpx.ReadError
        raise kind(str(exc)) from exc
