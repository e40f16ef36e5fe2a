"""Client configuration and the transport-security rules."""

from __future__ import annotations

import functools
import ipaddress
import ssl
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx

from app import __version__
from app.api.errors import InsecureTransportError
from app.providers import DEFAULT_PROVIDER

if TYPE_CHECKING:
    from app.api.proxy_setting import ProxySetting

USER_AGENT = f"Hoist/{__version__} (python-httpx)"


@dataclass(frozen=True)
class ClientConfig:
    base_url: str
    api_key: str | None = field(repr=False)
    organization: str | None = None
    project: str | None = None
    max_attempts: int = 5
    stall_timeout: float = 60.0
    connect_timeout: float = 30.0
    provider: str = DEFAULT_PROVIDER  # app.providers: how the key is sent, which answers
    api_version: str | None = None  # sent as ?api-version= on every request when set
    proxy: ProxySetting | None = None  # None: the system's (environment / OS settings)
    # An answer that brings fewer than this many bytes in stall_timeout seconds is a stall.
    min_answer_bytes: int = 1024
    # Seconds from a request sent to its answer read in full (complete's is longer: the
    # server joins and checks every part before it answers).
    answer_deadline: float = 120.0
    complete_deadline: float = 900.0
    # Read request bodies on the event loop thread (brief blocking reads, no thread hops):
    # for the CLI; the window keeps its loop free and reads ahead in worker threads.
    read_on_loop: bool = False
    # Plain-http bodies to this computer sent by the kernel (os.sendfile, on the loop thread,
    # so it may block briefly on a cold disk like read_on_loop); never over TLS.
    sendfile: bool = False


@functools.lru_cache(maxsize=64)  # asked for every request (sendfile, proxy)
def is_loopback_host(host: str) -> bool:
    """This computer by name or address, "*.localhost" included (for sending, not for keys)."""
    name = _host_name(host)
    return name.endswith(".localhost") or allows_plain_http(name)


def _host_name(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


@functools.lru_cache(maxsize=64)  # asked for every request (the key's transport check)
def allows_plain_http(host: str) -> bool:
    """Only a literal loopback address or exactly "localhost" (which resolvers keep on this
    computer); not "*.localhost", which a DNS server may send anywhere."""
    host = _host_name(host)
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_transport(url: httpx.URL, has_key: bool) -> None:
    """Refuse to send a key over plain http unless the host is surely this computer.

    Loopback base URLs never use a proxy (app/api/proxy.py, route_for), so the host checked
    here is the address actually connected to."""
    if url.scheme == "https" or not has_key:
        return
    if url.scheme == "http" and allows_plain_http(url.host):
        return
    raise InsecureTransportError(
        f"Hoist will not send your API key over unencrypted {url.scheme}:// to {url.host}; "
        "use an https:// base URL (plain http is allowed only to 127.0.0.1, ::1 or localhost)."
    )


def tls_context() -> ssl.SSLContext:
    """TLS verified against the operating system's trust store."""
    import truststore

    context: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return context


def build_timeout(config: ClientConfig) -> httpx.Timeout:
    """No byte moving for stall_timeout, either way, aborts the attempt."""
    return httpx.Timeout(
        connect=config.connect_timeout,
        read=config.stall_timeout,
        write=config.stall_timeout,
        pool=None,
    )
