"""Validation before any byte is sent: per purpose, streaming, findings that name the line.
`validate(path, purpose, route=..., expires_after=...)` returns a Report: errors block the
upload, warnings let the user choose; each finding's message is ready to show as it is.

The checks themselves (app.validation.core and the per-purpose modules) load on first use:
the window imports the findings' types before its first paint and validates only later.
"""

from typing import TYPE_CHECKING, Any

from app.validation.model import Finding, Report, Severity

if TYPE_CHECKING:
    from app.validation.core import PURPOSES, ROUTES, uses_files_route, validate
    from app.validation.mime import mime_type_for

_LAZY = {
    "PURPOSES": "app.validation.core",
    "ROUTES": "app.validation.core",
    "uses_files_route": "app.validation.core",
    "validate": "app.validation.core",
    "mime_type_for": "app.validation.mime",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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
