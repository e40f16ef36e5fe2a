"""Details of the selected queue row: parts (bytes, attempts, part id), the Upload id with a
live countdown to its expiry, validation findings and the job's log."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.engine import JobState, PartState
from app.ui.formatting import format_clock, format_countdown, format_size
from app.ui.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.pickers import ExpiryPicker, PurposePicker, describe_expiry, purpose_label
from app.ui.queue_model import QueueRow

PART_HEADERS = [
    QT_TRANSLATE_NOOP("DetailsPane", "Part"),
    QT_TRANSLATE_NOOP("DetailsPane", "Bytes"),
    QT_TRANSLATE_NOOP("DetailsPane", "State"),
    QT_TRANSLATE_NOOP("DetailsPane", "Attempts"),
    QT_TRANSLATE_NOOP("DetailsPane", "Part ID"),
]
_PART_WORDS = {
    PartState.PENDING: QT_TRANSLATE_NOOP("DetailsPane", "Waiting"),
    PartState.SENDING: QT_TRANSLATE_NOOP("DetailsPane", "Sending"),
    PartState.DONE: QT_TRANSLATE_NOOP("DetailsPane", "Done"),
    PartState.RETRYING: QT_TRANSLATE_NOOP("DetailsPane", "Retrying"),
    PartState.FAILED: QT_TRANSLATE_NOOP("DetailsPane", "Failed"),
}


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


def _described(label: QLabel, description: str) -> QLabel:
    """A value label: its text stays its accessible name (what a screen reader reads); the
    description says what the value is. A fixed name would replace the value."""
    label.setAccessibleDescription(description)
    return label


class DetailsPane(QWidget):
    choiceChanged = Signal(str, object)  # purpose, expires_after: this (staged) row only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("DetailsPane", "Details of the selected file"))
        self._row: QueueRow | None = None
        self.placeholder = QLabel(
            translate("DetailsPane", "Select a file in the queue to see its parts and log.")
        )
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.name = _selectable(QLabel())
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.path = _selectable(QLabel())
        self.path.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.summary = _described(_selectable(QLabel()), translate("DetailsPane", "Status"))
        self.upload_id = _described(_selectable(QLabel()), translate("DetailsPane", "Upload ID"))
        self.countdown = _described(QLabel(), translate("DetailsPane", "Upload expiry countdown"))
        self.file_id = _described(_selectable(QLabel()), translate("DetailsPane", "File ID"))
        # This file's own purpose and expiry, changeable until it starts.
        self.row_purpose = PurposePicker(explain=False)
        self.row_purpose.combo.setAccessibleName(translate("DetailsPane", "Purpose of this file"))
        self.row_expiry = ExpiryPicker()
        self.row_expiry.combo.setAccessibleName(translate("DetailsPane", "Expiry of this file"))
        self.row_purpose.purposeChanged.connect(self._choice_changed)
        self.row_expiry.expiryChanged.connect(self._choice_changed)
        self._showing = False  # filling the row pickers from the row: not a user choice
        choice = QWidget()
        choice_layout = QHBoxLayout(choice)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        purpose_caption = QLabel(translate("DetailsPane", "P&urpose of this file:"))
        purpose_caption.setBuddy(self.row_purpose.combo)
        expiry_caption = QLabel(translate("DetailsPane", "Ex&piry:"))
        expiry_caption.setBuddy(self.row_expiry.combo)
        choice_layout.addWidget(purpose_caption)
        choice_layout.addWidget(self.row_purpose)
        choice_layout.addWidget(expiry_caption)
        choice_layout.addWidget(self.row_expiry, 1)
        self.choice = choice
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for row, column, label, widget in (
            (0, 0, translate("DetailsPane", "Status:"), self.summary),
            (1, 0, translate("DetailsPane", "Upload ID:"), self.upload_id),
            (1, 2, translate("DetailsPane", "Upload expiry:"), self.countdown),
            (2, 0, translate("DetailsPane", "File ID:"), self.file_id),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            grid.addWidget(caption, row, column)
            grid.addWidget(widget, row, column + 1, 1, 3 if row == 0 else 1)
        grid.addWidget(choice, 3, 0, 1, 4)

        self.parts = QTableWidget(0, len(PART_HEADERS))
        self.parts.setAccessibleName(translate("DetailsPane", "Parts"))
        self.parts.setHorizontalHeaderLabels([translate("DetailsPane", h) for h in PART_HEADERS])
        self.parts.verticalHeader().setVisible(False)
        self.parts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.parts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.parts.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.findings = QPlainTextEdit()
        self.findings.setReadOnly(True)
        self.findings.setAccessibleName(translate("DetailsPane", "Validation findings"))
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setAccessibleName(translate("DetailsPane", "Log"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.parts, translate("DetailsPane", "Parts"))
        self.tabs.addTab(self.findings, translate("DetailsPane", "Checks"))
        self.tabs.addTab(self.log, translate("DetailsPane", "Log"))

        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.name)
        body_layout.addWidget(self.path)
        body_layout.addLayout(grid)
        body_layout.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body)
        self.body.hide()

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    @property
    def row(self) -> QueueRow | None:
        return self._row

    def show_row(self, row: QueueRow | None) -> None:
        self._row = row
        self.placeholder.setVisible(row is None)
        self.body.setVisible(row is not None)
        if row is not None:
            self.refresh()
            self.show_problems_first()

    def _choice_changed(self, *_: object) -> None:
        purpose = self.row_purpose.purpose()
        self.row_expiry.set_purpose(purpose)
        if not self._showing and self._row is not None and self._row.is_staged:
            self.choiceChanged.emit(purpose, self.row_expiry.seconds())

    def _show_choice(self, row: QueueRow) -> None:
        self.choice.setVisible(row.is_staged)
        if not row.is_staged:
            return
        self._showing = True
        try:
            self.row_purpose.set_purpose(row.purpose)
            self.row_expiry.set_purpose(row.purpose)
            self.row_expiry.set_seconds(row.expires_after)
        finally:
            self._showing = False

    def show_problems_first(self) -> None:
        row = self._row
        if row is not None and row.is_staged and (row.blocked or row.warnings):
            self.tabs.setCurrentWidget(self.findings)

    def refresh(self) -> None:
        row = self._row
        if row is None:
            return
        snap = row.snapshot
        self.name.setText(row.name)
        self.path.setText(str(row.path))
        purpose = snap.purpose if snap else row.purpose
        expires = snap.expires_after if snap else row.expires_after
        size = snap.size if snap else row.size
        self.summary.setText(
            translate(
                "DetailsPane", "{status} · {size} · {purpose} · file expiry: {expiry}"
            ).format(
                status=row.status_text(),
                size=format_size(size),
                purpose=purpose_label(purpose),
                expiry=describe_expiry(expires, purpose),
            )
        )
        if snap is not None and snap.upload_id:
            self.upload_id.setText(snap.upload_id)
        elif snap is not None and snap.effective_route == "files":
            self.upload_id.setText(
                translate("DetailsPane", "— (sent in one request, no Upload needed)")
            )
        else:
            self.upload_id.setText("—")
        self.file_id.setText(row.file_id or "—")
        self._show_choice(row)
        self._tick()
        self._fill_parts(row)
        self._fill_findings(row)
        self._fill_log(row)

    def _tick(self) -> None:
        snap = self._row.snapshot if self._row else None
        if snap is not None and snap.state in (JobState.CANCELLED, JobState.COMPLETED):
            cancelled = snap.state is JobState.CANCELLED
            self._set(
                self.countdown, translate("DetailsPane", "— (cancelled)") if cancelled else "—"
            )
            return
        if snap is None or snap.upload_expires_local is None or snap.file_id:
            self._set(self.countdown, "—")
            return
        self._set(self.countdown, format_countdown(snap.upload_expires_local, time.time()))

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        if label.text() != text:  # an unchanged value is not announced again
            label.setText(text)

    def _fill_parts(self, row: QueueRow) -> None:
        parts = row.snapshot.parts if row.snapshot else ()
        cancelled = row.state is JobState.CANCELLED
        self.parts.setRowCount(len(parts))
        for i, part in enumerate(parts):
            word = _PART_WORDS.get(part.state)
            state = translate("DetailsPane", word) if word else str(part.state)
            if cancelled and part.state is not PartState.DONE:
                state = translate("DetailsPane", "Not sent (cancelled)")
            if part.last_error and part.state in (PartState.RETRYING, PartState.FAILED):
                state += f": {part.last_error}"
            cells = [
                str(part.index + 1),
                translate("DetailsPane", "{sent} of {size}").format(
                    sent=format_size(part.bytes_sent), size=format_size(part.length)
                ),
                state,
                str(part.attempts),
                part.part_id or "",
            ]
            for column, text in enumerate(cells):
                item = self.parts.item(i, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.parts.setItem(i, column, item)
                if item.text() != text:
                    item.setText(text)

    def _fill_findings(self, row: QueueRow) -> None:
        lines = []
        if row.check_error:
            lines.append(row.check_error)
        for finding in row.findings:
            if str(finding.severity) == "error":
                line = translate("DetailsPane", "Error: {message}")
            else:
                line = translate("DetailsPane", "Warning: {message}")
            lines.append(line.format(message=finding.message))
        if row.checking:
            lines.append(translate("DetailsPane", "Checking the file…"))
        text = "\n".join(lines) or translate("DetailsPane", "No problems found.")
        if self.findings.toPlainText() != text:
            self.findings.setPlainText(text)

    def _fill_log(self, row: QueueRow) -> None:
        lines = list(row.extra_log)
        if row.snapshot:
            lines += [f"{format_clock(line.time)}  {line.text}" for line in row.snapshot.log]
        text = "\n".join(lines)
        if self.log.toPlainText() != text:
            at_end = self.log.verticalScrollBar().value() == self.log.verticalScrollBar().maximum()
            self.log.setPlainText(text)
            if at_end:
                self.log.verticalScrollBar().setValue(self.log.verticalScrollBar().maximum())
