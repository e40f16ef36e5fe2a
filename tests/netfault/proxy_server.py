"""What the test proxies (connect_proxy, socks_proxy) share: a threaded server on 127.0.0.1
with the proxy object reachable from each handler, the name table, the counters the tests
read, and start/stop as a context manager."""

from __future__ import annotations

import contextlib
import socketserver
import threading
from types import TracebackType
from typing import Any, Self


class ProxyServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, proxy: Any, handler: type[socketserver.BaseRequestHandler]) -> None:
        self.proxy = proxy
        super().__init__(("127.0.0.1", 0), handler)


class LoopbackProxy:
    """``hosts``: the proxy's own name table (a name → a loopback address). Counters:
    ``connects``, ``rejected`` and the ``targets`` asked for."""

    def __init__(
        self, handler: type[socketserver.BaseRequestHandler], hosts: dict[str, str] | None
    ) -> None:
        self.hosts = {name.lower(): address for name, address in (hosts or {}).items()}
        self._lock = threading.Lock()
        self.connects = 0
        self.rejected = 0
        self.targets: list[str] = []
        self._server = ProxyServer(self, handler)
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def count(self, counter: str, target: str | None = None) -> None:
        with self._lock:
            setattr(self, counter, getattr(self, counter) + 1)
            if target is not None:
                self.targets.append(target)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
