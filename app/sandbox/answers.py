"""Faults that act on the answer: serve (or change) the work, then lose, slow or bend the reply.

An answer is turned into raw HTTP bytes and written to the socket by hand, so it can be cut
after any byte, trickled, or held open forever; the connection is closed afterwards.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, NoReturn

from aiohttp import web
from aiohttp.typedefs import Handler

from app.sandbox.bodies import meter_of, read_some
from app.sandbox.context import Sandbox, sandbox_of
from app.sandbox.errors import bad_request
from app.sandbox.faults import Fault
from app.sandbox.records import new_id

HOLD_POLL_SECONDS = 0.25
TRICKLE_TICK = 0.1  # seconds between writes while trickling


class AnswerCut(Exception):
    """The answer was shaped by hand; the connection is closed (or closing)."""


def _client_gone(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


async def hold(request: web.Request, sandbox: Sandbox, seconds: float | None) -> None:
    """Keep the connection open and silent until `seconds` pass (None: forever), the client
    leaves or the sandbox stops."""
    deadline = None if seconds is None else time.monotonic() + seconds
    while not _client_gone(request) and not sandbox.stopping:
        left = HOLD_POLL_SECONDS if deadline is None else deadline - time.monotonic()
        if left <= 0:
            return
        await asyncio.sleep(min(HOLD_POLL_SECONDS, left))


def render(response: web.StreamResponse) -> tuple[bytes, bytes]:
    """The status line + headers, and the body, as they would go on the wire."""
    body = response.body if isinstance(response, web.Response) else None
    data = body if isinstance(body, bytes) else b""
    reason = response.reason or ""
    lines = [f"HTTP/1.1 {response.status} {reason}"]
    skip = {"content-length", "connection", "transfer-encoding"}
    lines += [f"{k}: {v}" for k, v in response.headers.items() if k.lower() not in skip]
    lines += [f"Content-Length: {len(data)}", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), data


def _write(request: web.Request, data: bytes) -> None:
    transport = request.transport
    if data and transport is not None and not transport.is_closing():
        transport.write(data)


def _finish(request: web.Request) -> NoReturn:
    transport = request.transport
    if transport is not None and not transport.is_closing():
        transport.close()  # flushes what was written, then FIN
    raise AnswerCut()


async def _trickle(request: web.Request, sandbox: Sandbox, data: bytes, rate: float) -> None:
    step = max(1, int(rate * TRICKLE_TICK))
    started = time.monotonic()
    for sent in range(0, len(data), step):
        ahead = sent / rate - (time.monotonic() - started)
        if ahead > 0:
            await asyncio.sleep(ahead)
        if _client_gone(request) or sandbox.stopping:
            return
        _write(request, data[sent : sent + step])


def _rewritten(response: web.StreamResponse, changes: dict[str, Any]) -> web.StreamResponse:
    """The same answer with some top-level JSON fields replaced (non-JSON answers unchanged)."""
    if not isinstance(response, web.Response) or not isinstance(response.body, bytes):
        return response
    try:
        data = json.loads(response.body)
    except ValueError:
        return response
    if not isinstance(data, dict):
        return response
    data.update(changes)
    headers = {
        k: v
        for k, v in response.headers.items()
        if k.lower() not in ("content-length", "content-type")
    }
    return web.json_response(data, status=response.status, headers=headers)


async def shape(
    request: web.Request, response: web.StreamResponse, fault: Fault
) -> web.StreamResponse:
    """Apply an answer fault to the served `response`: return it changed, or send it by hand
    and raise AnswerCut."""
    sandbox = sandbox_of(request)
    if fault.kind == "complete_without_file":
        return _rewritten(response, {"file": None}) if response.status == 200 else response
    if fault.kind == "part_wrong_upload":
        if response.status != 200:
            return response
        return _rewritten(response, {"upload_id": fault.upload_id or new_id("upload_")})
    in_memory = isinstance(response, web.Response) and isinstance(response.body, bytes)
    if not in_memory and (fault.kind == "trickle" or fault.answer_bytes):
        return response  # a streamed body (file content) is served as it is
    head, body = render(response)
    wire = head + body
    if fault.kind == "trickle":
        first = len(head) if fault.answer_bytes is None else fault.answer_bytes
        _write(request, wire[:first])
        await _trickle(request, sandbox, wire[first:], fault.rate or 1.0)
    elif fault.kind == "hang_after":
        _write(request, wire[: fault.answer_bytes or 0])
        await hold(request, sandbox, fault.seconds)
    else:  # drop_response
        _write(request, wire[: fault.answer_bytes or 0])
        transport = request.transport
        if transport is not None and not fault.answer_bytes:
            transport.abort()  # nothing of the answer got out: cut at once
    _finish(request)


def replacing(handler: Handler, fault: Fault) -> Handler:
    """complete_cancelled / complete_expired: the Upload ends that way instead of completing,
    and the answer says so (200, status cancelled/expired, file null)."""

    async def instead(request: web.Request) -> web.StreamResponse:
        upload_id = request.match_info.get("upload_id")
        if upload_id is None:
            return await handler(request)
        store = sandbox_of(request).store
        await read_some(request, meter_of(request), None)
        upload = store.get_upload(upload_id)
        if upload.status != "pending":
            raise bad_request(
                f"Cannot complete: Upload {upload.id} is already {upload.status}.",
                code=f"upload_{upload.status}",
            )
        if fault.kind == "complete_cancelled":
            store.cancel_upload(upload)
        else:
            upload.expires_time = store.clock()
            upload = store.get_upload(upload_id)  # the store expires it and drops its parts
        return web.json_response(store.upload_json(upload))

    return instead
