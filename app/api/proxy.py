"""Which proxy the client goes through, decided in one place (route_for).

The transport rules hold through any proxy: a loopback base URL never goes through one, and
the key is never sent in plain text to another host (an https base URL is tunnelled through
the proxy with CONNECT, or SOCKS, and TLS is verified end to end against the OS trust store).
"""

from __future__ import annotations

import ssl
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from app.api.config import is_loopback_host
from app.api.proxy_setting import (
    ProxyConfigError,
    ProxyMode,
    ProxySetting,
    split_proxy_url,
)

__all__ = [
    "ProxyConfigError",
    "ProxyMode",
    "ProxyRoute",
    "ProxySetting",
    "route_for",
    "split_proxy_url",
    "system_proxy_for",
]


def system_proxy_for(url: httpx.URL) -> str | None:
    """The proxy the environment or OS settings give for url (None: connect directly)."""
    proxies = urllib.request.getproxies()
    chosen = proxies.get(url.scheme) or proxies.get("all")
    if not chosen:
        return None
    authority = f"{url.host}:{url.port}" if url.port else url.host
    if urllib.request.proxy_bypass(authority):  # NO_PROXY, or the OS's exceptions
        return None
    return chosen if "://" in chosen else "http://" + chosen


@dataclass(frozen=True)
class ProxyRoute:
    """How the client reaches the base URL: directly, or through ``proxy``."""

    proxy: httpx.Proxy | None = None
    label: str | None = None  # "proxy.example:3128", for messages (never credentials)


def route_for(
    base_url: httpx.URL,
    setting: ProxySetting | None,
    tls: Callable[[], ssl.SSLContext],
) -> ProxyRoute:
    """The one place that decides whether and through what the client connects.
    ``tls`` builds the context for an https:// proxy."""
    setting = setting or ProxySetting()
    if is_loopback_host(base_url.host) or setting.mode is ProxyMode.NONE:
        return ProxyRoute()
    if setting.mode is ProxyMode.MANUAL:
        assert setting.url is not None
        url, username, password = setting.url, setting.username, setting.password
    else:
        found = system_proxy_for(base_url)
        if found is None:
            return ProxyRoute()
        url, username, password = split_proxy_url(found)
    parsed = httpx.URL(url)
    auth = (username, password or "") if username else None
    context = tls() if parsed.scheme == "https" else None
    label = f"{parsed.host}:{parsed.port}" if parsed.port else parsed.host
    return ProxyRoute(httpx.Proxy(parsed, auth=auth, ssl_context=context), label)
