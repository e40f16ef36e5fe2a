"""MIME types and the assistants tools' extensions (the table lives in app.filetypes)."""

from app.filetypes import (
    ASSISTANTS_EXTENSIONS,
    CODE_INTERPRETER_EXTENSIONS,
    DEFAULT_MIME_TYPE,
    FILE_SEARCH_EXTENSIONS,
    MIME_TYPES,
    extension,
    mime_type_for,
)

__all__ = [
    "ASSISTANTS_EXTENSIONS",
    "CODE_INTERPRETER_EXTENSIONS",
    "DEFAULT_MIME_TYPE",
    "FILE_SEARCH_EXTENSIONS",
    "MIME_TYPES",
    "extension",
    "mime_type_for",
]
