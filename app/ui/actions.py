"""The window's actions: one place for their words, icons and keyboard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from app.ui.i18n import translate
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
        keys = sequences[0].toString(QKeySequence.SequenceFormat.NativeText)
        tip = translate("Actions", "{tip} ({keys})").format(tip=tip, keys=keys)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    parent.addAction(action)  # shortcuts work wherever the focus is in the window
    return action


def make_actions(window: QWidget) -> Actions:
    a = _action
    return Actions(
        add_files=a(
            window,
            translate("Actions", "Add files…"),
            "add-file",
            ["Ctrl+O"],
            translate("Actions", "Choose files to upload"),
        ),
        add_folder=a(
            window,
            translate("Actions", "Add folder…"),
            "folder",
            ["Ctrl+Shift+O"],
            translate("Actions", "Choose a folder; every file inside is added"),
        ),
        paste=a(
            window,
            translate("Actions", "Paste paths"),
            None,
            ["Ctrl+V"],
            translate("Actions", "Add the files whose paths are on the clipboard"),
        ),
        upload=a(
            window,
            translate("Actions", "Upload"),
            "upload",
            ["Ctrl+Return", "Ctrl+Enter"],
            translate("Actions", "Upload the files that are ready"),
        ),
        pause=a(
            window,
            translate("Actions", "Pause"),
            "pause",
            ["Ctrl+P"],
            translate("Actions", "Pause the selected uploads"),
        ),
        resume=a(
            window,
            translate("Actions", "Resume"),
            "play",
            ["Ctrl+R"],
            translate("Actions", "Resume the selected uploads"),
        ),
        retry=a(
            window,
            translate("Actions", "Retry"),
            "retry",
            ["Ctrl+T"],
            translate("Actions", "Try the selected failed uploads again"),
        ),
        cancel=a(
            window,
            translate("Actions", "Cancel"),
            "cancel",
            ["Ctrl+."],
            translate("Actions", "Stop the selected uploads and cancel them on the server"),
        ),
        remove=a(
            window,
            translate("Actions", "Remove"),
            "remove",
            ["Delete"],
            translate("Actions", "Remove the selected rows from the queue"),
        ),
        copy_id=a(
            window,
            translate("Actions", "Copy file ID"),
            "copy",
            ["Ctrl+Shift+C"],
            translate("Actions", "Copy the file ID of the selected uploads"),
        ),
        pause_all=a(
            window,
            translate("Actions", "Pause all"),
            "pause-all",
            ["Ctrl+Shift+P"],
            translate("Actions", "Pause every upload"),
        ),
        resume_all=a(
            window,
            translate("Actions", "Resume all"),
            "resume-all",
            ["Ctrl+Shift+R"],
            translate("Actions", "Resume every paused upload"),
        ),
        clear_finished=a(
            window,
            translate("Actions", "Clear finished"),
            None,
            [],
            translate("Actions", "Remove finished and cancelled uploads from the queue"),
        ),
        settings=a(
            window,
            translate("Actions", "Settings…"),
            "settings",
            ["Ctrl+,"],
            translate("Actions", "Profiles, API key and upload preferences"),
        ),
        quit=a(
            window,
            translate("Actions", "Quit"),
            None,
            ["Ctrl+Q"],
            translate("Actions", "Quit Hoist"),
        ),
        show_queue=a(
            window,
            translate("Actions", "Queue"),
            "queue",
            ["Ctrl+1"],
            translate("Actions", "Show the upload queue"),
        ),
        show_server=a(
            window,
            translate("Actions", "On the server"),
            "server",
            ["Ctrl+2"],
            translate("Actions", "Show the files stored on the server"),
        ),
        show_history=a(
            window,
            translate("Actions", "History"),
            "history",
            ["Ctrl+3"],
            translate("Actions", "Show finished uploads"),
        ),
    )
