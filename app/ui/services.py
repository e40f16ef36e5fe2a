"""What the window works with: settings, the key store, the journal, the engine and a client
for the "On the server" tab. Everything that touches the disk, the keyring or builds a
network client runs in an executor; nothing here blocks the GUI thread."""

from __future__ import annotations

import copy
import importlib
import logging
import os
from typing import TYPE_CHECKING

from app.providers import COMPATIBLE
from app.settings import Connection, Profile, Settings, resolve_connection
from app.ui.tasks import in_executor

if TYPE_CHECKING:
    from app.api import ClientConfig, FilesClient
    from app.engine.core import Engine
    from app.journal import HistoryEntry, Journal
    from app.secrets import KeyStore

log = logging.getLogger("hoist.ui")


class NoKeyError(Exception):
    """The active profile has no API key yet."""

    def __str__(self) -> str:
        from app.ui.i18n import translate

        return translate(
            "Services", "No API key is set for this profile. Open Settings to add one."
        )


class Services:
    """Long-lived state behind the window. Create it, then ``await start()``."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.keys: KeyStore | None = None
        self.journal: Journal | None = None
        self.engine: Engine | None = None
        self.transient_profiles: dict[str, str] = {}  # profile name → base URL (sandbox)
        self.session_only_profiles: set[str] = set()  # keys held in memory only
        self._engine_client: FilesClient | None = None
        self._browse_client: FilesClient | None = None
        self.connection: Connection | None = None

    # Start and stop --------------------------------------------------------------------------
    async def load(self) -> None:
        """Settings, key store and journal, off the GUI thread."""
        loaded = await in_executor(Settings.load)
        for name, url in self.transient_profiles.items():
            loaded.profiles[name] = self.settings.profiles.get(name) or Profile(name, url)
        if self.settings.active_profile in self.transient_profiles:
            loaded.active_profile = self.settings.active_profile
        self.settings = loaded
        self.keys = await in_executor(_shared_key_store)
        if self.journal is None:
            from app.journal import Journal

            self.journal = await in_executor(Journal)

    async def add_transient_profile(self, name: str, base_url: str, key: str) -> None:
        """A profile kept in memory only (never saved), with its key for this session."""
        self.transient_profiles[name] = base_url
        self.settings.profiles[name] = Profile(name, base_url)
        self.settings.active_profile = name
        await self.set_key(name, key, session_only=True)

    async def connect(self) -> Engine:
        """(Re)build the engine for the active profile; restores unfinished jobs paused."""
        await self.close_engine()
        # the engine's modules (~85 ms of imports) load off the GUI thread, once
        await in_executor(importlib.import_module, "app.engine.core")
        from app.engine.core import Engine

        config = await self.client_config()
        self._engine_client = await in_executor(_remembering_client, config)
        prefs = self.settings.prefs
        self.engine = Engine(
            self._engine_client,
            self.journal,
            concurrency=prefs.concurrency,
            part_size=prefs.part_size,
            max_attempts=prefs.max_attempts,
            stall_timeout=prefs.stall_timeout,
            limit_rate=prefs.limit_rate,
        )
        self.engine.set_alternative_rate(prefs.alternative_rate)
        self.engine.use_alternative_rate(prefs.alternative_on)
        return self.engine

    async def close_engine(self) -> None:
        """Pause everything (jobs stay in the journal) and close the clients."""
        engine, self.engine = self.engine, None
        if engine is not None:
            await engine.aclose()
        for client in (self._engine_client, self._browse_client):
            if client is not None:
                await client.aclose()
        self._engine_client = self._browse_client = None

    async def shutdown(self) -> None:
        await self.close_engine()
        if self.journal is not None:
            journal, self.journal = self.journal, None
            await in_executor(journal.close)

    # Connection -----------------------------------------------------------------------------
    async def resolve(self, profile: str | None = None) -> Connection:
        name = profile or self.settings.active_profile
        base = self.transient_profiles.get(name)
        return await in_executor(resolve_connection, name, base, self.settings)

    async def client_config(
        self, profile: str | None = None, api_key: str | None = None
    ) -> ClientConfig:
        from app.api import ClientConfig, ProxySetting

        connection = await self.resolve(profile)
        if profile is None:
            self.connection = connection
        prefs = self.settings.prefs
        return ClientConfig(
            base_url=connection.base_url,
            api_key=api_key if api_key is not None else connection.api_key,
            organization=connection.organization,
            project=connection.project,
            max_attempts=prefs.max_attempts,
            stall_timeout=prefs.stall_timeout,
            provider=connection.provider,
            api_version=connection.api_version,
            proxy=ProxySetting.from_fields(
                connection.proxy.mode,
                connection.proxy.url,
                connection.proxy.username,
                connection.proxy.password,
            ),
        )

    async def browse_client(self) -> FilesClient:
        """A client for listing, deleting and downloading (the active profile)."""
        if self._browse_client is None:
            config = await self.client_config()
            if not config.api_key and config.provider != COMPATIBLE:
                raise NoKeyError()
            self._browse_client = await in_executor(_remembering_client, config)
        return self._browse_client

    async def test_client(
        self, profile: Profile, api_key: str | None, proxy_password: str | None = None
    ) -> FilesClient:
        """A one-off client for "Test connection" with unsaved profile fields (what it learns
        about the server is remembered, app.known_servers)."""
        from app.api import ClientConfig, ProxySetting

        if profile.proxy_mode == "manual" and profile.proxy_user and not proxy_password:
            proxy_password = await self.get_proxy_password(profile.name)
        proxy = ProxySetting.from_fields(
            profile.proxy_mode, profile.proxy_url, profile.proxy_user, proxy_password
        )
        key = api_key
        if not key:
            key = (await self.resolve(profile.name)).api_key
        if not key and profile.provider != COMPATIBLE:
            raise NoKeyError()
        prefs = self.settings.prefs
        config = ClientConfig(
            base_url=self.transient_profiles.get(profile.name) or profile.base_url.rstrip("/"),
            api_key=key,
            organization=profile.organization,
            project=profile.project,
            max_attempts=min(prefs.max_attempts, 2),
            stall_timeout=min(prefs.stall_timeout, 20.0),
            connect_timeout=10.0,
            provider=profile.provider,
            api_version=profile.api_version,
            proxy=proxy,
        )
        return await in_executor(_remembering_client, config)

    # Keys and settings ----------------------------------------------------------------------
    @property
    def env_key_in_use(self) -> bool:
        return bool(os.environ.get("OPENAI_API_KEY"))

    async def _key_store(self) -> KeyStore:
        if self.keys is None:
            return await in_executor(_shared_key_store)
        return self.keys

    async def get_key(self, profile: str) -> str | None:
        store = await self._key_store()
        return await in_executor(store.get, profile)

    async def set_key(self, profile: str, key: str, *, session_only: bool = False) -> None:
        store = await self._key_store()
        await in_executor(lambda: store.set(profile, key, session_only=session_only))
        if session_only or not store.persistent:
            self.session_only_profiles.add(profile)
        else:
            self.session_only_profiles.discard(profile)

    async def delete_key(self, profile: str) -> None:
        store = await self._key_store()
        await in_executor(store.delete, profile)
        self.session_only_profiles.discard(profile)

    async def get_proxy_password(self, profile: str) -> str | None:
        store = await self._key_store()
        return await in_executor(store.get_proxy_password, profile)

    async def set_proxy_password(self, profile: str, password: str) -> None:
        store = await self._key_store()
        session_only = profile in self.transient_profiles
        await in_executor(
            lambda: store.set_proxy_password(profile, password, session_only=session_only)
        )

    async def delete_proxy_password(self, profile: str) -> None:
        store = await self._key_store()
        await in_executor(store.delete_proxy_password, profile)

    async def save_settings(self) -> None:
        """Write settings.json without the in-memory (sandbox) profiles."""
        saved = copy.deepcopy(self.settings)
        for name in self.transient_profiles:
            saved.profiles.pop(name, None)
        if not saved.profiles:
            saved.profiles = Settings().profiles
        if saved.active_profile not in saved.profiles:
            saved.active_profile = next(iter(saved.profiles))
        await in_executor(saved.save)

    async def history(self, limit: int = 500) -> list[HistoryEntry]:
        if self.journal is None:
            return []
        journal = self.journal
        return await in_executor(lambda: journal.history(limit))


def _remembering_client(config: ClientConfig) -> FilesClient:
    """A client that starts with what was learned about its server (runs in an executor)."""
    from app import known_servers
    from app.api import FilesClient

    return FilesClient(config, capabilities=known_servers.remembered(config.base_url))


def _shared_key_store() -> KeyStore:
    from app.secrets import KeyStore

    return KeyStore.shared()
