"""A small scriptable HTTP server (aiohttp, real loopback sockets) for the client's fault cases.

Each request takes the next scripted action (or answers like the real API when the script
is empty) and is logged with its headers and the bytes the server received.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

KEY = "sk-test-fault-0123456789"


@dataclass
class Action:
    """status: answer with it; drop_after: read that many body bytes then cut the
    connection; stall: wait that long before reading or answering; redirect: 307 to it;
    read_rate: bytes per second to read the body at (before answering normally);
    cut_content_after: send that much of the file content, then cut the connection."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    drop_after: int | None = None
    stall: float | None = None
    redirect: str | None = None
    read_rate: float | None = None
    cut_content_after: int | None = None


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    received: int = 0
    fields: dict[str, str] = field(default_factory=dict)
    file_name: str | None = None
    file_type: str | None = None
    file_sha256: str | None = None
    file_size: int = 0
    json: Any = None
    peer: Any = None  # the client's (address, port): one per connection


def _api_answer(method: str, path: str, seen: Seen, declared: int = 10) -> tuple[int, Any]:
    now = int(time.time())
    file = {
        "id": "file-abc",
        "object": "file",
        "bytes": seen.file_size,
        "created_at": now,
        "filename": seen.file_name or "x",
        "purpose": seen.fields.get("purpose", "user_data"),
        "status": "processed",
        "expires_at": None,
    }
    upload = {
        "id": "upload_abc",
        "object": "upload",
        "bytes": declared,
        "created_at": now,
        "filename": "a.jsonl",
        "purpose": "fine-tune",
        "status": "pending",
        "expires_at": now + 3600,
    }
    if path == "/v1/files" and method == "GET":
        return 200, {"object": "list", "data": [file], "has_more": False,
                     "first_id": "file-abc", "last_id": "file-abc"}  # fmt: skip
    if path == "/v1/files" or (path.startswith("/v1/files/") and method == "GET"):
        return 200, file
    if path.startswith("/v1/files/") and method == "DELETE":
        return 200, {"id": path.rsplit("/", 1)[-1], "object": "file", "deleted": True}
    if path.endswith("/parts"):
        return 200, {"id": "part_1", "object": "upload.part", "created_at": now,
                     "upload_id": path.split("/")[3]}  # fmt: skip
    if path.endswith("/complete"):
        return 200, dict(upload, status="completed", file=dict(file, bytes=upload["bytes"]))
    if path.endswith("/cancel"):
        return 200, dict(upload, status="cancelled")
    if path == "/v1/uploads":
        return 200, upload
    return 404, {"error": {"message": "No such route", "type": "invalid_request_error",
                           "param": None, "code": None}}  # fmt: skip


class FaultServer:
    def __init__(self) -> None:
        self.script: list[Action] = []
        self.seen: list[Seen] = []
        self.base_url = ""
        self.content = b"hello content\n" * 1000
        self._runner: web.AppRunner | None = None
        self._stop = asyncio.Event()
        self._ids = itertools.count(1)
        self.declared = 10

    def add(self, *actions: Action) -> None:
        self.script.extend(actions)

    async def start(self) -> None:
        app = web.Application(client_max_size=1024**3)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.root_url = f"http://127.0.0.1:{port}"
        self.base_url = f"{self.root_url}/v1"

    async def stop(self) -> None:
        self._stop.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _read_body(self, request: web.Request, seen: Seen, rate: float | None) -> None:
        """Read (and parse) the body at the given rate with aiohttp's own parsers."""

        async def pace(size: int) -> None:
            seen.received += size
            if rate:
                await asyncio.sleep(size / rate)

        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/form-data"):
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                assert isinstance(part, BodyPartReader)
                digest, size, text = hashlib.sha256(), 0, b""
                while chunk := await part.read_chunk(64 * 1024):
                    await pace(len(chunk))
                    digest.update(chunk)
                    size += len(chunk)
                    if part.filename is None:
                        text += chunk
                if part.filename is not None:
                    seen.file_name = part.filename
                    seen.file_type = part.headers.get("Content-Type")
                    seen.file_sha256 = digest.hexdigest()
                    seen.file_size = size
                else:
                    seen.fields[part.name or ""] = text.decode()
            return
        raw = b""
        while chunk := await request.content.read(64 * 1024):
            await pace(len(chunk))
            raw += chunk
        if ctype.startswith("application/json"):
            seen.json = json.loads(raw)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        seen = Seen(request.method, request.path, dict(request.query), dict(request.headers))
        seen.peer = request.transport.get_extra_info("peername") if request.transport else None
        self.seen.append(seen)
        action = self.script.pop(0) if self.script else Action()
        if action.stall is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), action.stall)
        if action.drop_after is not None:
            while seen.received < action.drop_after:
                chunk = await request.content.read(min(64 * 1024, action.drop_after))
                if not chunk:
                    break
                seen.received += len(chunk)
            assert request.transport is not None
            request.transport.abort()
            return web.Response(status=500)
        if action.redirect is not None:
            raise web.HTTPTemporaryRedirect(action.redirect)
        await self._read_body(request, seen, action.read_rate)
        if action.status is not None:
            body = action.body
            if body is None:
                body = {"error": {"message": f"Scripted {action.status}", "type": "server_error",
                                  "param": None, "code": "scripted"}}  # fmt: skip
            headers = {"x-request-id": f"req_{next(self._ids)}", **action.headers}
            return web.json_response(body, status=action.status, headers=headers)
        if request.path.endswith("/content"):
            if action.cut_content_after is not None:
                response = web.StreamResponse(headers={"Content-Length": str(len(self.content))})
                await response.prepare(request)
                await response.write(self.content[: action.cut_content_after])
                await asyncio.sleep(0.1)
                assert request.transport is not None
                request.transport.abort()
                return response
            return web.Response(body=self.content, content_type="application/octet-stream")
        if request.path == "/v1/uploads" and isinstance(seen.json, dict):
            self.declared = int(seen.json.get("bytes", 10))  # the Upload's bytes, as a server
        status, body = _api_answer(request.method, request.path, seen, self.declared)
        headers = {"x-request-id": "req_ok", **action.headers}
        return web.json_response(body, status=status, headers=headers)
