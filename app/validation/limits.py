"""The API's size and expiry limits as validation names them (the values live in app.limits)."""

from __future__ import annotations

from app.limits import (
    DEFAULT_PART_SIZE,
    MAX_BATCH_FILE,
    MAX_EXPIRES_AFTER,
    MAX_FILES_BYTES as MAX_FILES_ROUTE,
    MAX_UPLOAD_BYTES as MAX_UPLOADS_ROUTE,
    MAX_VISION_IMAGE,
    MIN_EXPIRES_AFTER,
    GiB,
    MiB,
)
from app.units import format_limit as human_size

MB = MiB
GB = GiB

__all__ = [
    "DEFAULT_PART_SIZE",
    "GB",
    "MAX_BATCH_FILE",
    "MAX_EXPIRES_AFTER",
    "MAX_FILES_ROUTE",
    "MAX_UPLOADS_ROUTE",
    "MAX_VISION_IMAGE",
    "MB",
    "MIN_EXPIRES_AFTER",
    "human_size",
]
