"""VectorStoresClient: vector stores and file batches, over the Files client's connection.

Every call goes through the same Requester as the Files endpoints: the same retry policy,
timeouts and typed errors (app.api.errors).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

from app.api.client import FilesClient, path_segment, read_json
from app.api.create_mark import create_once
from app.api.requester import Requester, RetryCallback
from app.api.vector_store_types import Page, VectorStore, VectorStoreFile, VectorStoreFileBatch

MAX_FILES_PER_BATCH = 2000
PAGE_LIMIT = 100
FIRST_POLL = 0.1  # seconds; each wait is longer, up to MAX_POLL
MAX_POLL = 2.0
POLL_GROWTH = 1.5


class VectorStoresClient:
    def __init__(self, requester: Requester) -> None:
        self._requester = requester

    @classmethod
    def of(cls, files: FilesClient) -> VectorStoresClient:
        return cls(files.requester)

    def _store_path(self, vector_store_id: str) -> str:
        return f"vector_stores/{path_segment(vector_store_id)}"

    def _batch_path(self, vector_store_id: str, batch_id: str) -> str:
        return f"{self._store_path(vector_store_id)}/file_batches/{path_segment(batch_id)}"

    # ---- vector stores ----------------------------------------------------------------

    async def create(
        self,
        name: str,
        *,
        metadata: dict[str, str] | None = None,
        on_retry: RetryCallback | None = None,
    ) -> VectorStore:
        payload: dict[str, Any] = {"name": name}

        async def newest(n: int) -> list[VectorStore]:
            return (await self.list_page(limit=n)).data

        return await create_once(
            self._requester, "vector_stores", payload, metadata, VectorStore.from_json, newest,
            on_retry,
        )  # fmt: skip

    async def retrieve(self, vector_store_id: str) -> VectorStore:
        body = await self._requester.call("GET", self._store_path(vector_store_id), read_json)
        return VectorStore.from_json(body)

    async def list_page(
        self, *, limit: int = 20, after: str | None = None, order: str = "desc"
    ) -> Page[VectorStore]:
        params: dict[str, Any] = {"limit": limit, "order": order}
        if after:
            params["after"] = after
        body = await self._requester.call("GET", "vector_stores", read_json, params=params)
        return Page.parse(body, VectorStore.from_json)

    async def iter_all(self) -> AsyncIterator[VectorStore]:
        after: str | None = None
        while True:
            page = await self.list_page(limit=PAGE_LIMIT, after=after)
            for store in page.data:
                yield store
            if not page.has_more or not page.data:
                return
            after = page.last_id or page.data[-1].id

    # ---- file batches -----------------------------------------------------------------

    async def create_file_batch(
        self,
        vector_store_id: str,
        file_ids: list[str],
        *,
        on_retry: RetryCallback | None = None,
    ) -> VectorStoreFileBatch:
        if not 1 <= len(file_ids) <= MAX_FILES_PER_BATCH:
            raise ValueError(f"A file batch holds 1 to {MAX_FILES_PER_BATCH} files.")
        body = await self._requester.call(
            "POST", f"{self._store_path(vector_store_id)}/file_batches", read_json,
            json_body={"file_ids": list(file_ids)}, on_retry=on_retry,
        )  # fmt: skip
        return VectorStoreFileBatch.from_json(body)

    async def retrieve_file_batch(
        self, vector_store_id: str, batch_id: str
    ) -> VectorStoreFileBatch:
        path = self._batch_path(vector_store_id, batch_id)
        return VectorStoreFileBatch.from_json(await self._requester.call("GET", path, read_json))

    async def cancel_file_batch(self, vector_store_id: str, batch_id: str) -> VectorStoreFileBatch:
        path = self._batch_path(vector_store_id, batch_id) + "/cancel"
        return VectorStoreFileBatch.from_json(await self._requester.call("POST", path, read_json))

    async def batch_files(
        self, vector_store_id: str, batch_id: str, *, status: str | None = None
    ) -> list[VectorStoreFile]:
        """Every file of the batch (all pages), optionally only those with that status."""
        path = self._batch_path(vector_store_id, batch_id) + "/files"
        files: list[VectorStoreFile] = []
        after: str | None = None
        while True:
            params: dict[str, Any] = {"limit": PAGE_LIMIT, "order": "asc"}
            if status:
                params["filter"] = status
            if after:
                params["after"] = after
            body = await self._requester.call("GET", path, read_json, params=params)
            page = Page.parse(body, VectorStoreFile.from_json)
            files += page.data
            if not page.has_more or not page.data:
                return files
            after = page.last_id or page.data[-1].id

    async def wait_file_batch(
        self,
        batch: VectorStoreFileBatch,
        *,
        on_update: Callable[[VectorStoreFileBatch], None] | None = None,
    ) -> VectorStoreFileBatch:
        """Poll until the batch is completed, failed or cancelled (waits grow to 2 s)."""
        delay = FIRST_POLL
        while not batch.finished:
            await asyncio.sleep(delay)
            delay = min(MAX_POLL, delay * POLL_GROWTH)
            batch = await self.retrieve_file_batch(batch.vector_store_id, batch.id)
            if on_update is not None:
                on_update(batch)
        return batch
