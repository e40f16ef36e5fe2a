"""Settings → Test connection: probe the profile being edited (key valid, Files, Uploads)
without uploading anything, and show the answer in its key box."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import SignalInstance

from app.ui.errors import user_errors
from app.ui.i18n import translate
from app.ui.key_box import KeyBox, describe_probe, describe_test_error
from app.ui.proxy_box import ProxyBox

if TYPE_CHECKING:
    from app.settings import Profile
    from app.ui.services import Services


class EditedProfiles(Protocol):
    """What the test needs of the Settings dialog (which calls it)."""

    services: Services
    profiles: dict[str, Profile]
    new_keys: dict[str, tuple[str, bool]]
    key_box: KeyBox
    proxy_box: ProxyBox
    testFinished: SignalInstance
    _current: str | None
    _testing: bool

    def _rename_if_needed(self) -> str | None: ...

    def _commit_fields(self) -> None: ...


async def run_connection_test(dialog: EditedProfiles) -> None:
    from app.api.probe import probe

    problem = dialog._rename_if_needed()
    if problem:
        dialog.key_box.show_result(problem, False)
        return
    dialog._commit_fields()
    name = dialog._current
    if name is None:
        return
    profile = dialog.profiles[name]
    if name in dialog.proxy_box.problems:
        dialog.key_box.show_result(dialog.proxy_box.problems[name], False)
        return
    typed = dialog.new_keys.get(name, ("", False))[0] or None
    proxy_password = dialog.proxy_box.passwords.get(name)
    if dialog._testing:
        return
    # Not disabled while testing: a disabled button hands the focus on to "Remove key".
    dialog._testing = True
    dialog.key_box.result.setText(translate("SettingsDialog", "Testing…"))
    dialog.key_box.supports.setText("")
    ok, text, supports = False, "", ""
    try:
        client = await dialog.services.test_client(profile, typed, proxy_password)
        try:
            result = await probe(client)  # what the endpoint supports; nothing uploaded
        finally:
            await client.aclose()
        ok, supports = result.ok, "\n".join(describe_probe(result))
        if ok:
            text = translate("SettingsDialog", "Connected.")
        elif result.error is not None:
            text, supports = describe_test_error(result.error), ""
        else:
            text = translate("SettingsDialog", "The server could not be checked.")
    except user_errors() as exc:
        text = describe_test_error(exc)
    finally:
        dialog._testing = False
    dialog.key_box.show_result(text, ok)
    dialog.key_box.supports.setText(supports)
    dialog.testFinished.emit(ok, text)
