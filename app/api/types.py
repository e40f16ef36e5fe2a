"""Typed objects parsed from the API's JSON answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.api.errors import ApiError


class UnexpectedResponse(ApiError):
    """The server answered 2xx with a body that is not the expected object."""


class MismatchedAnswer(UnexpectedResponse):
    """A 2xx answer about something else than what was asked (a part naming another
    Upload): that attempt failed, and is retried like a lost answer."""

    reason = "mismatched"


def require_field(raw: dict[str, Any], key: str, kind: type) -> Any:
    value = raw.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise UnexpectedResponse(
            f"The server's answer lacks a valid {key!r}; is the base URL an OpenAI-compatible API?"
        )
    return value


def optional_field(raw: dict[str, Any], key: str, kind: type) -> Any:
    value = raw.get(key)
    return value if isinstance(value, kind) and not isinstance(value, bool) else None


def as_object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise UnexpectedResponse(
            "The server's answer is not a JSON object; is the base URL an OpenAI-compatible API?"
        )
    return body


@dataclass(frozen=True)
class FileObject:
    id: str
    bytes: int
    created_at: int
    filename: str
    purpose: str
    status: str | None
    expires_at: int | None
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, body: Any) -> FileObject:
        raw = as_object(body)
        return cls(
            id=require_field(raw, "id", str),
            bytes=require_field(raw, "bytes", int),
            created_at=require_field(raw, "created_at", int),
            filename=require_field(raw, "filename", str),
            purpose=require_field(raw, "purpose", str),
            status=optional_field(raw, "status", str),
            expires_at=optional_field(raw, "expires_at", int),
            raw=raw,
        )


@dataclass(frozen=True)
class UploadObject:
    id: str
    bytes: int
    created_at: int
    filename: str
    purpose: str
    status: str
    expires_at: int
    file: FileObject | None
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, body: Any) -> UploadObject:
        raw = as_object(body)
        file_raw = raw.get("file")
        return cls(
            id=require_field(raw, "id", str),
            bytes=require_field(raw, "bytes", int),
            created_at=require_field(raw, "created_at", int),
            filename=require_field(raw, "filename", str),
            purpose=require_field(raw, "purpose", str),
            status=require_field(raw, "status", str),
            expires_at=require_field(raw, "expires_at", int),
            file=FileObject.from_json(file_raw) if isinstance(file_raw, dict) else None,
            raw=raw,
        )


@dataclass(frozen=True)
class UploadPart:
    id: str
    upload_id: str
    created_at: int

    @classmethod
    def from_json(cls, body: Any) -> UploadPart:
        raw = as_object(body)
        return cls(
            id=require_field(raw, "id", str),
            upload_id=require_field(raw, "upload_id", str),
            created_at=require_field(raw, "created_at", int),
        )


@dataclass(frozen=True)
class FileList:
    data: list[FileObject]
    has_more: bool
    first_id: str | None
    last_id: str | None
    server_time: float | None = None  # the answer's Date header, on the server's clock

    @classmethod
    def from_json(cls, body: Any) -> FileList:
        raw = as_object(body)
        items = require_field(raw, "data", list)
        return cls(
            data=[FileObject.from_json(item) for item in items],
            has_more=raw.get("has_more") is True,
            first_id=optional_field(raw, "first_id", str),
            last_id=optional_field(raw, "last_id", str),
        )


@dataclass(frozen=True)
class RetryNotice:
    """Told to on_retry before each backoff sleep.

    attempt: the number of the attempt that just failed (1-based, counted since the
    counter last reset); delay: seconds the client will wait; reason: short text such
    as "HTTP 503" or "stalled"; status: the HTTP status, or None for a network failure.
    """

    attempt: int
    delay: float
    reason: str
    status: int | None
