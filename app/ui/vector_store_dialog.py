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
from app.ui.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.tasks import LatestTask, TaskKeeper

if TYPE_CHECKING:
    from app.api.vector_store_types import FileCounts, VectorStore, VectorStoreFileBatch
    from app.api.vector_stores import VectorStoresClient
    from app.ui.services import Services

log = logging.getLogger("hoist.ui")
STORE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 20
STATUS_WORDS = {
    "in_progress": QT_TRANSLATE_NOOP("VectorStoreDialog", "Processing"),
    "completed": QT_TRANSLATE_NOOP("VectorStoreDialog", "Completed"),
    "failed": QT_TRANSLATE_NOOP("VectorStoreDialog", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("VectorStoreDialog", "Cancelled"),
}


@dataclass(frozen=True)
class UploadedFile:
    """A completed upload the after-upload steps can use."""

    file_id: str
    name: str
    purpose: str


def describe_store(store: VectorStore) -> str:
    name = store.name or translate("VectorStoreDialog", "(no name)")
    files = translate("VectorStoreDialog", "%n file(s)", None, store.file_counts.total)
    return f"{name} — {store.id} · {files}"


def describe_counts(counts: FileCounts) -> str:
    """'2 files: 1 completed, 1 failed' in the window's language (FileCounts.describe)."""
    parts = [translate("VectorStoreDialog", "%n completed", None, counts.completed)]
    if counts.failed:
        parts.append(translate("VectorStoreDialog", "%n failed", None, counts.failed))
    if counts.in_progress:
        parts.append(translate("VectorStoreDialog", "%n in progress", None, counts.in_progress))
    if counts.cancelled:
        parts.append(translate("VectorStoreDialog", "%n cancelled", None, counts.cancelled))
    return translate("VectorStoreDialog", "%n file(s): {counts}", None, counts.total).format(
        counts=translate("VectorStoreDialog", ", ").join(parts)
    )


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
        self.setWindowTitle(translate("VectorStoreDialog", "Add to vector store"))
        self.setAccessibleName(translate("VectorStoreDialog", "Add to vector store"))

        shown = ", ".join(f.name for f in files[:3]) + (" …" if len(files) > 3 else "")
        intro = QLabel(
            translate(
                "VectorStoreDialog",
                "Add %n uploaded file(s) to a vector store: {names}",
                None,
                len(files),
            ).format(names=shown)
        )
        intro.setWordWrap(True)

        self.use_existing = QRadioButton(translate("VectorStoreDialog", "&Existing vector store:"))
        self.use_existing.setChecked(True)
        self.stores = QListWidget()
        self.stores.setAccessibleName(translate("VectorStoreDialog", "Vector stores"))
        self.more_button = QPushButton(translate("VectorStoreDialog", "Load more"))
        self.more_button.setAccessibleName(
            translate("VectorStoreDialog", "Load more vector stores")
        )
        self.more_button.hide()
        self.list_status = QLabel(translate("VectorStoreDialog", "Loading vector stores…"))
        self.list_status.setAccessibleDescription(
            translate("VectorStoreDialog", "Vector store list status")
        )
        self.list_status.setTextFormat(Qt.TextFormat.PlainText)
        self.use_new = QRadioButton(translate("VectorStoreDialog", "&New vector store named:"))
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName(translate("VectorStoreDialog", "New vector store name"))
        self.new_name.setPlaceholderText(translate("VectorStoreDialog", "e.g. Product docs"))
        more_row = QHBoxLayout()
        more_row.addWidget(self.list_status, 1)
        more_row.addWidget(self.more_button)
        choose = QVBoxLayout()
        choose.addWidget(self.use_existing)
        choose.addWidget(self.stores, 1)
        choose.addLayout(more_row)
        choose.addWidget(self.use_new)
        choose.addWidget(self.new_name)

        self.progress_box = QGroupBox(translate("VectorStoreDialog", "File batch"))
        self.status = QLabel("")
        self.status.setAccessibleDescription(translate("VectorStoreDialog", "File batch status"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # may quote server text
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(translate("VectorStoreDialog", "Files processed"))
        self.bar.setFormat(translate("VectorStoreDialog", "%v of %m files processed"))
        self.counts = QLabel("")
        self.counts.setAccessibleName(translate("VectorStoreDialog", "File counts"))
        self.failures = QListWidget()
        self.failures.setAccessibleName(
            translate("VectorStoreDialog", "Files the vector store failed")
        )
        self.failures.hide()
        progress = QVBoxLayout(self.progress_box)
        progress.addWidget(self.status)
        progress.addWidget(self.bar)
        progress.addWidget(self.counts)
        progress.addWidget(self.failures)
        self.progress_box.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.add_button = self.buttons.addButton(
            translate("VectorStoreDialog", "&Add files"), QDialogButtonBox.ButtonRole.ActionRole
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
            self.list_status.setText(
                translate("VectorStoreDialog", "Could not list the vector stores: {reason}").format(
                    reason=friendly_message(exc)
                )
            )
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
        if not count:
            text = translate("VectorStoreDialog", "No vector stores yet: name a new one below.")
        elif more:
            text = translate("VectorStoreDialog", "%n vector store(s) so far.", None, count)
        else:
            text = translate("VectorStoreDialog", "%n vector store(s).", None, count)
        self.list_status.setText(text)
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
        self.progress_box.setTitle(
            translate("VectorStoreDialog", "File batch in {store}").format(store=self._target_name)
        )
        for widget in (self.stores, self.new_name, self.use_new, self.use_existing):
            widget.setEnabled(False)
        self.more_button.setEnabled(False)
        self.progress_box.show()
        self.status.setText(translate("VectorStoreDialog", "Creating the file batch…"))
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
                translate(
                    "VectorStoreDialog",
                    "Stopped following file batch {batch}: {reason} "
                    "The vector store goes on with it on the server.",
                ).format(batch=batch.id, reason=friendly_message(exc))
            )
            self.batchFinished.emit(None)
            return
        self._show(final)
        for file in failed:
            reason = (
                file.error_message or file.error_code or translate("VectorStoreDialog", "failed")
            )
            self.failures.addItem(f"{self.names.get(file.id, file.id)}: {reason}")
        self.failures.setVisible(bool(failed))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        self.batchFinished.emit(final)

    def _failed_to_start(self, message: str) -> None:
        self._busy = False
        self.status.setText(
            translate("VectorStoreDialog", "The files were not added: {reason}").format(
                reason=message
            )
        )
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
        word = STATUS_WORDS.get(batch.status)
        word = translate("VectorStoreDialog", word) if word else batch.status
        self.status.setText(
            translate("VectorStoreDialog", "{status}: file batch {batch}").format(
                status=word, batch=batch.id
            )
        )
        self.progress_box.setTitle(
            translate("VectorStoreDialog", "File batch in {store} ({id})").format(
                store=self._target_name, id=batch.vector_store_id
            )
        )
        self.bar.setRange(0, max(counts.total, 1))
        self.bar.setValue(done)
        self.counts.setText(describe_counts(counts))
        self.batchUpdated.emit(batch)

    def _stop(self, _result: int) -> None:
        self._loading.cancel()
        self._attaching.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop(0)
        super().closeEvent(event)
