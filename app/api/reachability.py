"""Telling "we could not talk to the server" apart from "the server said no".

A connect that fails (refused, DNS, network unreachable, TLS handshake) or times out never
reached the server: the network is down. So is a connection that broke before an answer
when a probe (GET /files?limit=1) gets no answer either. Callers that wait out outages (the
engine's job runs) set ``RAISE_WHEN_UNREACHABLE`` for their task: such a failure then raises
``NetworkUnreachable`` at once instead of using up the request's attempts.
"""

from __future__ import annotations

import contextvars
import ssl
from typing import Any

import httpx

RAISE_WHEN_UNREACHABLE: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "hoist_raise_when_unreachable", default=False
)
PROBE_TIMEOUT = 15.0


def never_reached_server(exc: httpx.TransportError) -> bool:
    """A connect-phase failure; a certificate the server showed and we refused is not one."""
    if isinstance(exc, httpx.ConnectTimeout):
        return True
    if not isinstance(exc, httpx.ConnectError):
        return False
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return False
        cause = cause.__cause__ or cause.__context__
    return True


async def server_answers(
    http: httpx.AsyncClient, headers: dict[str, str], params: dict[str, Any]
) -> bool:
    """One cheap probe (GET /files?limit=1, no retries): True when any HTTP answer came back,
    whatever its status; False when the server could not be reached."""
    try:
        async with http.stream(
            "GET", "files", params=params, headers=headers, timeout=PROBE_TIMEOUT
        ) as response:
            return response.status_code > 0
    except httpx.TransportError:
        return False
