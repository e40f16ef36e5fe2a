"""The fault proxy's counters: a thread-safe snapshot that tests wait on without sleeping."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProxyStats:
    """A snapshot of the counters (totals since start unless named otherwise)."""

    mode: str
    accepted: int = 0  # connections accepted (in every mode but down)
    active: int = 0  # client connections open now
    upstream: int = 0  # connections opened to the upstream
    bytes_up: int = 0  # client → upstream bytes forwarded
    bytes_down: int = 0  # upstream → client bytes forwarded
    refused: int = 0  # connections reset on arrival (reset mode, or the upstream was down)
    dropped: int = 0  # open connections the proxy cut (drop_connections, down, reset)
    held: int = 0  # connections accepted while blackholed
    mode_changes: int = 0
    accepted_since_mode: int = 0  # since the mode last changed
    refused_since_mode: int = 0


Predicate = Callable[[ProxyStats], bool]


class Counters:
    """Changed on the proxy's loop; read and waited on from any thread or event loop."""

    def __init__(self, initial: ProxyStats) -> None:
        self._stats = initial
        self._cond = threading.Condition()
        self._listeners: set[Callable[[], None]] = set()

    def snapshot(self) -> ProxyStats:
        with self._cond:
            return self._stats

    def add(self, **changes: int) -> None:
        with self._cond:
            values = {k: getattr(self._stats, k) + v for k, v in changes.items()}
            self._stats = dataclasses.replace(self._stats, **values)
            self._wake()

    def new_mode(self, mode: str) -> None:
        """The mode changes: the *_since_mode counters start again from 0."""
        with self._cond:
            self._stats = dataclasses.replace(
                self._stats, mode=mode, accepted_since_mode=0, refused_since_mode=0
            )
            self._wake()

    def _wake(self) -> None:
        self._cond.notify_all()
        for poke in list(self._listeners):
            poke()

    def wait_until(self, predicate: Predicate, timeout: float) -> ProxyStats:
        with self._cond:
            if not self._cond.wait_for(lambda: predicate(self._stats), timeout):
                raise TimeoutError(f"the proxy never reached the condition: {self._stats}")
            return self._stats

    async def until(self, predicate: Predicate, timeout: float) -> ProxyStats:
        loop = asyncio.get_running_loop()
        changed = asyncio.Event()

        def poke() -> None:
            with contextlib.suppress(RuntimeError):  # the waiting loop is gone
                loop.call_soon_threadsafe(changed.set)

        with self._cond:
            self._listeners.add(poke)
        try:
            async with asyncio.timeout(timeout):
                while not predicate(stats := self.snapshot()):
                    await changed.wait()
                    changed.clear()
                return stats
        except TimeoutError:
            raise TimeoutError(
                f"the proxy never reached the condition: {self.snapshot()}"
            ) from None
        finally:
            with self._cond:
                self._listeners.discard(poke)
