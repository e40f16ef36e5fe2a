"""Ways in (paste, Add files…), checks before sending (errors block, warnings ask), the
keyboard, and the History tab."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from uikit import answer_question, drop_files, make_file, stage, write_prefs

from app.engine import JobState

MiB = 1024 * 1024


def _chat(n: int) -> str:
    line = {
        "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]
    }
    return "".join(json.dumps(line) + "\n" for _ in range(n))


def test_paste_paths_and_add_files_dialog(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    window = open_window(sandbox().base_url)
    tab = window.queue_tab
    folder = tmp_path / "docs"
    folder.mkdir()
    make_file(folder, "inside.txt", 100)
    make_file(folder, ".hidden", 100)
    loose = make_file(tmp_path, "loose.txt", 100)
    QApplication.clipboard().setText(f"{folder}\n'{loose}'\n")
    window.commands.paste.trigger()
    qtbot.waitUntil(lambda: len(tab.model.rows()) == 2)
    assert sorted(r.name for r in tab.model.rows()) == ["inside.txt", "loose.txt"]
    assert tab.drop_area.status.text() == ("Added 2 files from 1 folder (1 hidden item skipped).")

    picked = [make_file(tmp_path, name, 100) for name in ("one.txt", "two.txt")]
    window.commands.add_files.trigger()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QFileDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        )
    )
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()
    )
    dialog.setDirectory(str(tmp_path))
    dialog.findChild(QLineEdit, "fileNameEdit").setText('"one.txt" "two.txt"')
    dialog.accept()
    qtbot.waitUntil(lambda: len(tab.model.rows()) == 4)
    assert {r.path for r in tab.model.rows()} >= set(picked)

    # A drop on the queue table itself works too (not only on the drop area).
    late = make_file(tmp_path, "dropped-on-table.txt", 100)
    assert drop_files(tab.table.viewport(), [late])
    qtbot.waitUntil(lambda: tab.model.get_by_name(late.name) is not None)


def test_errors_block_and_warnings_ask(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox()
    window = open_window(sb.base_url)
    tab = window.queue_tab
    broken = tmp_path / "requests.jsonl"
    broken.write_text('{"custom_id": "a", "method": "POST"}\nnot json\n')
    tab.purpose.set_purpose("batch")
    assert tab.expiry.combo.currentText() == "30 days (server default)"
    stage(qtbot, tab, [broken])
    row = tab.model.rows()[0]
    assert row.blocked and row.status_text().startswith("Can't upload: ")
    assert not tab.upload_button.isEnabled()
    tab.select_key(row.key)
    assert tab.details.tabs.currentWidget() is tab.details.findings  # problems shown first
    assert "Line 2 is not valid JSON" in tab.details.findings.toPlainText()
    window.commands.remove.trigger()  # a row not yet sent goes without a question
    assert tab.model.rows() == []

    few = tmp_path / "few-examples.jsonl"
    few.write_text(_chat(3))
    tab.purpose.set_purpose("fine-tune")
    stage(qtbot, tab, [few])
    row = tab.model.rows()[0]
    assert not row.blocked and row.warnings and row.status_text() == "Ready (1 warning)"
    assert tab.upload_button.text() == "Upload 1 file"
    tab.upload_button.click()
    answer_question(qtbot, "Cancel")
    qtbot.waitUntil(lambda: window.tasks.running == 0)  # the start task took the answer
    assert row.is_staged and sb.requests() == []
    tab.upload_button.click()
    answer_question(qtbot, "Upload anyway")
    qtbot.waitUntil(lambda: tab.model.rows()[0].file_id is not None, timeout=20000)


def test_keyboard_space_pauses_and_resumes_and_history_lists_uploads(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox(throughput=1_500_000)
    write_prefs()
    window = open_window(sb.base_url)
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, "keys.txt", 12 * MiB)])
    qtbot.keyClick(tab.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.model.rows()[0].state is JobState.UPLOADING, timeout=10000)
    row = tab.model.rows()[0]
    tab.select_key(row.key)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: row.state is JobState.PAUSED, timeout=10000)
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: row.state is JobState.COMPLETED, timeout=60000)

    with qtbot.waitSignal(window.history_tab.loaded, timeout=10000):
        window.commands.show_history.trigger()
    history = window.history_tab
    assert history.table.rowCount() == 1
    assert history.table.item(0, 0).text() == "keys.txt"
    history.table.selectRow(0)
    history.copy_button.click()
    assert QApplication.clipboard().text() == row.file_id
