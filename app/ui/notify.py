"""Desktop notifications: the system tray's balloon when there is a tray, else the status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from app.ui.icons import app_icon


class Notifier:
    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self._tray: QSystemTrayIcon | None = None
        self.sent: list[tuple[str, str]] = []  # (title, text), newest last

    def _tray_icon(self) -> QSystemTrayIcon | None:
        if self._tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(app_icon(), self._window)
            self._tray.setToolTip("Hoist")
            self._tray.activated.connect(lambda *_: self._raise())
            self._tray.show()
        return self._tray

    def _raise(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def notify(self, title: str, text: str, *, failure: bool = False) -> None:
        self.sent.append((title, text))
        tray = self._tray_icon()
        if tray is not None and tray.supportsMessages():
            kind = (
                QSystemTrayIcon.MessageIcon.Warning
                if failure
                else QSystemTrayIcon.MessageIcon.Information
            )
            tray.showMessage(title, text, kind, 8000)
        else:
            self._window.statusBar().showMessage(f"{title}: {text}", 15000)

    def close(self) -> None:
        if self._tray is not None:
            self._tray.hide()
            self._tray.deleteLater()
            self._tray = None
