"""Run in a child process under Xvfb with QT_SCALE_FACTOR set: open the real window and the
Settings dialog and print their geometry and the screen's as JSON (read by test_ui_scale)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from app.ui.queue_model import QueueRow
from app.ui.services import Services
from app.ui.settings_dialog import SettingsDialog
from app.ui.tasks import TaskKeeper


def _rect(widget: object) -> list[int]:
    g = widget.frameGeometry()  # type: ignore[attr-defined]
    return [g.x(), g.y(), g.width(), g.height()]


def main() -> int:
    app = QApplication(sys.argv)
    window = MainWindow(Services())
    tab = window.queue_tab
    for i in range(3):  # rows and the details of one: the tallest the window gets
        tab.model.append(QueueRow.staged(Path(f"/tmp/probe-{i}.txt"), 1000, "user_data", None))
    tab.select_key(tab.model.rows()[0].key)
    window.show()
    app.processEvents()
    dialog = SettingsDialog(window.services, TaskKeeper(), window)
    dialog.show()
    app.processEvents()
    screen = app.primaryScreen()
    available = screen.availableGeometry()
    status = window.statusBar()
    print(
        json.dumps(
            {
                "ratio": screen.devicePixelRatio(),
                "screen": [available.x(), available.y(), available.width(), available.height()],
                "window": _rect(window),
                "window_min": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
                "status_bar_visible": status.isVisible()
                and status.geometry().bottom() < window.height(),
                "settings": _rect(dialog),
                "settings_min": [
                    dialog.minimumSizeHint().width(),
                    dialog.minimumSizeHint().height(),
                ],
                "save_visible": dialog.buttons.isVisible()
                and dialog.buttons.geometry().bottom() < dialog.height(),
            }
        )
    )
    dialog.close()
    window.lifecycle.closed = True  # nothing started: close without the quit question
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
