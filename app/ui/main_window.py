"""The main window: menus, toolbar and the three tabs. The status bar and notifications live
in run_status.py; start-up, reconnect and quit in lifecycle.py."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSizePolicy, QTabWidget, QToolBar, QWidget

from app.engine import ACTIVE_STATES, TERMINAL_STATES, JobState
from app.ui.actions import make_actions
from app.ui.after_upload import AfterUpload
from app.ui.errors import ErrorReporter, set_reporter
from app.ui.file_collect import paths_from_text
from app.ui.file_open import install_file_open_handler, remove_file_open_handler
from app.ui.history_tab import HistoryTab
from app.ui.i18n import translate
from app.ui.icons import app_icon, icon
from app.ui.lifecycle import Lifecycle
from app.ui.notify import Notifier
from app.ui.queue_tab import QueueTab
from app.ui.run_status import RunStatus
from app.ui.screen_fit import fit_to_screen
from app.ui.server_tab import ServerTab
from app.ui.services import Services
from app.ui.tasks import TaskKeeper

if TYPE_CHECKING:
    from app.engine import JobSnapshot
    from app.ui.bridge import EngineBridge
    from app.ui.settings_dialog import SettingsDialog

log = logging.getLogger("hoist.ui")


class MainWindow(QMainWindow):
    ready = Signal()  # connected (or failed to) and unfinished jobs restored
    shutdownFinished = Signal()

    def __init__(self, services: Services | None = None) -> None:
        super().__init__()
        self.services = services or Services()
        self.tasks = TaskKeeper()
        self.reporter = ErrorReporter(self)
        set_reporter(self.reporter)
        self.notifier = Notifier(self)
        self.settings_dialog: SettingsDialog | None = None

        self.setWindowTitle("Hoist")
        self.setWindowIcon(app_icon())
        self.commands = make_actions(self)  # not "actions": that is QWidget.actions()
        self.queue_tab = QueueTab(self.services, self.tasks)
        self.server_tab = ServerTab(self.services, self.tasks)
        self.history_tab = HistoryTab(self.services, self.tasks)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(translate("MainWindow", "Views"))
        self.tabs.addTab(self.queue_tab, icon("queue"), translate("MainWindow", "Queue"))
        self.tabs.addTab(self.server_tab, icon("server"), translate("MainWindow", "On the server"))
        self.tabs.addTab(self.history_tab, icon("history"), translate("MainWindow", "History"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self._build_toolbar()
        self.run_status = RunStatus(  # the status bar and the notifications
            self, self.services, self.tasks, self.notifier, self.reporter, self.queue_tab.model
        )
        self.speed_controls = self.run_status.speed_controls
        self.profile_label = self.run_status.profile_label
        self.speed_label = self.run_status.speed_label
        self.inflight_label = self.run_status.inflight_label
        self.network_label = self.run_status.network_label
        self._connect_actions()
        self.queue_tab.selectionChanged.connect(self.update_actions)
        self.queue_tab.keyNeeded.connect(self.open_settings)
        self.queue_tab.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.server_tab.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.update_actions()
        fit_to_screen(self, 1100, 720)
        # macOS hands files opened while Hoist runs to the application, not to argv.
        self.file_opens = install_file_open_handler(self.receive_files, self)
        self.lifecycle = Lifecycle(
            self, self.services, self.tasks, self.reporter, self.queue_tab, self.server_tab
        )
        self.lifecycle.ready.connect(self.ready)
        self.lifecycle.bridgeCreated.connect(self._bridge_created)
        self.lifecycle.connected.connect(self.update_actions)
        self.lifecycle.closing.connect(self._closing)
        self.lifecycle.finished.connect(self.shutdownFinished)
        self.after_upload = AfterUpload(  # vector store, batch, same file twice
            self, self.services, self.tasks, self.queue_tab, self.history_tab, self.tabs
        )

    # Layout ---------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.commands
        bar = self.menuBar()
        file_menu = bar.addMenu(translate("MainWindow", "&File"))
        for action in (a.add_files, a.add_folder, a.paste):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(a.settings)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        queue_menu = bar.addMenu(translate("MainWindow", "&Queue"))
        queue_menu.addAction(a.upload)
        queue_menu.addSeparator()
        for action in a.queue_actions():
            queue_menu.addAction(action)
        queue_menu.addSeparator()
        for action in (a.pause_all, a.resume_all, a.clear_finished):
            queue_menu.addAction(action)
        view_menu = bar.addMenu(translate("MainWindow", "&View"))
        for action in (a.show_queue, a.show_server, a.show_history):
            view_menu.addAction(action)
        self.queue_tab.table.addActions(a.queue_actions())

    def _build_toolbar(self) -> None:
        a = self.commands
        toolbar = QToolBar(translate("MainWindow", "Actions"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setAccessibleName(translate("MainWindow", "Actions"))
        toolbar.addAction(a.add_files)
        toolbar.addSeparator()
        for action in a.queue_actions():
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(a.pause_all)
        toolbar.addAction(a.resume_all)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(a.settings)
        self.addToolBar(toolbar)

    def _connect_actions(self) -> None:
        a, q = self.commands, self.queue_tab
        a.add_files.triggered.connect(lambda: self.tasks.spawn(self._choose(False), "choose"))
        a.add_folder.triggered.connect(lambda: self.tasks.spawn(self._choose(True), "choose"))
        q.drop_area.addFilesClicked.connect(a.add_files.trigger)
        q.drop_area.addFolderClicked.connect(a.add_folder.trigger)
        a.paste.triggered.connect(self.paste_paths)
        a.upload.triggered.connect(q.request_start)
        a.pause.triggered.connect(q.pause_selected)
        a.resume.triggered.connect(q.resume_selected)
        a.retry.triggered.connect(q.retry_selected)
        a.cancel.triggered.connect(q.cancel_selected)
        a.remove.triggered.connect(q.remove_selected)
        a.copy_id.triggered.connect(q.copy_file_ids)
        a.pause_all.triggered.connect(q.controller.pause_all)
        a.resume_all.triggered.connect(q.controller.resume_all)
        a.clear_finished.triggered.connect(q.clear_finished)
        a.settings.triggered.connect(self.open_settings)
        a.quit.triggered.connect(self.close)
        a.show_queue.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        a.show_server.triggered.connect(lambda: self.tabs.setCurrentIndex(1))
        a.show_history.triggered.connect(lambda: self.tabs.setCurrentIndex(2))
        toggle = QAction(translate("MainWindow", "Pause or resume"), q.table)
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Space))
        toggle.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.triggered.connect(q.toggle_selected)
        q.table.addAction(toggle)

    def update_actions(self) -> None:
        if getattr(self, "lifecycle", None) is not None and self.lifecycle.closed:
            return  # closing: the views may already be going away
        a = self.commands
        rows = self.queue_tab.selected_rows()
        states = {r.state for r in rows if r.state is not None}
        on_queue = self.tabs.currentIndex() == 0
        a.pause.setEnabled(on_queue and bool(states & ACTIVE_STATES))
        a.resume.setEnabled(on_queue and JobState.PAUSED in states)
        a.retry.setEnabled(on_queue and bool(states & {JobState.FAILED, JobState.CANCELLED}))
        a.cancel.setEnabled(on_queue and bool(states - TERMINAL_STATES))
        a.remove.setEnabled(on_queue and bool(rows))
        a.copy_id.setEnabled(on_queue and any(r.file_id for r in rows))
        all_states = {r.state for r in self.queue_tab.model.rows()}
        a.pause_all.setEnabled(bool(all_states & ACTIVE_STATES))
        a.resume_all.setEnabled(JobState.PAUSED in all_states)

    def _tab_changed(self, index: int) -> None:
        self.update_actions()
        if index == 1:
            self.server_tab.ensure_loaded()
        elif index == 2:
            self.history_tab.reload()

    # Start-up and shutdown (lifecycle.py) ---------------------------------------------------
    @property
    def bridge(self) -> EngineBridge | None:
        return self.lifecycle.bridge

    @property
    def is_ready(self) -> bool:
        return self.lifecycle.is_ready

    @property
    def _closed(self) -> bool:
        return self.lifecycle.closed

    async def start(self, files: list[str] | None = None, sandbox: bool = False) -> None:
        await self.lifecycle.start(files, sandbox)

    async def connect_engine(self, restore: bool = True) -> None:
        await self.lifecycle.connect_engine(restore)

    async def shutdown(self) -> None:
        await self.lifecycle.shutdown()

    def active_jobs(self) -> list[str]:
        return self.queue_tab.controller.running_jobs()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.lifecycle.closed:
            event.accept()
            return
        event.ignore()
        self.lifecycle.request_quit()

    def _closing(self) -> None:
        self.notifier.close()
        self.run_status.close()
        remove_file_open_handler(self.file_opens)

    def _bridge_created(self, bridge: EngineBridge) -> None:
        self.run_status.watch(bridge)
        bridge.jobsUpdated.connect(self.queue_tab.apply_snapshots)
        bridge.jobRemoved.connect(self.queue_tab.job_removed)
        bridge.jobFinished.connect(self._job_finished)

    def _job_finished(self, snap: JobSnapshot) -> None:
        self.queue_tab.apply_snapshots([snap])
        self.run_status.job_finished(snap)
        self.history_tab.mark_stale()

    # Adding files ---------------------------------------------------------------------------
    async def _choose(self, folder: bool) -> None:
        from app.ui.dialogs import choose_files

        paths = await choose_files(
            self,
            translate("MainWindow", "Add folder")
            if folder
            else translate("MainWindow", "Add files"),
            folder=folder,
        )
        self.queue_tab.add_paths(paths)

    def paste_paths(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        paths: list[str] = []
        if mime is not None and mime.hasUrls():
            paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        if not paths and mime is not None and mime.hasText():
            paths = paths_from_text(mime.text())
        if paths:
            self.tabs.setCurrentIndex(0)
            self.queue_tab.add_paths(paths)
        else:
            self.statusBar().showMessage(
                translate("MainWindow", "The clipboard holds no file paths."), 5000
            )

    def receive_files(self, files: list[str]) -> None:
        """Files handed over by a second launch or opened through macOS (file_open.py)."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if files:
            self.tabs.setCurrentIndex(0)
            self.queue_tab.add_paths(files)

    # Settings -------------------------------------------------------------------------------
    def open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            return
        self.settings_dialog = SettingsDialog(self.services, self.tasks, self)
        self.settings_dialog.saved.connect(self._settings_saved)
        self.settings_dialog.open()

    def _settings_saved(self, reconnect: bool) -> None:
        if reconnect:
            self.tasks.spawn(self.lifecycle.reconnect(), "reconnect")
            return
        engine = self.services.engine
        if engine is not None:
            engine.set_concurrency(self.services.settings.prefs.concurrency)
            engine.set_part_size(self.services.settings.prefs.part_size)
        self.speed_controls.settings_changed()
        self.run_status.show_profile()
