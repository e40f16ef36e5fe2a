"""Settings: the provider presets and API version, and Test connection showing what the
endpoint supports (real window, real sandbox processes), with nothing uploaded."""

from __future__ import annotations

from typing import Any

from app import known_servers
from app.settings import Profile, Settings
from app.ui.settings_dialog import SettingsDialog

KEY = "sk-test-ui-providers-1234"


def _dialog(qtbot: Any, window: Any) -> SettingsDialog:
    window.commands.settings.trigger()
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: dialog.key_box.saved.text() != "Reading…")
    return dialog


def _test_connection(qtbot: Any, dialog: SettingsDialog) -> tuple[bool, str]:
    dialog.key_box.entry.clear()
    qtbot.keyClicks(dialog.key_box.entry, KEY)
    dialog.key_box.session_only.setChecked(True)  # no keyring needed for this test
    with qtbot.waitSignal(dialog.testFinished, timeout=20000) as blocker:
        dialog.key_box.test_button.click()
    return bool(blocker.args[0]), str(blocker.args[1])


def _choose(dialog: SettingsDialog, provider: str) -> None:
    combo = dialog.provider_fields.provider
    combo.setCurrentIndex(combo.findData(provider))


def test_test_connection_shows_a_server_without_uploads_api_and_remembers_it(
    qtbot: Any, open_window: Any, sandbox: Any
) -> None:
    box = sandbox(quiet=True, api_key=KEY, no_uploads_api=True)
    Settings(profiles={"local": Profile("local", box.base_url, provider="compatible")},
             active_profile="local").save()  # fmt: skip
    window = open_window(None)
    dialog = _dialog(qtbot, window)
    assert dialog.provider_fields.current() == "compatible"
    assert dialog.base_url.text() == box.base_url  # a typed URL is never replaced
    ok, text = _test_connection(qtbot, dialog)
    assert (ok, text) == (True, "Connected.")
    assert dialog.key_box.supports.text().splitlines() == [
        "API key: accepted.",
        "Files API: available.",
        "Uploads API: not available; files up to 512 MB go in one request.",
    ]
    # written off the GUI thread
    qtbot.waitUntil(lambda: known_servers.load(box.base_url).uploads_api is False)
    assert [r["method"] for r in box.requests()] == ["GET", "POST"]  # list, empty /uploads
    assert all(r["status"] != 200 for r in box.requests() if r["method"] == "POST")
    dialog.reject()


def test_azure_preset_api_version_and_the_wrong_provider_hint(
    qtbot: Any, open_window: Any, sandbox: Any
) -> None:
    box = sandbox(quiet=True, api_key=KEY, auth="azure")
    Settings(profiles={"az": Profile("az", box.base_url)}, active_profile="az").save()
    window = open_window(None)
    dialog = _dialog(qtbot, window)
    assert dialog.provider_fields.current() == "openai"
    ok, text = _test_connection(qtbot, dialog)
    assert not ok and text.startswith("API key rejected: This looks like an Azure OpenAI")
    assert "choose the Azure provider" in dialog.key_box.result.text()

    _choose(dialog, "azure")
    assert dialog.base_url.text() == box.base_url  # kept: the user typed it
    dialog.provider_fields.api_version.setText("2024-10-21")
    box.reset_log()
    ok, text = _test_connection(qtbot, dialog)
    assert (ok, text) == (True, "Connected.")
    assert "Uploads API: available" in dialog.key_box.supports.text()
    probed = box.requests()
    assert [r["method"] for r in probed] == ["GET", "POST"]
    assert all(r["query"].endswith("api-version=2024-10-21") for r in probed), probed

    # A new profile: each preset fills its base-URL pattern while the URL is still one.
    dialog.add_button.click()
    _choose(dialog, "azure")
    assert dialog.base_url.text() == "https://RESOURCE.openai.azure.com/openai/v1"
    _choose(dialog, "compatible")
    assert dialog.base_url.text() == "http://localhost:4000/v1"
    _choose(dialog, "azure")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "Replace RESOURCE" in dialog.error.text())
    dialog.list.setCurrentRow(1)
    dialog.remove_button.click()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    saved = Settings.load().profile("az")
    assert (saved.provider, saved.api_version) == ("azure", "2024-10-21")
    qtbot.waitUntil(
        lambda: (
            window.services.connection is not None
            and window.services.connection.provider == "azure"
        ),
        timeout=10000,
    )
