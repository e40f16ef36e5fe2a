"""The one MIME table (by extension) for both endpoints, and what assistants tools read.

A leaf module: it imports nothing of app, so the client (app.api) and validation share it.
"""

from __future__ import annotations

from pathlib import PurePath

DEFAULT_MIME_TYPE = "application/octet-stream"

# From OpenAI's "supported files" tables of file_search and code_interpreter, plus the
# formats the other purposes take (.jsonl for batch / fine-tune / evals, images for vision).
# .jsonl is "text/jsonl", the type the API reference gives for it (createUpload's example);
# the same table serves POST /files (the file part's Content-Type) and POST /uploads
# (mime_type).
MIME_TYPES: dict[str, str] = {
    ".c": "text/x-c",
    ".cpp": "text/x-c++",
    ".cs": "text/x-csharp",
    ".css": "text/css",
    ".csv": "text/csv",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".gif": "image/gif",
    ".go": "text/x-golang",
    ".html": "text/html",
    ".java": "text/x-java",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".js": "text/javascript",
    ".json": "application/json",
    ".jsonl": "text/jsonl",
    ".jsonlines": "text/jsonl",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".php": "text/x-php",
    ".pkl": "application/octet-stream",
    ".png": "image/png",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".py": "text/x-python",
    ".rb": "text/x-ruby",
    ".sh": "application/x-sh",
    ".tar": "application/x-tar",
    ".tex": "text/x-tex",
    ".ts": "application/typescript",
    ".txt": "text/plain",
    ".webp": "image/webp",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xml": "application/xml",
    ".zip": "application/zip",
}

FILE_SEARCH_EXTENSIONS = frozenset(
    {
        ".c", ".cpp", ".cs", ".css", ".doc", ".docx", ".go", ".html", ".java", ".js", ".json",
        ".md", ".pdf", ".php", ".pptx", ".py", ".rb", ".sh", ".tex", ".ts", ".txt",
    }
)  # fmt: skip

CODE_INTERPRETER_EXTENSIONS = frozenset(
    {
        ".c", ".cpp", ".cs", ".css", ".csv", ".doc", ".docx", ".gif", ".html", ".java",
        ".jpeg", ".jpg", ".js", ".json", ".md", ".pdf", ".php", ".pkl", ".png", ".pptx",
        ".py", ".rb", ".sh", ".tar", ".tex", ".ts", ".txt", ".xlsx", ".xml", ".zip",
    }
)  # fmt: skip

ASSISTANTS_EXTENSIONS = FILE_SEARCH_EXTENSIONS | CODE_INTERPRETER_EXTENSIONS


def extension(path: PurePath | str) -> str:
    """The lower-case suffix with its dot ('' when there is none)."""
    return PurePath(path).suffix.lower()


def mime_type_for(path: PurePath | str) -> str:
    """OpenAI's MIME type for the file's extension, else application/octet-stream."""
    return MIME_TYPES.get(extension(path), DEFAULT_MIME_TYPE)
