"""The "On the server" tab: the files stored under the active profile, with a purpose filter,
name search, Load more paging, download, copy ID and delete (after confirmation)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.dialogs import ask, choose_save_path
from app.ui.errors import friendly_message, user_errors
from app.ui.formatting import format_expiry_date, format_size, format_time
from app.ui.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.icons import icon
from app.ui.pickers import PURPOSES, purpose_label
from app.ui.table_model import HeaderedTableModel, Index
from app.ui.tasks import LatestTask, TaskKeeper

if TYPE_CHECKING:
    from app.api import FileObject
    from app.ui.services import Services

log = logging.getLogger("hoist.ui")
HEADERS = (
    QT_TRANSLATE_NOOP("ServerTab", "Name"),
    QT_TRANSLATE_NOOP("ServerTab", "Purpose"),
    QT_TRANSLATE_NOOP("ServerTab", "Size"),
    QT_TRANSLATE_NOOP("ServerTab", "Created"),
    QT_TRANSLATE_NOOP("ServerTab", "Expires"),
    QT_TRANSLATE_NOOP("ServerTab", "File ID"),
)
PAGE_SIZE = 100
FILE_ROLE = Qt.ItemDataRole.UserRole + 1


class ServerFilesModel(HeaderedTableModel):
    headers = HEADERS
    header_context = "ServerTab"

    def __init__(self) -> None:
        super().__init__()
        self.files: list[FileObject] = []

    def _row_count(self) -> int:
        return len(self.files)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.files[index.row()]
        if role == FILE_ROLE:
            return f
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return [
                f.filename,
                purpose_label(f.purpose),
                format_size(f.bytes),
                format_time(f.created_at),
                format_expiry_date(f.expires_at),
                f.id,
            ][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_files(self, files: list[FileObject]) -> None:
        self.beginResetModel()
        self.files = list(files)
        self.endResetModel()

    def extend(self, files: list[FileObject]) -> None:
        known = {f.id for f in self.files}
        new = [f for f in files if f.id not in known]
        if new:
            self.beginInsertRows(QModelIndex(), len(self.files), len(self.files) + len(new) - 1)
            self.files.extend(new)
            self.endInsertRows()

    def remove_id(self, file_id: str) -> None:
        for i, f in enumerate(self.files):
            if f.id == file_id:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.files[i]
                self.endRemoveRows()
                return


class ServerTab(QWidget):
    message = Signal(str)
    loaded = Signal()  # a page arrived (or failed): tests wait on it

    def __init__(
        self, services: Services, tasks: TaskKeeper, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self._loaded_once = False
        self._loading = LatestTask(tasks, "list files")
        self._after: str | None = None

        self.purpose = QComboBox()
        self.purpose.setAccessibleName(translate("ServerTab", "Purpose filter"))
        self.purpose.addItem(translate("ServerTab", "All purposes"), None)
        for value, label, _ in PURPOSES:
            self.purpose.addItem(translate("Pickers", label), value)
        self.purpose.currentIndexChanged.connect(lambda _i: self.reload())
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("ServerTab", "Search by name"))
        self.search.setAccessibleName(translate("ServerTab", "Search by name"))
        self.search.setClearButtonEnabled(True)
        self.refresh_button = QPushButton(icon("refresh"), translate("ServerTab", "Refresh"))
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.setToolTip(translate("ServerTab", "Load the list again (F5)"))
        self.refresh_button.clicked.connect(self.reload)
        self.download_button = QPushButton(icon("download"), translate("ServerTab", "Download…"))
        self.download_button.clicked.connect(self.download_selected)
        self.copy_button = QPushButton(icon("copy"), translate("ServerTab", "Copy file ID"))
        self.copy_button.clicked.connect(self.copy_selected)
        self.delete_button = QPushButton(icon("remove"), translate("ServerTab", "Delete…"))
        self.delete_button.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        filter_label = QLabel(translate("ServerTab", "&Show:"))
        filter_label.setBuddy(self.purpose)
        top.addWidget(filter_label)
        top.addWidget(self.purpose)
        top.addWidget(self.search, 1)
        for button in (
            self.refresh_button,
            self.download_button,
            self.copy_button,
            self.delete_button,
        ):
            top.addWidget(button)

        self.model = ServerFilesModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(translate("ServerTab", "Files on the server"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # the name takes the spare room; dates and ids stay on one line
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.status = QLabel("")
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setAccessibleDescription(translate("ServerTab", "Server list status"))
        self.more_button = QPushButton(translate("ServerTab", "Load more"))
        self.more_button.setAccessibleName(translate("ServerTab", "Load more"))
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._update_buttons()

    # Loading --------------------------------------------------------------------------------
    def reset(self) -> None:
        """The connection changed: forget what was listed."""
        self.model.set_files([])
        self._loaded_once = False
        if self.isVisible():
            self.reload()

    def ensure_loaded(self) -> None:
        if not self._loaded_once:
            self.reload()

    def reload(self) -> None:
        """List from the start; a load still running (an older filter) is cancelled."""
        self._loaded_once = True
        self._after = None
        self._loading.start(self._load(reset=True))

    def load_more(self) -> None:
        if not self._loading.running:  # the button is disabled meanwhile; a reset wins anyway
            self._loading.start(self._load(reset=False))

    async def _load(self, reset: bool) -> None:
        self.status.setText(translate("ServerTab", "Loading…"))
        self.more_button.setEnabled(False)
        try:
            client = await self.services.browse_client()
            page = await client.list_files(
                purpose=self.purpose.currentData(),
                limit=PAGE_SIZE,
                after=None if reset else self._after,
            )
        except user_errors() as exc:
            self.status.setText(friendly_message(exc))
            self.more_button.setVisible(False)
        else:
            if reset:
                self.model.set_files(page.data)
            else:
                self.model.extend(page.data)
            self._after = page.last_id
            self.more_button.setVisible(page.has_more)
            count = len(self.model.files)
            self.status.setText(
                translate("ServerTab", "%n file(s) listed (more on the server).", None, count)
                if page.has_more
                else translate("ServerTab", "%n file(s) listed.", None, count)
            )
        # not in a finally: a cancelled load leaves the screen to the load that replaced it
        self.more_button.setEnabled(True)
        self._update_buttons()
        self.loaded.emit()

    # Actions --------------------------------------------------------------------------------
    def selected_files(self) -> list[FileObject]:
        rows = self.table.selectionModel().selectedRows()
        return [i.data(FILE_ROLE) for i in sorted(rows, key=lambda x: x.row())]

    def _update_buttons(self) -> None:
        n = len(self.selected_files())
        self.download_button.setEnabled(n == 1)
        self.copy_button.setEnabled(n >= 1)
        self.delete_button.setEnabled(n >= 1)

    def copy_selected(self) -> None:
        ids = [f.id for f in self.selected_files()]
        if ids:
            QGuiApplication.clipboard().setText("\n".join(ids))
            self.message.emit(translate("ServerTab", "%n file ID(s) copied.", None, len(ids)))

    def delete_selected(self) -> None:
        files = self.selected_files()
        if files:
            self.tasks.spawn(self._delete(files), "delete files")

    async def _delete(self, files: list[FileObject]) -> None:
        if len(files) == 1:
            question = translate("ServerTab", 'Delete "{name}" from the server?').format(
                name=files[0].filename
            )
        else:
            question = translate(
                "ServerTab", "Delete %n file(s) from the server?", None, len(files)
            )
        go = await ask(
            self,
            translate("ServerTab", "Delete from the server?"),
            question,
            translate("ServerTab", "Delete"),
            details=translate("ServerTab", "This cannot be undone."),
            destructive=True,
        )
        if not go:
            return
        client = await self.services.browse_client()
        deleted = 0
        for f in files:
            try:
                await client.delete_file(f.id)
            except user_errors() as exc:
                self.message.emit(
                    translate("ServerTab", "{name}: {reason}").format(
                        name=f.filename, reason=friendly_message(exc)
                    )
                )
                continue
            self.model.remove_id(f.id)
            deleted += 1
        self.message.emit(translate("ServerTab", "Deleted %n file(s).", None, deleted))
        self.status.setText(
            translate("ServerTab", "%n file(s) listed.", None, len(self.model.files))
        )
        self._update_buttons()

    def download_selected(self) -> None:
        files = self.selected_files()
        if len(files) == 1:
            self.tasks.spawn(self._download(files[0]), "download file")

    async def _download(self, f: FileObject) -> None:
        suggested = str(Path.home() / Path(f.filename).name)
        target = await choose_save_path(
            self, translate("ServerTab", "Save the downloaded file"), suggested
        )
        if not target:
            return
        self.message.emit(translate("ServerTab", "Downloading {name}…").format(name=f.filename))
        try:
            client = await self.services.browse_client()
            size = await client.download_file(f.id, Path(target), overwrite=True)  # it asked
        except user_errors() as exc:
            self.message.emit(
                translate("ServerTab", "Download failed: {reason}").format(
                    reason=friendly_message(exc)
                )
            )
            return
        self.message.emit(
            translate("ServerTab", "Saved {size} to {path}.").format(
                size=format_size(size), path=target
            )
        )
