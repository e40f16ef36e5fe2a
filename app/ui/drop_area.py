"""The drop area: files and folders dropped here (or chosen / pasted) become queue rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPalette,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.i18n import translate
from app.ui.icons import icon


def local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class DropArea(QFrame):
    """A framed target for drag and drop, with "Add files…" and "Add folder…" buttons."""

    pathsDropped = Signal(list)  # list[str]
    addFilesClicked = Signal()
    addFolderClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropArea")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(translate("DropArea", "Drop area"))
        self.setAccessibleDescription(
            translate("DropArea", "Drop files or folders here to add them to the queue.")
        )
        self.setMinimumHeight(88)
        self._hovering = False
        self._styling = False

        self.title = QLabel(translate("DropArea", "Drop files or folders here"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(
            translate("DropArea", "Hidden files are skipped. You can also paste paths with Ctrl+V.")
        )
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setWordWrap(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleDescription(translate("DropArea", "Files added"))

        self.add_files_button = QPushButton(icon("add-file"), translate("DropArea", "Add files…"))
        self.add_files_button.setToolTip(translate("DropArea", "Choose files to upload (Ctrl+O)"))
        self.add_files_button.clicked.connect(self.addFilesClicked)
        self.add_folder_button = QPushButton(icon("folder"), translate("DropArea", "Add folder…"))
        self.add_folder_button.setToolTip(
            translate("DropArea", "Choose a folder; every file inside is added")
        )
        self.add_folder_button.clicked.connect(self.addFolderClicked)

        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.hint)
        text.addWidget(self.status)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_files_button)
        buttons.addWidget(self.add_folder_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)
        self._update_style()

    def show_result(self, summary: str) -> None:
        self.status.setText(summary)

    # Drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event):
            event.acceptProposedAction()
            self._set_hovering(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_hovering(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hovering(False)
        paths = local_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.pathsDropped.emit(paths)

    def _set_hovering(self, hovering: bool) -> None:
        self._hovering = hovering
        self.title.setText(
            translate("DropArea", "Release to add")
            if hovering
            else translate("DropArea", "Drop files or folders here")
        )
        self._update_style()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._styling:
            self._update_style()

    def border_color(self) -> QColor:
        """Halfway between the text and the background: visible on light, dark and high
        contrast palettes alike (palette(mid) vanishes on some dark ones)."""
        palette = self.palette()
        if self._hovering:
            return palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        return QColor(
            (text.red() + base.red()) // 2,
            (text.green() + base.green()) // 2,
            (text.blue() + base.blue()) // 2,
        )

    def _update_style(self) -> None:
        border = self.border_color().name()
        background = "palette(alternate-base)" if self._hovering else "palette(base)"
        self._styling = True  # setStyleSheet itself sends a palette change
        try:
            self.setStyleSheet(
                f"#dropArea {{ border: 2px dashed {border}; border-radius: 8px;"
                f" background: {background}; }}"
            )
        finally:
            self._styling = False
