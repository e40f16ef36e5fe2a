"""Profiles, preferences and the user directories (HOIST_HOME moves them all)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from app.limits import MAX_PART_SIZE, clamp_part_size
from app.providers import DEFAULT_PROVIDER, normalise_provider

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_PROFILE = "default"
WINDOW_LANGUAGES = ("en", "de", "es")  # what Preferences.language may name (app.ui.i18n)


class StateFolderError(OSError):
    """Hoist's own folder cannot be created or written; the message says which and why."""


def state_folder_problem(folder: Path, exc: OSError) -> StateFolderError:
    where = "HOIST_HOME" if os.environ.get("HOIST_HOME") else "its user folder"
    reason = exc.strerror or type(exc).__name__
    return StateFolderError(
        f"Hoist cannot write to {folder} ({where}): {reason}. Make that folder writable, "
        "or set HOIST_HOME to a folder you can write to."
    )


def _private_root(folder: Path) -> Path:
    """The first folder that is Hoist's own: HOIST_HOME, else the "hoist" folder."""
    home = os.environ.get("HOIST_HOME")
    if home:
        root = Path(home).expanduser()
        if folder == root or root in folder.parents:
            return root
    for parent in (folder, *folder.parents):
        if parent.name.lower() == "hoist":
            return parent
    return folder


def ensure_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and the missing part of Hoist's own folders) as 0700 on POSIX.
    Folders outside Hoist's own (e.g. ~/.config) are created with the usual mode."""
    try:
        if folder.is_dir():
            return folder
        root = _private_root(folder)
        root.parent.mkdir(parents=True, exist_ok=True)
        missing = [p for p in (folder, *folder.parents) if p == root or root in p.parents]
        for part in reversed(missing):
            try:
                part.mkdir(mode=0o700)
            except FileExistsError:
                continue
            if os.name == "posix":
                os.chmod(part, 0o700)
    except OSError as exc:
        raise state_folder_problem(folder, exc) from exc
    return folder


@dataclass(frozen=True)
class StateDirs:
    config: Path
    data: Path
    logs: Path
    cache: Path

    def ensure(self) -> StateDirs:
        for folder in (self.config, self.data, self.logs, self.cache):
            ensure_private_dir(folder)
        return self


def state_dirs() -> StateDirs:
    """Where settings, the journal, logs and caches live."""
    home = os.environ.get("HOIST_HOME")
    if home:
        root = Path(home).expanduser()
        return StateDirs(root / "config", root / "data", root / "logs", root / "cache")
    dirs = platformdirs.PlatformDirs("hoist", appauthor=False)
    return StateDirs(
        Path(dirs.user_config_dir),
        Path(dirs.user_data_dir),
        Path(dirs.user_log_dir),
        Path(dirs.user_cache_dir),
    )


PROXY_MODES = ("system", "none", "manual")


@dataclass
class Profile:
    name: str
    base_url: str = DEFAULT_BASE_URL
    organization: str | None = None
    project: str | None = None
    provider: str = DEFAULT_PROVIDER  # app.providers: openai | azure | compatible
    api_version: str | None = None  # Azure's api-version query parameter, when set
    # "system" (environment / OS settings), "none", or "manual" with proxy_url; the proxy
    # password is in the keyring (KeyStore.get_proxy_password), never here.
    proxy_mode: str = "system"
    proxy_url: str | None = None
    proxy_user: str | None = None


@dataclass
class Preferences:
    concurrency: int = 4
    part_size: int = MAX_PART_SIZE
    max_attempts: int = 5
    stall_timeout: float = 60.0
    inhibit_sleep: bool = True  # ask the OS not to sleep while uploads run
    complete_timeout: float = 900.0  # the longest wait for complete's answer, in seconds
    limit_rate: int = 0  # upload cap, bytes per second, all requests together (0: none)
    alternative_rate: int = 0  # the cap the status bar's turtle switches to (0: none)
    alternative_on: bool = False
    language: str = ""  # the window's language: "" follows the system, else "en", "de", "es"

    def clamped(self) -> Preferences:
        return Preferences(
            concurrency=min(16, max(1, int(self.concurrency))),
            part_size=clamp_part_size(self.part_size),
            max_attempts=min(20, max(1, int(self.max_attempts))),
            stall_timeout=min(600.0, max(5.0, float(self.stall_timeout))),
            inhibit_sleep=bool(self.inhibit_sleep),
            complete_timeout=min(3600.0, max(1.0, float(self.complete_timeout))),
            limit_rate=max(0, int(self.limit_rate)),
            alternative_rate=max(0, int(self.alternative_rate)),
            alternative_on=bool(self.alternative_on),
            language=self.language if self.language in WINDOW_LANGUAGES else "",
        )


@dataclass
class Settings:
    profiles: dict[str, Profile] = field(
        default_factory=lambda: {DEFAULT_PROFILE: Profile(DEFAULT_PROFILE)}
    )
    active_profile: str = DEFAULT_PROFILE
    prefs: Preferences = field(default_factory=Preferences)
    # the window's last purpose/expiry choice: the default for the next files added
    last_purpose: str = "user_data"
    last_expiry: int | None = None

    @staticmethod
    def path() -> Path:
        return state_dirs().config / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """Read settings; a missing or damaged file gives the defaults."""
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        return cls.from_dict(raw) if isinstance(raw, dict) else cls()

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Settings:
        profiles: dict[str, Profile] = {}
        for item in raw.get("profiles", []):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                mode = item.get("proxy_mode")
                profiles[item["name"]] = Profile(
                    name=item["name"],
                    base_url=str(item.get("base_url") or DEFAULT_BASE_URL),
                    organization=item.get("organization") or None,
                    project=item.get("project") or None,
                    provider=normalise_provider(item.get("provider")),
                    api_version=str(item.get("api_version") or "").strip() or None,
                    proxy_mode=mode if mode in PROXY_MODES else "system",
                    proxy_url=_text_or_none(item.get("proxy_url")),
                    proxy_user=_text_or_none(item.get("proxy_user")),
                )
        if not profiles:
            profiles = {DEFAULT_PROFILE: Profile(DEFAULT_PROFILE)}
        active = raw.get("active_profile")
        if not isinstance(active, str) or active not in profiles:
            active = next(iter(profiles))
        stored = dict(raw.get("prefs") or {})
        known = {k: v for k, v in stored.items() if k in Preferences.__annotations__}
        try:
            prefs = Preferences(**known).clamped()
        except (TypeError, ValueError):
            prefs = Preferences()
        purpose = raw.get("last_purpose")
        expiry = raw.get("last_expiry")
        return cls(
            profiles=profiles,
            active_profile=active,
            prefs=prefs,
            last_purpose=purpose if isinstance(purpose, str) else "user_data",
            last_expiry=expiry if isinstance(expiry, int) and expiry > 0 else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "profiles": [asdict(p) for p in self.profiles.values()],
            "active_profile": self.active_profile,
            "prefs": asdict(self.prefs),
            "last_purpose": self.last_purpose,
            "last_expiry": self.last_expiry,
        }

    def save(self) -> None:
        """Write atomically: a crash mid-write never leaves a broken file."""
        target = self.path()
        ensure_private_dir(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=target.parent)  # 0600
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self.to_dict(), handle, indent=2)
        os.replace(tmp, target)

    def profile(self, name: str | None = None) -> Profile:
        chosen = name or self.active_profile
        if chosen not in self.profiles:
            raise KeyError(f'There is no profile named "{chosen}".')
        return self.profiles[chosen]


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True)
class ProxyProfile:
    """A profile's proxy choice with its password from the keyring (see app.api.proxy)."""

    mode: str = "system"
    url: str | None = None
    username: str | None = None
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Connection:
    base_url: str
    api_key: str | None = field(repr=False)
    organization: str | None
    project: str | None
    profile: str
    provider: str = DEFAULT_PROVIDER
    api_version: str | None = None
    proxy: ProxyProfile = field(default_factory=ProxyProfile)


def resolve_connection(
    profile: str | None = None,
    base_url: str | None = None,
    settings: Settings | None = None,
    *,
    provider: str | None = None,
    api_version: str | None = None,
) -> Connection:
    """Where to connect and with which key: flags, then environment, then the profile.
    ``provider``/``api_version`` (flags) override the profile's."""
    from app.secrets import KeyStore

    settings = settings or Settings.load()
    name = profile or settings.active_profile
    chosen = settings.profiles.get(name, Profile(name))
    from app.secrets import remember_secret

    env_key = os.environ.get("OPENAI_API_KEY") or None
    key = env_key if env_key else KeyStore.shared().get(name)
    if key:
        remember_secret(key)  # redacted everywhere from now on, whatever its format
    proxy = ProxyProfile(chosen.proxy_mode, chosen.proxy_url, chosen.proxy_user)
    if chosen.proxy_mode == "manual" and chosen.proxy_user:
        proxy = replace(proxy, password=KeyStore.shared().get_proxy_password(name))
    return Connection(
        base_url=(base_url or os.environ.get("OPENAI_BASE_URL") or chosen.base_url).rstrip("/"),
        api_key=key,
        organization=os.environ.get("OPENAI_ORG_ID") or chosen.organization,
        project=os.environ.get("OPENAI_PROJECT_ID") or chosen.project,
        profile=name,
        provider=normalise_provider(provider or chosen.provider),
        api_version=api_version or chosen.api_version,
        proxy=proxy,
    )
