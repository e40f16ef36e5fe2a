"""Typed vector store objects parsed from the API's JSON answers (see types.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from app.api.types import as_object, optional_field, require_field

T = TypeVar("T")

# A file batch (or file) in one of these has stopped changing.
FINISHED_STATES = frozenset({"completed", "failed", "cancelled"})


@dataclass(frozen=True)
class FileCounts:
    in_progress: int
    completed: int
    failed: int
    cancelled: int
    total: int

    @classmethod
    def from_json(cls, body: Any) -> FileCounts:
        raw = as_object(body)
        return cls(
            in_progress=require_field(raw, "in_progress", int),
            completed=require_field(raw, "completed", int),
            failed=require_field(raw, "failed", int),
            cancelled=require_field(raw, "cancelled", int),
            total=require_field(raw, "total", int),
        )

    def describe(self) -> str:
        """'2 files: 1 completed, 1 failed' (zero counts other than completed left out)."""
        parts = [f"{self.completed} completed"]
        for count, label in (
            (self.failed, "failed"),
            (self.in_progress, "in progress"),
            (self.cancelled, "cancelled"),
        ):
            if count:
                parts.append(f"{count} {label}")
        return f"{self.total} file{'s' if self.total != 1 else ''}: {', '.join(parts)}"


@dataclass(frozen=True)
class VectorStore:
    id: str
    name: str
    status: str
    created_at: int
    usage_bytes: int
    file_counts: FileCounts
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, body: Any) -> VectorStore:
        raw = as_object(body)
        return cls(
            id=require_field(raw, "id", str),
            name=optional_field(raw, "name", str) or "",
            status=require_field(raw, "status", str),
            created_at=require_field(raw, "created_at", int),
            usage_bytes=optional_field(raw, "usage_bytes", int) or 0,
            file_counts=FileCounts.from_json(raw.get("file_counts")),
            raw=raw,
        )


@dataclass(frozen=True)
class VectorStoreFileBatch:
    id: str
    vector_store_id: str
    status: str
    created_at: int
    file_counts: FileCounts
    raw: dict[str, Any]

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_STATES

    @classmethod
    def from_json(cls, body: Any) -> VectorStoreFileBatch:
        raw = as_object(body)
        return cls(
            id=require_field(raw, "id", str),
            vector_store_id=require_field(raw, "vector_store_id", str),
            status=require_field(raw, "status", str),
            created_at=require_field(raw, "created_at", int),
            file_counts=FileCounts.from_json(raw.get("file_counts")),
            raw=raw,
        )


@dataclass(frozen=True)
class VectorStoreFile:
    id: str  # the File's id
    vector_store_id: str
    status: str
    error_code: str | None
    error_message: str | None
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, body: Any) -> VectorStoreFile:
        raw = as_object(body)
        error = raw.get("last_error")
        error = error if isinstance(error, dict) else {}
        return cls(
            id=require_field(raw, "id", str),
            vector_store_id=require_field(raw, "vector_store_id", str),
            status=require_field(raw, "status", str),
            error_code=optional_field(error, "code", str),
            error_message=optional_field(error, "message", str),
            raw=raw,
        )


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a cursor list."""

    data: list[T]
    has_more: bool
    last_id: str | None

    @classmethod
    def parse(cls, body: Any, item: Callable[[Any], T]) -> Page[T]:
        raw = as_object(body)
        return cls(
            data=[item(entry) for entry in require_field(raw, "data", list)],
            has_more=raw.get("has_more") is True,
            last_id=optional_field(raw, "last_id", str),
        )
