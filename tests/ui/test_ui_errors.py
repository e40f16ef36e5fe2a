"""Errors in tasks and slots are logged and shown in one clear sentence, keys redacted."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.ui.app import log_handler
from app.ui.errors import (
    ErrorReporter,
    install_excepthook,
    loop_exception_handler,
    set_reporter,
)
from app.ui.tasks import TaskKeeper


def _visible_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


@pytest.mark.expected_log(
    r"^Task broken task failed$", r"^Unhandled error in the window$", logger="hoist.ui"
)
def test_task_and_slot_errors_are_logged_and_shown(
    qtbot: Any,
    qasync_loop: asyncio.AbstractEventLoop,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    reporter = ErrorReporter(parent)
    set_reporter(reporter)
    asyncio.set_event_loop(qasync_loop)
    qasync_loop.set_exception_handler(loop_exception_handler)
    caplog.set_level(logging.ERROR)
    log_file = tmp_path / "hoist.log"
    handler = log_handler(log_file)
    logging.getLogger().addHandler(handler)
    try:

        async def broken() -> None:
            raise FileNotFoundError(2, "No such file or directory", "/data/gone.jsonl")

        TaskKeeper().spawn(broken(), "broken task")
        qtbot.waitUntil(lambda: bool(reporter.shown))
        assert reporter.shown == ["The file /data/gone.jsonl no longer exists."]
        assert "Task broken task failed" in caplog.text
        assert [b.text() for b in _visible_boxes()] == [reporter.shown[0]]

        monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored afterwards
        install_excepthook()
        try:
            raise RuntimeError("token sk-test-abcdef123456 in a slot")
        except RuntimeError as exc:
            sys.excepthook(RuntimeError, exc, exc.__traceback__)
        assert reporter.shown[-1] == (
            "Something unexpected went wrong (RuntimeError). Details are in the log."
        )
        written = log_file.read_text()
        assert "Unhandled error in the window" in written and "RuntimeError" in written
        assert "sk-test-abcdef123456" not in written  # tracebacks are redacted too
        # Both messages are in the one dialog, not two stacked ones.
        assert len(_visible_boxes()) == 1

        reporter.show_error("Upload failed for key sk-test-abcdef123456.")
        assert "sk-test-abcdef123456" not in reporter.shown[-1]
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
        qasync_loop.set_exception_handler(None)
        set_reporter(None)
        for box in _visible_boxes():
            box.close()
