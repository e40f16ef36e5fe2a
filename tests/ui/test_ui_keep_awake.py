"""Keep-awake in the window: held over D-Bus exactly while uploads run (a recorder plays
logind on a private bus), not at all when Settings say no; the state in the turtle's tooltip."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from uikit import make_file, stage, write_prefs

from app.engine import JobState
from app.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "power"))
from dbus_recorder import InhibitRecorder, private_bus, recording

MiB = 1024 * 1024


@pytest.fixture
def logind(monkeypatch: pytest.MonkeyPatch) -> Iterator[InhibitRecorder]:
    with private_bus() as address:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)  # where logind is looked for
        with recording(address, "logind") as recorder:
            yield recorder


def _upload(qtbot: Any, window: Any, tmp_path: Path, name: str) -> Any:
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, name, 6 * MiB)])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: bool(tab.model.rows()), timeout=10000)
    return tab.model.rows()[0]


def test_the_computer_is_kept_awake_while_uploading_and_let_go_after(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path, logind: InhibitRecorder
) -> None:
    write_prefs(concurrency=2, limit_rate=2_000_000)  # about 3 s of uploading
    window = open_window(sandbox().base_url)
    toggle = window.speed_controls.button
    assert "Keep awake while uploading: inactive" in toggle.toolTip()
    row = _upload(qtbot, window, tmp_path, "held.bin")
    qtbot.waitUntil(lambda: len(logind.calls) == 1, timeout=10000)
    [call] = logind.calls
    assert call.args == ("sleep:idle", "Hoist", "Uploading files", "block")
    qtbot.waitUntil(lambda: "active (logind)" in toggle.toolTip(), timeout=5000)
    assert row.state is JobState.UPLOADING and not logind.released(call, timeout=0)
    qtbot.waitUntil(lambda: row.state is JobState.COMPLETED, timeout=30000)
    qtbot.waitUntil(lambda: logind.released(call, timeout=0), timeout=10000)
    qtbot.waitUntil(lambda: "Keep awake while uploading: inactive" in toggle.toolTip())
    assert len(logind.calls) == 1  # one hold for the whole upload


def test_unticked_in_settings_nothing_is_asked_of_the_os(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path, logind: InhibitRecorder
) -> None:
    write_prefs(concurrency=2, limit_rate=4_000_000)
    window = open_window(sandbox().base_url)
    window.commands.settings.trigger()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    box = dialog.speed_box.keep_awake
    assert box.text() == "Keep the computer awake while uploading"
    assert box.isChecked()  # on by default
    box.setChecked(False)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert Settings.load().prefs.inhibit_sleep is False

    row = _upload(qtbot, window, tmp_path, "free.bin")
    qtbot.waitUntil(lambda: row.state is JobState.UPLOADING, timeout=10000)
    toggle = window.speed_controls.button
    assert "Keep awake while uploading: off in Settings" in toggle.toolTip()
    qtbot.waitUntil(lambda: row.state is JobState.COMPLETED, timeout=30000)
    assert logind.calls == []
    assert not window.speed_controls.awake.inhibitor.active
