"""Starting the window: QApplication, logging, the qasync loop (the one place it is set up),
the single-instance hand-over, and a clean exit."""

from __future__ import annotations

import gc
import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app import APP_NAME, startup_gc
from app.ui.errors import (
    install_excepthook,
    install_qt_message_handler,
    loop_exception_handler,
)
from app.ui.icons import app_icon

log = logging.getLogger("hoist.ui")


class RedactingFormatter(logging.Formatter):
    """Scrubs keys from the whole formatted record, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        from app.secrets import redact

        return redact(super().format(record))


def log_handler(path: Path) -> logging.Handler:
    """A rotating log file (0600, in a 0700 folder) whose every line has keys redacted."""
    from app.logfile import private_log_handler

    return private_log_handler(path)


def setup_logging() -> None:
    """The log file under the user's log folder (stderr if that cannot be written)."""
    from app.settings import state_dirs

    root = logging.getLogger()
    if any(getattr(h, "_hoist", False) for h in root.handlers):
        return
    try:
        handler = log_handler(state_dirs().logs / "hoist.log")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    handler._hoist = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("hoist")
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("io.github.hoistapp.Hoist")  # the installed .desktop file
    app.setWindowIcon(app_icon())
    return app


def install_language(app: QApplication) -> str:
    """The language chosen in Settings (or the system's), before any window is built."""
    from app.settings import Settings
    from app.ui import i18n

    return i18n.install(app, Settings.load().prefs.language)


def wait_until_drawn(window: QWidget, limit_ms: int = 500) -> None:
    """Let Qt map and paint the shown window (at most `limit_ms`: a window system may not
    map it at all, e.g. when it starts minimized)."""
    if window.testAttribute(Qt.WidgetAttribute.WA_Mapped):
        return
    waiting = QEventLoop()

    def check() -> None:
        if window.testAttribute(Qt.WidgetAttribute.WA_Mapped):
            waiting.quit()

    poll = QTimer(interval=1)
    poll.timeout.connect(check)
    QTimer.singleShot(limit_ms, waiting.quit)
    poll.start()
    waiting.exec()
    poll.stop()


def run_app(files: list[str], sandbox: bool) -> int:
    setup_logging()
    app = make_application()
    install_qt_message_handler()
    install_language(app)

    server = None
    if not sandbox:
        from app.ui.single_instance import InstanceServer, hand_over

        if hand_over(files):
            print(
                "Hoist is already open; the files were added to its queue."
                if files
                else "Hoist is already open."
            )
            return 0
        server = InstanceServer()
        server.listen()

    install_excepthook()
    from app.ui.main_window import MainWindow

    window = MainWindow()
    handed: list[list[str]] | None = []  # files handed over while the window is first drawn

    def deliver(files: list[str]) -> None:
        if handed is None:
            window.receive_files(files)
        else:
            handed.append(files)

    if server is not None:
        server.filesReceived.connect(deliver)
    window.show()
    # Drawn first, then asyncio and qasync (~40 ms) load: nothing before this point uses them.
    wait_until_drawn(window)
    import asyncio

    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    loop.set_exception_handler(loop_exception_handler)
    startup_gc.resume()  # paused by app.__main__ while modules and the window were built
    for files in handed or []:
        window.receive_files(files)
    handed = None

    # Ctrl+C in a terminal closes the window like the Quit command (Python needs the
    # interpreter to run now and then to see the signal).
    signal.signal(signal.SIGINT, lambda *_: window.close())
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(300)
    # Once startup's objects exist, keep them out of full collections: a full GC during an
    # upload otherwise stalls the GUI thread for 30-60 ms (tests/perf/RESULTS.md). The
    # resume above froze what was built before the first paint; this adds what connecting
    # the engine loaded after it.
    QTimer.singleShot(3000, gc.freeze)

    done = asyncio.Event()
    window.shutdownFinished.connect(done.set)
    with loop:
        window.tasks.spawn(window.start(files, sandbox), "startup")
        loop.run_until_complete(done.wait())
    if server is not None:
        server.close()
    log.info("Hoist closed")
    return 0
