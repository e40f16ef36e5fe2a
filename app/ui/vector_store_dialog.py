""" "Add to vector store…": choose an existing vector store (listed page by page) or name a
new one, attach the chosen uploaded files with one file batch, and follow it until it is
completed, failed or cancelled, with the counts and each failed file by name. Opened with
open(); closing it stops following the batch (the server goes on with it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.errors import friendly_message, user_errors
from app.ui.formatting import plural
from app.ui.tasks import LatestTask, TaskKeeper

if TYPE_CHECKING:
    from app.api.vector_store_types import VectorStore, VectorStoreFileBatch
    from app.api.vector_stores import VectorStoresClient
    from app.ui.services import Services

log = logging.getLogger("hoist.ui")
STORE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 20
STATUS_WORDS = {
    "in_progress": "Processing",
    "completed": "Completed",
    "failed": "Failed",
    "cancelled": "Cancelled",
}


@dataclass(frozen=True)
class UploadedFile:
    """A completed upload the after-upload steps can use."""

    file_id: str
    name: str
    purpose: str


def describe_store(store: VectorStore) -> str:
    name = store.name or "(no name)"
    return f"{name} — {store.id} · {plural(store.file_counts.total, 'file')}"


class VectorStoreDialog(QDialog):
    storesLoaded = Signal()  # a page of stores was listed (or listing failed: see status)
    batchUpdated = Signal(object)  # the file batch as last read (VectorStoreFileBatch)
    batchFinished = Signal(object)  # the finished batch, or None when it could not be followed

    def __init__(
        self,
        services: Services,
        tasks: TaskKeeper,
        files: list[UploadedFile],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.files = files
        self.names = {f.file_id: f.name for f in files}
        self._after: str | None = None  # the cursor of the next page of stores
        self._store_names: dict[str, str] = {}  # listed stores: id → name
        self._target_name = ""  # the store the files go to
        self._loading = LatestTask(tasks, "list vector stores")
        self._attaching = LatestTask(tasks, "add to vector store")
        self.batch: VectorStoreFileBatch | None = None
        self._busy = False  # creating the file batch
        self.setWindowTitle("Add to vector store")
        self.setAccessibleName("Add to vector store")

        shown = ", ".join(f.name for f in files[:3]) + (" …" if len(files) > 3 else "")
        intro = QLabel(f"Add {plural(len(files), 'uploaded file')} to a vector store: {shown}")
        intro.setWordWrap(True)

        self.use_existing = QRadioButton("&Existing vector store:")
        self.use_existing.setChecked(True)
        self.stores = QListWidget()
        self.stores.setAccessibleName("Vector stores")
        self.more_button = QPushButton("Load more")
        self.more_button.setAccessibleName("Load more vector stores")
        self.more_button.hide()
        self.list_status = QLabel("Loading vector stores…")
        self.list_status.setAccessibleDescription("Vector store list status")
        self.list_status.setTextFormat(Qt.TextFormat.PlainText)
        self.use_new = QRadioButton("&New vector store named:")
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("New vector store name")
        self.new_name.setPlaceholderText("e.g. Product docs")
        more_row = QHBoxLayout()
        more_row.addWidget(self.list_status, 1)
        more_row.addWidget(self.more_button)
        choose = QVBoxLayout()
        choose.addWidget(self.use_existing)
        choose.addWidget(self.stores, 1)
        choose.addLayout(more_row)
        choose.addWidget(self.use_new)
        choose.addWidget(self.new_name)

        self.progress_box = QGroupBox("File batch")
        self.status = QLabel("")
        self.status.setAccessibleDescription("File batch status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # may quote server text
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Files processed")
        self.bar.setFormat("%v of %m files processed")
        self.counts = QLabel("")
        self.counts.setAccessibleName("File counts")
        self.failures = QListWidget()
        self.failures.setAccessibleName("Files the vector store failed")
        self.failures.hide()
        progress = QVBoxLayout(self.progress_box)
        progress.addWidget(self.status)
        progress.addWidget(self.bar)
        progress.addWidget(self.counts)
        progress.addWidget(self.failures)
        self.progress_box.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.add_button = self.buttons.addButton(
            "&Add files", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.add_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(choose, 1)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.buttons)
        self.resize(560, 520)

        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.start)
        self.more_button.clicked.connect(self.load_more)
        self.stores.itemSelectionChanged.connect(self._store_picked)
        self.new_name.textEdited.connect(lambda _text: self.use_new.setChecked(True))
        for widget in (self.use_existing, self.use_new):
            widget.toggled.connect(self._update_add)
        self.stores.itemSelectionChanged.connect(self._update_add)
        self.new_name.textChanged.connect(self._update_add)
        self.finished.connect(self._stop)
        self._update_add()
        self.load_more()

    # Choosing a store -----------------------------------------------------------------------
    async def _client(self) -> VectorStoresClient:
        from app.api.vector_stores import VectorStoresClient

        return VectorStoresClient.of(await self.services.browse_client())

    def load_more(self) -> None:
        self.more_button.setEnabled(False)
        self._loading.start(self._load_page())

    async def _load_page(self) -> None:
        try:
            page = await (await self._client()).list_page(limit=PAGE_SIZE, after=self._after)
        except user_errors() as exc:
            self.list_status.setText(f"Could not list the vector stores: {friendly_message(exc)}")
            self.more_button.setEnabled(True)
            self.storesLoaded.emit()
            return
        for store in page.data:
            item = QListWidgetItem(describe_store(store))
            item.setData(STORE_ID_ROLE, store.id)
            self._store_names[store.id] = store.name or store.id
            self.stores.addItem(item)
        self._after = page.last_id or (page.data[-1].id if page.data else None)
        more = page.has_more and bool(page.data)
        self.more_button.setVisible(more)
        self.more_button.setEnabled(more)
        count = self.stores.count()
        self.list_status.setText(
            f"{plural(count, 'vector store')}{' so far' if more else ''}."
            if count
            else "No vector stores yet: name a new one below."
        )
        if not count:
            self.use_new.setChecked(True)
        self.storesLoaded.emit()

    def select_store(self, store_id: str) -> bool:
        for i in range(self.stores.count()):
            item = self.stores.item(i)
            if item.data(STORE_ID_ROLE) == store_id:
                self.stores.setCurrentItem(item)
                return True
        return False

    def _store_picked(self) -> None:
        if self.stores.selectedItems():
            self.use_existing.setChecked(True)

    def chosen_store(self) -> str | None:
        items = self.stores.selectedItems()
        return str(items[0].data(STORE_ID_ROLE)) if items else None

    def _update_add(self, *_: object) -> None:
        ready = (
            bool(self.new_name.text().strip())
            if self.use_new.isChecked()
            else self.chosen_store() is not None
        )
        self.add_button.setEnabled(ready and not self._busy and self.batch is None)

    # Attaching and following ----------------------------------------------------------------
    def start(self) -> None:
        if not self.add_button.isEnabled():
            return
        store_id = None if self.use_new.isChecked() else self.chosen_store()
        name = self.new_name.text().strip()
        self._target_name = name if store_id is None else self._store_names.get(store_id, "")
        self.progress_box.setTitle(f"File batch in {self._target_name}")
        for widget in (self.stores, self.new_name, self.use_new, self.use_existing):
            widget.setEnabled(False)
        self.more_button.setEnabled(False)
        self.progress_box.show()
        self.status.setText("Creating the file batch…")
        self.bar.setRange(0, 0)  # busy until the batch's counts are known
        self._busy = True
        self._attaching.start(self._attach(store_id, name))
        self._update_add()

    async def _attach(self, store_id: str | None, new_name: str) -> None:
        try:
            stores = await self._client()
            if store_id is None:
                store_id = (await stores.create(new_name)).id
            batch = await stores.create_file_batch(store_id, [f.file_id for f in self.files])
        except user_errors() as exc:
            self._failed_to_start(friendly_message(exc))
            return
        finally:
            self._busy = False
        self.batch = batch
        self._show(batch)
        try:
            final = await stores.wait_file_batch(batch, on_update=self._show)
            failed = await stores.batch_files(store_id, batch.id, status="failed")
        except user_errors() as exc:
            self.status.setText(
                f"Stopped following file batch {batch.id}: {friendly_message(exc)} "
                "The vector store goes on with it on the server."
            )
            self.batchFinished.emit(None)
            return
        self._show(final)
        for file in failed:
            reason = file.error_message or file.error_code or "failed"
            self.failures.addItem(f"{self.names.get(file.id, file.id)}: {reason}")
        self.failures.setVisible(bool(failed))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        self.batchFinished.emit(final)

    def _failed_to_start(self, message: str) -> None:
        self._busy = False
        self.status.setText(f"The files were not added: {message}")
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        for widget in (self.stores, self.new_name, self.use_new, self.use_existing):
            widget.setEnabled(True)
        self.more_button.setEnabled(True)
        self._update_add()
        self.batchFinished.emit(None)

    def _show(self, batch: VectorStoreFileBatch) -> None:
        counts = batch.file_counts
        done = counts.completed + counts.failed + counts.cancelled
        word = STATUS_WORDS.get(batch.status, batch.status)
        self.status.setText(f"{word}: file batch {batch.id}")
        self.progress_box.setTitle(f"File batch in {self._target_name} ({batch.vector_store_id})")
        self.bar.setRange(0, max(counts.total, 1))
        self.bar.setValue(done)
        self.counts.setText(counts.describe())
        self.batchUpdated.emit(batch)

    def _stop(self, _result: int) -> None:
        self._loading.cancel()
        self._attaching.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop(0)
        super().closeEvent(event)
