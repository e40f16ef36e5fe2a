"""Settings: profiles (name, base URL, organization, project, proxy), the API key and proxy
password in the OS keyring with Test connection, and upload preferences. Opened with
open(), never exec()."""

from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.settings import Profile
from app.ui.errors import user_errors
from app.ui.i18n import translate
from app.ui.icons import icon
from app.ui.key_box import KeyBox, describe_test_error
from app.ui.preference_boxes import UploadsBox, WindowBox
from app.ui.provider_fields import ProviderFields
from app.ui.proxy_box import ProxyBox
from app.ui.screen_fit import fit_to_screen, scrolling
from app.ui.speed_limit import SpeedBox
from app.ui.tasks import TaskKeeper

if TYPE_CHECKING:
    from app.ui.services import Services

log = logging.getLogger("hoist.ui")


class SettingsDialog(QDialog):
    saved = Signal(bool)  # True when the active connection changed (reconnect needed)
    testFinished = Signal(bool, str)

    def __init__(
        self, services: Services, tasks: TaskKeeper, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self.setAccessibleName(translate("SettingsDialog", "Settings"))
        settings = services.settings
        self.profiles: dict[str, Profile] = copy.deepcopy(settings.profiles)
        self.original = copy.deepcopy(settings.profiles)
        self.active = settings.active_profile
        self.new_keys: dict[str, tuple[str, bool]] = {}  # profile → (key, session only)
        self.removed_keys: set[str] = set()
        self.removed_profiles: set[str] = set()
        self._current: str | None = None
        self._testing = False

        # Profiles list
        self.list = QListWidget()
        self.list.setAccessibleName(translate("SettingsDialog", "Profiles"))
        self.list.setMaximumWidth(180)
        self.add_button = QPushButton(icon("add"), translate("SettingsDialog", "Add"))
        self.add_button.setToolTip(translate("SettingsDialog", "Add a profile"))
        self.remove_button = QPushButton(icon("remove"), translate("SettingsDialog", "Remove"))
        self.remove_button.setToolTip(translate("SettingsDialog", "Remove the selected profile"))
        left = QVBoxLayout()
        left.addWidget(QLabel(translate("SettingsDialog", "Profiles")))
        left.addWidget(self.list, 1)
        self.use_button = QPushButton(translate("SettingsDialog", "Use this profile"))
        self.use_button.setToolTip(
            translate("SettingsDialog", "Uploads use the active profile (marked ✓)")
        )
        self.use_button.clicked.connect(self._use_current)
        self.active_hint = QLabel("")
        self.active_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.active_hint.setWordWrap(True)
        self.active_hint.setAccessibleDescription(translate("SettingsDialog", "Active profile"))
        left.addWidget(self.use_button)
        left.addWidget(self.active_hint)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)

        # Profile fields
        self.name = QLineEdit()
        self.name.setAccessibleName(translate("SettingsDialog", "Profile name"))
        self.base_url = QLineEdit()
        self.base_url.setAccessibleName(translate("SettingsDialog", "Base URL"))
        self.base_url.setPlaceholderText("https://api.openai.com/v1")
        self.organization = QLineEdit()
        self.organization.setAccessibleName(translate("SettingsDialog", "Organization"))
        self.organization.setPlaceholderText(translate("SettingsDialog", "Optional (org-…)"))
        self.project = QLineEdit()
        self.project.setAccessibleName(translate("SettingsDialog", "Project"))
        self.project.setPlaceholderText(translate("SettingsDialog", "Optional (proj_…)"))
        profile_box = QGroupBox(translate("SettingsDialog", "Connection"))
        form = QFormLayout(profile_box)
        form.addRow(translate("SettingsDialog", "&Name:"), self.name)
        form.addRow(translate("SettingsDialog", "&Base URL:"), self.base_url)
        self.provider_fields = ProviderFields(self.base_url)
        self.provider_fields.add_rows(form)
        form.addRow(translate("SettingsDialog", "&Organization:"), self.organization)
        form.addRow(translate("SettingsDialog", "Pro&ject:"), self.project)
        self.key_box = KeyBox()
        self.proxy_box = ProxyBox()

        # Preferences
        prefs = settings.prefs
        self.uploads_box = UploadsBox(prefs)
        self.speed_box = SpeedBox(prefs)  # upload-rate caps, keep-awake
        self.window_box = WindowBox(prefs)
        self.concurrency = self.uploads_box.concurrency
        self.part_size = self.uploads_box.part_size
        self.attempts = self.uploads_box.attempts
        self.stall = self.uploads_box.stall
        self.language = self.window_box.language

        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setAccessibleDescription(translate("SettingsDialog", "Settings error"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(profile_box)
        right.addWidget(self.key_box)
        right.addWidget(self.proxy_box)
        right.addWidget(self.uploads_box)
        right.addWidget(self.speed_box)
        right.addWidget(self.window_box)
        right.addWidget(self.error)
        right.addStretch(1)
        body = QWidget()
        top = QHBoxLayout(body)
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(left)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)  # Save and Cancel stay visible on short screens
        layout.addWidget(self.buttons)
        fit_to_screen(self, 760, 540)

        self.list.addItems(list(self.profiles))
        self._mark_active()
        self.list.currentRowChanged.connect(self._row_selected)
        self.add_button.clicked.connect(self._add_profile)
        self.remove_button.clicked.connect(self._remove_profile)
        self.key_box.testRequested.connect(lambda: self.tasks.spawn(self.test(), "test"))
        self.key_box.removeRequested.connect(self._remove_key)
        self.key_box.set_store(services.keys, services.env_key_in_use)
        names = list(self.profiles)
        self.list.setCurrentRow(names.index(self.active) if self.active in names else 0)

    # Profiles -------------------------------------------------------------------------------
    def _commit_fields(self) -> None:
        """Keep what was typed for the profile being edited."""
        name = self._current
        if name is None or name not in self.profiles:
            return
        profile = self.profiles[name]
        profile.base_url = self.base_url.text().strip() or profile.base_url
        profile.organization = self.organization.text().strip() or None
        profile.project = self.project.text().strip() or None
        self.provider_fields.commit(profile)
        typed = self.key_box.typed_key()
        if typed:
            self.new_keys[name] = (typed, self.key_box.session_only.isChecked())
        self.proxy_box.commit(profile)

    def _row_selected(self, row: int) -> None:
        item = self.list.item(row)
        self._select_profile(str(item.data(Qt.ItemDataRole.UserRole)) if item else "")

    def _select_profile(self, name: str) -> None:
        self._commit_fields()
        self._current = name if name in self.profiles else None
        if self._current is None:
            return
        profile = self.profiles[name]
        transient = name in self.services.transient_profiles
        self.name.setText(profile.name)
        self.name.setReadOnly(name in self.original)
        self.base_url.setText(profile.base_url)
        self.base_url.setReadOnly(transient)
        self.organization.setText(profile.organization or "")
        self.project.setText(profile.project or "")
        self.provider_fields.show(profile, read_only=transient)
        self.key_box.entry.setText(self.new_keys.get(name, ("", False))[0])
        self.key_box.result.setText("")
        self.key_box.supports.setText("")
        self.proxy_box.show_profile(profile)
        self.remove_button.setEnabled(len(self.profiles) > 1 and not transient)
        self.use_button.setEnabled(name != self.active)
        self.key_box.saved.setText(translate("SettingsDialog", "Reading…"))
        self.tasks.spawn(self._show_saved_key(name), "read key")

    async def _show_saved_key(self, name: str) -> None:
        key = None if name in self.removed_keys else await self.services.get_key(name)
        if self._current == name:
            session = name in self.services.session_only_profiles
            self.key_box.show_saved(key, session_only=session)
        saved = name not in self.removed_profiles and bool(
            await self.services.get_proxy_password(name)
        )
        if self._current == name:
            self.proxy_box.show_saved(saved)

    def _use_current(self) -> None:
        problem = self._rename_if_needed()  # a new profile's typed name first
        if problem:
            self.error.setText(problem)
            return
        if self._current is not None:
            self.active = self._current
            self._mark_active()

    def _mark_active(self) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.data(Qt.ItemDataRole.UserRole) or item.text()
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setText(f"{name} ✓" if name == self.active else name)
        self.active_hint.setText(
            translate("SettingsDialog", "Uploads use “{name}”.").format(name=self.active)
        )
        self.use_button.setEnabled(self._current is not None and self._current != self.active)

    def _add_profile(self) -> None:
        self._commit_fields()
        base, n = "profile", 1
        while f"{base}-{n}" in self.profiles:
            n += 1
        name = f"{base}-{n}"
        self.profiles[name] = Profile(name)
        self.list.addItem(name)
        self._mark_active()
        self.list.setCurrentRow(self.list.count() - 1)
        self.name.setFocus()
        self.name.selectAll()

    def _remove_profile(self) -> None:
        name = self._current
        if name is None or len(self.profiles) <= 1:
            return
        del self.profiles[name]
        self.new_keys.pop(name, None)
        self.proxy_box.forget(name)
        if name in self.original:
            self.removed_keys.add(name)
            self.removed_profiles.add(name)
        self._current = None
        if self.active == name:
            self.active = next(iter(self.profiles))
        self.list.takeItem(self.list.currentRow())
        self._mark_active()

    def _remove_key(self) -> None:
        if self._current is not None:
            self.removed_keys.add(self._current)
            self.new_keys.pop(self._current, None)
            self.key_box.entry.clear()
            self.key_box.show_saved(None)

    def _rename_if_needed(self) -> str | None:
        """Apply a new profile's typed name; returns an error sentence or None."""
        name = self._current
        new = self.name.text().strip()
        if name is None or name in self.original or new == name:
            return None
        if not new:
            return translate("SettingsDialog", "A profile needs a name.")
        if new in self.profiles:
            return translate("SettingsDialog", 'There is already a profile named "{name}".').format(
                name=new
            )
        profile = self.profiles.pop(name)
        profile.name = new
        self.profiles[new] = profile
        if name in self.new_keys:
            self.new_keys[new] = self.new_keys.pop(name)
        self.proxy_box.rename(name, new)
        self.list.currentItem().setData(Qt.ItemDataRole.UserRole, new)
        if self.active == name:
            self.active = new
        self._current = new
        self._mark_active()
        return None

    # Test and save --------------------------------------------------------------------------
    async def test(self) -> None:
        from app.ui.connection_test import run_connection_test

        await run_connection_test(self)

    def save(self) -> None:
        self.tasks.spawn(self._save(), "save settings")

    async def _save(self) -> None:
        problem = self._rename_if_needed()
        self._commit_fields()
        for profile in self.profiles.values():
            if not profile.base_url.startswith(("https://", "http://")):
                problem = translate(
                    "SettingsDialog", 'The base URL of "{name}" must start with https://.'
                ).format(name=profile.name)
            elif "RESOURCE" in profile.base_url:  # the Azure preset's pattern, unfilled
                problem = translate(
                    "SettingsDialog",
                    'Replace RESOURCE in the base URL of "{name}" with the name of '
                    "your Azure OpenAI resource.",
                ).format(name=profile.name)
            elif profile.name in self.proxy_box.problems:
                problem = translate("SettingsDialog", 'Proxy of "{name}": {problem}').format(
                    name=profile.name, problem=self.proxy_box.problems[profile.name]
                )
        if problem:
            self.error.setText(problem)
            return
        self.buttons.setEnabled(False)
        try:
            for name in self.removed_keys:
                await self.services.delete_key(name)
            for name, (key, session_only) in self.new_keys.items():
                if name in self.profiles:
                    await self.services.set_key(name, key, session_only=session_only)
            for name in self.removed_profiles:
                await self.services.delete_proxy_password(name)
            for name, password in self.proxy_box.passwords.items():
                if name in self.profiles:
                    await self.services.set_proxy_password(name, password)
        except user_errors() as exc:
            self.error.setText(describe_test_error(exc))
            self.buttons.setEnabled(True)
            return
        settings = self.services.settings
        old_active = settings.active_profile
        old_profile = copy.deepcopy(settings.profiles.get(old_active))
        old_prefs = copy.deepcopy(settings.prefs)
        active = self.active  # changed only by "Use this profile", never by the highlight
        if active not in self.profiles:
            active = next(iter(self.profiles))
        settings.profiles = self.profiles
        settings.active_profile = active
        prefs = old_prefs  # keeps the settings this dialog does not show
        for box in (self.uploads_box, self.speed_box, self.window_box):
            prefs = box.applied_to(prefs)
        settings.prefs = prefs.clamped()
        try:
            await self.services.save_settings()
        except OSError as exc:
            self.error.setText(
                translate("SettingsDialog", "The settings could not be saved: {reason}.").format(
                    reason=exc.strerror or exc
                )
            )
            self.buttons.setEnabled(True)
            return
        new_prefs = settings.prefs
        reconnect = (
            active != old_active
            or self.profiles[active] != old_profile
            or active in self.new_keys
            or active in self.removed_keys
            or active in self.proxy_box.passwords
            or (new_prefs.max_attempts, new_prefs.stall_timeout)
            != (old_prefs.max_attempts, old_prefs.stall_timeout)
        )
        self.accept()
        self.saved.emit(bool(reconnect))
