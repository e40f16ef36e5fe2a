"""Settings: the key goes to the real keyring (never a file), Test connection, session-only
keys when there is no keyring, preferences saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from uikit import files_under, make_file, stage

from app.secrets import SERVICE, KeyStore
from app.settings import Profile, Settings
from app.ui.settings_dialog import SettingsDialog

RIGHT_KEY = "sk-test-right-key-4567"


def _save_profile(base_url: str, name: str = "work") -> None:
    Settings(profiles={name: Profile(name, base_url)}, active_profile=name).save()


def _dialog(qtbot: Any, window: Any) -> SettingsDialog:
    window.commands.settings.trigger()
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: dialog.key_box.saved.text() != "Reading…")
    return dialog


def _test_connection(qtbot: Any, dialog: SettingsDialog, key: str) -> str:
    dialog.key_box.entry.clear()
    qtbot.keyClicks(dialog.key_box.entry, key)
    with qtbot.waitSignal(dialog.testFinished, timeout=20000) as blocker:
        dialog.key_box.test_button.click()
    return str(blocker.args[1])


def test_key_goes_to_the_keyring_and_never_into_a_file(
    qtbot: Any, open_window: Any, sandbox: Any, hoist_home: Path, tmp_path: Path
) -> None:
    store = KeyStore()
    if not store.persistent:
        pytest.skip("needs a real Secret Service (CI runs one in a D-Bus session)")
    import keyring

    sb = sandbox(api_key=RIGHT_KEY)
    _save_profile(sb.base_url)
    window = open_window(None)
    dialog = _dialog(qtbot, window)
    assert dialog.key_box.saved.text() == "No key saved"
    assert not dialog.key_box.session_only.isChecked()

    wrong = _test_connection(qtbot, dialog, "sk-test-wrong-0000")
    assert wrong.startswith("API key rejected")
    assert dialog.key_box.result.text().startswith("✗ API key rejected")
    assert _test_connection(qtbot, dialog, RIGHT_KEY) == "Connected."

    dialog.concurrency.setValue(3)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    try:
        assert keyring.get_password(SERVICE, "work") == RIGHT_KEY
        assert Settings.load().prefs.concurrency == 3
        # The key is in no file under HOIST_HOME (settings, journal, logs, anything).
        qtbot.waitUntil(
            lambda: (
                window.services.engine is not None
                and window.services.connection is not None
                and window.services.connection.api_key == RIGHT_KEY
            ),
            timeout=10000,
        )
        tab = window.queue_tab
        stage(qtbot, tab, [make_file(tmp_path, "after-login.txt", 50_000)])
        tab.upload_button.click()
        qtbot.waitUntil(lambda: tab.model.rows()[0].file_id is not None, timeout=20000)
        found = [p for p in files_under(hoist_home) if RIGHT_KEY.encode() in p.read_bytes()]
        assert found == []
        assert files_under(hoist_home)  # the check looked at real files

        # Shown masked when the dialog opens again.
        dialog = _dialog(qtbot, window)
        assert dialog.key_box.saved.text() == "sk-…4567"
        assert RIGHT_KEY not in dialog.key_box.entry.text()
        dialog.reject()
    finally:
        keyring.delete_password(SERVICE, "work")


def test_without_a_keyring_the_key_is_for_this_session_only(
    qtbot: Any, open_window: Any, sandbox: Any, monkeypatch: pytest.MonkeyPatch, hoist_home: Path
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    KeyStore._shared = None
    sb = sandbox(api_key=RIGHT_KEY)
    _save_profile(sb.base_url)
    window = open_window(None)
    dialog = _dialog(qtbot, window)
    assert dialog.key_box.warning.isVisibleTo(dialog)
    assert "no system keyring" in dialog.key_box.warning.text()
    assert dialog.key_box.session_only.isChecked()
    assert not dialog.key_box.session_only.isEnabled()
    assert _test_connection(qtbot, dialog, RIGHT_KEY) == "Connected."
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(
        lambda: (
            window.services.connection is not None
            and window.services.connection.api_key == RIGHT_KEY
        ),
        timeout=10000,
    )
    dialog = _dialog(qtbot, window)
    assert dialog.key_box.saved.text() == "sk-…4567 (this session only)"
    dialog.reject()
    assert [p for p in files_under(hoist_home) if RIGHT_KEY.encode() in p.read_bytes()] == []
    KeyStore._shared = None


def test_profiles_are_added_removed_and_the_selected_one_is_used(
    qtbot: Any, open_window: Any, sandbox: Any
) -> None:
    first, second = sandbox(), sandbox()
    _save_profile(first.base_url)
    window = open_window(None)
    dialog = _dialog(qtbot, window)
    dialog.add_button.click()
    assert dialog.list.count() == 2 and not dialog.name.isReadOnly()
    dialog.name.setText("staging")
    dialog.base_url.setText(second.base_url)
    dialog.organization.setText("org-test")
    qtbot.keyClicks(dialog.key_box.entry, "sk-test-staging-9999")
    dialog.key_box.session_only.setChecked(True)  # no keyring needed for this test
    assert dialog.use_button.isEnabled()
    dialog.use_button.click()  # highlighting alone never switches (see the test below)
    assert dialog.list.item(1).text() == "staging ✓"
    with qtbot.waitSignal(dialog.saved, timeout=10000) as blocker:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert blocker.args == [True]  # the active connection changed
    saved = Settings.load()
    assert set(saved.profiles) == {"work", "staging"} and saved.active_profile == "staging"
    assert saved.profiles["staging"].organization == "org-test"
    qtbot.waitUntil(
        lambda: (
            window.services.connection is not None
            and window.services.connection.base_url == second.base_url
        ),
        timeout=10000,
    )
    # the status bar follows once the new engine is up (a moment after the connection)
    qtbot.waitUntil(lambda: window.profile_label.text() == "Profile: staging", timeout=10000)

    dialog = _dialog(qtbot, window)
    dialog.list.setCurrentRow(0)  # "work"
    dialog.remove_button.click()
    assert dialog.list.count() == 1
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert set(Settings.load().profiles) == {"staging"}


def test_save_with_another_profile_highlighted_keeps_the_active_one(
    qtbot: Any, open_window: Any, sandbox: Any
) -> None:
    sb = sandbox()
    window = open_window(sb.base_url)  # the in-memory "Test" profile is active
    dialog = _dialog(qtbot, window)
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "Test ✓" in names
    dialog.add_button.click()  # highlights the new profile
    dialog.name.setText("elsewhere")
    assert dialog.use_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=10000) as blocker:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert blocker.args == [False]  # nothing to reconnect: the active profile did not change
    assert window.services.settings.active_profile == "Test"
    assert window.services.connection is not None
    assert window.services.connection.base_url == sb.base_url
    assert "elsewhere" in Settings.load().profiles


def test_test_connection_speaks_plainly_and_keeps_the_focus(
    qtbot: Any, open_window: Any, sandbox: Any
) -> None:
    sb = sandbox(api_key=RIGHT_KEY)
    _save_profile(sb.base_url)
    window = open_window(None)
    dialog = _dialog(qtbot, window)
    dialog.activateWindow()
    # no key at all
    dialog.key_box.test_button.setFocus()
    with qtbot.waitSignal(dialog.testFinished, timeout=20000) as blocker:
        dialog.key_box.test_button.click()
    assert blocker.args[0] is False
    assert blocker.args[1].startswith("No API key yet")
    assert "unexpected" not in dialog.key_box.result.text()
    # a wrong key
    wrong = _test_connection(qtbot, dialog, "sk-test-wrong-0000")
    assert wrong.startswith("API key rejected")
    # unreachable: a port nothing listens on (the sandbox, stopped)
    dead = sandbox()
    url = dead.base_url
    dead.stop()
    dialog.base_url.setText(url)
    unreachable = _test_connection(qtbot, dialog, RIGHT_KEY)
    assert unreachable.startswith("Could not reach the server")
    # OK
    dialog.base_url.setText(sb.base_url)
    assert _test_connection(qtbot, dialog, RIGHT_KEY) == "Connected."
    assert dialog.focusWidget() is not dialog.key_box.remove_button
