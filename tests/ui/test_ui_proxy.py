"""Settings → Proxy: a Manual proxy with its password in the real keyring, tested and used by
the window through a real CONNECT proxy to the sandbox over TLS (test CA trusted as the
system does). The sandbox is addressed as sandbox.hoist.test, which only the proxy resolves
(to 127.0.0.1): the window can reach it through the proxy and in no other way, so the
profile starts on that proxy (without its password) and no lookup ever leaves the machine."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from netfault.connect_proxy import ConnectProxy
from netfault.tlskit import TrustedCA, make_test_ca
from uikit import TEST_KEY, make_file, stage

from app.secrets import PROXY_SERVICE, KeyStore
from app.settings import Profile, Settings
from app.ui.settings_dialog import SettingsDialog

NAME = "sandbox.hoist.test"
PROXY_USER, PROXY_PASSWORD = "hoist-ui", "ui-proxy-pw-5150"


@pytest.fixture
def corp(
    tmp_path: Path, sandbox: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Any, ConnectProxy]]:
    """(profile name, TLS sandbox, proxy needing credentials); the password is cleaned up."""
    if not KeyStore().persistent:
        pytest.skip("needs a real Secret Service (CI runs one in a D-Bus session)")
    ca: TrustedCA = make_test_ca(tmp_path / "ca", NAME)
    for name, value in ca.env().items():
        monkeypatch.setenv(name, value)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", TEST_KEY)
    box = sandbox(tls_cert=ca.cert_file, tls_key=ca.key_file, quiet=True)
    profile = f"corp-{uuid.uuid4().hex[:8]}"
    base_url = box.base_url.replace("127.0.0.1", NAME, 1)
    with ConnectProxy(PROXY_USER, PROXY_PASSWORD, hosts={NAME: "127.0.0.1"}) as proxy:
        saved = Profile(profile, base_url, proxy_mode="manual", proxy_url=proxy.url)
        Settings(profiles={profile: saved}, active_profile=profile).save()
        yield profile, box, proxy
    KeyStore().delete_proxy_password(profile)


def _dialog(qtbot: Any, window: Any) -> SettingsDialog:
    window.commands.settings.trigger()
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: dialog.key_box.saved.text() != "Reading…")
    return dialog


def _test_connection(qtbot: Any, dialog: SettingsDialog) -> str:
    with qtbot.waitSignal(dialog.testFinished, timeout=20000) as blocker:
        dialog.key_box.test_button.click()
    return str(blocker.args[1])


def _fill_manual(qtbot: Any, dialog: SettingsDialog, url: str, password: str) -> None:
    box = dialog.proxy_box
    box.mode.setCurrentIndex(box.mode.findData("manual"))
    assert box.url.isEnabled() and box.password.isEnabled()
    box.url.clear()
    qtbot.keyClicks(box.url, url)
    box.user.clear()
    qtbot.keyClicks(box.user, PROXY_USER)
    box.password.clear()
    qtbot.keyClicks(box.password, password)


def test_manual_proxy_in_settings_is_tested_saved_to_the_keyring_and_used(
    qtbot: Any, open_window: Any, corp: tuple[str, Any, ConnectProxy], tmp_path: Path
) -> None:
    profile, box, proxy = corp
    window = open_window(None)
    dialog = _dialog(qtbot, window)
    assert dialog.proxy_box.mode.currentData() == "manual"
    assert dialog.proxy_box.url.text() == proxy.url
    dialog.proxy_box.mode.setCurrentIndex(dialog.proxy_box.mode.findData("system"))
    assert not dialog.proxy_box.url.isEnabled()

    _fill_manual(qtbot, dialog, proxy.url, "not-the-password")
    refused = _test_connection(qtbot, dialog)
    assert f"127.0.0.1:{proxy.port}" in refused and "407" in refused
    assert "Traceback" not in refused and "API key" not in refused
    _fill_manual(qtbot, dialog, proxy.url, PROXY_PASSWORD)
    assert _test_connection(qtbot, dialog) == "Connected."

    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert keyring.get_password(PROXY_SERVICE, profile) == PROXY_PASSWORD
    stored = json.loads(Settings.path().read_text(encoding="utf-8"))["profiles"][0]
    assert (stored["proxy_mode"], stored["proxy_url"], stored["proxy_user"]) == (
        "manual",
        proxy.url,
        PROXY_USER,
    )
    assert PROXY_PASSWORD.encode() not in Settings.path().read_bytes()

    qtbot.waitUntil(  # reconnected with the saved password
        lambda: (
            window.services.engine is not None
            and window.services.connection is not None
            and window.services.connection.proxy.password == PROXY_PASSWORD
        ),
        timeout=10000,
    )
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, "through-proxy.txt", 60_000)])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: tab.model.rows()[0].file_id is not None, timeout=20000)
    assert proxy.connects >= 2 and set(proxy.targets) == {box.base_url.split("/")[2].replace(
        "127.0.0.1", NAME)}  # fmt: skip
    assert any(r["path"] == "/v1/files" and r["method"] == "POST" for r in box.requests())

    again = _dialog(qtbot, window)
    assert again.proxy_box.mode.currentData() == "manual"
    assert again.proxy_box.password.text() == ""
    qtbot.waitUntil(lambda: "Saved" in again.proxy_box.password.placeholderText())
    again.reject()


def test_a_bad_manual_proxy_url_is_refused_on_save(
    qtbot: Any, open_window: Any, corp: tuple[str, Any, ConnectProxy]
) -> None:
    window = open_window(None)
    dialog = _dialog(qtbot, window)
    _fill_manual(qtbot, dialog, "ftp://proxy.example.test:21", "pw")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "must start with http://" in dialog.error.text())
    assert dialog.isVisible()
    assert "ftp://" not in Settings.path().read_text(encoding="utf-8")
    dialog.reject()
