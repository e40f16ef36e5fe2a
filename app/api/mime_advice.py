"""When a server refuses a file's type: say which MIME type was sent and what to do."""

from __future__ import annotations

from app.api.errors import ApiError
from app.filetypes import DEFAULT_MIME_TYPE, extension

TYPE_WORDS = (
    "mime",
    "file type",
    "file format",
    "content type",
    "content-type",
    "media type",
    "unsupported file",
    "extension",
)


def refuses_type(error: ApiError) -> bool:
    if error.status == 415:
        return True
    if error.status not in (400, 422):
        return False
    text = error.message.lower()
    return error.param == "mime_type" or any(word in text for word in TYPE_WORDS)


def advice(filename: str, mime_type: str) -> str:
    ext = extension(filename) or "(none)"
    if mime_type == DEFAULT_MIME_TYPE:
        sent = f"it was sent as {mime_type} (Hoist does not know the extension {ext})"
    else:
        sent = f"it was sent as {mime_type} (from the extension {ext})"
    return (
        f"The server refused the file's type: {sent}. Rename the file to an extension the "
        "purpose takes (e.g. .jsonl, .pdf, .txt, .md, .png) or convert it, then upload again."
    )


def explain_type_refusal(error: ApiError, filename: str, mime_type: str) -> ApiError:
    """The same error with the advice first (a capped line keeps it) when it is a refusal
    of the file's type."""
    if not refuses_type(error):
        return error
    said = " ".join(error.message.split())
    text = f"{advice(filename, mime_type)} The server said: {said}"
    explained = type(error)(text)
    explained.keep_answer_of(error)
    explained.full_message = f"{advice(filename, mime_type)} The server said: {error.full_message}"
    return explained
