"""Helpers for the window tests: open the real window on a sandbox, drop files with a real
QDropEvent, read the sandbox's side of things."""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.settings import Preferences, Settings
from app.ui.dialogs import open_questions
from app.ui.main_window import MainWindow
from app.ui.services import Services

MiB = 1024 * 1024
TEST_KEY = "sk-test-123"


def write_prefs(**prefs: Any) -> None:
    """Preferences on disk, as a user would have saved them (part size 5 MiB by default)."""
    values = {"part_size": 5 * MiB, "concurrency": 4, "max_attempts": 5, "stall_timeout": 30.0}
    values.update(prefs)
    Settings(prefs=Preferences(**values)).save()


def make_file(folder: Path, name: str, size: int, seed: int = 1) -> Path:
    path = folder / name
    block = (f"{seed:08d}" * 128).encode()  # 1 KiB, distinct per file
    with path.open("wb") as handle:
        full, rest = divmod(size, len(block))
        for _ in range(full):
            handle.write(block)
        handle.write(block[:rest])
    return path


def start_window(
    qtbot: Any,
    run: Callable[..., Any],
    base_url: str | None,
    key: str = TEST_KEY,
    files: list[str] | None = None,
    sandbox_mode: bool = False,
) -> MainWindow:
    """A started window; with a base URL, on an in-memory profile "Test" using ``key``,
    else on the profiles saved in settings.json."""
    services = Services()
    if base_url is not None:
        run(services.add_transient_profile("Test", base_url, key))
    window = MainWindow(services)  # not qtbot.addWidget: the open_window fixture closes it
    window.show()
    run(window.start(files or [], sandbox=sandbox_mode))
    return window


def drop_files(widget: QWidget, paths: list[Path]) -> bool:
    """A real drag-enter + drop of file URLs on ``widget``; True when the drop was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    center = widget.rect().center()
    enter = QDragEnterEvent(
        center,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        center,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def stage(qtbot: Any, tab: Any, files: list[Path]) -> None:
    """Drop ``files`` on the queue's drop area and wait until they are checked."""
    assert drop_files(tab.drop_area, files)
    qtbot.waitUntil(
        lambda: (
            len(tab.staged_rows()) == len(files) and not any(r.checking for r in tab.staged_rows())
        ),
        timeout=15000,
    )


def answer_question(qtbot: Any, button_text: str, timeout: int = 5000) -> None:
    """Click ``button_text`` in the question the window opened (non-blocking dialog)."""
    qtbot.waitUntil(lambda: bool(open_questions()), timeout=timeout)
    box: QMessageBox = open_questions()[-1]
    for button in box.buttons():
        if button.text() == button_text:
            button.click()
            return
    raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")


def sandbox_get(base_url: str, path: str, key: str = TEST_KEY) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"{base_url}{path}", headers={"Authorization": f"Bearer {key}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def part_posts(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in requests if r["method"] == "POST" and r["path"].endswith("/parts")]


def files_under(folder: Path) -> list[Path]:
    return [Path(root) / name for root, _d, names in os.walk(folder) for name in names]
