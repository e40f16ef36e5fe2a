"""The client holder: the FilesClient the engine sends with, made lazily, swapped on a new key."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.engine.background import Background
from app.engine.bandwidth import BandwidthBucket

if TYPE_CHECKING:  # app.api (httpx) is imported where used: `import app.engine` stays light
    from app.api import FilesClient


class ClientHolder:
    """A client passed in is the caller's (left open); one made by a factory is ours."""

    def __init__(
        self,
        source: Callable[[], FilesClient] | FilesClient,
        background: Background,
        bandwidth: BandwidthBucket | None = None,
    ) -> None:
        self._source = source
        self._bandwidth = bandwidth  # every client's request bodies share this cap
        self._client: FilesClient | None = None
        self._owned = False
        self._background = background

    def get(self) -> FilesClient:
        if self._client is None:
            from app.api import FilesClient

            source = self._source
            if isinstance(source, FilesClient):
                self._client = source
            else:
                self._client = source()
                self._owned = True
            if self._bandwidth is not None:
                self._client.body_pace = self._bandwidth
        return self._client

    @property
    def current(self) -> FilesClient | None:
        """The client in use, if one was made yet."""
        return self._client

    def replace(self, source: Callable[[], FilesClient] | FilesClient) -> None:
        """Use another client for requests from now on; close the old one if it was ours."""
        old, owned = self._client, self._owned
        self._source, self._client, self._owned = source, None, False
        if old is not None and owned:
            self._background.spawn(old.aclose(), "close the old client")

    async def aclose(self) -> None:
        if self._client is not None and self._owned:
            await self._client.aclose()
        self._client = None
