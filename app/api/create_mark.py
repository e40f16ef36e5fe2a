"""Finding what a create request made when its answer was lost, by a mark in its metadata.

A POST /batches or /vector_stores that went out whole but got no answer may have made the
Batch (billed) or the vector store; sending it again would make a second one. Each create
carries a fresh value under REQUEST_MARK in its metadata; before sending again, the newest
objects are searched for it. With no room left (the API allows 16 keys) nothing is marked.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import httpx

from app.api.client import read_json

if TYPE_CHECKING:
    from app.api.requester import Attempt, Requester, RetryCallback

REQUEST_MARK = "hoist_request"
MAX_METADATA_KEYS = 16  # the API's limit
LOOK_BACK = 20  # the newest objects searched for the mark


class Listed(Protocol):
    @property
    def raw(self) -> dict[str, Any]: ...


L = TypeVar("L", bound=Listed)


class CreateMark:
    def __init__(self, metadata: dict[str, str] | None) -> None:
        self.value = os.urandom(16).hex()
        self.metadata = dict(metadata or {})
        self.placed = REQUEST_MARK not in self.metadata and len(self.metadata) < MAX_METADATA_KEYS
        if self.placed:
            self.metadata[REQUEST_MARK] = self.value

    def made(self, raw: dict[str, Any]) -> bool:
        """Whether the object (as the server lists it) was made by this request."""
        metadata = raw.get("metadata")
        if not self.placed or not isinstance(metadata, dict):
            return False
        return metadata.get(REQUEST_MARK) == self.value

    def finder(
        self, newest: Callable[[int], Awaitable[list[L]]]
    ) -> Callable[[], Awaitable[L | None]]:
        """The Requester's ``after_lost_answer``: the object among the newest (fetched by
        ``newest(count)``) that this request made, or None (then it is sent again)."""

        async def find() -> L | None:
            if not self.placed:
                return None
            return next((item for item in await newest(LOOK_BACK) if self.made(item.raw)), None)

        return find


async def create_once(
    requester: Requester,
    path: str,
    payload: dict[str, Any],
    metadata: dict[str, str] | None,
    parse: Callable[[Any], L],
    newest: Callable[[int], Awaitable[list[L]]],
    on_retry: RetryCallback | None = None,
) -> L:
    """POST ``payload`` (with the marked ``metadata``) to ``path``; after a lost answer, the
    object that attempt made is found among ``newest`` instead of making a second one."""
    mark = CreateMark(metadata)
    if mark.metadata:
        payload = {**payload, "metadata": mark.metadata}

    async def handle(response: httpx.Response, attempt: Attempt) -> L:
        return parse(await read_json(response, attempt))

    return await requester.call(
        "POST", path, handle, json_body=payload, on_retry=on_retry,
        after_lost_answer=mark.finder(newest),
    )  # fmt: skip
