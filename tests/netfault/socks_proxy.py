"""A SOCKS5 proxy on 127.0.0.1 for tests (RFC 1928 CONNECT, optional RFC 1929 user/password),
with counters. Like connect_proxy.py: loopback targets only, ``hosts`` is its name table.

    with SocksProxy(username="u", password="p", hosts={"sandbox.hoist.test": "127.0.0.1"}):
        ...  # socks5://u:p@127.0.0.1:PORT
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import socketserver
import struct

from netfault.connect_proxy import LOOPBACK, _pipe
from netfault.proxy_server import LoopbackProxy, ProxyServer


def _read(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("the client went away")
        data += chunk
    return data


class _Handler(socketserver.BaseRequestHandler):
    server: ProxyServer

    def handle(self) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            self._serve(self.request)

    def _serve(self, client: socket.socket) -> None:
        proxy = self.server.proxy
        version, count = _read(client, 2)
        methods = _read(client, count)
        wanted = 0x02 if proxy.username is not None else 0x00
        if version != 5 or wanted not in methods:
            proxy.count("rejected")
            client.sendall(b"\x05\xff")
            return
        client.sendall(bytes([5, wanted]))
        if wanted == 0x02 and not self._authenticate(client):
            proxy.count("rejected")
            return
        _ver, command, _rsv, kind = _read(client, 4)
        if kind == 1:
            host = socket.inet_ntoa(_read(client, 4))
        elif kind == 3:
            host = _read(client, _read(client, 1)[0]).decode("idna")
        else:
            host = str(ipaddress.IPv6Address(_read(client, 16)))
        (port,) = struct.unpack("!H", _read(client, 2))
        proxy.count("connects", f"{host}:{port}")
        address = proxy.hosts.get(host.lower(), host)
        if command != 1 or address not in LOOPBACK:  # test traffic never leaves this machine
            client.sendall(b"\x05\x02\x00\x01" + bytes(6))
            return
        try:
            upstream = socket.create_connection((address, port), timeout=10)
        except OSError:
            client.sendall(b"\x05\x05\x00\x01" + bytes(6))
            return
        with upstream:
            client.sendall(b"\x05\x00\x00\x01" + bytes(6))
            _pipe(client, upstream)

    def _authenticate(self, client: socket.socket) -> bool:
        proxy = self.server.proxy
        _ver, size = _read(client, 2)
        user = _read(client, size).decode()
        password = _read(client, _read(client, 1)[0]).decode()
        good = (user, password) == (proxy.username, proxy.password)
        client.sendall(b"\x01\x00" if good else b"\x01\x01")
        return good


class SocksProxy(LoopbackProxy):
    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        hosts: dict[str, str] | None = None,
    ) -> None:
        super().__init__(_Handler, hosts)
        self.username, self.password = username, password

    def url(self, scheme: str = "socks5") -> str:
        auth = f"{self.username}:{self.password}@" if self.username is not None else ""
        return f"{scheme}://{auth}127.0.0.1:{self.port}"
