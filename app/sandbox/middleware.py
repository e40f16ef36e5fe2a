"""What happens around every /v1 request: the log, faults, auth, latency, the error envelope."""

from __future__ import annotations

import asyncio
import hmac
import secrets
import sys
import time
import traceback
from email.utils import formatdate

from aiohttp import web
from aiohttp.typedefs import Handler

from app.sandbox import answers
from app.sandbox.azure import check_azure_key
from app.sandbox.bodies import METER_KEY, BodyMeter, LogEntry, read_some
from app.sandbox.context import Sandbox, sandbox_of
from app.sandbox.errors import ApiFailure, default_message
from app.sandbox.faults import ANSWER_KINDS, INSTEAD_KINDS, Fault
from app.sandbox.ratelimit import rate_limited

KEY_HELP = "You can find your API key at https://platform.openai.com/account/api-keys."
NO_KEY_MESSAGE = (
    "You didn't provide an API key. You need to provide your API key in an Authorization "
    "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). " + KEY_HELP
)
STALL_POLL_SECONDS = 0.25
UNKNOWN_LENGTH_READ = 64 * 1024  # a chunked body to drop: read this much first


class ConnectionDropped(Exception):
    """The connection was closed on purpose (drop/stall) or by the client."""


def check_auth(request: web.Request, required_key: str | None, mode: str = "openai") -> None:
    if mode == "azure":
        check_azure_key(request, required_key)
        return
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.strip().partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        raise ApiFailure(401, NO_KEY_MESSAGE)
    if required_key is not None and not hmac.compare_digest(
        key.encode("utf-8", "surrogateescape"), required_key.encode("utf-8", "surrogateescape")
    ):
        raise ApiFailure(401, f"Incorrect API key provided. {KEY_HELP}", code="invalid_api_key")


def _close(request: web.Request) -> None:
    transport = request.transport
    if transport is not None and not transport.is_closing():
        transport.abort()


def _client_gone(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


async def apply_fault(
    request: web.Request, fault: Fault, meter: BodyMeter, sandbox: Sandbox
) -> web.StreamResponse:
    if fault.kind == "status":
        assert fault.status is not None and fault.message is not None
        await read_some(request, meter, None)
        return ApiFailure(fault.status, fault.message, headers=fault.headers).response()
    # drop / stall: take part of the body (half by default), then stop; hang: all of it.
    length = request.content_length
    default = length // 2 if length is not None else UNKNOWN_LENGTH_READ
    if fault.kind == "hang":
        await read_some(request, meter, fault.after_bytes)
        await answers.hold(request, sandbox, fault.seconds)
    else:
        await read_some(request, meter, default if fault.after_bytes is None else fault.after_bytes)
    if fault.kind == "stall":
        seconds = sandbox.plan.stall_seconds if fault.seconds is None else fault.seconds
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not _client_gone(request) and not sandbox.stopping:
            await asyncio.sleep(min(STALL_POLL_SECONDS, max(0.0, deadline - time.monotonic())))
    _close(request)
    raise ConnectionDropped()


def _log_line(entry: LogEntry, seconds: float) -> str:
    status = str(entry.status) if entry.status is not None else "dropped"
    fault = f" fault={entry.fault}" if entry.fault else ""
    query = f"?{entry.query}" if entry.query else ""
    return (
        f"{entry.method} {entry.path}{query} {status} {entry.bytes_received}B {seconds:.2f}s{fault}"
    )


async def _serve(request: web.Request, handler: Handler, sandbox: Sandbox) -> web.StreamResponse:
    """Auth, then the endpoint; every failure becomes the error envelope."""
    try:
        check_auth(request, sandbox.config.api_key, sandbox.config.auth)
        return await handler(request)
    except ApiFailure as failure:
        return failure.response()
    except web.HTTPException as exc:
        return ApiFailure(exc.status, f"Invalid URL ({request.method} {request.path})").response()
    except (ConnectionDropped, answers.AnswerCut, ConnectionError):
        raise
    except Exception:  # a sandbox bug: answer like the real service, keep the details
        traceback.print_exc(file=sys.stderr)
        return ApiFailure(500, default_message(500)).response()


@web.middleware
async def v1_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not (request.path == "/v1" or request.path.startswith("/v1/")):
        return await handler(request)
    sandbox = sandbox_of(request)
    entry = LogEntry(request.method, request.path, request.query_string, time.time())
    sandbox.log.append(entry)
    meter = BodyMeter(entry, sandbox.plan.throughput)
    request[METER_KEY] = meter
    started = time.monotonic()
    fault = sandbox.plan.decide(request.method, request.path)
    entry.fault = fault.label if fault else None
    if (
        request.method == "POST"
        and request.path == "/v1/files"
        and sandbox.plan.files_limit.enabled
    ):
        handler = rate_limited(handler, sandbox.plan.files_limit)
    response: web.StreamResponse
    try:
        if fault is not None and fault.kind in INSTEAD_KINDS:
            handler = answers.replacing(handler, fault)
        if fault is None or fault.kind in ANSWER_KINDS or fault.kind in INSTEAD_KINDS:
            response = await _serve(request, handler, sandbox)
        else:
            response = await apply_fault(request, fault, meter, sandbox)
        if sandbox.plan.latency > 0:
            await asyncio.sleep(sandbox.plan.latency)
        entry.status = response.status
        response.headers["x-request-id"] = "req_" + secrets.token_hex(16)
        if sandbox.plan.clock_skew:
            response.headers["Date"] = formatdate(sandbox.plan.server_time(), usegmt=True)
        if fault is not None and fault.kind in ANSWER_KINDS:  # the work is done; now the answer
            response = await answers.shape(request, response, fault)
    except (ConnectionDropped, answers.AnswerCut, ConnectionError):
        _close(request)
        response = web.Response(status=499)  # never reaches the client: the socket is gone
    finally:
        entry.done = True
        if not sandbox.config.quiet:
            print(_log_line(entry, time.monotonic() - started), file=sys.stderr, flush=True)
    return response
