"""httpx's transport, built on the first request that needs it.

Plain-http requests to this computer go through sendfile (app/api/sendfile.py); httpx's
client is then only used to build requests. Building its transport imports httpcore and
makes a TLS context (~55 ms of a command's start here), so on the command line it waits
for a request that httpx itself has to send: https, a proxy, a streamed download.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable

import httpx


class DeferredTransport(httpx.AsyncBaseTransport):
    def __init__(self, build: Callable[[], httpx.AsyncBaseTransport], now: bool) -> None:
        self._build = build
        self._transport: httpx.AsyncBaseTransport | None = build() if now else None
        self.requests = 0  # sent through httpx (the rest went by sendfile)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self._transport is None:
            self._transport = self._build()
        return await self._transport.handle_async_request(request)

    async def aclose(self) -> None:
        if self._transport is not None:
            await self._transport.aclose()


def default_transport(tls: Callable[[], ssl.SSLContext], now: bool) -> DeferredTransport:
    """What httpx.AsyncClient builds itself (HTTP/1.1, its default limits), deferred unless
    ``now`` (the window: its first request must not import httpcore on the GUI thread);
    ``tls`` makes the context that verifies servers."""

    def build() -> httpx.AsyncBaseTransport:
        return httpx.AsyncHTTPTransport(verify=tls(), trust_env=False)

    return DeferredTransport(build, now)
