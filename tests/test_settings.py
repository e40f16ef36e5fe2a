"""Settings on disk, HOIST_HOME, and where a connection's values come from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.settings import Preferences, Profile, Settings, resolve_connection, state_dirs


def test_hoist_home_moves_every_folder(hoist_home: Path) -> None:
    dirs = state_dirs()
    for folder in (dirs.config, dirs.data, dirs.logs, dirs.cache):
        assert hoist_home in folder.parents


def test_save_and_load_round_trip() -> None:
    settings = Settings()
    settings.profiles["work"] = Profile("work", "http://127.0.0.1:9/v1", "org-1", "proj-1")
    settings.active_profile = "work"
    settings.prefs = Preferences(concurrency=8, part_size=8 * 1024 * 1024)
    settings.save()
    loaded = Settings.load()
    assert loaded.profile() == Profile("work", "http://127.0.0.1:9/v1", "org-1", "proj-1")
    assert loaded.prefs.concurrency == 8 and loaded.prefs.part_size == 8 * 1024 * 1024


def test_damaged_file_gives_defaults_and_values_are_clamped() -> None:
    Settings.path().parent.mkdir(parents=True, exist_ok=True)
    Settings.path().write_text("{not json", encoding="utf-8")
    assert Settings.load() == Settings()
    Settings.path().write_text(json.dumps({"prefs": {"concurrency": 99, "bogus": 1}}))
    assert Settings.load().prefs.concurrency == 16


def test_connection_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(profiles={"p": Profile("p", "https://example.invalid/v1", "org-p")})
    assert resolve_connection("p", settings=settings).base_url == "https://example.invalid/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1/")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-env")
    conn = resolve_connection("p", settings=settings)
    assert conn.base_url == "http://127.0.0.1:1/v1" and conn.organization == "org-env"
    assert resolve_connection("p", "http://localhost:2/v1", settings).base_url.endswith(":2/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-abcdef123")
    assert "sk-env-abcdef123" not in repr(resolve_connection("p", settings=settings))


def test_state_folders_and_settings_are_private(hoist_home: Path) -> None:
    import stat

    from app.settings import state_dirs

    Settings().save()
    dirs = state_dirs().ensure()
    for folder in (dirs.config, dirs.data, dirs.logs, dirs.cache):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(Settings.path().stat().st_mode) == 0o600


def test_a_home_that_cannot_be_a_folder_gets_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.settings import StateFolderError, state_dirs

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where HOIST_HOME should be")
    monkeypatch.setenv("HOIST_HOME", str(blocker))
    with pytest.raises(StateFolderError) as caught:
        state_dirs().ensure()
    text = str(caught.value)
    assert str(blocker) in text and "HOIST_HOME" in text and "Traceback" not in text
    with pytest.raises(OSError):  # also an OSError, for callers that catch those
        Settings().save()


def test_profile_provider_and_api_version_round_trip_and_flags_override() -> None:
    settings = Settings()
    settings.profiles["az"] = Profile(
        "az", "https://res.openai.azure.com/openai/v1", provider="azure", api_version="2024-10-21"
    )
    settings.save()
    loaded = Settings.load()
    assert loaded.profile("az").provider == "azure"
    assert loaded.profile("az").api_version == "2024-10-21"
    assert loaded.profile("default").provider == "openai"
    conn = resolve_connection("az", settings=loaded)
    assert (conn.provider, conn.api_version) == ("azure", "2024-10-21")
    flags = resolve_connection("az", settings=loaded, provider="compatible", api_version="v2")
    assert (flags.provider, flags.api_version) == ("compatible", "v2")
    odd = Settings.from_dict({"profiles": [{"name": "x", "provider": "Nonsense"}]})
    assert odd.profile("x").provider == "openai" and odd.profile("x").api_version is None


def test_a_profile_keeps_its_proxy_choice_but_never_a_password() -> None:
    settings = Settings()
    settings.profiles["corp"] = Profile(
        "corp", proxy_mode="manual", proxy_url="http://proxy.example.test:3128", proxy_user="ann"
    )
    settings.save()
    raw = json.loads(Settings.path().read_text(encoding="utf-8"))
    stored = next(p for p in raw["profiles"] if p["name"] == "corp")
    assert set(stored) >= {"proxy_mode", "proxy_url", "proxy_user"}
    assert not any("password" in field for field in stored)
    loaded = Settings.load().profile("corp")
    assert (loaded.proxy_mode, loaded.proxy_url, loaded.proxy_user) == (
        "manual",
        "http://proxy.example.test:3128",
        "ann",
    )
    assert Settings.load().profile("default").proxy_mode == "system"


def test_an_unknown_proxy_mode_reads_as_system() -> None:
    Settings.path().parent.mkdir(parents=True, exist_ok=True)
    profile = {"name": "p", "proxy_mode": "sometimes", "proxy_url": 7, "proxy_user": " "}
    Settings.path().write_text(json.dumps({"profiles": [profile]}), encoding="utf-8")
    loaded = Settings.load().profile("p")
    assert (loaded.proxy_mode, loaded.proxy_url, loaded.proxy_user) == ("system", None, None)
