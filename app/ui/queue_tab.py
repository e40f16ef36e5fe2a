"""The Queue tab: drop area, purpose/expiry pickers, the Upload button, the queue table and
the details pane. Files are checked (in a worker thread) as soon as they are added; errors
block them, warnings are asked about when Upload is pressed."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
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

from app.engine import JobSnapshot, JobState
from app.ui.details_pane import DetailsPane
from app.ui.dialogs import ask
from app.ui.drop_area import DropArea, local_paths
from app.ui.file_collect import Collected, collect_files
from app.ui.formatting import plural
from app.ui.icons import icon
from app.ui.part_bar_delegate import PartBarDelegate
from app.ui.pickers import ExpiryPicker, PurposePicker
from app.ui.queue_model import ROW_ROLE, Column, QueueModel, QueueRow
from app.ui.tasks import TaskKeeper, in_executor

if TYPE_CHECKING:
    from app.engine import Engine
    from app.ui.services import Services

log = logging.getLogger("hoist.ui")
ACTIVE = (JobState.QUEUED, JobState.VALIDATING, JobState.UPLOADING, JobState.COMPLETING)


def _collect_with_sizes(paths: list[str]) -> tuple[Collected, dict[Path, int]]:
    collected = collect_files(paths)
    sizes = {}
    for path in collected.files:
        try:
            sizes[path] = path.stat().st_size
        except OSError:
            sizes[path] = 0
    return collected, sizes


class QueueTable(QTableView):
    """The queue table, with a hint drawn in it while it is empty."""

    EMPTY_HINT = "No files yet. Drop files above, or choose Add files… (Ctrl+O)."

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.EMPTY_HINT)
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
        self.engine: Engine | None = None
        self._checks = asyncio.Semaphore(2)
        self._generation: dict[str, int] = {}

        self.drop_area = DropArea()
        self.purpose = PurposePicker()
        self.expiry = ExpiryPicker()
        self.upload_button = QPushButton(icon("upload"), "Upload")
        self.upload_button.setAccessibleName("Upload")
        self.upload_button.setToolTip("Upload the files that are ready (Ctrl+Enter)")
        self.upload_button.setDefault(True)
        self.upload_button.clicked.connect(self.request_start)
        pickers = QHBoxLayout()
        purpose_label = QLabel("&Purpose:")
        purpose_label.setBuddy(self.purpose.combo)
        expiry_label = QLabel("E&xpires:")
        expiry_label.setBuddy(self.expiry.combo)
        pickers.addWidget(purpose_label)
        pickers.addWidget(self.purpose, 3)
        pickers.addSpacing(12)
        pickers.addWidget(expiry_label)
        pickers.addWidget(self.expiry, 1)
        pickers.addWidget(self.upload_button)

        self.model = QueueModel()
        self.table = QueueTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Upload queue")
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
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.details = DetailsPane()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
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
        self.purpose.purposeChanged.connect(self._pickers_changed)
        self.expiry.expiryChanged.connect(self._pickers_changed)
        self._pickers_changed()

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

    # Adding files ---------------------------------------------------------------------------
    def add_paths(self, paths: list[str]) -> None:
        if paths:
            self.tasks.spawn(self._add_paths(list(paths)), "add files")

    async def _add_paths(self, paths: list[str]) -> None:
        collected, sizes = await in_executor(_collect_with_sizes, paths)
        self.drop_area.show_result(collected.summary())
        first: str | None = None
        for path in collected.files:
            row = QueueRow.staged(path, sizes[path], self.purpose.purpose(), self.expiry.seconds())
            self.model.append(row)
            first = first or row.key
            self.tasks.spawn(self._check(row), f"check {path.name}")
        self._update_upload_button()
        if first is not None and not self.table.selectionModel().hasSelection():
            self.select_key(first)

    async def _check(self, row: QueueRow) -> None:
        generation = self._generation[row.key] = self._generation.get(row.key, 0) + 1
        row.checking = True
        self._row_changed(row)
        from app.validation import validate

        async with self._checks:
            part_size = self.services.settings.prefs.part_size
            try:
                report = await in_executor(
                    lambda: validate(
                        row.path, row.purpose, expires_after=row.expires_after, part_size=part_size
                    )
                )
            except Exception as exc:  # validation itself broke: say so, don't block forever
                log.warning("Validation failed for %s", row.path, exc_info=exc)
                report = None
        if self._generation.get(row.key) != generation or self.model.get(row.key) is not row:
            return  # the purpose/expiry changed meanwhile, or the row is gone
        row.checking = False
        row.findings = tuple(report.findings) if report else ()
        row.check_error = None if report else "The file could not be checked."
        self._row_changed(row)
        if self.details.row is row:
            self.details.show_problems_first()
        self._update_upload_button()

    def _pickers_changed(self, *_: object) -> None:
        purpose = self.purpose.purpose()
        self.expiry.set_purpose(purpose)
        seconds = self.expiry.seconds()
        for row in self.model.rows():
            if row.is_staged and (row.purpose, row.expires_after) != (purpose, seconds):
                row.purpose, row.expires_after = purpose, seconds
                self.tasks.spawn(self._check(row), f"check {row.path.name}")

    # Starting -------------------------------------------------------------------------------
    def staged_rows(self) -> list[QueueRow]:
        return [r for r in self.model.rows() if r.is_staged]

    def _update_upload_button(self) -> None:
        ready = [r for r in self.staged_rows() if not r.blocked]
        self.upload_button.setText(f"Upload {plural(len(ready), 'file')}" if ready else "Upload")
        self.upload_button.setEnabled(bool(ready) and self.engine is not None)

    def request_start(self) -> None:
        self.tasks.spawn(self.start_uploads(), "start uploads")

    async def start_uploads(self) -> list[str]:
        """Hand the ready staged rows to the engine; returns the new job ids."""
        engine = self.engine
        if engine is None:
            self.message.emit("Still connecting… try again in a moment.")
            return []
        staged = self.staged_rows()
        if any(r.checking for r in staged):
            self.message.emit("Checking files… they will be ready in a moment.")
            return []
        ready = [r for r in staged if not r.blocked]
        if not ready:
            return []
        connection = self.services.connection
        if connection is not None and not connection.api_key:
            self.message.emit("No API key is set. Add one in Settings, then press Upload again.")
            self.keyNeeded.emit()
            return []
        warned = [r for r in ready if r.warnings]
        if warned:
            names = "\n".join(f"• {r.name}: {r.warnings[0].message}" for r in warned[:5])
            go = await ask(
                self,
                "Upload with warnings?",
                f"{plural(len(warned), 'file')} may not work as intended:",
                "Upload anyway",
                details=names,
            )
            if not go:
                return []
        ids = []
        for row in ready:
            if self.model.get(row.key) is not row or not row.is_staged:
                continue
            row.checking = True  # "submitting": keep it from being started twice
            job_id = await engine.add(
                row.path, row.purpose, expires_after=row.expires_after, validate=False
            )
            row.checking = False
            self.model.promote(row.key, job_id)
            self._catch_up(job_id)
            ids.append(job_id)
        self._update_upload_button()
        self.selectionChanged.emit()
        return ids

    def _catch_up(self, job_id: str) -> None:
        """Show the new job's state now rather than at the bridge's next tick."""
        if self.engine is not None:
            try:
                self.model.update_snapshot(self.engine.snapshot(job_id))
            except Exception:  # removed meanwhile
                return

    # Engine updates -------------------------------------------------------------------------
    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self._update_upload_button()

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
        self.model.changed(row.key)
        if self.details.row is row:
            self.details.refresh()

    # Selection and actions ------------------------------------------------------------------
    def _selection_changed(self, *_: object) -> None:
        rows = self.selected_rows()
        self.details.show_row(rows[0] if len(rows) == 1 else (rows[0] if rows else None))
        self.selectionChanged.emit()

    def selected_rows(self) -> list[QueueRow]:
        indexes = self.table.selectionModel().selectedRows()
        return [
            r for i in sorted(indexes, key=lambda x: x.row()) if (r := i.data(ROW_ROLE)) is not None
        ]

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
        for job_id in self._jobs(*ACTIVE):
            self._engine_call("pause", job_id)

    def resume_selected(self) -> None:
        for job_id in self._jobs(JobState.PAUSED):
            self._engine_call("resume", job_id)

    def toggle_selected(self) -> None:
        if self._jobs(*ACTIVE):
            self.pause_selected()
        else:
            self.resume_selected()

    def retry_selected(self) -> None:
        for job_id in self._jobs(JobState.FAILED):
            self._engine_call("retry", job_id)

    def cancel_selected(self) -> None:
        ids = self._jobs(*ACTIVE, JobState.PAUSED, JobState.FAILED)
        if ids:
            self.tasks.spawn(self._cancel(ids, remove=False), "cancel")

    def remove_selected(self) -> None:
        """Finished and not-yet-started rows go at once; unfinished uploads are asked about."""
        unfinished = self._jobs(*ACTIVE, JobState.PAUSED, JobState.FAILED)
        for row in self.selected_rows():
            if row.key in unfinished:
                continue
            if not row.is_staged:
                self._engine_call("remove", row.key)
            self.model.remove(row.key)
        if unfinished:
            self.tasks.spawn(self._cancel(unfinished, remove=True), "remove")
        self._update_upload_button()

    async def _cancel(self, ids: list[str], remove: bool) -> None:
        one = len(ids) == 1
        go = await ask(
            self,
            "Cancel upload?" if one else "Cancel uploads?",
            "Cancel this upload?" if one else f"Cancel {len(ids)} uploads?",
            "Cancel upload" if one else "Cancel uploads",
            "Keep",
            details="What was sent so far is discarded on the server.",
            destructive=True,
        )
        if not go:
            return
        for job_id in ids:
            self._engine_call("remove" if remove else "cancel", job_id)
            if remove:
                self.model.remove(job_id)
        self._update_upload_button()

    def clear_finished(self) -> None:
        for row in self.model.rows():
            if row.state in (JobState.COMPLETED, JobState.CANCELLED):
                self._engine_call("remove", row.key)
                self.model.remove(row.key)

    def copy_file_ids(self) -> str:
        ids = [r.file_id for r in self.selected_rows() if r.file_id]
        if ids:
            QGuiApplication.clipboard().setText("\n".join(ids))
            self.message.emit("File ID copied." if len(ids) == 1 else "File IDs copied.")
        return "\n".join(ids)

    def _engine_call(self, name: str, job_id: str) -> None:
        if self.engine is None:
            return
        try:
            getattr(self.engine, name)(job_id)
        except Exception as exc:  # EngineError: a clear sentence
            self.message.emit(str(exc))
