"""The key store against the real Secret Service, and its plain fallback."""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.secrets import NO_BACKEND_WARNING, KeyStore, RedactingFilter, mask, redact
from app.settings import Settings, resolve_connection


def _real_store() -> KeyStore:
    store = KeyStore()
    if not store.persistent:
        if os.environ.get("HOIST_EXPECT_SECRET_SERVICE"):
            pytest.fail(f"expected a Secret Service, keyring chose {store.backend_name}")
        pytest.skip("no Secret Service on this machine (CI runs one)")
    return store


def _files_containing(root: Path, needle: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


def test_round_trip_through_the_secret_service(hoist_home: Path) -> None:
    store = _real_store()
    assert "SecretService" in store.backend_name or "kwallet" in store.backend_name.lower()
    profile = f"test-{uuid.uuid4().hex}"
    key = f"sk-test-{uuid.uuid4().hex}"
    store.set(profile, key)
    try:
        assert KeyStore().get(profile) == key  # a fresh store reads it back from the service
        assert keyring.get_password("hoist", profile) == key
        assert _files_containing(hoist_home, key) == []
    finally:
        store.delete(profile)
    assert KeyStore().get(profile) is None


def test_resolve_connection_reads_the_keyring_and_env_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = _real_store()
    profile = f"test-{uuid.uuid4().hex}"
    store.set(profile, "sk-from-keyring-123456")
    try:
        settings = Settings()
        assert resolve_connection(profile, settings=settings).api_key == "sk-from-keyring-123456"
        monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-123456")
        assert resolve_connection(profile, settings=settings).api_key == "sk-from-env-123456"
    finally:
        store.delete(profile)


def test_no_backend_keeps_the_key_in_memory_only_and_says_so(hoist_home: Path) -> None:
    store = KeyStore(backend=fail.Keyring())
    assert store.persistent is False
    assert store.warning == NO_BACKEND_WARNING
    assert "session only" in NO_BACKEND_WARNING
    store.set("default", "sk-session-only-987654")
    assert store.get("default") == "sk-session-only-987654"
    assert KeyStore(backend=fail.Keyring()).get("default") is None
    assert _files_containing(hoist_home, "sk-session-only-987654") == []


def test_empty_key_is_refused() -> None:
    from app.secrets import KeyStoreError

    with pytest.raises(KeyStoreError, match="empty"):
        KeyStore(backend=fail.Keyring()).set("default", "   ")


def test_redaction_hides_keys_and_bearer_tokens() -> None:
    KeyStore(backend=fail.Keyring()).set("p", "custom-secret-value-xyz", session_only=True)
    text = "Authorization: Bearer abc.def sk-proj-ABCDEFGHIJ1234 and custom-secret-value-xyz"
    cleaned = redact(text)
    assert "abc.def" not in cleaned and "sk-proj-ABCDEFGHIJ1234" not in cleaned
    assert "custom-secret-value-xyz" not in cleaned
    assert cleaned.count("[redacted]") == 3
    assert mask("sk-proj-ABCDEFGHIJ1234") == "sk-…1234"


def test_log_filter_scrubs_formatted_arguments(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("hoist.test.redaction")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO, logger="hoist.test.redaction"):
        logger.info("sending with %s", "sk-live-0123456789abcdef")
    assert "sk-live-0123456789abcdef" not in caplog.text
    assert "[redacted]" in caplog.text


@pytest.mark.expected_log(r"^upload crashed$", logger="hoist.test.redaction.tb")
def test_log_filter_scrubs_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("hoist.test.redaction.tb")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.ERROR, logger="hoist.test.redaction.tb"):
        try:
            raise RuntimeError("request failed with sk-inside-traceback-0123456789")
        except RuntimeError:
            logger.exception("upload crashed")
    assert "sk-inside-traceback-0123456789" not in caplog.text
    assert "RuntimeError" in caplog.text and "[redacted]" in caplog.text


def test_the_key_in_use_is_redacted_whatever_its_format_and_however_echoed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json
    from urllib.parse import quote

    key = "corp/Key+with=odd&chars"
    monkeypatch.setenv("OPENAI_API_KEY", key)
    resolve_connection(settings=Settings())
    for echo in (key, quote(key, safe=""), json.dumps(key)[1:-1]):
        assert redact(f"Location: http://x/?k={echo} end") == "Location: http://x/?k=[redacted] end"


def test_proxy_password_round_trip_apart_from_the_api_key(hoist_home: Path) -> None:
    from app.settings import Profile

    store = _real_store()
    profile = f"test-{uuid.uuid4().hex}"
    store.set(profile, "sk-api-key-for-proxy-test")
    store.set_proxy_password(profile, "proxy-secret-4711")
    try:
        fresh = KeyStore()
        assert fresh.get(profile) == "sk-api-key-for-proxy-test"
        assert fresh.get_proxy_password(profile) == "proxy-secret-4711"
        assert keyring.get_password("hoist-proxy", profile) == "proxy-secret-4711"
        settings = Settings()
        settings.profiles[profile] = Profile(
            profile, proxy_mode="manual", proxy_url="http://127.0.0.1:3128", proxy_user="ann"
        )
        settings.save()
        proxy = resolve_connection(profile, settings=Settings.load()).proxy
        assert (proxy.mode, proxy.username, proxy.password) == (
            "manual",
            "ann",
            "proxy-secret-4711",
        )
        assert "proxy-secret-4711" not in repr(proxy)
        assert redact("pw=proxy-secret-4711") == "pw=[redacted]"
        assert _files_containing(hoist_home, "proxy-secret-4711") == []
        fresh.delete_proxy_password(profile)
        assert KeyStore().get_proxy_password(profile) is None
        assert KeyStore().get(profile) == "sk-api-key-for-proxy-test"  # the key is untouched
    finally:
        store.delete(profile)
        store.delete_proxy_password(profile)


def test_no_backend_keeps_the_proxy_password_in_memory_only() -> None:
    from app.secrets import KeyStoreError

    store = KeyStore(backend=fail.Keyring())
    store.set_proxy_password("default", "session-proxy-pw")
    assert store.get_proxy_password("default") == "session-proxy-pw"
    assert store.get("default") is None  # a separate entry from the API key
    with pytest.raises(KeyStoreError, match="proxy password is empty"):
        store.set_proxy_password("default", "")
