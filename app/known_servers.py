"""What Hoist learned about each server, by base URL, in known-servers.json next to the
settings (never in the journal). A client made with ``remembered(base_url)`` starts with
what was learned before and writes back whatever it learns."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from app.api.capabilities import Capabilities
from app.settings import state_dirs

log = logging.getLogger("hoist.settings")
_lock = threading.Lock()


def path() -> Path:
    return state_dirs().config / "known-servers.json"


def _key(base_url: str) -> str:
    return base_url.strip().rstrip("/")


def _read_all() -> dict[str, Any]:
    try:
        raw = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def load(base_url: str) -> Capabilities:
    """What is known about this base URL (nothing, for a server never seen)."""
    return Capabilities.from_json(_read_all().get(_key(base_url)))


def save(base_url: str, capabilities: Capabilities) -> None:
    """Write atomically (0600, its folder 0700); a failure is logged, never raised."""
    with _lock:
        target = path()
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            everything = _read_all()
            everything[_key(base_url)] = capabilities.to_json()
            fd, tmp = tempfile.mkstemp(prefix=".known-servers-", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(everything, handle, indent=2)
            os.replace(tmp, target)
        except OSError as exc:
            log.warning("Could not remember what %s supports: %s", base_url, exc)


def remembered(base_url: str) -> Capabilities:
    """Capabilities loaded for base_url that save themselves when they change (in a worker
    thread when an event loop runs, so the window's GUI thread never waits on the disk)."""
    capabilities = load(base_url)

    def changed(current: Capabilities) -> None:
        snapshot = Capabilities.from_json(current.to_json())
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            save(base_url, snapshot)
            return
        loop.run_in_executor(None, save, base_url, snapshot)

    capabilities.on_change = changed
    return capabilities
