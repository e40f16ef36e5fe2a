"""The queue as a Qt table model.

A row is either *staged* (added to the window, checked, not yet handed to the engine) or a
*job* (the engine's latest JobSnapshot). Staged rows follow the purpose/expiry pickers; the
Upload button hands them to the engine.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt

from app.engine import JobState, PartState
from app.ui.formatting import format_duration, format_size, format_speed
from app.ui.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.pickers import purpose_label
from app.ui.table_model import HeaderedTableModel, Index

if TYPE_CHECKING:
    from app.engine import Finding, JobSnapshot


class Column(IntEnum):
    NAME = 0
    SIZE = 1
    PURPOSE = 2
    STATUS = 3
    PROGRESS = 4
    SPEED = 5
    ETA = 6


HEADERS = (
    QT_TRANSLATE_NOOP("QueueModel", "Name"),
    QT_TRANSLATE_NOOP("QueueModel", "Size"),
    QT_TRANSLATE_NOOP("QueueModel", "Purpose"),
    QT_TRANSLATE_NOOP("QueueModel", "Status"),
    QT_TRANSLATE_NOOP("QueueModel", "Progress"),
    QT_TRANSLATE_NOOP("QueueModel", "Speed"),
    QT_TRANSLATE_NOOP("QueueModel", "Time left"),
)
# Rows and part segments are read with QueueModel.row_at()/segments_at() by row number, never
# through a QVariant role: Python objects round-tripped through QVariant by Qt's own code paths
# (selection, delegates) are where PySide's reference counting has crashed (none_dealloc).

_keys = itertools.count(1)


@dataclass(frozen=True)
class Segment:
    """One part on the progress bar: its share of the file and how far it got."""

    weight: int  # bytes in the part
    state: PartState
    fill: float  # 0..1 of the part sent (current attempt)


@dataclass
class QueueRow:
    key: str  # job id once handed to the engine; "staged-N" before
    path: Path
    size: int
    purpose: str
    expires_after: int | None
    findings: tuple[Finding, ...] = ()
    checking: bool = False
    start_when_checked: bool = False  # Upload was pressed while this row was being checked
    check_error: str | None = None  # the file could not be read at all
    snapshot: JobSnapshot | None = None
    retry_seen: bool = False  # a part went to RETRYING at some point (for the log/tests)
    reused_file_id: str | None = None  # kept the earlier upload instead (same_file.py)
    extra_log: list[str] = field(default_factory=list)

    @staticmethod
    def staged(path: Path, size: int, purpose: str, expires_after: int | None) -> QueueRow:
        return QueueRow(f"staged-{next(_keys)}", path, size, purpose, expires_after, checking=True)

    @property
    def is_staged(self) -> bool:
        return self.snapshot is None and self.reused_file_id is None

    @property
    def name(self) -> str:
        return self.snapshot.filename if self.snapshot else self.path.name

    @property
    def state(self) -> JobState | None:
        if self.reused_file_id is not None:
            return JobState.COMPLETED
        return self.snapshot.state if self.snapshot else None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if str(f.severity) == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if str(f.severity) == "warning"]

    @property
    def blocked(self) -> bool:
        return self.check_error is not None or bool(self.errors)

    @property
    def file_id(self) -> str | None:
        if self.reused_file_id is not None:
            return self.reused_file_id
        return self.snapshot.file_id if self.snapshot else None

    def status_text(self) -> str:
        snap = self.snapshot
        if self.reused_file_id is not None:
            return translate("QueueModel", "Done (already uploaded)")
        if snap is None:
            if self.checking:
                return translate("QueueModel", "Checking…")
            if self.check_error:
                return self.check_error
            if self.errors:
                return translate("QueueModel", "Can't upload: {reason}").format(
                    reason=self.errors[0].message
                )
            if self.warnings:
                return translate("QueueModel", "Ready (%n warning(s))", None, len(self.warnings))
            return translate("QueueModel", "Ready to upload")
        state = snap.state
        if state is JobState.UPLOADING:
            retrying = [p for p in snap.parts if p.state is PartState.RETRYING]
            percent = int(snap.fraction * 100)
            if retrying:
                reason = (retrying[0].last_error or "").split(";")[0].strip()
                if reason:
                    return translate("QueueModel", "Retrying: {reason}").format(reason=reason)
                return translate("QueueModel", "Retrying")
            return translate("QueueModel", "Uploading {percent} %").format(percent=percent)
        if state is JobState.FAILED:
            reason = snap.error.message if snap.error else translate("QueueModel", "unknown error")
            return translate("QueueModel", "Failed: {reason}").format(reason=reason)
        if state is JobState.PAUSED and snap.error is not None:
            return translate("QueueModel", "Paused: {reason}").format(reason=snap.error.message)
        if state is JobState.PAUSED:
            percent = int(snap.fraction * 100)
            if percent:
                return translate("QueueModel", "Paused at {percent} %").format(percent=percent)
            return translate("QueueModel", "Paused")
        words = {
            JobState.QUEUED: QT_TRANSLATE_NOOP("QueueModel", "Waiting"),
            JobState.VALIDATING: QT_TRANSLATE_NOOP("QueueModel", "Checking…"),
            JobState.COMPLETING: QT_TRANSLATE_NOOP("QueueModel", "Finishing…"),
            JobState.WAITING_FOR_NETWORK: QT_TRANSLATE_NOOP(
                "QueueModel", "Waiting for the network"
            ),
            JobState.COMPLETED: QT_TRANSLATE_NOOP("QueueModel", "Done"),
            JobState.CANCELLED: QT_TRANSLATE_NOOP("QueueModel", "Cancelled"),
        }
        word = words.get(state)
        return translate("QueueModel", word) if word else str(state)

    def segments(self) -> list[Segment]:
        snap = self.snapshot
        if self.reused_file_id is not None:
            return [Segment(max(self.size, 1), PartState.DONE, 1.0)]
        if snap is None:
            return []
        if not snap.parts:
            whole = PartState.FAILED if snap.state is JobState.FAILED else PartState.PENDING
            return [Segment(max(snap.size, 1), whole, 0.0)]
        if snap.state is JobState.CANCELLED:  # nothing of it counts any more: all grey
            return [Segment(max(p.length, 1), PartState.PENDING, 0.0) for p in snap.parts]
        if snap.state is JobState.FAILED:
            # the parts that failed red, the rest grey; failed as a whole (e.g. at the
            # final step) when no part did: all red, never a green bar
            failed = any(p.state is PartState.FAILED for p in snap.parts)
            return [
                Segment(
                    max(p.length, 1),
                    PartState.FAILED
                    if not failed or p.state is PartState.FAILED
                    else PartState.PENDING,
                    0.0,
                )
                for p in snap.parts
            ]
        out = []
        for part in snap.parts:
            fill = part.bytes_sent / part.length if part.length else 1.0
            if part.state is PartState.DONE:
                fill = 1.0
            out.append(Segment(max(part.length, 1), part.state, min(fill, 1.0)))
        return out


class QueueModel(HeaderedTableModel):
    headers = HEADERS
    header_context = "QueueModel"

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[QueueRow] = []
        self._index: dict[str, int] = {}  # key → row number (hundreds of jobs stay cheap)

    def _reindex(self) -> None:
        self._index = {row.key: i for i, row in enumerate(self._rows)}

    def _row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.NAME:
                return str(row.path)
            if column == Column.STATUS:
                return row.status_text()
            if column == Column.PROGRESS and row.snapshot:
                s = row.snapshot
                return translate(
                    "QueueModel",
                    "{done} of {size}; {parts_done} of %n part(s) done",
                    None,
                    len(s.parts),
                ).format(
                    done=format_size(s.bytes_done),
                    size=format_size(s.size),
                    parts_done=s.parts_done,
                )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == Column.PROGRESS:
                return f"{int(row.snapshot.fraction * 100)} %" if row.snapshot else ""
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.SIZE,
            Column.SPEED,
            Column.ETA,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: QueueRow, column: Column) -> str:
        snap = row.snapshot
        if column == Column.NAME:
            return row.name
        if column == Column.SIZE:
            return format_size(snap.size if snap else row.size)
        if column == Column.PURPOSE:
            purpose = snap.purpose if snap else row.purpose
            return purpose_label(purpose)
        if column == Column.STATUS:
            return row.status_text()
        active = snap is not None and snap.state is JobState.UPLOADING
        if column == Column.SPEED:
            return format_speed(snap.speed) if active and snap else ""
        if column == Column.ETA:
            return format_duration(snap.eta) if active and snap else ""
        return ""

    # Updates --------------------------------------------------------------------------------
    def rows(self) -> list[QueueRow]:
        return list(self._rows)

    def row_at(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def segments_at(self, row: int) -> list[Segment]:
        found = self.row_at(row)
        return found.segments() if found is not None else []

    def find_path(self, path: Path) -> QueueRow | None:
        """The row already holding ``path``: staged, or a job not completed nor cancelled
        (a finished file may be sent again; whether to is asked elsewhere)."""
        done = (JobState.COMPLETED, JobState.CANCELLED)
        return next((r for r in self._rows if r.path == path and r.state not in done), None)

    def find(self, key: str) -> int:
        return self._index.get(key, -1)

    def get(self, key: str) -> QueueRow | None:
        i = self.find(key)
        return self._rows[i] if i >= 0 else None

    def get_by_name(self, name: str) -> QueueRow | None:
        return next((r for r in self._rows if r.name == name), None)

    def append(self, row: QueueRow) -> None:
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(row)
        self._index[row.key] = n
        self.endInsertRows()

    def remove(self, key: str) -> None:
        i = self.find(key)
        if i >= 0:
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self._reindex()
            self.endRemoveRows()

    def changed(self, key: str) -> None:
        i = self.find(key)
        if i >= 0:
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))

    def update_snapshot(self, snap: JobSnapshot) -> QueueRow:
        """Apply the engine's latest snapshot (a job not yet listed is appended)."""
        row = self.get(snap.id)
        if row is None:
            row = QueueRow(snap.id, snap.path, snap.size, snap.purpose, snap.expires_after)
            row.snapshot = snap
            row.findings = snap.findings
            self.append(row)
            return row
        row.snapshot = snap
        if snap.findings:
            row.findings = snap.findings
        if any(p.state is PartState.RETRYING for p in snap.parts):
            row.retry_seen = True
        self.changed(row.key)
        return row

    def replace(self, old_key: str, job_id: str) -> None:
        """A cancelled job's row now shows the new job started for the same file."""
        if self.find(old_key) < 0:
            return
        self.remove(job_id)  # listed already by an early engine event: keep the old row
        i = self.find(old_key)
        self._rows[i].key = job_id
        self._rows[i].snapshot = None
        self._reindex()
        self.changed(job_id)

    def promote(self, staged_key: str, job_id: str) -> None:
        """A staged row was handed to the engine and got this job id."""
        i = self.find(staged_key)
        if i < 0:
            return
        existing = self.get(job_id)
        if existing is not None:  # the engine's event arrived first (or it is a resume)
            if not existing.findings:
                existing.findings = self._rows[i].findings
            self.remove(staged_key)
            return
        self._rows[i].key = job_id
        self._reindex()
        self.changed(job_id)
