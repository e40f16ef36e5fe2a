"""The steps after an upload, offered where completed files are shown (the queue and History,
in their context menus): "Add to vector store…" for completed assistants/user_data files
and "Start batch…" for a completed batch file. Also installs the same-file question
(same_file.py) on the queue. The window creates one AfterUpload with its parts."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from app.engine import JobState
from app.ui.dialogs import ask
from app.ui.i18n import translate
from app.ui.icons import icon
from app.ui.same_file import SameFileGuard
from app.ui.vector_store_dialog import UploadedFile

if TYPE_CHECKING:
    from app.ui.history_tab import HistoryTab
    from app.ui.queue_tab import QueueTab
    from app.ui.services import Services
    from app.ui.tasks import TaskKeeper

VECTOR_PURPOSES = frozenset({"assistants", "user_data"})


class AfterUpload(QObject):
    def __init__(
        self,
        window: QWidget,
        services: Services,
        tasks: TaskKeeper,
        queue: QueueTab,
        history: HistoryTab,
        tabs: QTabWidget,
    ) -> None:
        super().__init__(window)
        self.parent_widget = window
        self.services, self.tasks = services, tasks
        self.queue, self.history, self.tabs = queue, history, tabs
        self.dialog: QDialog | None = None  # the one opened last (tests read it)
        self.add_to_store = QAction(
            icon("upload"), translate("AfterUpload", "Add to vector store…"), window
        )
        self.add_to_store.setStatusTip(
            translate(
                "AfterUpload",
                "Attach the selected uploaded files to a vector store for file search",
            )
        )
        self.add_to_store.setToolTip(self.add_to_store.statusTip())
        self.start_batch = QAction(icon("play"), translate("AfterUpload", "Start batch…"), window)
        self.start_batch.setStatusTip(
            translate("AfterUpload", "Start a Batch from the selected uploaded batch file")
        )
        self.start_batch.setToolTip(self.start_batch.statusTip())
        self.add_to_store.triggered.connect(self.open_vector_store)
        self.start_batch.triggered.connect(self.open_start_batch)

        separator = QAction(window)
        separator.setSeparator(True)
        queue.table.addActions([separator, self.add_to_store, self.start_batch])
        history.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        history.table.addActions([self.add_to_store, self.start_batch])
        queue.selectionChanged.connect(self.refresh_enabled)
        history.table.itemSelectionChanged.connect(self.refresh_enabled)
        tabs.currentChanged.connect(self.refresh_enabled)
        self.same_file = SameFileGuard(
            services,
            tasks,
            queue.controller,
            functools.partial(ask, window),
            self,
        )
        self.refresh_enabled()

    # What is selected -----------------------------------------------------------------------
    def selected_files(self) -> list[UploadedFile]:
        """The completed uploads selected in the current tab (queue or History)."""
        if self.tabs.currentWidget() is self.history:
            return [
                UploadedFile(e.file_id, e.filename, e.purpose)
                for e in self.history.selected_entries()
            ]
        files = []
        for row in self.queue.selected_rows():
            file_id = row.file_id
            if row.state is JobState.COMPLETED and file_id:
                purpose = row.snapshot.purpose if row.snapshot else row.purpose
                files.append(UploadedFile(file_id, row.name, purpose))
        return files

    def vector_files(self) -> list[UploadedFile]:
        return [f for f in self.selected_files() if f.purpose in VECTOR_PURPOSES]

    def batch_file(self) -> UploadedFile | None:
        return next((f for f in self.selected_files() if f.purpose == "batch"), None)

    def refresh_enabled(self, *_: object) -> None:
        self.add_to_store.setEnabled(bool(self.vector_files()))
        self.start_batch.setEnabled(self.batch_file() is not None)

    # The dialogs ----------------------------------------------------------------------------
    def open_vector_store(self) -> None:
        from app.ui.vector_store_dialog import VectorStoreDialog

        files = self.vector_files()
        if files:
            self._open(VectorStoreDialog(self.services, self.tasks, files, self.parent_widget))

    def open_start_batch(self) -> None:
        from app.ui.batch_dialog import StartBatchDialog

        file = self.batch_file()
        if file is not None:
            self._open(StartBatchDialog(self.services, self.tasks, file, self.parent_widget))

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self._forget(dialog))
        self.dialog = dialog
        dialog.open()  # never exec(): no nested loop inside the asyncio loop

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
