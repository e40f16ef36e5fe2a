"""An HTTP proxy on 127.0.0.1 for tests: CONNECT tunnels and plain forwarding, optional Basic
auth (407 + Proxy-Authenticate), and counters of what it was asked. Loopback targets only;
``hosts`` is the proxy's own name table (a name → a loopback address), the way a real proxy
resolves names the client never looks up itself.

    with ConnectProxy(username="u", password="p") as proxy:
        proxy.url_with("u", "p")      # http://u:p@127.0.0.1:PORT
        proxy.connects, proxy.plain_requests, proxy.rejected, proxy.targets
"""

from __future__ import annotations

import base64
import select
import socket
import socketserver

from netfault.proxy_server import LoopbackProxy, ProxyServer

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
HEAD_LIMIT = 64 * 1024
IDLE_TIMEOUT = 60.0


def _split_host_port(authority: str, default_port: int) -> tuple[str, int]:
    if authority.startswith("["):
        host, _, rest = authority[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") else default_port
    host, _, port = authority.rpartition(":")
    if not host:
        return authority, default_port
    return host, int(port)


def _pipe(a: socket.socket, b: socket.socket) -> None:
    """Copy both ways until either side closes."""
    sockets = [a, b]
    while True:
        readable, _, _ = select.select(sockets, [], [], IDLE_TIMEOUT)
        if not readable:
            return
        for source in readable:
            try:
                data = source.recv(256 * 1024)
            except OSError:
                return
            if not data:
                return
            target = b if source is a else a
            try:
                target.sendall(data)
            except OSError:
                return


class _Handler(socketserver.BaseRequestHandler):
    server: ProxyServer

    def handle(self) -> None:
        proxy = self.server.proxy
        client: socket.socket = self.request
        head = b""
        while b"\r\n\r\n" not in head:
            data = client.recv(4096)
            if not data or len(head) > HEAD_LIMIT:
                return
            head += data
        head, _, rest = head.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = [*lines[0].split(" "), "", ""][:3]
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if not proxy.authorized(headers.get("proxy-authorization")):
            proxy.count("rejected")
            client.sendall(
                b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                b'Proxy-Authenticate: Basic realm="hoist-test-proxy"\r\n'
                b"Content-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return
        if method.upper() == "CONNECT":
            self._tunnel(client, target, rest)
        else:
            self._forward(client, method, target, lines[1:], rest)

    def _tunnel(self, client: socket.socket, target: str, rest: bytes) -> None:
        proxy = self.server.proxy
        proxy.count("connects", target)
        host, port = _split_host_port(target, 443)
        upstream = self._open(client, host, port)
        if upstream is None:
            return
        with upstream:
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            if rest:
                upstream.sendall(rest)
            _pipe(client, upstream)

    def _forward(
        self, client: socket.socket, method: str, target: str, header_lines: list[str], rest: bytes
    ) -> None:
        proxy = self.server.proxy
        proxy.count("plain_requests", target)
        if not target.startswith("http://"):
            client.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            return
        authority, _, path = target[len("http://") :].partition("/")
        host, port = _split_host_port(authority, 80)
        upstream = self._open(client, host, port)
        if upstream is None:
            return
        kept = [
            line
            for line in header_lines
            if line.split(":", 1)[0].strip().lower()
            not in {"proxy-authorization", "proxy-connection", "connection"}
        ]
        request = "\r\n".join([f"{method} /{path} HTTP/1.1", *kept, "Connection: close"])
        with upstream:
            upstream.sendall(request.encode("latin-1") + b"\r\n\r\n" + rest)
            _pipe(client, upstream)

    def _open(self, client: socket.socket, host: str, port: int) -> socket.socket | None:
        host = self.server.proxy.hosts.get(host.lower(), host)
        if host not in LOOPBACK:  # test traffic never leaves this machine
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return None
        try:
            return socket.create_connection((host.strip("[]"), port), timeout=10)
        except OSError:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return None


class ConnectProxy(LoopbackProxy):
    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        hosts: dict[str, str] | None = None,
    ) -> None:
        super().__init__(_Handler, hosts)
        self._expected = None
        if username is not None:
            token = base64.b64encode(f"{username}:{password or ''}".encode()).decode()
            self._expected = f"Basic {token}"
        self.plain_requests = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url_with(self, username: str, password: str) -> str:
        return f"http://{username}:{password}@127.0.0.1:{self.port}"

    def authorized(self, header: str | None) -> bool:
        return self._expected is None or header == self._expected
