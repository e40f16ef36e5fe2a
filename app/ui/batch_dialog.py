""" "Start batch…": create a Batch from an uploaded batch file (endpoint from the url of its
requests, completion window 24h; app.engine.batch_start, shared with `hoist batch start`),
then show the Batch id to copy and its status (Refresh reads it again). Opened with open()."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.errors import friendly_message, user_errors
from app.ui.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.icons import icon
from app.ui.tasks import LatestTask, TaskKeeper
from app.ui.vector_store_dialog import UploadedFile

if TYPE_CHECKING:
    from app.api.batches import Batch
    from app.ui.services import Services

STATUS_WORDS = {
    "validating": QT_TRANSLATE_NOOP(
        "StartBatchDialog", "Validating (the server checks the requests)"
    ),
    "in_progress": QT_TRANSLATE_NOOP("StartBatchDialog", "In progress"),
    "finalizing": QT_TRANSLATE_NOOP("StartBatchDialog", "Finalizing"),
    "completed": QT_TRANSLATE_NOOP("StartBatchDialog", "Completed"),
    "failed": QT_TRANSLATE_NOOP("StartBatchDialog", "Failed"),
    "expired": QT_TRANSLATE_NOOP("StartBatchDialog", "Expired"),
    "cancelling": QT_TRANSLATE_NOOP("StartBatchDialog", "Cancelling"),
    "cancelled": QT_TRANSLATE_NOOP("StartBatchDialog", "Cancelled"),
}


class StartBatchDialog(QDialog):
    batchChanged = Signal(object)  # the Batch as last read
    problem = Signal(str)  # why the batch could not be started or read

    def __init__(
        self,
        services: Services,
        tasks: TaskKeeper,
        file: UploadedFile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.file = file
        self.batch: Batch | None = None
        self._work = LatestTask(tasks, "start batch")
        self.setWindowTitle(translate("StartBatchDialog", "Start batch"))
        self.setAccessibleName(translate("StartBatchDialog", "Start batch"))

        intro = QLabel(
            translate(
                "StartBatchDialog",
                "Start a Batch from {name} ({id}). The endpoint is the url of its "
                "requests; results are due within 24 hours.",
            ).format(name=file.name, id=file.file_id)
        )
        intro.setWordWrap(True)
        self.batch_id = QLineEdit("—")
        self.batch_id.setReadOnly(True)
        self.batch_id.setAccessibleName(translate("StartBatchDialog", "Batch ID"))
        self.copy_button = QPushButton(icon("copy"), translate("StartBatchDialog", "&Copy"))
        self.copy_button.setAccessibleName(translate("StartBatchDialog", "Copy batch ID"))
        self.copy_button.setEnabled(False)
        id_row = QHBoxLayout()
        id_row.addWidget(self.batch_id, 1)
        id_row.addWidget(self.copy_button)
        self.endpoint = QLabel("—")
        self.endpoint.setAccessibleName(translate("StartBatchDialog", "Batch endpoint"))
        self.status = QLabel(translate("StartBatchDialog", "Not started yet."))
        self.status.setAccessibleDescription(translate("StartBatchDialog", "Batch status"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # server text
        self.status.setWordWrap(True)
        form = QFormLayout()
        id_caption = QLabel(translate("StartBatchDialog", "Batch &ID:"))
        id_caption.setBuddy(self.batch_id)
        form.addRow(id_caption, id_row)
        form.addRow(translate("StartBatchDialog", "Endpoint:"), self.endpoint)
        form.addRow(translate("StartBatchDialog", "Status:"), self.status)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start_button = self.buttons.addButton(
            translate("StartBatchDialog", "&Start batch"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.start_button.setDefault(True)
        self.refresh_button = self.buttons.addButton(
            translate("StartBatchDialog", "&Refresh"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.refresh_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, 220)

        self.buttons.rejected.connect(self.reject)
        self.start_button.clicked.connect(self.start)
        self.refresh_button.clicked.connect(self.refresh)
        self.copy_button.clicked.connect(self.copy_id)
        self.finished.connect(lambda _result: self._work.cancel())

    def start(self) -> None:
        if self.batch is not None or self._work.running:
            return
        self.start_button.setEnabled(False)
        self.status.setText(translate("StartBatchDialog", "Starting…"))
        self._work.start(self._start())

    async def _start(self) -> None:
        from app.engine.batch_start import BatchStartError, start_batch

        try:
            client = await self.services.browse_client()
            started = await start_batch(client, self.file.file_id)
        except BatchStartError as exc:
            self._problem(str(exc))
            return
        except user_errors() as exc:
            self._problem(friendly_message(exc))
            return
        self.start_button.hide()
        self.refresh_button.show()
        self.copy_button.setEnabled(True)
        self._show(started.batch)

    def refresh(self) -> None:
        if self.batch is not None:
            self.refresh_button.setEnabled(False)
            self._work.start(self._refresh(self.batch.id))

    async def _refresh(self, batch_id: str) -> None:
        from app.api.batches import BatchesClient

        try:
            batch = await BatchesClient.of(await self.services.browse_client()).retrieve(batch_id)
        except user_errors() as exc:
            self.problem.emit(friendly_message(exc))
            self.status.setText(
                translate("StartBatchDialog", "Could not read the status: {reason}").format(
                    reason=friendly_message(exc)
                )
            )
            return
        finally:
            self.refresh_button.setEnabled(True)
        self._show(batch)

    def _problem(self, message: str) -> None:
        self.status.setText(
            translate("StartBatchDialog", "Not started: {reason}").format(reason=message)
        )
        self.start_button.setEnabled(True)
        self.problem.emit(message)

    def _show(self, batch: Batch) -> None:
        self.batch = batch
        self.batch_id.setText(batch.id)
        self.endpoint.setText(batch.endpoint)
        word = STATUS_WORDS.get(batch.status)
        text = translate("StartBatchDialog", word) if word else batch.status
        if batch.errors:
            text += ": " + "; ".join(batch.errors[:3])
        self.status.setText(text)
        self.batchChanged.emit(batch)

    def copy_id(self) -> str:
        if self.batch is None:
            return ""
        QGuiApplication.clipboard().setText(self.batch.id)
        return self.batch.id
