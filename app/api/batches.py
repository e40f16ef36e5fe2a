"""BatchesClient: start and follow Batch API jobs, over the Files client's connection.

Same Requester as the Files endpoints: the same retry policy, timeouts and typed errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from app.api.client import FilesClient, path_segment, read_json
from app.api.create_mark import create_once
from app.api.requester import Attempt, Requester, RetryCallback
from app.api.types import as_object, optional_field, require_field
from app.api.vector_store_types import Page

COMPLETION_WINDOW = "24h"  # the only window the API offers
HEAD_CHUNK = 64 * 1024


def _metadata(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str)}


@dataclass(frozen=True)
class RequestCounts:
    total: int
    completed: int
    failed: int


@dataclass(frozen=True)
class Batch:
    id: str
    status: str
    endpoint: str
    input_file_id: str
    completion_window: str
    created_at: int
    output_file_id: str | None
    error_file_id: str | None
    request_counts: RequestCounts | None
    errors: tuple[str, ...]  # the server's messages when validation failed
    metadata: dict[str, str]
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, body: Any) -> Batch:
        raw = as_object(body)
        counts = raw.get("request_counts")
        errors = raw.get("errors")
        items = errors.get("data") if isinstance(errors, dict) else None
        return cls(
            id=require_field(raw, "id", str),
            status=require_field(raw, "status", str),
            endpoint=require_field(raw, "endpoint", str),
            input_file_id=require_field(raw, "input_file_id", str),
            completion_window=require_field(raw, "completion_window", str),
            created_at=require_field(raw, "created_at", int),
            output_file_id=optional_field(raw, "output_file_id", str),
            error_file_id=optional_field(raw, "error_file_id", str),
            request_counts=RequestCounts(
                total=optional_field(counts, "total", int) or 0,
                completed=optional_field(counts, "completed", int) or 0,
                failed=optional_field(counts, "failed", int) or 0,
            )
            if isinstance(counts, dict)
            else None,
            errors=tuple(
                str(item.get("message"))
                for item in (items if isinstance(items, list) else [])
                if isinstance(item, dict)
            ),
            metadata=_metadata(raw.get("metadata")),
            raw=raw,
        )


class BatchesClient:
    def __init__(self, requester: Requester) -> None:
        self._requester = requester

    @classmethod
    def of(cls, files: FilesClient) -> BatchesClient:
        return cls(files.requester)

    async def create(
        self,
        input_file_id: str,
        endpoint: str,
        *,
        metadata: dict[str, str] | None = None,
        on_retry: RetryCallback | None = None,
    ) -> Batch:
        payload: dict[str, Any] = {
            "input_file_id": input_file_id,
            "endpoint": endpoint,
            "completion_window": COMPLETION_WINDOW,
        }

        async def newest(n: int) -> list[Batch]:
            return (await self.list_page(limit=n)).data

        return await create_once(
            self._requester, "batches", payload, metadata, Batch.from_json, newest, on_retry
        )

    async def retrieve(self, batch_id: str) -> Batch:
        body = await self._requester.call("GET", f"batches/{path_segment(batch_id)}", read_json)
        return Batch.from_json(body)

    async def list_page(self, *, limit: int = 20, after: str | None = None) -> Page[Batch]:
        params: dict[str, Any] = {"limit": limit}
        if after:
            params["after"] = after
        body = await self._requester.call("GET", "batches", read_json, params=params)
        return Page.parse(body, Batch.from_json)

    async def first_line(self, file_id: str, max_bytes: int) -> bytes:
        """The start of a File's content up to its first newline, reading at most max_bytes
        (the rest is never downloaded). Without a newline in reach: what was read."""

        async def head(response: httpx.Response, attempt: Attempt) -> bytes:
            data = bytearray()
            async for chunk in response.aiter_bytes(HEAD_CHUNK):
                end = chunk.find(b"\n")
                data += chunk if end < 0 else chunk[:end]
                attempt.received = len(data)
                if end >= 0 or len(data) >= max_bytes:
                    break
            return bytes(data[:max_bytes])

        path = f"files/{path_segment(file_id)}/content"
        return await self._requester.call("GET", path, head)
