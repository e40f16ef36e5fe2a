"""The upload-rate cap and keep-awake in the window: the Settings group ("Limit upload
speed", the alternative limit, "Keep the computer awake while uploading") and the status
bar's turtle (qBittorrent's alternative speed), whose tooltip also tells the keep-awake state.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QSpinBox, QToolButton, QWidget

from app.settings import Preferences
from app.ui.formatting import format_speed
from app.ui.icons import icon
from app.ui.keep_awake import WindowAwake

if TYPE_CHECKING:
    from app.engine import OverallSnapshot
    from app.engine.core import Engine
    from app.ui.services import Services
    from app.ui.tasks import TaskKeeper

KB = 1000  # the window shows speeds in decimal units (format_speed)
MAX_KB_S = 10_000_000  # 10 GB/s: more than any link


def apply_rates(engine: Engine, prefs: Preferences) -> None:
    """The saved caps into the engine (at once, also while uploads run)."""
    engine.set_limit_rate(prefs.limit_rate)
    engine.set_alternative_rate(prefs.alternative_rate)
    engine.use_alternative_rate(prefs.alternative_on)


class SpeedBox(QGroupBox):
    """Settings → "Speed and power"."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Speed and power"), parent)
        self.limit = self._rate_spin(prefs.limit_rate, self.tr("Limit upload speed"))
        self.limit.setToolTip(self.tr("One cap for all uploads together; 0 means no limit"))
        self.alternative = self._rate_spin(prefs.alternative_rate, self.tr("Alternative limit"))
        self.alternative.setToolTip(
            self.tr("The cap used while the turtle in the status bar is on; 0 means no limit")
        )
        self.keep_awake = QCheckBox(self.tr("Keep the computer awake while uploading"))
        self.keep_awake.setChecked(prefs.inhibit_sleep)
        form = QFormLayout(self)
        form.addRow(self.tr("&Limit upload speed:"), self.limit)
        form.addRow(self.tr("Alte&rnative limit:"), self.alternative)
        form.addRow(self.keep_awake)

    def _rate_spin(self, rate: int, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, MAX_KB_S)
        spin.setSingleStep(100)
        spin.setSuffix(self.tr(" KB/s"))
        spin.setSpecialValueText(self.tr("No limit"))
        spin.setValue(min(MAX_KB_S, round(rate / KB)))
        spin.setAccessibleName(name)
        return spin

    def applied_to(self, prefs: Preferences) -> Preferences:
        return dataclasses.replace(
            prefs,
            limit_rate=self.limit.value() * KB,
            alternative_rate=self.alternative.value() * KB,
            inhibit_sleep=self.keep_awake.isChecked(),
        )


class SpeedControls(QObject):
    """The turtle button and the window's keep-awake hold, following the saved settings."""

    def __init__(self, services: Services, tasks: TaskKeeper, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.awake = WindowAwake(self.tr("Uploading files"), on_change=self.refresh)
        self.button = QToolButton()
        self.button.setIcon(icon("turtle"))
        self.button.setIconSize(QSize(18, 18))
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setAccessibleName(self.tr("Alternative speed limit"))
        self.button.setChecked(services.settings.prefs.alternative_on)
        self.button.toggled.connect(self._toggled)
        self.button.installEventFilter(self)
        self.refresh()

    @property
    def prefs(self) -> Preferences:
        return self.services.settings.prefs

    def _toggled(self, on: bool) -> None:
        if on == self.prefs.alternative_on:
            return
        self.services.settings.prefs = dataclasses.replace(self.prefs, alternative_on=on)
        if self.services.engine is not None:
            self.services.engine.use_alternative_rate(on)
        self.tasks.spawn(self._save(), "save the speed setting")
        self.refresh()

    async def _save(self) -> None:
        try:
            await self.services.save_settings()
        except OSError as exc:
            self.button.setToolTip(
                self.tr("The setting could not be saved: {0}.").format(exc.strerror or exc)
            )

    def settings_changed(self) -> None:
        """Settings were saved: new caps into the engine, keep-awake on or off."""
        if self.services.engine is not None:
            apply_rates(self.services.engine, self.prefs)
        self.button.setChecked(self.prefs.alternative_on)
        self.awake.set_allowed(self.prefs.inhibit_sleep)
        self.refresh()

    def overall(self, overall: OverallSnapshot) -> None:
        self.awake.set_busy(overall.jobs_active > 0, self.prefs.inhibit_sleep)
        self.refresh()

    def queue_finished(self) -> None:
        self.awake.set_busy(False, self.prefs.inhibit_sleep)
        self.refresh()

    def close(self) -> None:
        self.awake.close()

    def _rate(self, rate: float) -> str:
        return format_speed(rate) if rate > 0 else self.tr("no limit")

    def tooltip(self) -> str:
        prefs = self.prefs
        if prefs.alternative_on:
            head = self.tr("Alternative speed limit on: {0} (click for the normal limit: {1})")
            head = head.format(self._rate(prefs.alternative_rate), self._rate(prefs.limit_rate))
        else:
            head = self.tr("Upload limit: {0} (click for the alternative limit: {1})")
            head = head.format(self._rate(prefs.limit_rate), self._rate(prefs.alternative_rate))
        if prefs.inhibit_sleep:
            awake = self.tr("Keep awake while uploading: {0}").format(self.awake.state)
        else:
            awake = self.tr("Keep awake while uploading: off in Settings")
        return f"{head}\n{awake}"

    def refresh(self) -> None:
        self.button.setToolTip(self.tooltip())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.button and event.type() == QEvent.Type.ToolTip:
            self.refresh()  # the keep-awake state as it is now
        return False
