"""A proxy setting as the user chose it: System (environment / OS settings), None, or Manual
(an HTTP or SOCKS5 URL, with the user name and password kept apart from it). Checked here;
app/api/proxy.py turns it into the route the client takes."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from enum import StrEnum

import httpx

from app.api.errors import ApiError

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


class ProxyMode(StrEnum):
    SYSTEM = "system"  # the environment (HTTPS_PROXY, ALL_PROXY, NO_PROXY) or OS settings
    NONE = "none"  # always connect directly
    MANUAL = "manual"  # the profile's (or --proxy) URL


class ProxyConfigError(ApiError, ValueError):
    """A proxy setting that cannot be used; the message says why."""


@dataclass(frozen=True)
class ProxySetting:
    """What the user chose. ``url`` carries no credentials; they are kept apart."""

    mode: ProxyMode = ProxyMode.SYSTEM
    url: str | None = None
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.mode is ProxyMode.MANUAL and not self.url:
            raise ProxyConfigError("A manual proxy needs a URL (http://HOST:PORT or socks5://…).")

    @classmethod
    def from_fields(
        cls,
        mode: str,
        url: str | None = None,
        username: str | None = None,
        password: str | None = None,
    ) -> ProxySetting:
        """From a profile's stored fields (the password from the keyring)."""
        try:
            chosen = ProxyMode(mode)
        except ValueError:
            raise ProxyConfigError(
                f'Unknown proxy setting "{mode}": use system, none or manual.'
            ) from None
        if chosen is not ProxyMode.MANUAL:
            return cls(chosen)
        clean, url_user, url_password = split_proxy_url(url or "")
        return cls(chosen, clean, username or url_user, password or url_password)

    @classmethod
    def from_option(cls, text: str, profile: ProxySetting | None = None) -> ProxySetting:
        """``--proxy URL|none|system``. A URL without credentials borrows the profile's when
        it names the same proxy (so the password can stay in the keyring)."""
        word = text.strip().lower()
        if word in (ProxyMode.NONE, ProxyMode.SYSTEM):
            return cls(ProxyMode(word))
        clean, username, password = split_proxy_url(text)
        if username is None and profile is not None and profile.url == clean:
            username, password = profile.username, profile.password
        return cls(ProxyMode.MANUAL, clean, username, password)


def split_proxy_url(text: str) -> tuple[str, str | None, str | None]:
    """ "user:pw@host:port" → ("http://host:port", "user", "pw"); checks the URL."""
    text = text.strip()
    if not text:
        raise ProxyConfigError("The proxy URL is empty.")
    if "://" not in text:
        text = "http://" + text
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL as exc:
        raise ProxyConfigError(f"The proxy URL is not valid: {exc}.") from None
    if url.scheme not in PROXY_SCHEMES:
        raise ProxyConfigError(
            f'The proxy URL must start with http://, https:// or socks5:// (not "{url.scheme}").'
        )
    if not url.host:
        raise ProxyConfigError("The proxy URL has no host name.")
    if url.port is not None and not 0 < url.port < 65536:
        raise ProxyConfigError(f"The proxy port {url.port} is not valid (1 to 65535).")
    if url.path not in ("", "/") or url.query or url.fragment:
        raise ProxyConfigError("The proxy URL is only scheme://HOST:PORT, without a path.")
    username = urllib.parse.unquote(url.username) if url.username else None
    password = urllib.parse.unquote(url.password) if url.password else None
    host = f"[{url.host}]" if ":" in url.host else url.host
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{host}{port}", username, password
