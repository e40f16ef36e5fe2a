"""The API key (and a profile's proxy password): the OS keyring, an in-memory fallback, or
OPENAI_API_KEY. Never a file."""

from __future__ import annotations

import json
import logging
import re
import threading
from typing import Any, ClassVar

SERVICE = "hoist"
PROXY_SERVICE = "hoist-proxy"  # a profile's proxy password, under the profile's name
NO_BACKEND_WARNING = (
    "This computer has no system keyring, so Hoist cannot save your API key. "
    "You can use it for this session only; you will be asked again next time."
)
_WEAK_BACKENDS = {"fail", "null", "chainer"}
_KEY_PATTERN = re.compile(r"\b(sk-[A-Za-z0-9_\-]{6,})|(Bearer\s+)[^\s'\"]+", re.IGNORECASE)
_known_secrets: set[str] = set()
_known_lock = threading.Lock()
log = logging.getLogger(__name__)


class KeyStoreError(Exception):
    """The keyring refused; the message says what to do."""


def remember_secret(value: str) -> None:
    """Make redact() hide this exact value wherever it appears, also as a server may echo
    it back: percent-encoded (a redirect Location) or JSON-escaped."""
    from urllib.parse import quote, quote_plus

    if len(value) >= 6:
        variants = {value, quote(value, safe=""), quote_plus(value), json.dumps(value)[1:-1]}
        with _known_lock:
            _known_secrets.update(variants)


def redact(text: str) -> str:
    """Hide anything that looks like an API key or a bearer token."""
    with _known_lock:
        known = sorted(_known_secrets, key=len, reverse=True)
    for secret in known:
        text = text.replace(secret, "[redacted]")
    return _KEY_PATTERN.sub(lambda m: (m.group(2) or "") + "[redacted]", text)


def mask(key: str) -> str:
    """What the window shows of a saved key: its start and last four characters."""
    if len(key) <= 8:
        return "•" * len(key)
    prefix = "sk-" if key.startswith("sk-") else ""
    return f"{prefix}…{key[-4:]}"


class RedactingFilter(logging.Filter):
    """A logging filter that scrubs keys from every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _backend_kind(backend: Any) -> str:
    module = type(backend).__module__.rsplit(".", 1)[-1]
    if module == "chainer" and not getattr(backend, "backends", None):
        return "fail"
    return module


class KeyStore:
    """Keys per profile in the OS keyring; in memory only when no keyring exists."""

    _shared: ClassVar[KeyStore | None] = None

    def __init__(self, backend: Any | None = None) -> None:
        if backend is None:
            import keyring

            backend = keyring.get_keyring()
        self._backend = backend
        kind = _backend_kind(backend)
        self.persistent = kind not in _WEAK_BACKENDS
        self.backend_name = f"{type(backend).__module__}.{type(backend).__name__}"
        self.warning: str | None = None if self.persistent else NO_BACKEND_WARNING
        self._memory: dict[tuple[str, str], str] = {}

    @classmethod
    def shared(cls) -> KeyStore:
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def get(self, profile: str) -> str | None:
        return self._get(SERVICE, profile, "key")

    def set(self, profile: str, key: str, *, session_only: bool = False) -> None:
        key = key.strip()
        if not key:
            raise KeyStoreError("The API key is empty.")
        self._set(SERVICE, profile, key, "key", session_only)

    def delete(self, profile: str) -> None:
        self._delete(SERVICE, profile, "key")

    def get_proxy_password(self, profile: str) -> str | None:
        return self._get(PROXY_SERVICE, profile, "proxy password")

    def set_proxy_password(
        self, profile: str, password: str, *, session_only: bool = False
    ) -> None:
        if not password:
            raise KeyStoreError("The proxy password is empty.")
        self._set(PROXY_SERVICE, profile, password, "proxy password", session_only)

    def delete_proxy_password(self, profile: str) -> None:
        self._delete(PROXY_SERVICE, profile, "proxy password")

    def _get(self, service: str, profile: str, what: str) -> str | None:
        if (service, profile) in self._memory:
            return self._memory[service, profile]
        if not self.persistent:
            return None
        try:
            value: str | None = self._backend.get_password(service, profile)
        except Exception as exc:  # any backend failure means "none stored"
            log.warning("Could not read the %s from the keyring: %s", what, type(exc).__name__)
            return None
        if value:
            remember_secret(value)
        return value

    def _set(self, service: str, profile: str, value: str, what: str, session_only: bool) -> None:
        remember_secret(value)
        if session_only or not self.persistent:
            self._memory[service, profile] = value
            return
        try:
            self._backend.set_password(service, profile, value)
        except Exception as exc:
            raise KeyStoreError(
                f"The system keyring did not accept the {what} "
                f"({type(exc).__name__}). Unlock the keyring and try again, "
                f"or use the {what} for this session only."
            ) from exc
        self._memory.pop((service, profile), None)

    def _delete(self, service: str, profile: str, what: str) -> None:
        self._memory.pop((service, profile), None)
        if not self.persistent:
            return
        try:
            self._backend.delete_password(service, profile)
        except Exception as exc:  # missing entry or backend gone
            log.info("No %s to delete for %s: %s", what, profile, type(exc).__name__)
