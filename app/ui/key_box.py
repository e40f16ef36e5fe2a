"""The API key part of the settings dialog: the saved key shown masked, a field for a new
one, "Use for this session only", Test connection and Remove key. Keyring calls happen in an
executor (through Services); the key is never shown in full once saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.secrets import mask
from app.ui.i18n import translate
from app.ui.icons import icon

if TYPE_CHECKING:
    from app.api.probe import ProbeResult
    from app.secrets import KeyStore


def describe_probe(result: ProbeResult) -> list[str]:
    """ProbeResult.lines() in the window's language: one line per fact of Test connection."""
    out: list[str] = []
    if result.key_valid is False:
        out.append(
            translate("KeyBox", "API key: rejected. {reason}")
            .format(reason=result.problem or "")
            .strip()
        )
        return out
    if result.key_valid:
        if result.key_sent:
            out.append(translate("KeyBox", "API key: accepted."))
        else:
            out.append(translate("KeyBox", "API key: none needed."))
    if result.files is True:
        out.append(translate("KeyBox", "Files API: available."))
    elif result.files is False:
        out.append(
            translate("KeyBox", "Files API: not found at this base URL; check the base URL.")
        )
    if result.uploads is True:
        out.append(
            translate(
                "KeyBox", "Uploads API: available (large files in parallel parts, up to 8 GB)."
            )
        )
    elif result.uploads is False:
        out.append(
            translate("KeyBox", "Uploads API: not available; files up to 512 MB go in one request.")
        )
    if result.problem:
        out.append(result.problem)
    return out


def describe_test_error(exc: BaseException) -> str:
    """ "API key rejected." and friends, from the client's typed errors."""
    from app.api import ApiError, AuthenticationError, ConnectionFailed
    from app.ui.errors import friendly_message
    from app.ui.services import NoKeyError

    if isinstance(exc, NoKeyError):
        return translate("KeyBox", 'No API key yet: paste one in "New key", then test again.')
    if isinstance(exc, AuthenticationError):
        return translate("KeyBox", "API key rejected: {reason}").format(reason=exc.message)
    if isinstance(exc, ConnectionFailed):
        return translate(
            "KeyBox", "Could not reach the server: {reason} Check the base URL and the network."
        ).format(reason=exc.message)
    if isinstance(exc, ApiError):
        return str(exc)
    return friendly_message(exc)


class KeyBox(QGroupBox):
    testRequested = Signal()
    removeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("KeyBox", "API key"), parent)
        self.saved = QLabel(translate("KeyBox", "No key saved"))
        self.saved.setAccessibleDescription(translate("KeyBox", "Saved API key"))
        self.entry = QLineEdit()
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setPlaceholderText(translate("KeyBox", "Paste a new key (sk-…)"))
        self.entry.setAccessibleName(translate("KeyBox", "New API key"))
        self.entry.setClearButtonEnabled(True)
        self.session_only = QCheckBox(translate("KeyBox", "Use for this session only"))
        self.session_only.setToolTip(
            translate("KeyBox", "Keep the key in memory until Hoist quits; never saved")
        )
        self.warning = QLabel("")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleDescription(translate("KeyBox", "Keyring warning"))
        self.warning.hide()
        self.test_button = QPushButton(icon("check"), translate("KeyBox", "Test connection"))
        self.test_button.setAccessibleName(translate("KeyBox", "Test connection"))
        self.test_button.clicked.connect(self.testRequested)
        self.remove_button = QPushButton(icon("remove"), translate("KeyBox", "Remove key"))
        self.remove_button.clicked.connect(self.removeRequested)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setAccessibleDescription(translate("KeyBox", "Connection test result"))
        self.supports = QLabel("")  # what the endpoint supports, after a test
        self.supports.setWordWrap(True)
        self.supports.setAccessibleDescription(translate("KeyBox", "What the server supports"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(translate("KeyBox", "Saved key:"), self.saved)
        form.addRow(translate("KeyBox", "New key:"), self.entry)
        form.addRow("", self.session_only)
        form.addRow(self.warning)
        form.addRow(buttons)
        form.addRow(self.result)
        form.addRow(self.supports)

    def set_store(self, store: KeyStore | None, env_key: bool) -> None:
        notes = []
        if store is not None and not store.persistent:
            notes.append(  # store.warning, in the window's words
                translate(
                    "KeyBox",
                    "This computer has no system keyring, so Hoist cannot save your API key. "
                    "You can use it for this session only; you will be asked again next time.",
                )
            )
            self.session_only.setChecked(True)
            self.session_only.setEnabled(False)
        if env_key:
            notes.append(
                translate(
                    "KeyBox",
                    "OPENAI_API_KEY is set in the environment; "
                    "Hoist uses it instead of the saved key.",
                )
            )
        self.warning.setText("\n".join(notes))
        self.warning.setVisible(bool(notes))
        self.warning.setForegroundRole(QPalette.ColorRole.WindowText)

    def show_saved(self, key: str | None, session_only: bool = False) -> None:
        if key:
            text = mask(key)
            if session_only:
                text = translate("KeyBox", "{key} (this session only)").format(key=text)
        else:
            text = translate("KeyBox", "No key saved")
        self.saved.setText(text)
        self.remove_button.setEnabled(bool(key))

    def typed_key(self) -> str:
        return self.entry.text().strip()

    def show_result(self, text: str, ok: bool) -> None:
        self.result.setText(("✓ " if ok else "✗ ") + text)
        self.result.setForegroundRole(QPalette.ColorRole.WindowText)
