"""Validation rules shared by the Files and Uploads handlers (the real API's limits)."""

from __future__ import annotations

from typing import Any

from app.sandbox.config import (
    FILE_PURPOSES,
    MAX_BATCH_BYTES,
    MAX_EXPIRES_SECONDS,
    MAX_UPLOAD_BYTES,
    MIN_EXPIRES_SECONDS,
)
from app.sandbox.errors import ApiFailure, bad_request


def missing(param: str) -> ApiFailure:
    return bad_request(f"Missing required parameter: '{param}'.", param=param)


def check_purpose(value: Any) -> str:
    if value is None:
        raise missing("purpose")
    if value not in FILE_PURPOSES:
        supported = ", ".join(f"'{p}'" for p in FILE_PURPOSES[:-1]) + f", and '{FILE_PURPOSES[-1]}'"
        raise bad_request(
            f"Invalid value: '{value}'. Supported values are: {supported}.",
            param="purpose",
            code="invalid_value",
        )
    return str(value)


def check_expires_after(anchor: Any, seconds: Any) -> int:
    """Validate {anchor, seconds}; return the seconds."""
    if anchor is None:
        raise missing("expires_after.anchor")
    if seconds is None:
        raise missing("expires_after.seconds")
    if anchor != "created_at":
        raise bad_request(
            f"Invalid value: '{anchor}'. Supported values are: 'created_at'.",
            param="expires_after.anchor",
            code="invalid_value",
        )
    if isinstance(seconds, str):
        try:
            seconds = int(seconds.strip())
        except ValueError:
            seconds = None
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise bad_request(
            "Invalid type for 'expires_after.seconds': expected an integer.",
            param="expires_after.seconds",
            code="invalid_type",
        )
    if not MIN_EXPIRES_SECONDS <= seconds <= MAX_EXPIRES_SECONDS:
        raise bad_request(
            f"Invalid 'expires_after.seconds': {seconds}. It must be between "
            f"{MIN_EXPIRES_SECONDS} (1 hour) and {MAX_EXPIRES_SECONDS} (30 days).",
            param="expires_after.seconds",
            code="integer_out_of_range",
        )
    return seconds


def check_expires_object(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad_request(
            "Invalid type for 'expires_after': expected an object.",
            param="expires_after",
            code="invalid_type",
        )
    extra = sorted(set(value) - {"anchor", "seconds"})
    if extra:
        raise bad_request(
            f"Unrecognized request argument supplied: expires_after.{extra[0]}",
            param=f"expires_after.{extra[0]}",
        )
    return check_expires_after(value.get("anchor"), value.get("seconds"))


def check_batch(purpose: str, filename: str, size: int, too_big_status: int = 413) -> None:
    """Batch input must be a .jsonl file of at most 200 MB (413 for a body that was sent,
    400 for an Upload announcing too many bytes)."""
    if purpose != "batch":
        return
    if not filename.lower().endswith(".jsonl"):
        raise bad_request(
            "Invalid file format for Batch API. Must be .jsonl", param="file", code="invalid_file"
        )
    if size > MAX_BATCH_BYTES:
        raise ApiFailure(
            too_big_status,
            f"Files for the Batch API may be at most {MAX_BATCH_BYTES // (1024 * 1024)} MB.",
            param="file",
            code="file_too_large",
        )


def check_upload_size(value: Any) -> int:
    if value is None:
        raise missing("bytes")
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(
            "Invalid type for 'bytes': expected an integer.", param="bytes", code="invalid_type"
        )
    if value < 0:
        raise bad_request("'bytes' must not be negative.", param="bytes", code="invalid_value")
    if value > MAX_UPLOAD_BYTES:
        raise bad_request(
            f"An Upload can hold at most 8 GB ({MAX_UPLOAD_BYTES} bytes); {value} were asked.",
            param="bytes",
            code="upload_too_large",
        )
    return value


def check_text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if value is None:
        raise missing(key)
    if not isinstance(value, str) or not value.strip():
        raise bad_request(
            f"Invalid type for '{key}': expected a non-empty string.",
            param=key,
            code="invalid_type",
        )
    return value


def check_known_keys(body: dict[str, Any], allowed: set[str]) -> None:
    extra = sorted(set(body) - allowed)
    if extra:
        raise bad_request(f"Unrecognized request argument supplied: {extra[0]}", param=extra[0])
