"""The profile's provider (presets from app.providers) and API version, for Settings.

Choosing a preset fills its base-URL pattern when the base URL is empty or still another
preset's pattern; a URL the user typed is never replaced."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from app.providers import AZURE, DEFAULT_PROVIDER, PRESETS, PROVIDERS
from app.settings import Profile
from app.ui.i18n import translate


class ProviderFields:
    """Two form rows (provider, API version) and a hint, bound to the base-URL field."""

    def __init__(self, base_url: QLineEdit) -> None:
        self.base_url = base_url
        self.provider = QComboBox()
        self.provider.setAccessibleName(translate("ProviderFields", "Provider"))
        for name in PROVIDERS:
            self.provider.addItem(translate("Providers", PRESETS[name].label), name)
        self.api_version = QLineEdit()
        self.api_version.setAccessibleName(translate("ProviderFields", "API version"))
        self.api_version.setPlaceholderText(
            translate("ProviderFields", "Optional (e.g. 2024-10-21)")
        )
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.provider.currentIndexChanged.connect(self._chosen)

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(translate("ProviderFields", "P&rovider:"), self.provider)
        form.addRow(translate("ProviderFields", "API &version:"), self.api_version)
        form.addRow("", self.hint)

    def current(self) -> str:
        value = self.provider.currentData()
        return value if isinstance(value, str) else DEFAULT_PROVIDER

    def show(self, profile: Profile, *, read_only: bool = False) -> None:
        self.provider.blockSignals(True)
        self.provider.setCurrentIndex(max(0, self.provider.findData(profile.provider)))
        self.provider.blockSignals(False)
        self.provider.setEnabled(not read_only)
        self.api_version.setText(profile.api_version or "")
        self._show_hint()

    def commit(self, profile: Profile) -> None:
        profile.provider = self.current()
        profile.api_version = self.api_version.text().strip() or None

    def _chosen(self) -> None:
        preset = PRESETS[self.current()]
        typed = self.base_url.text().strip()
        patterns = {p.base_url for p in PRESETS.values()}
        if not self.base_url.isReadOnly() and (not typed or typed in patterns):
            self.base_url.setText(preset.base_url)
        self.base_url.setPlaceholderText(preset.base_url)
        self._show_hint()

    def _show_hint(self) -> None:
        provider = self.current()
        self.hint.setText(translate("Providers", PRESETS[provider].hint))
        self.api_version.setEnabled(provider == AZURE or bool(self.api_version.text()))
