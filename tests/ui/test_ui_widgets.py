"""Parts of the window that need no server: drop area, file collection, pickers, the part bar,
icons, words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from uikit import drop_files

from app.engine import PartState
from app.ui.dialogs import ask, open_questions
from app.ui.drop_area import DropArea
from app.ui.file_collect import collect_files, paths_from_text
from app.ui.formatting import format_duration, format_size
from app.ui.icons import icon
from app.ui.part_bar_delegate import PartColors, paint_segments
from app.ui.pickers import DAY, HOUR, ExpiryPicker, PurposePicker
from app.ui.queue_model import QueueModel, QueueRow, Segment
from app.ui.server_tab import ServerFilesModel


def test_folders_are_walked_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "data" / "sub").mkdir(parents=True)
    (tmp_path / "data" / ".git").mkdir()
    for name in ("data/a.jsonl", "data/sub/b.jsonl", "data/.secret", "data/.git/config", "c.txt"):
        (tmp_path / name).write_text("x")
    result = collect_files(
        [str(tmp_path / "data"), str(tmp_path / "c.txt"), str(tmp_path / "missing.txt")]
    )
    assert [p.name for p in result.files] == ["a.jsonl", "b.jsonl", "c.txt"]
    assert result.hidden_skipped == 2  # .secret and the .git folder
    assert result.missing == [str(tmp_path / "missing.txt")]
    assert result.summary() == (
        "Added 3 files from 1 folder (2 hidden items skipped, 1 path not found: "
        f"{tmp_path / 'missing.txt'})."
    )


def test_pasted_text_becomes_paths() -> None:
    text = '"/tmp/a b.jsonl"\nfile:///tmp/c%20d.txt\n\n  /tmp/e.png  \n'
    assert paths_from_text(text) == ["/tmp/a b.jsonl", "/tmp/c d.txt", "/tmp/e.png"]


def test_drop_area_takes_a_real_drop_of_file_urls(qtbot: Any, tmp_path: Path) -> None:
    area = DropArea()
    qtbot.addWidget(area)
    area.show()
    files = [tmp_path / "one.txt", tmp_path / "two.txt"]
    for f in files:
        f.write_text("hi")
    with qtbot.waitSignal(area.pathsDropped) as blocker:
        assert drop_files(area, files)
    assert blocker.args == [[str(f) for f in files]]


def test_purpose_picker_explains_each_purpose(qtbot: Any) -> None:
    picker = PurposePicker()
    qtbot.addWidget(picker)
    seen = set()
    for i in range(picker.combo.count()):
        picker.combo.setCurrentIndex(i)
        seen.add(picker.explanation.text())
        assert picker.explanation.text().endswith(".")
    assert len(seen) == picker.combo.count() == 6
    picker.set_purpose("fine-tune")
    assert picker.purpose() == "fine-tune"


def test_expiry_picker_presets_custom_and_batch_default(qtbot: Any) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    assert picker.combo.currentText() == "Never" and picker.seconds() is None
    picker.set_purpose("batch")
    assert picker.combo.itemText(0) == "30 days (server default)"
    assert picker.seconds() is None
    picker.combo.setCurrentText("7 days")
    assert picker.seconds() == 7 * DAY
    picker.set_seconds(36 * HOUR)  # not a preset: custom, in hours
    assert picker.is_custom() and picker.amount.isVisibleTo(picker)
    assert picker.seconds() == 36 * HOUR
    picker.unit.setCurrentIndex(1)
    picker.amount.setValue(45)  # more than 30 days is not offered
    assert picker.seconds() == 30 * DAY


def _bar(segments: list[Segment], palette: QPalette) -> QImage:
    image = QImage(400, 20, QImage.Format.Format_ARGB32)
    image.fill(palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    paint_segments(painter, QRectF(0, 0, 400, 20), segments, palette)
    painter.end()
    return image


def _close(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) <= 8 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_part_bar_draws_one_segment_per_part_in_palette_colours(qapp: Any) -> None:
    for base in ("#ffffff", "#202020"):  # light and dark themes
        palette = QPalette(QApplication.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        colors = PartColors(palette)
        segments = [
            Segment(100, PartState.DONE, 1.0),
            Segment(100, PartState.SENDING, 0.5),
            Segment(100, PartState.RETRYING, 0.0),
            Segment(100, PartState.FAILED, 0.0),
        ]
        image = _bar(segments, palette)
        assert _close(image.pixelColor(50, 10), colors.done)
        assert _close(image.pixelColor(110, 10), colors.sending)  # the sent half
        assert not _close(image.pixelColor(190, 10), colors.sending)  # the unsent half
        assert _close(image.pixelColor(250, 10), colors.retrying)
        assert _close(image.pixelColor(350, 10), colors.failed)
        pending = _bar([Segment(1, PartState.PENDING, 0.0)], palette)
        assert not _close(pending.pixelColor(200, 10), colors.done)


def test_icons_are_svg_in_the_palette_text_colour(qapp: Any) -> None:
    for name in (
        "play",
        "pause",
        "retry",
        "cancel",
        "remove",
        "copy",
        "add",
        "settings",
        "folder",
        "server",
        "history",
    ):
        pixmap = icon(name).pixmap(48, 48)
        assert not pixmap.isNull(), name
        image = pixmap.toImage()
        text = QApplication.palette().color(QPalette.ColorRole.WindowText)
        inked = [
            image.pixelColor(x, y)
            for x in range(48)
            for y in range(48)
            if image.pixelColor(x, y).alpha() > 200
        ]
        assert inked, name
        assert all(_close(c, text) for c in inked), name
    assert icon("no-such-icon").isNull()
    high_dpi = icon("play").pixmap(QSize(24, 24), 2.0)  # crisp at 2x: rendered, not scaled
    assert high_dpi.width() == 48 and high_dpi.devicePixelRatio() == 2.0


def test_an_icon_is_drawn_once_per_colour_and_size_and_follows_the_palette(qapp: Any) -> None:
    from app.ui import icons

    first = icon("pause").pixmap(40, 40)
    drawn = icons._rendered.cache_info().misses
    for _ in range(5):  # repaints of a button ask again
        again = icon("pause").pixmap(40, 40)
    assert icons._rendered.cache_info().misses == drawn
    assert again.toImage() == first.toImage()

    saved = QApplication.palette()
    red = QPalette(saved)
    red.setColor(QPalette.ColorRole.WindowText, QColor(255, 0, 0))
    QApplication.setPalette(red)
    try:
        image = icon("pause").pixmap(40, 40).toImage()
        inked = [
            image.pixelColor(x, y)
            for x in range(40)
            for y in range(40)
            if image.pixelColor(x, y).alpha() > 200
        ]
        assert inked and all(_close(c, QColor(255, 0, 0)) for c in inked)
    finally:
        QApplication.setPalette(saved)


def test_plain_words_for_sizes_and_durations() -> None:
    assert format_size(512 * 1000 * 1000) == "512 MB"
    assert format_size(1) == "1 byte"
    assert format_duration(200) == "3 min 20 s"
    assert format_duration(None) == ""


def test_table_models_show_their_headers_and_one_row_per_item(qapp: Any, tmp_path: Path) -> None:
    queue, server = QueueModel(), ServerFilesModel()
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert [queue.headerData(i, horizontal) for i in range(queue.columnCount())] == [
        "Name",
        "Size",
        "Purpose",
        "Status",
        "Progress",
        "Speed",
        "Time left",
    ]
    assert [server.headerData(i, horizontal) for i in range(server.columnCount())] == [
        "Name",
        "Purpose",
        "Size",
        "Created",
        "Expires",
        "File ID",
    ]
    assert queue.headerData(0, vertical) is None
    assert queue.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert queue.rowCount() == 0
    queue.append(QueueRow.staged(tmp_path / "a.txt", 10, "user_data", None))
    assert queue.rowCount() == 1
    child_of_row = queue.index(0, 0)
    assert queue.rowCount(child_of_row) == 0 and queue.columnCount(child_of_row) == 0
    assert server.rowCount(QModelIndex()) == 0


def test_a_question_whose_window_goes_away_unanswered_is_forgotten_and_counts_as_no(
    qtbot: Any, run: Any
) -> None:
    parent = QWidget()
    parent.show()
    answer = ask(parent, "Stop uploading?", "Uploads are running.", "Stop")
    box = open_questions()[-1]
    assert box.isVisible()
    shiboken6.delete(parent)  # the window closed under the question: Qt deletes its children
    qtbot.waitUntil(answer.done)
    assert answer.result() is False
    assert all(shown is not box for shown in open_questions())
    for shown in open_questions():  # what is listed is still there to be answered
        assert shiboken6.isValid(shown)
