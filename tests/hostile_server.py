"""A hostile HTTP server on 127.0.0.1 (raw asyncio sockets, in a background thread).

Each test sets ``answer(request) -> Answer``; the server counts requests and can send huge
bodies fast (one shared chunk written again and again), cut a body with a reset, or say
anything in its headers. It also serves as a counting HTTP proxy (it sees CONNECT lines).
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

CHUNK = b"x" * (1024 * 1024)
GB = 1024 * 1024 * 1024


@dataclass
class Request:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


@dataclass
class Answer:
    """status/headers/body; ``huge``: that many more body bytes after body (fast, for the
    read bounds); ``length``: send Content-Length (else the body ends when the connection
    closes); ``reset_after``: send that many body bytes, then reset the connection;
    ``hold``: after the body, wait for this event before the rest (``huge``) and the end."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    huge: int = 0
    length: bool = True
    reset_after: int | None = None
    reason: str = ""
    hold: threading.Event | None = None  # after body: wait for it before going on

    @classmethod
    def json(cls, status: int, value: Any, **headers: str) -> Answer:
        hdrs = {"Content-Type": "application/json", **headers}
        return cls(status, hdrs, json.dumps(value).encode())


def file_object(file_id: str, size: int, filename: str = "f.jsonl", **extra: Any) -> Any:
    return {"id": file_id, "object": "file", "bytes": size, "created_at": 1_700_000_000,
            "filename": filename, "purpose": "batch", "status": "processed",
            "expires_at": None, **extra}  # fmt: skip


REASONS = {200: "OK", 307: "Temporary Redirect", 400: "Bad Request", 403: "Forbidden",
           404: "Not Found", 407: "Proxy Authentication Required", 500: "Server Error"}  # fmt: skip


class HostileServer:
    def __init__(self) -> None:
        self.answer: Callable[[Request], Answer] = lambda r: Answer(404)
        self.seen: list[Request] = []
        self.port = 0
        self.bytes_sent = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HostileServer:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(10)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()  # its self-pipe sockets too (ResourceWarning is an error)

    async def _read_request(self, reader: asyncio.StreamReader) -> Request | None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            return None
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = [*lines[0].split(" "), "", ""][:3]
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        size = int(headers.get("content-length", "0") or 0)
        body = await reader.readexactly(size) if size and method != "CONNECT" else b""
        return Request(method, target, headers, body)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await self._read_request(reader)
            if request is None:
                return
            self.seen.append(request)
            await self._send(writer, self.answer(request))
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _send(self, writer: asyncio.StreamWriter, answer: Answer) -> None:
        reason = answer.reason or REASONS.get(answer.status, "Whatever")
        headers = {"Connection": "close", **answer.headers}
        if answer.length:
            headers["Content-Length"] = str(len(answer.body) + answer.huge)
        head = f"HTTP/1.1 {answer.status} {reason}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        writer.write(head.encode("latin-1") + answer.body[: answer.reset_after])
        if answer.reset_after is not None:
            await writer.drain()
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return
        if answer.hold is not None:
            await writer.drain()
            await asyncio.to_thread(answer.hold.wait, 60)
        left = answer.huge
        while left > 0:
            piece = CHUNK[: min(left, len(CHUNK))]
            writer.write(piece)
            await writer.drain()  # raises once the client has hung up
            self.bytes_sent += len(piece)
            left -= len(piece)
        await writer.drain()
