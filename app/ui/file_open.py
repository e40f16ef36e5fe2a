"""Files macOS opens in the running app ("Open with Hoist", a drop on the Dock icon).

macOS does not pass them as arguments: it sends the QApplication a QFileOpenEvent per file.
They go to the window's queue like files handed over by a second launch. No other platform
sends the event, so elsewhere the filter only lets every event through.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

FILE_OPEN = QEvent.Type.FileOpen


class FileOpenFilter(QObject):
    """Catches FileOpen events on the application and hands each file to ``receive``."""

    def __init__(self, receive: Callable[[list[str]], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._receive = receive

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != FILE_OPEN or not isinstance(event, QFileOpenEvent):
            return False
        path = event.file() or event.url().toLocalFile()
        if path:
            self._receive([path])
        return True


def install_file_open_handler(
    receive: Callable[[list[str]], None], owner: QObject
) -> FileOpenFilter | None:
    """Route the application's FileOpen events to ``receive`` while ``owner`` lives.

    The filter is ``owner``'s child, so Qt removes it from the application with ``owner``.
    """
    app = QCoreApplication.instance()
    if app is None:
        return None
    handler = FileOpenFilter(receive, owner)
    app.installEventFilter(handler)
    return handler


def remove_file_open_handler(handler: FileOpenFilter | None) -> None:
    app = QCoreApplication.instance()
    if handler is not None and app is not None:
        app.removeEventFilter(handler)
