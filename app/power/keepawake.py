"""SleepInhibitor: ask the OS not to sleep while uploads run; never raises to its callers.

    inhibitor = SleepInhibitor()
    await inhibitor.acquire("Uploading 3 files")   # idempotent
    inhibitor.state                                # "active (logind)" / "unavailable: …"
    await inhibitor.release()                      # idempotent

The blocking OS calls run in a worker thread (`acquire_blocking` / `release_blocking` are the
same calls for code that is not on an event loop).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Sequence

from app.power.backend import Backend, Hold, InhibitUnavailable

log = logging.getLogger(__name__)

INACTIVE = "inactive"
ACTIVE = "active"
UNAVAILABLE = "unavailable"


def default_backends(platform: str = sys.platform) -> list[Backend]:
    """The mechanisms to try, in order, on this platform."""
    if platform.startswith("linux"):
        from app.power.dbus_inhibit import LogindBackend, PortalBackend

        return [LogindBackend(), PortalBackend()]
    if platform == "darwin":
        from app.power.caffeinate import CaffeinateBackend

        return [CaffeinateBackend()]
    if platform == "win32":
        from app.power.windows import ExecutionStateBackend

        return [ExecutionStateBackend()]
    return []


class SleepInhibitor:
    """One hold at a time, taken from the first backend that works."""

    def __init__(self, backends: Sequence[Backend] | None = None) -> None:
        # the platform's backends (D-Bus and its helpers on Linux) are loaded on the first
        # acquire, in the worker thread: not while the window opens
        self._backends = None if backends is None else list(backends)
        self._lock = threading.Lock()
        self._hold: Hold | None = None
        self._backend_name: str | None = None
        self._problem: str | None = None
        self._logged: set[str] = set()
        self.attempts = 0  # times the backends were asked (for the tests and diagnostics)

    @property
    def active(self) -> bool:
        return self._hold is not None

    @property
    def backend(self) -> str | None:
        """The mechanism holding the computer awake now (e.g. "logind"), or None."""
        return self._backend_name if self._hold is not None else None

    @property
    def problem(self) -> str | None:
        """Why the last acquire could not keep the computer awake, or None."""
        return self._problem

    @property
    def state(self) -> str:
        """For the window: "active (logind)", "inactive" or "unavailable: <why>"."""
        if self._hold is not None:
            return f"{ACTIVE} ({self._backend_name})"
        if self._problem is not None:
            return f"{UNAVAILABLE}: {self._problem}"
        return INACTIVE

    async def acquire(self, reason: str) -> bool:
        """Keep the computer awake; True when it is. Safe to call while already held."""
        import asyncio  # here: the window is drawn before asyncio loads

        return await asyncio.to_thread(self.acquire_blocking, reason)

    async def release(self) -> None:
        import asyncio

        await asyncio.to_thread(self.release_blocking)

    def acquire_blocking(self, reason: str) -> bool:
        with self._lock:
            if self._hold is not None:
                return True
            problems: list[str] = []
            self.attempts += 1
            if self._backends is None:
                self._backends = default_backends()
            for backend in self._backends:
                try:
                    self._hold = backend.acquire(reason)
                except (InhibitUnavailable, OSError) as exc:
                    problems.append(f"{backend.name}: {exc}")
                    continue
                except Exception as exc:  # a bug in a backend must not stop an upload
                    problems.append(f"{backend.name}: unexpected {type(exc).__name__}: {exc}")
                    continue
                self._backend_name = backend.name
                self._problem = None
                return True
            self._problem = "; ".join(problems) or "not supported on this system"
            self._log_once(self._problem)
            return False

    def release_blocking(self) -> None:
        with self._lock:
            hold, self._hold = self._hold, None
            if hold is None:
                return
            try:
                hold.release()
            except Exception as exc:  # releasing must never fail an upload
                self._log_once(f"releasing the {self._backend_name} hold failed: {exc}")

    def _log_once(self, message: str) -> None:
        if message not in self._logged:
            self._logged.add(message)
            log.warning("Cannot keep the computer awake: %s", message)
