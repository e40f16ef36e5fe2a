"""Validation before any byte is sent: per purpose, streaming, findings that name the line.
`validate(path, purpose, route=..., expires_after=...)` returns a Report: errors block the
upload, warnings let the user choose; each finding's message is ready to show as it is.
"""

from app.validation.core import PURPOSES, ROUTES, uses_files_route, validate
from app.validation.mime import mime_type_for
from app.validation.model import Finding, Report, Severity

__all__ = [
    "PURPOSES",
    "ROUTES",
    "Finding",
    "Report",
    "Severity",
    "mime_type_for",
    "uses_files_route",
    "validate",
]
