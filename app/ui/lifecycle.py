"""The window's start-up and shutdown: load settings, (re)connect the engine and restore
unfinished jobs; on quit ask about running uploads, pause and save them, then cancel and
await every task the window started before the loop may close."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from app.engine import EngineError
from app.ui.dialogs import ask, tell
from app.ui.errors import ErrorReporter, friendly_message, set_reporter, user_errors
from app.ui.i18n import translate
from app.ui.queue_tab import QueueTab
from app.ui.server_tab import ServerTab
from app.ui.services import Services
from app.ui.tasks import TaskKeeper

if TYPE_CHECKING:
    from app.sandbox import RunningSandbox
    from app.ui.bridge import EngineBridge

log = logging.getLogger("hoist.ui")


class Lifecycle(QObject):
    """Boot, reconnect and quit for one main window (which wires these signals)."""

    ready = Signal()  # connected (or failed to) and unfinished jobs restored
    bridgeCreated = Signal(object)  # a new EngineBridge: connect its signals to the views
    connected = Signal()  # the engine is up and its jobs are shown
    closing = Signal()  # last call before the window closes for good
    finished = Signal()  # shut down: the loop may stop

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        tasks: TaskKeeper,
        reporter: ErrorReporter,
        queue_tab: QueueTab,
        server_tab: ServerTab,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.tasks = tasks
        self.reporter = reporter
        self.queue_tab = queue_tab
        self.server_tab = server_tab
        self.bridge: EngineBridge | None = None
        self.is_ready = False
        self.shutting_down = False
        self.closed = False
        self._sandbox: RunningSandbox | None = None

    # Start-up -------------------------------------------------------------------------------
    async def start(self, files: list[str] | None = None, sandbox: bool = False) -> None:
        """Load settings, connect, restore unfinished jobs, add ``files``."""
        if files:
            self.queue_tab.add_paths(files)
        try:
            if sandbox:
                await self._start_sandbox()
            await self.services.load()
            self._tell_journal_notice()
            self.queue_tab.restore_choice()
            await self.connect_engine(restore=True)
        except user_errors() as exc:
            self.reporter.report_exception(exc, "Startup failed")
        finally:
            self.is_ready = True
            self.ready.emit()

    def _tell_journal_notice(self) -> None:
        """A damaged journal was moved aside and a fresh one started: say so, once."""
        journal = self.services.journal
        if journal is None or not journal.notice:
            return
        notice, journal.notice = journal.notice, None
        log.warning("%s", notice)
        tell(
            self.window,
            translate("Lifecycle", "Upload journal replaced"),
            translate("Lifecycle", "Hoist's record of unfinished uploads could not be read."),
            details=notice,
        )

    async def _start_sandbox(self) -> None:
        from app.ui.sandbox_mode import start_sandbox

        self._sandbox, base_url, key = await start_sandbox()
        await self.services.add_transient_profile("Sandbox", base_url, key)
        self.window.statusBar().showMessage(
            translate("Lifecycle", "Using the built-in sandbox: nothing leaves this computer."),
            15000,
        )

    async def connect_engine(self, restore: bool = True) -> None:
        """(Re)connect the engine for the active profile and show its jobs."""
        if self.bridge is not None:
            self.bridge.close()
            self.bridge = None
        self.queue_tab.set_engine(None)
        engine = await self.services.connect()
        from app.ui.bridge import EngineBridge  # with the engine: after the first paint

        self.bridge = EngineBridge(engine, parent=self.window)
        self.bridgeCreated.emit(self.bridge)
        self.queue_tab.set_engine(engine)
        self.server_tab.reset()
        if restore:
            restored = await engine.restore_from_journal(start=False)
            self.bridge.flush()
            self.queue_tab.apply_snapshots([engine.snapshot(j) for j in restored])
            if restored:
                self.window.statusBar().showMessage(
                    translate(
                        "Lifecycle",
                        "%n unfinished upload(s) ready to resume "
                        "(select and press Resume, or Resume all).",
                        None,
                        len(restored),
                    ),
                    20000,
                )
        self.connected.emit()

    async def reconnect(self) -> None:
        """New connection settings: reconnect, then resume what was running."""
        running = self.queue_tab.controller.running_jobs()
        await self.connect_engine(restore=True)
        engine = self.services.engine
        for job_id in running:
            try:
                if engine is not None:
                    engine.resume(job_id)
            except EngineError as exc:
                log.info("Could not resume %s after reconnecting: %s", job_id, exc)

    # Quitting -------------------------------------------------------------------------------
    def request_quit(self) -> None:
        """The window was asked to close: ask about running uploads (once), then shut down."""
        if not self.shutting_down:
            self.tasks.spawn(self._confirm_and_quit(), "quit")

    async def _confirm_and_quit(self) -> None:
        active = self.queue_tab.controller.running_jobs()
        if active:
            text = translate("Lifecycle", "%n upload(s) still running.", None, len(active))
            go = await ask(
                self.window,
                translate("Lifecycle", "Quit Hoist?"),
                text,
                translate("Lifecycle", "Pause and quit"),
                translate("Lifecycle", "Keep uploading"),
                details=translate(
                    "Lifecycle",
                    "Upload(s) will be paused and can be resumed the next time "
                    "you start Hoist. Finished parts are kept.",
                    None,
                    len(active),
                ),
            )
            if not go:
                return
        await self.shutdown()

    async def shutdown(self) -> None:
        """Pause and save every job (the engine's journal keeps them), stop every task the
        window started, close, quit."""
        if self.shutting_down:
            return
        self.shutting_down = True
        self.window.statusBar().showMessage(translate("Lifecycle", "Pausing uploads and saving…"))
        try:
            await self.tasks.cancel_all()  # loads, checks, dialogs: stopped before the engine
            await self.services.shutdown()  # pauses every job; the journal keeps them
            if self.bridge is not None:
                self.bridge.flush()  # show them paused
                self.bridge.close()
            if self._sandbox is not None:
                from app.ui.sandbox_mode import stop_sandbox

                await stop_sandbox(self._sandbox)
        except user_errors() as exc:
            log.error("Shutdown: %s", friendly_message(exc))
        finally:
            await self.tasks.cancel_all()  # and any started meanwhile: none outlives the loop
            self.closing.emit()
            self.closed = True
            set_reporter(None)
            self.window.close()
            self.finished.emit()
