"""What the window's first paint waits for: building the main window must not load the
engine, the HTTP client, the journal, the engine's bridge (with Qt's network module), the
keep-awake backends (D-Bus), asyncio and qasync, or validation's checks. Those load once the
window is drawn, when it connects or first uploads (each is tens of ms of a launch;
tests/perf measures launch to window)."""

from __future__ import annotations

import os
import subprocess
import sys

LATER = (
    "app.engine.core", "app.api", "httpx", "app.journal", "sqlite3",
    "app.ui.bridge", "PySide6.QtNetwork", "jeepney", "asyncio", "qasync",
    "app.validation.core", "app.engine.events",
)  # fmt: skip

CHILD = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
import app.ui.app  # what `hoist` imports to start the window
from app.ui.main_window import MainWindow
window = MainWindow()  # built, not started: start() connects
print(" ".join(m for m in {later!r} if m in sys.modules) or "none")
"""


def test_building_the_main_window_loads_no_engine_client_journal_or_d_bus() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(later=LATER)],
        capture_output=True, text=True, timeout=60, check=True, env=env,
    )  # fmt: skip
    assert done.stdout.split() == ["none"], done.stdout
