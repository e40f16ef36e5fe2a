"""Questions without nested event loops: the dialog is opened with open() and its answer
resolves an asyncio future (QDialog.exec() inside a coroutine breaks qasync)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from app.ui.i18n import translate

if TYPE_CHECKING:
    import asyncio

_open: list[QMessageBox] = []  # questions currently shown (tests read the last one)


def open_questions() -> list[QMessageBox]:
    return list(_open)


def _forget(box: QMessageBox) -> None:
    _open[:] = [shown for shown in _open if shown is not box]


def _track(box: QMessageBox, future: asyncio.Future[bool] | None = None) -> None:
    """List ``box`` while it is shown. A box deleted unanswered (its window was closed under
    it) leaves the list too, and its question counts as answered "no"."""

    def destroyed() -> None:
        _forget(box)
        if future is not None and not future.done() and not future.get_loop().is_closed():
            future.set_result(False)

    box.destroyed.connect(destroyed)
    _open.append(box)


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    yes: str,
    no: str | None = None,
    *,
    details: str = "",
    destructive: bool = False,
) -> asyncio.Future[bool]:
    """Show a question; the future becomes True when ``yes`` is chosen (``no``: "Cancel")."""
    if no is None:
        no = translate("Dialogs", "Cancel")
    import asyncio

    loop = asyncio.get_event_loop()
    future: asyncio.Future[bool] = loop.create_future()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    yes_button: QPushButton = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button: QPushButton = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button if destructive else yes_button)
    box.setEscapeButton(no_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(title)

    def finished(_result: int) -> None:
        _forget(box)
        if not future.done():
            future.set_result(box.clickedButton() is yes_button)

    box.finished.connect(finished)
    _track(box, future)
    box.open()
    return future


def tell(parent: QWidget | None, title: str, text: str, *, details: str = "") -> None:
    """Show a warning with one OK button, without waiting for it (open(), not exec())."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.addButton(translate("Dialogs", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(title)

    box.finished.connect(lambda _result: _forget(box))
    _track(box)
    box.open()


def choose_files(parent: QWidget, title: str, *, folder: bool = False) -> asyncio.Future[list[str]]:
    """A non-blocking file chooser; the future gets the chosen paths ([] when cancelled)."""
    import asyncio

    future: asyncio.Future[list[str]] = asyncio.get_event_loop().create_future()
    dialog = QFileDialog(parent, title)
    if folder:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(result: int) -> None:
        if not future.done():
            future.set_result(dialog.selectedFiles() if result else [])

    dialog.finished.connect(finished)
    dialog.open()
    return future


def choose_save_path(parent: QWidget, title: str, suggested: str) -> asyncio.Future[str | None]:
    """A non-blocking "Save as" dialog; None when cancelled."""
    import asyncio

    future: asyncio.Future[str | None] = asyncio.get_event_loop().create_future()
    dialog = QFileDialog(parent, title, suggested)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(suggested)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(result: int) -> None:
        files = dialog.selectedFiles()
        if not future.done():
            future.set_result(files[0] if result and files else None)

    dialog.finished.connect(finished)
    dialog.open()
    return future
