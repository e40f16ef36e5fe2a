"""`hoist upload` through a real HTTP CONNECT proxy on 127.0.0.1 to the sandbox over TLS,
with a test CA installed the way the system trusts it: --proxy, a profile's Manual proxy
with its password in the keyring, 407 without it, and --proxy none past HTTPS_PROXY.

A loopback base URL never goes through a proxy, so the sandbox is addressed by a name,
sandbox.hoist.test, that the proxy and the hoist process (tests/netfault/testhosts.py)
both resolve to 127.0.0.1: all traffic stays on this machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from netfault.connect_proxy import ConnectProxy
from netfault.socks_proxy import SocksProxy
from netfault.testhosts import hosts_env
from netfault.tlskit import TrustedCA, make_test_ca

from app.secrets import KeyStore
from app.settings import Preferences, Profile, Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-cli-proxy-0001"
MiB = 1024 * 1024
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
NAME = "sandbox.hoist.test"
HOSTS = {NAME: "127.0.0.1"}


@pytest.fixture(scope="module")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> TrustedCA:
    return make_test_ca(tmp_path_factory.mktemp("test-ca"), NAME)


@pytest.fixture
def tls_sandbox(test_ca: TrustedCA, sandbox: Callable[..., Any]) -> Any:
    proc = sandbox(tls_cert=test_ca.cert_file, tls_key=test_ca.key_file, quiet=True)
    assert proc.base_url.startswith("https://127.0.0.1:")
    return proc


@pytest.fixture
def named_url(tls_sandbox: Any) -> str:
    """The TLS sandbox's base URL by its test name (not loopback to Hoist's rules)."""
    return str(tls_sandbox.base_url).replace("127.0.0.1", NAME, 1)


@pytest.fixture
def trusted(test_ca: TrustedCA, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> TrustedCA:
    """The test CA trusted here (to read the sandbox's log) and in every hoist run."""
    for name, value in test_ca.env().items():
        monkeypatch.setenv(name, value)
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in hosts_env(tmp_path, HOSTS).items():
        monkeypatch.setenv(name, value)
    return test_ca


@pytest.fixture
def open_proxy() -> Iterator[ConnectProxy]:
    with ConnectProxy(hosts=HOSTS) as running:
        yield running


@pytest.fixture
def auth_proxy() -> Iterator[ConnectProxy]:
    with ConnectProxy(username="hoist-user", password="proxy-pw-7f3a", hosts=HOSTS) as running:
        yield running


@pytest.fixture
def keyring_profile() -> Iterator[str]:
    """A profile name whose proxy password lives in the real keyring for this test."""
    store = KeyStore()
    if not store.persistent:
        if os.environ.get("HOIST_EXPECT_SECRET_SERVICE"):
            pytest.fail(f"expected a Secret Service, keyring chose {store.backend_name}")
        pytest.skip("no Secret Service on this machine (CI runs one)")
    name = f"proxy-test-{uuid.uuid4().hex[:12]}"
    yield name
    store.delete_proxy_password(name)


def hoist(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO_ROOT,
        env=dict(os.environ, OPENAI_API_KEY=KEY, **(env or {})),
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


def data_file(folder: Path, size: int, name: str = "notes.txt") -> Path:
    path = folder / name
    path.write_bytes(os.urandom(size))
    return path


def upload(path: Path, base_url: str, *extra: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return hoist("upload", str(path), "--purpose", "user_data", "--json",
                 "--base-url", base_url, *extra, **kw)  # fmt: skip


def completed(run: subprocess.CompletedProcess[str], size: int) -> dict[str, Any]:
    assert run.returncode == 0, run.stderr[-3000:]
    record: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    assert record["status"] == "completed", record
    assert record["file"]["bytes"] == size
    return record


def authority(base_url: str) -> str:
    return base_url.split("://", 1)[1].split("/", 1)[0]


def api_requests(box: Any) -> list[dict[str, Any]]:
    return [r for r in box.requests() if r["path"].startswith("/v1/")]


def save_profile(name: str, base_url: str, **proxy: Any) -> None:
    settings = Settings()
    settings.profiles[name] = Profile(name, base_url, **proxy)
    settings.prefs = Preferences(max_attempts=2)
    settings.save()


def test_upload_in_parts_through_the_proxy_option(
    trusted: TrustedCA, tls_sandbox: Any, named_url: str, open_proxy: ConnectProxy, tmp_path: Path
) -> None:
    size = 3 * MiB + 12345
    path = data_file(tmp_path, size, "big.bin")
    run = upload(path, named_url, "--proxy", open_proxy.url,
                 "--method", "uploads", "--part-size", "1MiB")  # fmt: skip
    completed(run, size)
    assert open_proxy.connects >= 1
    assert set(open_proxy.targets) == {authority(named_url)}
    assert (open_proxy.plain_requests, open_proxy.rejected) == (0, 0)
    parts = [r for r in api_requests(tls_sandbox) if r["path"].endswith("/parts")]
    assert len(parts) == 4


def test_upload_through_a_profile_manual_proxy_with_the_password_in_the_keyring(
    trusted: TrustedCA,
    tls_sandbox: Any,
    named_url: str,
    auth_proxy: ConnectProxy,
    keyring_profile: str,
    tmp_path: Path,
) -> None:
    save_profile(keyring_profile, named_url, proxy_mode="manual",
                 proxy_url=auth_proxy.url, proxy_user="hoist-user")  # fmt: skip
    KeyStore().set_proxy_password(keyring_profile, "proxy-pw-7f3a")
    path = data_file(tmp_path, 200_000)
    run = hoist("upload", str(path), "--purpose", "user_data", "--json",
                "--profile", keyring_profile)  # fmt: skip
    completed(run, 200_000)
    assert auth_proxy.rejected == 0
    assert auth_proxy.connects >= 1
    assert set(auth_proxy.targets) == {authority(named_url)}
    assert b"proxy-pw-7f3a" not in Settings.path().read_bytes()
    assert "proxy-pw-7f3a" not in run.stdout + run.stderr


def _assert_one_clear_407_line(run: subprocess.CompletedProcess[str], proxy: ConnectProxy) -> None:
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    named = [line for line in run.stderr.splitlines() if f"127.0.0.1:{proxy.port}" in line]
    assert len(named) == 1, run.stderr
    assert "407" in named[0] and "proxy" in named[0].lower()
    assert proxy.rejected >= 1 and proxy.connects == 0


def test_a_profile_proxy_without_its_keyring_password_fails_clearly(
    trusted: TrustedCA,
    tls_sandbox: Any,
    named_url: str,
    auth_proxy: ConnectProxy,
    keyring_profile: str,
    tmp_path: Path,
) -> None:
    save_profile(keyring_profile, named_url, proxy_mode="manual",
                 proxy_url=auth_proxy.url, proxy_user="hoist-user")  # fmt: skip
    path = data_file(tmp_path, 200_000)
    run = hoist("upload", str(path), "--purpose", "user_data", "--profile", keyring_profile)
    _assert_one_clear_407_line(run, auth_proxy)
    assert api_requests(tls_sandbox) == []


def test_a_wrong_keyring_password_fails_clearly(
    trusted: TrustedCA,
    tls_sandbox: Any,
    named_url: str,
    auth_proxy: ConnectProxy,
    keyring_profile: str,
    tmp_path: Path,
) -> None:
    save_profile(keyring_profile, named_url, proxy_mode="manual",
                 proxy_url=auth_proxy.url, proxy_user="hoist-user")  # fmt: skip
    KeyStore().set_proxy_password(keyring_profile, "not-the-password")
    path = data_file(tmp_path, 200_000)
    run = hoist("upload", str(path), "--purpose", "user_data", "--profile", keyring_profile)
    _assert_one_clear_407_line(run, auth_proxy)
    assert "not-the-password" not in run.stdout + run.stderr


def test_the_proxy_option_without_credentials_gets_a_clear_407(
    trusted: TrustedCA, tls_sandbox: Any, named_url: str, auth_proxy: ConnectProxy, tmp_path: Path
) -> None:
    path = data_file(tmp_path, 200_000)
    run = upload(path, named_url, "--proxy", auth_proxy.url)
    _assert_one_clear_407_line(run, auth_proxy)
    listing = hoist("files", "list", "--base-url", named_url,
                    "--proxy", auth_proxy.url)  # fmt: skip
    _assert_one_clear_407_line(listing, auth_proxy)
    with_them = hoist("files", "list", "--base-url", named_url,
                      "--proxy", auth_proxy.url_with("hoist-user", "proxy-pw-7f3a"))  # fmt: skip
    assert with_them.returncode == 0, with_them.stderr


def test_proxy_none_bypasses_https_proxy_from_the_environment(
    trusted: TrustedCA, tls_sandbox: Any, named_url: str, open_proxy: ConnectProxy, tmp_path: Path
) -> None:
    path = data_file(tmp_path, 150_000)
    environment = {"HTTPS_PROXY": open_proxy.url}
    completed(upload(path, named_url, "--proxy", "none", env=environment), 150_000)
    assert (open_proxy.connects, open_proxy.plain_requests) == (0, 0)
    # the same run without --proxy none does go through it (System is the default)
    completed(upload(path, named_url, "--no-resume", env=environment), 150_000)
    assert open_proxy.connects >= 1


def test_a_loopback_http_base_url_never_goes_through_the_proxy(
    sandbox: Callable[..., Any], open_proxy: ConnectProxy, tmp_path: Path
) -> None:
    box = sandbox(quiet=True)
    path = data_file(tmp_path, 100_000)
    environment = {"HTTP_PROXY": open_proxy.url, "ALL_PROXY": open_proxy.url}
    completed(upload(path, box.base_url, env=environment), 100_000)
    completed(upload(path, box.base_url, "--no-resume", "--proxy", open_proxy.url), 100_000)
    assert (open_proxy.connects, open_proxy.plain_requests, open_proxy.rejected) == (0, 0, 0)


def test_plain_http_to_another_host_is_refused_even_through_a_proxy(
    open_proxy: ConnectProxy, tmp_path: Path
) -> None:
    path = data_file(tmp_path, 1000)
    run = upload(path, "http://files.example.test/v1", "--proxy", open_proxy.url)
    assert run.returncode == 1
    assert "unencrypted" in run.stderr and "Traceback" not in run.stderr
    assert KEY not in run.stderr
    assert (open_proxy.connects, open_proxy.plain_requests) == (0, 0)  # nothing was sent


def test_tls_is_still_verified_through_the_proxy(
    trusted: TrustedCA, tls_sandbox: Any, named_url: str, open_proxy: ConnectProxy, tmp_path: Path
) -> None:
    save_profile("default", named_url)
    path = data_file(tmp_path, 1000)
    untrusting = {"SSL_CERT_FILE": os.devnull}
    run = upload(path, named_url, "--proxy", open_proxy.url, env=untrusting)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr  # not retried: the same certificate would come back
    assert f"The certificate of {NAME} through the proxy 127.0.0.1:{open_proxy.port}" in lines[0]
    assert "is not trusted" in lines[0] and "trust store" in lines[0]
    assert open_proxy.connects >= 1  # the tunnel opened; the handshake inside it failed
    assert api_requests(tls_sandbox) == []


def test_a_bad_proxy_option_is_one_line(tmp_path: Path) -> None:
    run = upload(data_file(tmp_path, 10), "https://127.0.0.1:9/v1", "--proxy", "ftp://x:21")
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        'hoist: --proxy: The proxy URL must start with http://, https:// or socks5:// (not "ftp").'
    ]


@pytest.mark.parametrize("scheme", ["socks5", "socks5h"])
def test_upload_through_a_socks5_proxy_with_a_password(
    trusted: TrustedCA, tls_sandbox: Any, named_url: str, tmp_path: Path, scheme: str
) -> None:
    path = data_file(tmp_path, 120_000)
    with SocksProxy(username="sox", password="sox-pw-99", hosts=HOSTS) as socks:
        completed(upload(path, named_url, "--proxy", socks.url(scheme)), 120_000)
        assert socks.connects >= 1 and socks.rejected == 0
        assert set(socks.targets) == {authority(named_url)}  # the name, resolved by the proxy
        wrong = f"{scheme}://sox:wrong@127.0.0.1:{socks.port}"
        run = upload(data_file(tmp_path, 1000, "other.txt"), named_url, "--proxy", wrong)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and f"The proxy 127.0.0.1:{socks.port}" in lines[0], run.stderr
    assert socks.rejected == 1, run.stderr
