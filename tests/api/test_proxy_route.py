"""app.api.proxy: which proxy a base URL goes through, and how a setting is read.
Pure decisions, no sockets (tests/cli/test_proxy_cli.py sends real traffic)."""

from __future__ import annotations

import ssl

import httpx
import pytest

from app.api.config import tls_context
from app.api.proxy import (
    ProxyConfigError,
    ProxyMode,
    ProxyRoute,
    ProxySetting,
    route_for,
    split_proxy_url,
)

HTTPS_BASE = httpx.URL("https://api.example.test/v1/")
MANUAL = ProxySetting(ProxyMode.MANUAL, "http://proxy.example.test:3128", "ann", "pw-123456")


@pytest.fixture(autouse=True)
def no_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def _route(base: httpx.URL, setting: ProxySetting | None) -> ProxyRoute:
    return route_for(base, setting, tls_context)


@pytest.mark.parametrize(
    "base", ["http://127.0.0.1:8080/v1/", "https://localhost/v1/", "http://[::1]:9/v1/"]
)
def test_a_loopback_base_url_never_goes_through_any_proxy(
    base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.example.test:3128")
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.test:3128")
    monkeypatch.setenv("ALL_PROXY", "socks5://proxy.example.test:1080")
    for setting in (None, ProxySetting(), MANUAL):
        assert _route(httpx.URL(base), setting).proxy is None


def test_manual_proxy_carries_its_credentials_apart_from_the_url() -> None:
    route = _route(HTTPS_BASE, MANUAL)
    assert route.proxy is not None
    assert str(route.proxy.url) == "http://proxy.example.test:3128"
    assert route.proxy.auth == ("ann", "pw-123456")
    assert route.label == "proxy.example.test:3128"
    assert "pw-123456" not in repr(MANUAL) + repr(route.proxy)


def test_none_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.test:3128")
    assert _route(HTTPS_BASE, ProxySetting(ProxyMode.NONE)).proxy is None
    assert _route(HTTPS_BASE, ProxySetting()).proxy is not None


def test_system_reads_the_environment_and_honours_no_proxy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _route(HTTPS_BASE, ProxySetting()).proxy is None
    monkeypatch.setenv("HTTPS_PROXY", "bob:s3cret@proxy.example.test:8080")
    route = _route(HTTPS_BASE, ProxySetting())
    assert route.proxy is not None
    assert str(route.proxy.url) == "http://proxy.example.test:8080"
    assert route.proxy.auth == ("bob", "s3cret")
    monkeypatch.setenv("NO_PROXY", "example.test")
    assert _route(HTTPS_BASE, ProxySetting()).proxy is None


def test_system_falls_back_to_all_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALL_PROXY", "socks5://proxy.example.test:1080")
    route = _route(HTTPS_BASE, None)
    assert route.proxy is not None and route.proxy.url.scheme == "socks5"


def test_an_https_proxy_is_verified_against_the_os_trust_store() -> None:
    route = _route(HTTPS_BASE, ProxySetting(ProxyMode.MANUAL, "https://proxy.example.test"))
    assert route.proxy is not None
    assert isinstance(route.proxy.ssl_context, ssl.SSLContext)
    assert route.proxy.ssl_context.verify_mode is ssl.CERT_REQUIRED
    assert _route(HTTPS_BASE, MANUAL).proxy.ssl_context is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("proxy.example.test:3128", ("http://proxy.example.test:3128", None, None)),
        ("socks5://u:p%40ss@127.0.0.1:1080", ("socks5://127.0.0.1:1080", "u", "p@ss")),
        ("socks5h://[::1]:1080/", ("socks5h://[::1]:1080", None, None)),
        (" https://proxy.example.test ", ("https://proxy.example.test", None, None)),
    ],
)
def test_proxy_urls_are_split_into_url_and_credentials(
    text: str, expected: tuple[str, str | None, str | None]
) -> None:
    assert split_proxy_url(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("ftp://proxy.example.test", "must start with http://, https:// or socks5://"),
        ("http://proxy.example.test:3128/path", "without a path"),
        ("http://proxy.example.test:99999", "port 99999 is not valid"),
        ("http://[::1", "not valid"),
        ("http://:3128", "no host name"),
    ],
)
def test_bad_proxy_urls_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ProxyConfigError, match=message):
        split_proxy_url(text)


def test_the_option_words_and_borrowed_credentials() -> None:
    assert ProxySetting.from_option("none") == ProxySetting(ProxyMode.NONE)
    assert ProxySetting.from_option(" SYSTEM ", MANUAL) == ProxySetting(ProxyMode.SYSTEM)
    same = ProxySetting.from_option("proxy.example.test:3128", MANUAL)
    assert (same.username, same.password) == ("ann", "pw-123456")
    other = ProxySetting.from_option("http://other.example.test:3128", MANUAL)
    assert (other.username, other.password) == (None, None)  # never sent to another proxy
    given = ProxySetting.from_option("http://bo:pw@proxy.example.test:3128", MANUAL)
    assert (given.username, given.password) == ("bo", "pw")


def test_stored_fields_are_checked() -> None:
    assert ProxySetting.from_fields("none", "junk") == ProxySetting(ProxyMode.NONE)
    manual = ProxySetting.from_fields("manual", "proxy.example.test:3128", "ann", "pw")
    assert manual == ProxySetting(ProxyMode.MANUAL, "http://proxy.example.test:3128", "ann", "pw")
    with pytest.raises(ProxyConfigError, match="needs a URL"):
        ProxySetting(ProxyMode.MANUAL)
    with pytest.raises(ProxyConfigError, match="Unknown proxy setting"):
        ProxySetting.from_fields("sometimes")
