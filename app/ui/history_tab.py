"""The History tab: completed uploads from the journal, with their file IDs to copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.formatting import format_expiry_date, format_size, format_time
from app.ui.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.icons import icon
from app.ui.pickers import purpose_label
from app.ui.tasks import LatestTask, TaskKeeper

if TYPE_CHECKING:
    from app.journal import HistoryEntry
    from app.ui.services import Services

HEADERS = [
    QT_TRANSLATE_NOOP("HistoryTab", "Name"),
    QT_TRANSLATE_NOOP("HistoryTab", "Purpose"),
    QT_TRANSLATE_NOOP("HistoryTab", "Size"),
    QT_TRANSLATE_NOOP("HistoryTab", "Uploaded"),
    QT_TRANSLATE_NOOP("HistoryTab", "Expires"),
    QT_TRANSLATE_NOOP("HistoryTab", "File ID"),
]


class HistoryTab(QWidget):
    loaded = Signal()

    def __init__(
        self, services: Services, tasks: TaskKeeper, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self._stale = True
        self._loading = LatestTask(tasks, "load history")
        self.entries: list[HistoryEntry] = []  # as shown, row by row
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName(translate("HistoryTab", "Upload history"))
        self.table.setHorizontalHeaderLabels([translate("HistoryTab", h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        # the name takes the spare room; dates and ids stay on one line
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.copy_button = QPushButton(icon("copy"), translate("HistoryTab", "Copy file ID"))
        self.copy_button.clicked.connect(self.copy_selected)
        self.refresh_button = QPushButton(icon("refresh"), translate("HistoryTab", "Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.status = QLabel("")
        self.status.setAccessibleDescription(translate("HistoryTab", "History status"))
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self._update_buttons()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the journal again; a read still running is cancelled (it may be stale)."""
        self._loading.start(self._load())

    async def _load(self) -> None:
        entries = await self.services.history()
        self._stale = False
        self.entries = entries
        self.table.setRowCount(len(entries))
        for i, e in enumerate(entries):
            cells = [
                e.filename,
                purpose_label(e.purpose),
                format_size(e.bytes),
                format_time(e.completed_at),
                format_expiry_date(e.expires_at),
                e.file_id,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(str(e.path))
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, column, item)
        self.status.setText(
            translate("HistoryTab", "%n finished upload(s).", None, len(entries))
            if entries
            else translate("HistoryTab", "Finished uploads will be listed here.")
        )
        self._update_buttons()
        self.loaded.emit()

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [item.text() for r in rows if (item := self.table.item(r, 5)) is not None]

    def selected_entries(self) -> list[HistoryEntry]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.entries[r] for r in rows if r < len(self.entries)]

    def _update_buttons(self) -> None:
        self.copy_button.setEnabled(bool(self.selected_ids()))

    def copy_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            QGuiApplication.clipboard().setText("\n".join(ids))
