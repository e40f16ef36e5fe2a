"""The sandbox's records of Files, Uploads and Parts, as kept in state.json."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from typing import Any

from app.sandbox.config import BATCH_DEFAULT_EXPIRES_SECONDS

_ID_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix: str) -> str:
    """24 random letters and digits after the prefix, from one read of the system's random
    source (a byte modulo 62: a slight bias, harmless for names)."""
    return prefix + "".join(_ID_ALPHABET[b % len(_ID_ALPHABET)] for b in secrets.token_bytes(24))


@dataclass
class FileRecord:
    id: str
    bytes: int
    created_at: int
    expires_at: int | None
    filename: str
    purpose: str
    seq: int
    segments: int = 0  # 0: the bytes are one file; n: an Upload's n part files, in order

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "file",
            "bytes": self.bytes,
            "created_at": self.created_at,
            "expires_at": self.expires_at,
            "filename": self.filename,
            "purpose": self.purpose,
            "status": "processed",
            "status_details": None,
        }


@dataclass
class PartRecord:
    id: str
    upload_id: str
    created_at: int
    size: int
    slot: int = -1  # arrival order (when its request began); -1 in older state files

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "upload.part",
            "created_at": self.created_at,
            "upload_id": self.upload_id,
        }


@dataclass
class UploadRecord:
    id: str
    bytes: int
    created_at: int
    expires_time: float  # precise, so sub-second TTLs work in tests
    filename: str
    purpose: str
    mime_type: str
    status: str  # pending | completed | cancelled | expired
    file_expires_after: int | None
    file_id: str | None = None
    parts: dict[str, PartRecord] = field(default_factory=dict)

    @property
    def expires_at(self) -> int:
        return int(self.expires_time)

    def parts_bytes(self) -> int:
        return sum(p.size for p in self.parts.values())


def file_expiry(created_at: int, purpose: str, expires_after: int | None) -> int | None:
    """Batch files expire after 30 days unless told otherwise; others never do."""
    if expires_after is not None:
        return created_at + expires_after
    if purpose == "batch":
        return created_at + BATCH_DEFAULT_EXPIRES_SECONDS
    return None
