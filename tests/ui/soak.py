"""A robustness soak for the window: random user actions (seeded) against a throttled sandbox
that injects faults. Used by tests/ui/test_ui_soak.py (short, in the normal suite) and
tests/perf/soak_window.py (long). A crash, a Qt warning (qt_log_level_fail), an unhandled
task error (loop_errors) or an exception in a Qt callback (pytest-qt) fails the test."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from uikit import drop_files, make_file

from app.engine import ACTIVE_STATES
from app.ui.dialogs import open_questions
from app.ui.queue_model import Column

MiB = 1024 * 1024
# Throttled, with a few refused or cut requests: the engine retries, the window shows it.
SANDBOX_OPTIONS: dict[str, Any] = {
    "throughput": 3_000_000,
    "fail_rate": 0.04,
    "fail_kinds": ["500", "503", "429", "drop"],
    "quiet": True,
}
# What a faulty server makes the engine log on purpose (declared by the soak tests).
EXPECTED_LOGS = (r".",)  # retries, refused parts, failed jobs: any hoist.engine/app.api line
EXPECTED_LOGGERS = ("hoist.engine", "app.api", "app.engine")


@dataclass
class SoakResult:
    steps: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    files_added: int = 0
    completed: int = 0
    failed: int = 0
    seconds: float = 0.0
    states: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        acts = ", ".join(f"{k} {v}" for k, v in sorted(self.actions.items()))
        return (
            f"{self.steps} actions in {self.seconds:.0f} s ({acts}); {self.files_added} files "
            f"added, {self.completed} completed, {self.failed} failed; rows now {self.states}"
        )


class Soak:
    def __init__(self, qtbot: Any, window: Any, folder: Path, seed: int) -> None:
        self.qtbot = qtbot
        self.window = window
        self.tab = window.queue_tab
        self.folder = folder
        self.rng = random.Random(seed)
        self.result = SoakResult()
        self.actions: list[tuple[str, int, Callable[[], None]]] = [
            ("add", 3, self.add),
            ("upload", 3, self.upload),
            ("select", 6, self.select),
            ("pause", 2, lambda: self.command("pause")),
            ("resume", 2, lambda: self.command("resume")),
            ("retry", 2, lambda: self.command("retry")),
            ("cancel", 1, lambda: self.command("cancel")),
            ("remove", 1, lambda: self.command("remove")),
            ("pause all", 1, lambda: self.command("pause_all")),
            ("resume all", 1, lambda: self.command("resume_all")),
            ("tab", 2, self.switch_tab),
            ("settings", 1, self.settings),
            ("quit-keep", 1, self.quit_keep),
        ]

    # Actions ---------------------------------------------------------------------------------
    def add(self) -> None:
        n = self.result.files_added
        paths = []
        for i in range(self.rng.randint(1, 3)):
            size = self.rng.choice([2_000, 300_000, 6 * MiB, 11 * MiB])
            paths.append(make_file(self.folder, f"soak-{n + i}.txt", size, seed=n + i))
        self.result.files_added += len(paths)
        if self.rng.random() < 0.2 and self.tab.model.rows():  # and one already queued
            paths.append(self.rng.choice(self.tab.model.rows()).path)
        drop_files(self.tab.drop_area, paths)

    def upload(self) -> None:
        if self.tab.upload_button.isEnabled():
            self.tab.upload_button.click()

    def select(self) -> None:
        rows = self.tab.model.rowCount()
        if not rows:
            return
        self.window.tabs.setCurrentIndex(0)
        table = self.tab.table
        rect = table.visualRect(self.tab.model.index(self.rng.randrange(rows), Column.NAME))
        modifier = (
            Qt.KeyboardModifier.ControlModifier
            if self.rng.random() < 0.3
            else Qt.KeyboardModifier.NoModifier
        )
        if rect.isValid():
            self.qtbot.mouseClick(
                table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center()
            )

    def command(self, name: str) -> None:
        action = getattr(self.window.commands, name)
        if action.isEnabled():
            action.trigger()

    def switch_tab(self) -> None:
        self.window.tabs.setCurrentIndex(self.rng.randrange(3))

    def settings(self) -> None:
        self.window.commands.settings.trigger()
        dialog = self.window.settings_dialog
        self.qtbot.waitUntil(lambda: dialog.key_box.saved.text() != "Reading…", timeout=10000)
        dialog.reject()

    def quit_keep(self) -> None:
        # Only while an upload has plenty left: the question is asked only then.
        long_running = [
            r
            for r in self.tab.model.rows()
            if r.state in ACTIVE_STATES
            and r.snapshot is not None
            and r.snapshot.fraction < 0.3
            and r.snapshot.size > 5 * MiB
        ]
        if not long_running:
            return
        self.window.close()
        self.qtbot.waitUntil(lambda: bool(open_questions()), timeout=5000)

    # Answers and pacing --------------------------------------------------------------------
    def answer_questions(self) -> None:
        for box in open_questions():
            if box.windowTitle() == "Quit Hoist?":
                wanted = "Keep uploading"
            else:
                wanted = self.rng.choice([b.text() for b in box.buttons()])
            for button in box.buttons():
                if button.text() == wanted:
                    button.click()
                    break

    def settle(self) -> None:
        """Until the bridge flushed once more, or nothing is running (no flush will come)."""
        bridge = self.window.bridge
        flushes = bridge.flushes
        self.qtbot.waitUntil(
            lambda: bridge.flushes > flushes or not self.window.active_jobs(), timeout=15000
        )

    def run(self, seconds: float) -> SoakResult:
        start = time.monotonic()
        names = [a[0] for a in self.actions]
        weights = [a[1] for a in self.actions]
        by_name = {a[0]: a[2] for a in self.actions}
        while time.monotonic() - start < seconds:
            name = self.rng.choices(names, weights)[0]
            by_name[name]()
            self.result.actions[name] += 1
            self.result.steps += 1
            self.answer_questions()
            self.settle()
            self.answer_questions()
            assert not self.window._closed, f"the window closed after {name}"
        self.result.seconds = time.monotonic() - start
        states = Counter(str(r.state) for r in self.tab.model.rows())
        self.result.states = dict(states)
        self.result.completed = states["completed"]
        self.result.failed = states["failed"]
        return self.result
