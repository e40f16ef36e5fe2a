"""Reading an answer body up to a bound: nothing a server sends grows memory past it."""

from __future__ import annotations

import zlib

import httpx

from app.api.errors import AnswerTooLarge
from app.api.untrusted import clean_optional

JSON_ANSWER_LIMIT = 4 * 1024 * 1024  # a File, an Upload, a page of the list
ERROR_BODY_LIMIT = 64 * 1024  # what an error answer may say
CHUNK = 64 * 1024


async def read_limited(response: httpx.Response, limit: int, *, truncate: bool = False) -> bytes:
    """The body, read up to ``limit`` bytes. Past it: the start (``truncate``) or
    AnswerTooLarge. The caller closes the response, which drops a half-read connection."""
    if hasattr(response, "_content"):  # already in memory (an in-process transport)
        if len(response.content) > limit and not truncate:
            raise _too_large(response, limit)
        return response.content[:limit]
    length = response.headers.get("content-length", "")
    if not truncate and length.isdigit() and int(length) > limit:
        raise _too_large(response, limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw(CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            if truncate:
                break
            raise _too_large(response, limit)
    content = b"".join(chunks)[:limit]
    if response.headers.get("content-encoding", "identity").lower() not in ("", "identity"):
        content = _decode(response, content, limit, truncate)
    return content


def _decode(response: httpx.Response, raw: bytes, limit: int, truncate: bool) -> bytes:
    """Undo gzip/deflate (we ask for identity, but a server may still compress), bounded so
    a small compressed body cannot expand past the limit. Other encodings read as nothing."""
    encoding = response.headers.get("content-encoding", "").lower()
    wbits = {"gzip": 47, "x-gzip": 47, "deflate": 15}.get(encoding)
    if wbits is None:
        return b""
    try:
        out = zlib.decompressobj(wbits).decompress(raw, limit + 1)
    except zlib.error:
        return b""
    if len(out) > limit and not truncate:
        raise _too_large(response, limit)
    return out[:limit]


def _too_large(response: httpx.Response, limit: int) -> AnswerTooLarge:
    return AnswerTooLarge(
        f"The server's answer is larger than {limit // 1024} KiB, more than this kind of "
        "answer ever needs; Hoist stopped reading it. Is the base URL an OpenAI-compatible API?",
        status=response.status_code,
        request_id=clean_optional(response.headers.get("x-request-id"), None),
    )
