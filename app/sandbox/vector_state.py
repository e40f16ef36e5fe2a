"""Vector stores, their files and file batches, in memory (gone when the sandbox stops).

A vector store file is `in_progress` until its processing time has passed, then `completed`
or `failed` (decided when it was attached); a cancelled one stays `cancelled`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.sandbox.processing import Processing
from app.sandbox.records import FileRecord, new_id

DAY = 86_400
AUTO_CHUNKING: dict[str, Any] = {
    "type": "static",
    "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
}
FILE_STATES = ("in_progress", "completed", "failed", "cancelled")


@dataclass
class VectorFile:
    file_id: str
    vector_store_id: str
    created_at: int
    seq: int
    bytes: int
    done_at: float
    failure: dict[str, str] | None
    chunking_strategy: dict[str, Any]
    attributes: dict[str, Any] | None
    cancelled: bool = False

    def status(self, now: float) -> str:
        if self.cancelled:
            return "cancelled"
        if now < self.done_at:
            return "in_progress"
        return "failed" if self.failure is not None else "completed"

    def to_json(self, now: float) -> dict[str, Any]:
        status = self.status(now)
        return {
            "id": self.file_id,
            "object": "vector_store.file",
            "usage_bytes": self.bytes if status == "completed" else 0,
            "created_at": self.created_at,
            "vector_store_id": self.vector_store_id,
            "status": status,
            "last_error": self.failure if status == "failed" else None,
            "chunking_strategy": self.chunking_strategy,
            "attributes": self.attributes,
        }


def file_counts(files: list[VectorFile], now: float) -> dict[str, int]:
    counts = dict.fromkeys(FILE_STATES, 0)
    for item in files:
        counts[item.status(now)] += 1
    return {**counts, "total": len(files)}


@dataclass
class FileBatch:
    id: str
    vector_store_id: str
    created_at: int
    files: list[VectorFile]
    cancelled: bool = False

    def status(self, now: float) -> str:
        counts = file_counts(self.files, now)
        if self.cancelled:
            return "cancelled"
        if counts["in_progress"]:
            return "in_progress"
        return "failed" if counts["failed"] == counts["total"] else "completed"

    def to_json(self, now: float) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "vector_store.files_batch",
            "created_at": self.created_at,
            "vector_store_id": self.vector_store_id,
            "status": self.status(now),
            "file_counts": file_counts(self.files, now),
        }


@dataclass
class VectorStore:
    id: str
    name: str
    description: str | None
    created_at: int
    seq: int
    metadata: dict[str, Any]
    expires_after: dict[str, Any] | None
    last_active_at: int
    files: dict[str, VectorFile] = field(default_factory=dict)

    def to_json(self, now: float) -> dict[str, Any]:
        files = list(self.files.values())
        counts = file_counts(files, now)
        days = self.expires_after["days"] if self.expires_after else None
        return {
            "id": self.id,
            "object": "vector_store",
            "created_at": self.created_at,
            "name": self.name,
            "description": self.description,
            "usage_bytes": sum(f.bytes for f in files if f.status(now) == "completed"),
            "file_counts": counts,
            "status": "in_progress" if counts["in_progress"] else "completed",
            "expires_after": self.expires_after,
            "expires_at": None if days is None else self.last_active_at + days * DAY,
            "last_active_at": self.last_active_at,
            "metadata": self.metadata,
        }


class VectorStores:
    def __init__(self, processing: Processing) -> None:
        self.processing = processing
        self.stores: dict[str, VectorStore] = {}
        self.batches: dict[str, FileBatch] = {}
        self._seq = 0

    def now(self) -> float:
        return self.processing.clock()

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def create(
        self,
        *,
        name: str,
        description: str | None,
        metadata: dict[str, Any],
        expires_after: dict[str, Any] | None,
    ) -> VectorStore:
        now = int(self.now())
        store = VectorStore(
            id=new_id("vs_"),
            name=name,
            description=description,
            created_at=now,
            seq=self._next_seq(),
            metadata=metadata,
            expires_after=expires_after,
            last_active_at=now,
        )
        self.stores[store.id] = store
        return store

    def ordered(self, order: str) -> list[VectorStore]:
        return sorted(
            self.stores.values(), key=lambda s: (s.created_at, s.seq), reverse=order == "desc"
        )

    def attach(
        self,
        store: VectorStore,
        records: list[FileRecord],
        chunking_strategy: dict[str, Any] | None,
        attributes: dict[str, Any] | None,
    ) -> list[VectorFile]:
        """Attach Files (again, if already attached: they are processed anew)."""
        now = int(self.now())
        attached = []
        for record in records:
            item = VectorFile(
                file_id=record.id,
                vector_store_id=store.id,
                created_at=now,
                seq=self._next_seq(),
                bytes=record.bytes,
                done_at=self.processing.done_at(),
                failure=self.processing.vector_file_failure(record.filename),
                chunking_strategy=chunking_strategy or AUTO_CHUNKING,
                attributes=attributes,
            )
            store.files[record.id] = item
            attached.append(item)
        store.last_active_at = now
        return attached

    def add_batch(self, store: VectorStore, files: list[VectorFile]) -> FileBatch:
        batch = FileBatch(
            id=new_id("vsfb_"), vector_store_id=store.id, created_at=int(self.now()), files=files
        )
        self.batches[batch.id] = batch
        return batch

    def cancel_batch(self, batch: FileBatch) -> None:
        now = self.now()
        for item in batch.files:
            if item.status(now) == "in_progress":
                item.cancelled = True
        batch.cancelled = True
