"""The proxy part of a profile in Settings: System / None / Manual, the proxy URL, a user
name and a password. The password goes to the keyring (through Services), never into the
settings file; an empty password field keeps the saved one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from app.settings import Profile
from app.ui.i18n import QT_TRANSLATE_NOOP, translate

MODES = (
    ("system", QT_TRANSLATE_NOOP("ProxyBox", "System settings")),
    ("none", QT_TRANSLATE_NOOP("ProxyBox", "No proxy")),
    ("manual", QT_TRANSLATE_NOOP("ProxyBox", "Manual")),
)


class ProxyBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProxyBox", "Proxy"), parent)
        self.mode = QComboBox()
        self.mode.setAccessibleName(translate("ProxyBox", "Proxy"))
        for value, label in MODES:
            self.mode.addItem(translate("ProxyBox", label), value)
        self.mode.setToolTip(
            translate(
                "ProxyBox",
                "System: the environment (HTTPS_PROXY, NO_PROXY) or the OS settings. "
                "This computer (localhost) is always reached directly.",
            )
        )
        self.url = QLineEdit()
        self.url.setAccessibleName(translate("ProxyBox", "Proxy URL"))
        self.url.setPlaceholderText(
            translate("ProxyBox", "http://proxy.example.com:3128 or socks5://…")
        )
        self.user = QLineEdit()
        self.user.setAccessibleName(translate("ProxyBox", "Proxy user name"))
        self.user.setPlaceholderText(translate("ProxyBox", "Optional"))
        self.password = QLineEdit()
        self.password.setAccessibleName(translate("ProxyBox", "Proxy password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setClearButtonEnabled(True)
        form = QFormLayout(self)
        form.addRow(translate("ProxyBox", "P&roxy:"), self.mode)
        form.addRow(translate("ProxyBox", "Proxy &URL:"), self.url)
        form.addRow(translate("ProxyBox", "User na&me:"), self.user)
        form.addRow(translate("ProxyBox", "Pass&word:"), self.password)
        self.passwords: dict[str, str] = {}  # profile → typed, not yet saved to the keyring
        self.problems: dict[str, str] = {}  # profile → why its proxy cannot be used
        self.mode.currentIndexChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        manual = self.mode_value() == "manual"
        for field in (self.url, self.user, self.password):
            field.setEnabled(manual)

    def mode_value(self) -> str:
        return str(self.mode.currentData())

    def show_profile(self, profile: Profile) -> None:
        index = self.mode.findData(profile.proxy_mode)
        self.mode.setCurrentIndex(max(0, index))
        self.url.setText(profile.proxy_url or "")
        self.user.setText(profile.proxy_user or "")
        self.password.setText(self.passwords.get(profile.name, ""))
        self.show_saved(False)

    def show_saved(self, saved: bool) -> None:
        self.password.setPlaceholderText(
            translate("ProxyBox", "Saved in the system keyring")
            if saved
            else translate("ProxyBox", "Kept in the system keyring")
        )

    def rename(self, old: str, new: str) -> None:
        for table in (self.passwords, self.problems):
            if old in table:
                table[new] = table.pop(old)

    def forget(self, name: str) -> None:
        self.passwords.pop(name, None)
        self.problems.pop(name, None)

    def commit(self, profile: Profile) -> None:
        """Copy the fields into profile (a problem goes to self.problems, a typed password
        to self.passwords). Credentials typed into the URL move to their own fields."""
        from app.api.proxy import ProxyConfigError, split_proxy_url

        profile.proxy_mode = self.mode_value()
        manual = profile.proxy_mode == "manual"
        text = self.url.text().strip()
        problem: str | None = None
        if not text:
            profile.proxy_url = None
            if manual:
                problem = translate(
                    "ProxyBox", "A manual proxy needs a URL (http://HOST:PORT or socks5://…)."
                )
        else:
            try:
                clean, url_user, url_password = split_proxy_url(text)
            except ProxyConfigError as exc:
                profile.proxy_url = text
                problem = str(exc) if manual else None
            else:
                if url_user is not None:
                    self.user.setText(url_user)
                if url_password is not None:
                    self.password.setText(url_password)
                self.url.setText(clean)
                profile.proxy_url = clean
        profile.proxy_user = self.user.text().strip() or None
        self.problems.pop(profile.name, None)
        if problem:
            self.problems[profile.name] = problem
        if self.password.text():
            self.passwords[profile.name] = self.password.text()
