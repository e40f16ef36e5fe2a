"""Settings → "Uploads" (requests at once, part size, attempts per part, stall timeout) and
"Window" (the language). Their words keep the "SettingsDialog" translation context: they are
shown in that dialog. The "Speed and power" group is in speed_limit.py."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QSpinBox

from app.settings import Preferences
from app.ui.i18n import LANGUAGES, translate

MiB = 1024 * 1024


def _spin(low: int, high: int, value: int, name: str, tip: str, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(max(low, min(high, value)))
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    if tip:
        spin.setToolTip(tip)
    return spin


class UploadsBox(QGroupBox):
    """Settings → "Uploads": how the engine sends parts and when it retries them."""

    def __init__(self, prefs: Preferences) -> None:
        super().__init__(translate("SettingsDialog", "Uploads"))
        self.concurrency = _spin(
            1,
            16,
            prefs.concurrency,
            translate("SettingsDialog", "Requests at once"),
            translate("SettingsDialog", "Parts and files sent at the same time, over all uploads"),
        )
        self.part_size = _spin(
            5,
            64,
            prefs.part_size // MiB,
            translate("SettingsDialog", "Part size"),
            "",
            translate("SettingsDialog", " MiB"),
        )
        self.attempts = _spin(
            1,
            20,
            prefs.max_attempts,
            translate("SettingsDialog", "Attempts per part"),
            translate("SettingsDialog", "How often a failing request is tried before giving up"),
        )
        self.stall = QDoubleSpinBox()
        self.stall.setRange(5, 600)
        self.stall.setDecimals(0)
        self.stall.setSuffix(translate("SettingsDialog", " s"))
        self.stall.setValue(prefs.stall_timeout)
        self.stall.setAccessibleName(translate("SettingsDialog", "Stall timeout"))
        self.stall.setToolTip(
            translate("SettingsDialog", "A request that moves no byte for this long is retried")
        )
        form = QFormLayout(self)
        form.addRow(translate("SettingsDialog", "Requests at &once:"), self.concurrency)
        form.addRow(translate("SettingsDialog", "&Part size:"), self.part_size)
        form.addRow(translate("SettingsDialog", "&Attempts per part:"), self.attempts)
        form.addRow(translate("SettingsDialog", "&Stall timeout:"), self.stall)

    def applied_to(self, prefs: Preferences) -> Preferences:
        return dataclasses.replace(
            prefs,
            concurrency=self.concurrency.value(),
            part_size=self.part_size.value() * MiB,
            max_attempts=self.attempts.value(),
            stall_timeout=float(self.stall.value()),
        )


class WindowBox(QGroupBox):
    """Settings → "Window": the language, used from the next start."""

    def __init__(self, prefs: Preferences) -> None:
        super().__init__(translate("SettingsDialog", "Window"))
        self.language = QComboBox()
        self.language.setAccessibleName(translate("SettingsDialog", "Language"))
        self.language.addItem(translate("SettingsDialog", "System"), "")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)  # each language in its own words
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        note = QLabel(translate("SettingsDialog", "Applies the next time Hoist starts."))
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form = QFormLayout(self)
        form.addRow(translate("SettingsDialog", "Lan&guage:"), self.language)
        form.addRow("", note)

    def applied_to(self, prefs: Preferences) -> Preferences:
        return dataclasses.replace(prefs, language=str(self.language.currentData() or ""))
