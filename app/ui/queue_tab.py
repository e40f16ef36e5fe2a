"""The Queue tab: drop area, purpose/expiry pickers, the Upload button, the queue table and
the details pane. Its QueueController (queue_controller.py) stages, checks and starts the
files and runs the row actions; this module is layout, drops and the selection."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.engine import ACTIVE_STATES, JobState
from app.ui.details_pane import DetailsPane
from app.ui.dialogs import ask
from app.ui.drop_area import DropArea, local_paths
from app.ui.i18n import translate
from app.ui.icons import icon
from app.ui.part_bar_delegate import PartBarDelegate
from app.ui.pickers import ExpiryPicker, PurposePicker
from app.ui.queue_controller import UNFINISHED, QueueController
from app.ui.queue_model import Column, QueueModel, QueueRow
from app.ui.screen_fit import scrolling
from app.ui.tasks import TaskKeeper

if TYPE_CHECKING:
    from app.engine import JobSnapshot
    from app.engine.core import Engine
    from app.ui.services import Services


class QueueTable(QTableView):
    """The queue table, with a hint drawn in it while it is empty."""

    @staticmethod
    def empty_hint() -> str:
        return translate(
            "QueueTab", "No files yet. Drop files above, or choose Add files… (Ctrl+O)."
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.empty_hint()
            )
            painter.end()


class QueueTab(QWidget):
    selectionChanged = Signal()  # the window re-evaluates which actions apply
    message = Signal(str)  # a short status bar message
    keyNeeded = Signal()  # Upload was pressed but the profile has no API key

    def __init__(
        self, services: Services, tasks: TaskKeeper, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks

        self.drop_area = DropArea()
        self.purpose = PurposePicker()
        self.expiry = ExpiryPicker()
        self.upload_button = QPushButton(icon("upload"), translate("QueueTab", "Upload"))
        self.upload_button.setAccessibleDescription(
            translate("QueueTab", "Upload the files that are ready")
        )
        self.upload_button.setToolTip(
            translate("QueueTab", "Upload the files that are ready (Ctrl+Enter)")
        )
        self.upload_button.setDefault(True)
        self.upload_button.clicked.connect(self.request_start)
        pickers = QHBoxLayout()
        purpose_label = QLabel(translate("QueueTab", "&Purpose:"))
        purpose_label.setBuddy(self.purpose.combo)
        expiry_label = QLabel(translate("QueueTab", "E&xpires:"))
        expiry_label.setBuddy(self.expiry.combo)
        pickers.addWidget(purpose_label)
        pickers.addWidget(self.purpose, 3)
        pickers.addSpacing(12)
        pickers.addWidget(expiry_label)
        pickers.addWidget(self.expiry, 1)
        pickers.addWidget(self.upload_button)

        self.model = QueueModel()
        self.controller = QueueController(
            services, tasks, self.model, functools.partial(ask, self), parent=self
        )
        self.controller.message.connect(self.message)
        self.controller.keyNeeded.connect(self.keyNeeded)
        self.controller.collected.connect(self.drop_area.show_result)
        self.controller.staged.connect(self._staged)
        self.controller.alreadyQueued.connect(self.select_key)
        self.controller.rowChanged.connect(self._row_changed)
        self.controller.rowChecked.connect(self._row_checked)
        self.controller.stagingChanged.connect(self._update_upload_button)
        self.controller.jobsChanged.connect(self.selectionChanged)
        self.table = QueueTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("QueueTab", "Upload queue"))
        self.table.setAccessibleDescription(
            translate(
                "QueueTab",
                "Files to upload and their progress. Arrow keys move between files; "
                "Space pauses or resumes; Delete removes.",
            )
        )
        # One Tab stop: Tab leaves the table, arrows move inside it.
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("queueTable")
        self.table.setStyleSheet(
            "#queueTable:focus { border: 2px solid palette(highlight); }"
            "#queueTable { border: 2px solid transparent; }"
        )
        self.table.setItemDelegateForColumn(Column.PROGRESS, PartBarDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.NAME, 220),
            (Column.SIZE, 80),
            (Column.PURPOSE, 90),
            (Column.PROGRESS, 200),
            (Column.SPEED, 90),
            (Column.ETA, 80),
        ):
            # at least as wide as its header, whose words depend on the language
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.details = DetailsPane()
        self.details.choiceChanged.connect(self._row_choice_changed)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(scrolling(self.details))  # its fields scroll on a short window
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 340])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_area)
        layout.addLayout(pickers)
        layout.addWidget(splitter, 1)

        self.drop_area.pathsDropped.connect(self.add_paths)
        self.setAcceptDrops(True)
        self._restoring = False
        self.purpose.purposeChanged.connect(self._pickers_changed)
        self.expiry.expiryChanged.connect(self._pickers_changed)
        self.restore_choice()

    # Drops anywhere on the tab (the table too), not only on the drop area --------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # Adding files and starting (the controller does the work) ------------------------------
    def add_paths(self, paths: list[str]) -> None:
        self.controller.add_paths(paths, self.purpose.purpose(), self.expiry.seconds())

    def _staged(self, keys: list[str]) -> None:
        """Select what was just added, so the pickers apply to these files."""
        selection = QItemSelection()
        for key in keys:
            row = self.model.find(key)
            if row >= 0:
                selection.select(self.model.index(row, 0), self.model.index(row, 0))
        self.table.selectionModel().select(
            selection,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        first = self.model.find(keys[0])
        if first >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(first, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def _row_checked(self, row: QueueRow) -> None:
        if self.details.row is row:
            self.details.show_problems_first()

    def _pickers_changed(self, *_: object) -> None:
        """The default for files added next, and the choice of the selected staged rows (only
        those: other rows keep theirs). Remembered for the next launch."""
        purpose, seconds = self.purpose.purpose(), self.expiry.seconds()
        self.expiry.set_purpose(purpose)
        if self._restoring:
            return
        self.controller.set_choice(self.selected_rows(), purpose, seconds)
        settings = self.services.settings
        loaded = self.services.keys is not None  # never write defaults over unread settings
        if loaded and (settings.last_purpose, settings.last_expiry) != (purpose, seconds):
            settings.last_purpose, settings.last_expiry = purpose, seconds
            self.tasks.spawn(self.services.save_settings(), "remember choice")

    def restore_choice(self) -> None:
        """Settings were loaded: the pickers start from the last choice."""
        settings = self.services.settings
        self._restoring = True
        try:
            self.purpose.set_purpose(settings.last_purpose)
            self.expiry.set_purpose(self.purpose.purpose())
            self.expiry.set_seconds(settings.last_expiry)
        finally:
            self._restoring = False

    def _row_choice_changed(self, purpose: str, seconds: int | None) -> None:
        row = self.details.row
        if row is not None:
            self.controller.set_choice([row], purpose, seconds)

    def staged_rows(self) -> list[QueueRow]:
        return self.controller.staged_rows()

    def _update_upload_button(self) -> None:
        ready = self.controller.ready_rows()
        self.upload_button.setText(
            translate("QueueTab", "Upload %n file(s)", None, len(ready))
            if ready
            else translate("QueueTab", "Upload")
        )
        self.upload_button.setEnabled(bool(ready) and self.controller.engine is not None)

    def request_start(self) -> None:
        self.tasks.spawn(self.start_uploads(), "start uploads")

    async def start_uploads(self) -> list[str]:
        """Hand the ready staged rows to the engine; returns the new job ids."""
        return await self.controller.start_uploads()

    # Engine updates -------------------------------------------------------------------------
    def set_engine(self, engine: Engine | None) -> None:
        self.controller.set_engine(engine)

    def apply_snapshots(self, snapshots: list[JobSnapshot]) -> None:
        for snap in snapshots:
            self.model.update_snapshot(snap)
        current = self.details.row
        if current is not None and any(s.id == current.key for s in snapshots):
            self.details.refresh()
        self.selectionChanged.emit()

    def job_removed(self, job_id: str) -> None:
        self.model.remove(job_id)
        if self.details.row is not None and self.details.row.key == job_id:
            self.details.show_row(None)

    def _row_changed(self, row: QueueRow) -> None:
        if self.details.row is row:
            self.details.refresh()

    # Selection and actions ------------------------------------------------------------------
    def _selection_changed(self, *_: object) -> None:
        rows = self.selected_rows()
        self.details.show_row(rows[0] if len(rows) == 1 else (rows[0] if rows else None))
        self.selectionChanged.emit()

    def selected_rows(self) -> list[QueueRow]:
        # Row numbers only: no QModelIndex or QItemSelection is kept past this line.
        numbers = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [r for n in numbers if (r := self.model.row_at(n)) is not None]

    def select_key(self, key: str) -> None:
        row = self.model.find(key)
        if row >= 0:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _jobs(self, *states: JobState) -> list[str]:
        return [
            r.key
            for r in self.selected_rows()
            if r.snapshot is not None and (not states or r.snapshot.state in states)
        ]

    def pause_selected(self) -> None:
        self.controller.pause(self._jobs(*ACTIVE_STATES))

    def resume_selected(self) -> None:
        self.controller.resume(self._jobs(JobState.PAUSED))

    def toggle_selected(self) -> None:
        if self._jobs(*ACTIVE_STATES):
            self.pause_selected()
        else:
            self.resume_selected()

    def retry_selected(self) -> None:
        self.controller.retry(self._jobs(JobState.FAILED, JobState.CANCELLED))

    def cancel_selected(self) -> None:
        self.controller.cancel(self._jobs(*UNFINISHED))

    def remove_selected(self) -> None:
        self.controller.remove(self.selected_rows())

    def clear_finished(self) -> None:
        self.controller.clear_finished()

    def copy_file_ids(self) -> str:
        ids = [r.file_id for r in self.selected_rows() if r.file_id]
        if ids:
            QGuiApplication.clipboard().setText("\n".join(ids))
            self.message.emit(translate("QueueTab", "%n file ID(s) copied.", None, len(ids)))
        return "\n".join(ids)
