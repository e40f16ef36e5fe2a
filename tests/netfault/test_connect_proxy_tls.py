"""The CONNECT proxy helper and the sandbox over TLS with a test CA the system trusts."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import truststore
from connect_proxy import ConnectProxy
from tlskit import TrustedCA, make_test_ca

from app.api.config import tls_context

REPO_ROOT = Path(__file__).resolve().parents[2]
AUTH = {"Authorization": "Bearer sk-test"}


@pytest.fixture(scope="module")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> TrustedCA:
    return make_test_ca(tmp_path_factory.mktemp("test-ca"))


@pytest.fixture
def trusted(test_ca: TrustedCA, monkeypatch: pytest.MonkeyPatch) -> TrustedCA:
    """The test CA installed as the system trusts it, for this test and its subprocesses."""
    for name, value in test_ca.env().items():
        monkeypatch.setenv(name, value)
    return test_ca


@pytest.fixture
def tls_sandbox(test_ca: TrustedCA, sandbox: Callable[..., Any]) -> Any:
    proc = sandbox(tls_cert=test_ca.cert_file, tls_key=test_ca.key_file, quiet=True)
    assert proc.base_url.startswith("https://127.0.0.1:")
    return proc


@pytest.fixture
def proxy() -> Iterator[ConnectProxy]:
    with ConnectProxy(username="hoist", password="s3cret") as running:
        yield running


def _files(base_url: str, **client: Any) -> httpx.Response:
    with httpx.Client(verify=tls_context(), trust_env=False, timeout=20, **client) as http:
        return http.get(f"{base_url}/files", headers=AUTH)


def test_the_test_ca_is_trusted_only_once_installed(
    test_ca: TrustedCA, tls_sandbox: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        _files(tls_sandbox.base_url)
    for name, value in test_ca.env().items():
        monkeypatch.setenv(name, value)
    plain = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # the library, not our wrapper
    with httpx.Client(verify=plain, trust_env=False, timeout=20) as http:
        assert http.get(f"{tls_sandbox.base_url}/files", headers=AUTH).status_code == 200


def test_a_subprocess_trusts_it_through_the_environment(
    trusted: TrustedCA, tls_sandbox: Any
) -> None:
    code = (
        "import sys, httpx; from app.api.config import tls_context; "
        "r = httpx.get(sys.argv[1] + '/files', verify=tls_context(), "
        "headers={'Authorization': 'Bearer sk-test'}, trust_env=False); print(r.status_code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, tls_sandbox.base_url],
        cwd=REPO_ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "200", done.stderr[-2000:]


def test_through_the_connect_proxy_to_the_tls_sandbox(
    trusted: TrustedCA, tls_sandbox: Any, proxy: ConnectProxy
) -> None:
    answer = _files(tls_sandbox.base_url, proxy=proxy.url_with("hoist", "s3cret"))
    assert answer.status_code == 200
    assert answer.json()["object"] == "list"
    port = tls_sandbox.base_url.split(":")[2].split("/")[0]
    assert proxy.targets == [f"127.0.0.1:{port}"]
    assert (proxy.connects, proxy.plain_requests, proxy.rejected) == (1, 0, 0)


@pytest.mark.parametrize("credentials", [("hoist", "wrong"), None])
def test_wrong_or_missing_proxy_credentials_get_407(
    trusted: TrustedCA,
    tls_sandbox: Any,
    proxy: ConnectProxy,
    credentials: tuple[str, str] | None,
) -> None:
    url = proxy.url if credentials is None else proxy.url_with(*credentials)
    with pytest.raises(httpx.ProxyError, match="407"):
        _files(tls_sandbox.base_url, proxy=url)
    assert (proxy.rejected, proxy.connects) == (1, 0)


def test_407_names_the_auth_scheme(proxy: ConnectProxy) -> None:
    answer = httpx.get("http://127.0.0.1:9/v1/files", proxy=proxy.url, trust_env=False)
    assert answer.status_code == 407
    assert answer.headers["proxy-authenticate"] == 'Basic realm="hoist-test-proxy"'
    assert proxy.plain_requests == 0  # refused before it counted as one


def test_plain_http_through_the_proxy_is_forwarded_and_counted(
    sandbox: Callable[..., Any],
) -> None:
    plain = sandbox(quiet=True)
    with ConnectProxy() as open_proxy:
        with httpx.Client(proxy=open_proxy.url, trust_env=False, timeout=20) as http:
            answer = http.get(f"{plain.base_url}/files", headers=AUTH)
        assert answer.status_code == 200
        assert (open_proxy.plain_requests, open_proxy.connects) == (1, 0)


def test_the_proxy_refuses_targets_off_this_machine() -> None:
    with ConnectProxy() as open_proxy:
        answer = httpx.get("http://192.0.2.1/v1/files", proxy=open_proxy.url, trust_env=False)
        assert answer.status_code == 403


def _hoist_sandbox(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "sandbox", "--port", "0", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_hoist_sandbox_tls_flags_are_checked(test_ca: TrustedCA, tmp_path: Path) -> None:
    alone = _hoist_sandbox("--tls-cert", str(test_ca.cert_file))
    assert alone.returncode == 2
    assert "--tls-cert and --tls-key go together" in alone.stderr
    bad_key = tmp_path / "not-a-key.pem"
    bad_key.write_text("not a key\n")
    bad = _hoist_sandbox("--tls-cert", str(test_ca.cert_file), "--tls-key", str(bad_key))
    assert bad.returncode == 1
    assert "cannot use the TLS certificate" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_hoist_sandbox_serves_https_with_the_given_certificate(trusted: TrustedCA) -> None:
    tls = ["--tls-cert", str(trusted.cert_file), "--tls-key", str(trusted.key_file)]
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "sandbox", "--port", "0", "--quiet", *tls],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("https://127.0.0.1:")
        assert _files(base_url).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stdout is not None:
            process.stdout.close()
