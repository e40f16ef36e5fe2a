"""The window's actions: one place for their words, icons and keyboard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from app.ui.icons import icon


@dataclass
class Actions:
    add_files: QAction
    add_folder: QAction
    paste: QAction
    upload: QAction
    pause: QAction
    resume: QAction
    retry: QAction
    cancel: QAction
    remove: QAction
    copy_id: QAction
    pause_all: QAction
    resume_all: QAction
    clear_finished: QAction
    settings: QAction
    quit: QAction
    show_queue: QAction
    show_server: QAction
    show_history: QAction

    def queue_actions(self) -> list[QAction]:
        """What the queue's context menu offers."""
        return [self.pause, self.resume, self.retry, self.cancel, self.remove, self.copy_id]


def _action(
    parent: QWidget, text: str, icon_name: str | None, shortcuts: list[str], tip: str
) -> QAction:
    action = QAction(icon(icon_name) if icon_name else QIcon(), text, parent)
    sequences = [QKeySequence(s) for s in shortcuts]
    if sequences:
        action.setShortcuts(sequences)
        tip = f"{tip} ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    parent.addAction(action)  # shortcuts work wherever the focus is in the window
    return action


def make_actions(window: QWidget) -> Actions:
    a = _action
    return Actions(
        add_files=a(window, "Add files…", "add-file", ["Ctrl+O"], "Choose files to upload"),
        add_folder=a(
            window,
            "Add folder…",
            "folder",
            ["Ctrl+Shift+O"],
            "Choose a folder; every file inside is added",
        ),
        paste=a(
            window,
            "Paste paths",
            None,
            ["Ctrl+V"],
            "Add the files whose paths are on the clipboard",
        ),
        upload=a(
            window,
            "Upload",
            "upload",
            ["Ctrl+Return", "Ctrl+Enter"],
            "Upload the files that are ready",
        ),
        pause=a(window, "Pause", "pause", ["Ctrl+P"], "Pause the selected uploads"),
        resume=a(window, "Resume", "play", ["Ctrl+R"], "Resume the selected uploads"),
        retry=a(window, "Retry", "retry", ["Ctrl+T"], "Try the selected failed uploads again"),
        cancel=a(
            window,
            "Cancel",
            "cancel",
            ["Ctrl+."],
            "Stop the selected uploads and cancel them on the server",
        ),
        remove=a(window, "Remove", "remove", ["Delete"], "Remove the selected rows from the queue"),
        copy_id=a(
            window,
            "Copy file ID",
            "copy",
            ["Ctrl+Shift+C"],
            "Copy the file ID of the selected uploads",
        ),
        pause_all=a(window, "Pause all", "pause-all", ["Ctrl+Shift+P"], "Pause every upload"),
        resume_all=a(
            window, "Resume all", "resume-all", ["Ctrl+Shift+R"], "Resume every paused upload"
        ),
        clear_finished=a(
            window,
            "Clear finished",
            None,
            [],
            "Remove finished and cancelled uploads from the queue",
        ),
        settings=a(
            window, "Settings…", "settings", ["Ctrl+,"], "Profiles, API key and upload preferences"
        ),
        quit=a(window, "Quit", None, ["Ctrl+Q"], "Quit Hoist"),
        show_queue=a(window, "Queue", "queue", ["Ctrl+1"], "Show the upload queue"),
        show_server=a(
            window, "On the server", "server", ["Ctrl+2"], "Show the files stored on the server"
        ),
        show_history=a(window, "History", "history", ["Ctrl+3"], "Show finished uploads"),
    )
