"""The OS's view of the network (QNetworkInformation): when the link comes back, the engine
probes at once instead of at its next backoff step (at most 30 s away)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger("hoist.ui")

Reachability = QNetworkInformation.Reachability


class LinkWatch(QObject):
    """Calls ``on_link_up`` whenever the OS reports a usable link again. ``backend`` is the
    loaded backend's name, or None where the OS offers none (the probe's backoff still
    resumes the uploads by itself)."""

    def __init__(self, on_link_up: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_link_up = on_link_up
        self.backend: str | None = None
        self.link_ups = 0  # times on_link_up was called (diagnostics and tests)
        self._info: QNetworkInformation | None = None
        info = None
        if QNetworkInformation.loadDefaultBackend():
            info = QNetworkInformation.instance()
        if info is None or not info.supports(QNetworkInformation.Feature.Reachability):
            log.info("no network reachability backend; outages end with the engine's probe")
            return
        self.backend = info.backendName()
        info.reachabilityChanged.connect(self.reachability_changed)
        self._info = info

    def close(self) -> None:
        """Stop listening (the engine this calls is being replaced)."""
        info, self._info = self._info, None
        if info is not None:
            info.reachabilityChanged.disconnect(self.reachability_changed)

    @Slot(Reachability)
    def reachability_changed(self, reachability: Reachability) -> None:
        if reachability in (Reachability.Disconnected, Reachability.Unknown):
            return
        self.link_ups += 1
        self._on_link_up()
