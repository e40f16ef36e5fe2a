"""The event hub: every engine event goes out through here, to every subscriber, in order."""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.engine.events import EngineEvent

log = logging.getLogger("hoist.engine")

Subscriber = Callable[[EngineEvent], None]


class EventHub:
    """Synchronous delivery on the loop thread. A subscriber that raises is logged and the
    others still get the event (one broken view must not stop the uploads)."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def emit(self, event: EngineEvent) -> None:
        for callback in tuple(self._subscribers):
            try:
                callback(event)
            except Exception:  # the dispatch boundary: a view's bug is logged, not fatal
                log.exception("an engine event subscriber failed")
