"""Test-only control endpoints under /_sandbox (no auth, never subject to faults)."""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web

from app.sandbox.context import sandbox_of


def _settings(request: web.Request) -> dict[str, Any]:
    sandbox = sandbox_of(request)
    return {**sandbox.plan.snapshot(), "upload_ttl": sandbox.store.upload_ttl}


def _problem(message: str) -> web.Response:
    return web.json_response(
        {
            "error": {
                "message": message,
                "type": "invalid_request_error",
                "param": None,
                "code": None,
            }
        },
        status=400,
    )


async def get_requests(request: web.Request) -> web.Response:
    entries = [entry.to_json() for entry in sandbox_of(request).log]
    return web.json_response({"requests": entries})


async def get_received(request: web.Request) -> web.Response:
    """Body bytes read so far (over the request log) and the sandbox's monotonic clock now:
    two readings give the rate at which bytes really arrived."""
    log = sandbox_of(request).log
    total = sum(entry.bytes_received for entry in log)
    return web.json_response({"bytes": total, "at": time.monotonic()})


async def reset_log(request: web.Request) -> web.Response:
    sandbox_of(request).log.clear()
    return web.json_response({"ok": True})


async def get_faults(request: web.Request) -> web.Response:
    return web.json_response(_settings(request))


async def set_faults(request: web.Request) -> web.Response:
    """Partial update of the fault settings (and upload_ttl); answers with all settings."""
    sandbox = sandbox_of(request)
    try:
        data = json.loads(await request.read() or b"{}")
    except ValueError:
        return _problem("The body must be JSON.")
    if not isinstance(data, dict):
        return _problem("The body must be a JSON object.")
    ttl = data.pop("upload_ttl", None)
    if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, int | float) or ttl <= 0):
        return _problem("upload_ttl must be a positive number of seconds.")
    try:
        sandbox.plan.update(data)
    except ValueError as exc:
        return _problem(str(exc))
    if ttl is not None:
        sandbox.store.upload_ttl = float(ttl)
    return web.json_response(_settings(request))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/_sandbox/requests", get_requests)
    app.router.add_get("/_sandbox/received", get_received)
    app.router.add_post("/_sandbox/reset-log", reset_log)
    app.router.add_get("/_sandbox/faults", get_faults)
    app.router.add_post("/_sandbox/faults", set_faults)
