"""Errors never get lost: the asyncio loop's exception handler, Qt's own messages routed to
logging, and a non-blocking error dialog with one clear sentence (details go to the log)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMessageLogContext, QObject, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.ui.i18n import translate

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger("hoist.ui")
qt_log = logging.getLogger("hoist.qt")


def friendly_message(exc: BaseException) -> str:
    """One sentence a non-developer can act on; never a traceback."""
    # ApiError's str() is already a clear one-line message (app.api contract).
    if type(exc).__module__.startswith("app.api") or type(exc).__name__ == "NoKeyError":
        return str(exc) or translate("Errors", "The server reported an error.")
    if isinstance(exc, FileNotFoundError):
        if exc.filename:
            return translate("Errors", "The file {name} no longer exists.").format(
                name=exc.filename
            )
        return translate("Errors", "The file no longer exists.")
    if isinstance(exc, PermissionError):
        if exc.filename:
            return translate("Errors", "Hoist is not allowed to read {name}.").format(
                name=exc.filename
            )
        return translate("Errors", "Hoist is not allowed to read the file.")
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        if exc.filename:
            return translate(
                "Errors", "A file could not be read or written ({name}): {reason}."
            ).format(name=exc.filename, reason=reason)
        return translate("Errors", "A file could not be read or written: {reason}.").format(
            reason=reason
        )
    if isinstance(exc, TimeoutError):  # asyncio's too
        return translate("Errors", "The operation took too long and was stopped.")
    return translate(
        "Errors", "Something unexpected went wrong ({kind}). Details are in the log."
    ).format(kind=type(exc).__name__)


def user_errors() -> tuple[type[Exception], ...]:
    """The documented errors bad input or bad luck can raise around a user action: catch
    these (``except user_errors() as exc``) and say ``friendly_message(exc)``. Anything else
    is a bug and goes to the excepthook and the crash dialog. Imported when first needed so
    that starting the window does not load the HTTP client."""
    from app.api import ApiError
    from app.engine import EngineError
    from app.secrets import KeyStoreError
    from app.ui.services import NoKeyError

    return (ApiError, EngineError, KeyStoreError, NoKeyError, OSError, TimeoutError)


def _redact(text: str) -> str:
    try:
        from app.secrets import redact
    except ImportError:  # pragma: no cover - secrets module not available
        return text
    return redact(text)


class ErrorReporter(QObject):
    """Shows errors in one non-modal dialog at a time (later ones are appended)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._box: QMessageBox | None = None
        self._messages: list[str] = []
        self.shown: list[str] = []  # every message shown, for the log view and tests

    def show_error(self, message: str, title: str = "Hoist") -> None:
        message = _redact(message)
        self.shown.append(message)
        if QApplication.instance() is None:
            return
        if self._box is not None and self._box.isVisible():
            if message not in self._messages:
                self._messages.append(message)
                self._box.setText("\n\n".join(self._messages[-5:]))
            return
        self._messages = [message]
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setAccessibleName(translate("Errors", "Error message"))
        box.finished.connect(self._closed)
        self._box = box
        box.open()  # never exec(): no nested loop inside the asyncio loop

    def _closed(self, _result: int) -> None:
        self._box = None
        self._messages = []

    def report_exception(self, exc: BaseException, context: str = "") -> None:
        log.error("%s", _redact(context or "Unhandled error"), exc_info=exc)
        self.show_error(friendly_message(exc))


_reporter: ErrorReporter | None = None


def set_reporter(reporter: ErrorReporter | None) -> None:
    global _reporter
    _reporter = reporter


def reporter() -> ErrorReporter | None:
    return _reporter


def loop_exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """Installed on the qasync loop: log every unhandled task error and show it."""
    exc = context.get("exception")
    message = str(context.get("message", "Unhandled error in a background task"))
    from asyncio import CancelledError

    if isinstance(exc, CancelledError):
        return
    if exc is None:
        log.warning("asyncio: %s", _redact(message))
        return
    if _reporter is not None:
        _reporter.report_exception(exc, message)
    else:
        log.error("%s", _redact(message), exc_info=exc)


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def install_qt_message_handler() -> None:
    """Route qDebug/qWarning/... into Python logging (logger "hoist.qt")."""
    qInstallMessageHandler(_qt_message_handler)


def install_excepthook() -> None:
    """Exceptions raised in Qt slots reach sys.excepthook: log them and show them."""
    import sys

    def hook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        if issubclass(kind, KeyboardInterrupt):
            return
        if _reporter is not None:
            _reporter.report_exception(exc, "Unhandled error in the window")
        else:
            log.error("Unhandled error", exc_info=exc)

    sys.excepthook = hook
