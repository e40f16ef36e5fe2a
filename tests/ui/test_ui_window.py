"""The window as a non-developer meets it (issue 15): no crash after quit → keep uploading,
one Tab stop for the queue, per-file purpose and expiry, the same file added twice, exact
notification counts, failed and cancelled rows drawn and labelled as what they are."""

from __future__ import annotations

import faulthandler
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication
from uikit import answer_question, drop_files, make_file, stage, write_prefs

from app.engine import ACTIVE_STATES, JobState
from app.settings import Settings
from app.ui.part_bar_delegate import PartColors, paint_segments
from app.ui.queue_model import Column
from app.ui.run_status import run_summary

MiB = 1024 * 1024


def _click_row(qtbot: Any, window: Any, row: int) -> None:
    table = window.queue_tab.table
    rect = table.visualRect(window.queue_tab.model.index(row, Column.NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_ctrl_q_keep_uploading_then_clicking_rows_during_a_throttled_upload(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    faulthandler.enable(file=sys.stderr)  # a crash in Qt's C++ shows its Python stack
    sb = sandbox(throughput=800_000)
    write_prefs(concurrency=2)
    window = open_window(sb.base_url)
    tab = window.queue_tab
    # ~50 s per file at this rate: still uploading after the clicks, even on a loaded machine
    files = [make_file(tmp_path, f"slow-{i}.txt", 40 * MiB, seed=i) for i in range(3)]
    stage(qtbot, tab, files)
    tab.upload_button.click()
    qtbot.waitUntil(lambda: len(window.active_jobs()) == 3, timeout=15000)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    answer_question(qtbot, "Keep uploading")
    qtbot.waitUntil(lambda: window.tasks.running == 0)
    assert window.isVisible() and not window._closed
    # Click rows while the bridge keeps flushing snapshots into the model.
    for round_ in range(12):
        flushes = window.bridge.flushes
        _click_row(qtbot, window, round_ % 3)
        qtbot.waitUntil(lambda f=flushes: window.bridge.flushes > f, timeout=10000)
        clicked = tab.model.rows()[round_ % 3]
        assert [r.key for r in tab.selected_rows()] == [clicked.key]
        assert window.commands.pause.isEnabled() == (clicked.state in ACTIVE_STATES)
    assert window.active_jobs()  # still uploading, nothing crashed


def test_tab_leaves_the_queue_table_in_one_press(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    window = open_window(sandbox().base_url)
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, f"f{i}.txt", 1000, seed=i) for i in range(3)])
    window.activateWindow()
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    assert not tab.table.tabKeyNavigation()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)  # arrows move inside
    assert tab.table.hasFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not tab.table.hasFocus())
    # a visible focus frame: the table's border is drawn in the highlight colour
    assert ":focus" in tab.table.styleSheet()


def test_each_file_has_its_own_purpose_and_expiry(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    window = open_window(sandbox().base_url)
    tab = window.queue_tab
    files = [make_file(tmp_path, f"notes-{i}.txt", 2000, seed=i) for i in range(4)]
    stage(qtbot, tab, files)
    rows = tab.model.rows()
    assert {r.purpose for r in rows} == {"user_data"}
    tab.select_key(rows[1].key)
    tab.purpose.set_purpose("batch")  # one file selected: only that one changes
    qtbot.waitUntil(lambda: not any(r.checking for r in rows))
    assert [r.purpose for r in rows] == ["user_data", "batch", "user_data", "user_data"]
    assert rows[1].blocked and not any(r.blocked for r in (rows[0], rows[2], rows[3]))
    assert tab.model.data(tab.model.index(1, Column.PURPOSE)) == "Batch"
    # the details pane changes the row it shows, nothing else
    tab.select_key(rows[3].key)
    assert tab.details.choice.isVisible()
    tab.details.row_expiry.set_seconds(86400)
    assert rows[3].expires_after == 86400
    assert [r.expires_after for r in rows[:3]] == [None, None, None]
    # a multi-selection applies the top pickers to the selected rows only
    tab.table.selectRow(0)
    tab.table.selectionModel().select(
        tab.model.index(2, 0),
        tab.table.selectionModel().SelectionFlag.Select
        | tab.table.selectionModel().SelectionFlag.Rows,
    )
    tab.expiry.set_seconds(7 * 86400)
    assert [r.expires_after for r in rows] == [7 * 86400, None, 7 * 86400, 86400]
    # the last choice is the default for files added next, and is remembered
    tab.table.clearSelection()
    tab.purpose.set_purpose("assistants")
    qtbot.waitUntil(lambda: Settings.load().last_purpose == "assistants")
    assert Settings.load().last_expiry == 7 * 86400
    more = make_file(tmp_path, "later.txt", 500, seed=9)
    assert drop_files(tab.drop_area, [more])
    qtbot.waitUntil(lambda: len(tab.model.rows()) == 5)
    assert tab.model.rows()[4].purpose == "assistants"
    assert tab.model.rows()[4].expires_after == 7 * 86400


def test_the_last_choice_is_the_default_at_the_next_launch(
    qtbot: Any, open_window: Any, sandbox: Any
) -> None:
    Settings(last_purpose="fine-tune", last_expiry=86400).save()
    window = open_window(sandbox().base_url)
    assert window.queue_tab.purpose.purpose() == "fine-tune"
    assert window.queue_tab.expiry.seconds() == 86400


def test_adding_a_queued_file_again_selects_its_row(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    window = open_window(sandbox().base_url)
    tab = window.queue_tab
    a, b = make_file(tmp_path, "a.txt", 100), make_file(tmp_path, "b.txt", 100, seed=2)
    stage(qtbot, tab, [a, b])
    tab.table.clearSelection()
    assert drop_files(tab.drop_area, [b])
    qtbot.waitUntil(lambda: [r.name for r in tab.selected_rows()] == ["b.txt"])
    assert len(tab.model.rows()) == 2
    assert window.statusBar().currentMessage() == "b.txt is already in the queue."


def test_missing_paths_are_named(qtbot: Any, open_window: Any, sandbox: Any) -> None:
    window = open_window(sandbox().base_url)
    tab = window.queue_tab
    tab.add_paths(["/nonexistent/hoist-test/gone.txt"])
    qtbot.waitUntil(lambda: "not found" in tab.drop_area.status.text())
    assert tab.drop_area.status.text() == (
        "Added 0 files (1 path not found: /nonexistent/hoist-test/gone.txt)."
    )


def test_finished_run_is_counted_exactly(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox(throughput=1_000_000)
    write_prefs(concurrency=2)
    window = open_window(sb.base_url)
    tab = window.queue_tab
    small = [make_file(tmp_path, f"small-{i}.txt", 200_000, seed=i) for i in range(3)]
    big = make_file(tmp_path, "big.txt", 20 * MiB, seed=7)
    stage(qtbot, tab, [*small, big])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: all(r.snapshot is not None for r in tab.model.rows()))
    big_row = next(r for r in tab.model.rows() if r.name == "big.txt")
    qtbot.waitUntil(
        lambda: sum(r.state is JobState.COMPLETED for r in tab.model.rows()) == 3, timeout=30000
    )
    tab.select_key(big_row.key)
    window.commands.pause.trigger()
    qtbot.waitUntil(lambda: bool(window.notifier.sent), timeout=15000)
    assert window.notifier.sent[-1] == ("Uploads finished", "3 uploaded, 1 paused.")
    # the next run counts only itself
    window.commands.resume.trigger()
    qtbot.waitUntil(lambda: len(window.notifier.sent) == 2, timeout=60000)
    assert window.notifier.sent[-1] == ("Uploads finished", "1 uploaded.")


def test_run_summary_names_a_single_failure(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox()
    sb.set_faults(
        script=[{"method": "POST", "path_regex": "/files$", "status": 400, "message": "No."}]
    )
    window = open_window(sb.base_url)
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, "tiny.txt", 5)])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: tab.model.rows()[0].state is JobState.FAILED, timeout=30000)
    assert run_summary(tab.model.rows()).startswith("1 failed: tiny.txt — No.")


def _paint_row(window: Any, row: int) -> QImage:
    image = QImage(400, 20, QImage.Format.Format_ARGB32)
    palette = QApplication.palette()
    image.fill(palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    paint_segments(painter, QRectF(0, 0, 400, 20), window.queue_tab.model.segments_at(row), palette)
    painter.end()
    return image


def _near(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) <= 10 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_failed_and_cancelled_rows_are_drawn_and_labelled_as_such(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox(throughput=1_500_000)
    sb.set_faults(
        script=[
            {"method": "POST", "path_regex": "/complete$", "status": 400, "message": "Refused."}
        ]
    )
    write_prefs(concurrency=2)
    window = open_window(sb.base_url)
    tab = window.queue_tab
    failing = make_file(tmp_path, "failing.txt", 10 * MiB)
    stage(qtbot, tab, [failing])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: tab.model.rows()[0].state is JobState.FAILED, timeout=30000)
    colors = PartColors(QApplication.palette())
    image = _paint_row(window, 0)
    for x in (50, 200, 350):  # every part was sent, the file failed: red, never green
        assert _near(image.pixelColor(x, 10), colors.failed)
        assert not _near(image.pixelColor(x, 10), colors.done)

    sb.set_faults(script=[])
    cancel_me = make_file(tmp_path, "cancel-me.txt", 16 * MiB, seed=3)
    stage(qtbot, tab, [cancel_me])
    tab.upload_button.click()
    row = tab.model.rows()[1]
    qtbot.waitUntil(
        lambda: row.snapshot is not None and row.snapshot.parts_done >= 1, timeout=30000
    )
    tab.select_key(row.key)
    window.commands.cancel.trigger()
    answer_question(qtbot, "Cancel upload")
    qtbot.waitUntil(lambda: row.state is JobState.CANCELLED, timeout=15000)
    tab.details.show_row(row)
    assert tab.details.countdown.text() == "— (cancelled)"
    states = [tab.details.parts.item(i, 2).text() for i in range(tab.details.parts.rowCount())]
    assert "Waiting" not in states and "Not sent (cancelled)" in states
    image = _paint_row(window, 1)
    assert not _near(image.pixelColor(20, 10), colors.done)  # a finished part is grey now
    # Retry on a cancelled row starts a new Upload of the same file
    tab.select_key(row.key)
    assert window.commands.retry.isEnabled()
    old_upload = row.snapshot.upload_id
    window.commands.retry.trigger()
    qtbot.waitUntil(lambda: row.state is JobState.COMPLETED, timeout=60000)
    assert row.snapshot.upload_id != old_upload
    assert len(tab.model.rows()) == 2


def test_drop_area_border_reads_on_light_dark_and_high_contrast(qapp: Any) -> None:
    from app.ui.drop_area import DropArea

    for base, text in (("#ffffff", "#000000"), ("#1e1e1e", "#e6e6e6"), ("#000000", "#ffffff")):
        area = DropArea()
        palette = QPalette(area.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
        palette.setColor(QPalette.ColorRole.Mid, QColor(base))  # a theme whose Mid is the base
        area.setPalette(palette)
        border = area.border_color()
        contrast = abs(border.lightnessF() - QColor(base).lightnessF())
        assert contrast > 0.3, (base, border.name())
        assert border.name() in area.styleSheet()  # restyled on the palette change
