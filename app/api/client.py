"""FilesClient: the nine Files + Uploads endpoints over one httpx.AsyncClient."""

from __future__ import annotations

import asyncio
import dataclasses
import email.utils
import json
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

import httpx

from app.api.bounded import JSON_ANSWER_LIMIT, read_limited
from app.api.capabilities import Capabilities, learn_from_refusal
from app.api.config import ClientConfig
from app.api.download import download_content
from app.api.errors import ApiError, looks_like_html
from app.api.mime_advice import explain_type_refusal
from app.api.multipart import FileRange, Pace, StreamedMultipart, guess_mime_type
from app.api.requester import Attempt, ProgressCallback, Requester, RetryCallback
from app.api.types import (
    FileList,
    FileObject,
    MismatchedAnswer,
    UnexpectedResponse,
    UploadObject,
    UploadPart,
)
from app.api.untrusted import clean, clean_optional

PAGING_STUCK = (
    "The server sent the same files again while listing (it ignores the `after` cursor); "
    "the list stops here and may be incomplete."
)
WarningCallback = Callable[[str], object]
log = logging.getLogger("app.api")

# The server joins the parts and checks the MD5 before it answers: up to 8 GB of work.
COMPLETE_ANSWER_WITHIN = 300.0


async def read_json(response: httpx.Response, attempt: Attempt) -> Any:
    content = await read_limited(response, JSON_ANSWER_LIMIT)
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        if looks_like_html(response, content[:200]):
            message = (
                "The answer is a web page, not the API: a proxy, gateway or captive portal "
                "between you and the server answered, or the base URL is not an "
                "OpenAI-compatible API."
            )
        else:
            message = "The server's answer is not JSON; is the base URL an OpenAI-compatible API?"
        raise UnexpectedResponse(
            message,
            status=response.status_code,
            request_id=clean_optional(response.headers.get("x-request-id"), None),
        ) from exc


def wire_name(name: str) -> str:
    """A file name as the server gets it: bytes that are not UTF-8 (kept by Python as
    surrogates) become U+FFFD, so the request can always be encoded."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def check_size(file: FileObject, sent: int) -> None:
    """A File whose size differs from what was sent is not a success."""
    if file.bytes != sent:
        raise UnexpectedResponse(
            f"The server stored {clean(file.id, None, 80)} with {file.bytes} bytes, but Hoist "
            f"sent {sent}; it is not a faithful copy. Delete it and upload again."
        )


def _server_time(response: httpx.Response) -> float | None:
    """The server's clock from its Date header (1 s resolution), if it sent one."""
    try:
        when = email.utils.parsedate_to_datetime(response.headers.get("date", ""))
    except (TypeError, ValueError, IndexError):
        return None
    return when.timestamp() if when is not None else None


def path_segment(value: str) -> str:
    """An id as one URL path segment (a slash or ? in it cannot change the path)."""
    return quote(value, safe="")


class FilesClient:
    """Files and Uploads API client. Retries per product.md §2 happen inside each call."""

    def __init__(
        self,
        config: ClientConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        capabilities: Capabilities | None = None,
    ) -> None:
        self.config = config
        self._requester = Requester(config, transport)
        self._upload_sizes: dict[str, int] = {}  # upload id → the bytes Hoist declared
        # what this server supports, learned from its answers (app.known_servers keeps it)
        self.capabilities = capabilities if capabilities is not None else Capabilities()
        # Awaited with each body piece's size before it is written (a bandwidth cap).
        self.body_pace: Pace | None = None

    def __repr__(self) -> str:
        key = "set" if self.config.api_key else "none"
        return f"FilesClient(base_url={self.config.base_url!r}, api_key={key})"

    @property
    def requester(self) -> Requester:
        """The connection and retry loop, shared with the vector store and batch clients."""
        return self._requester

    @property
    def rate_waits(self) -> int:
        """Requests so far that waited for the server's rate limit before being sent."""
        return self._requester.pacers.waits

    async def aclose(self) -> None:
        await self._requester.aclose()

    async def server_answers(self) -> bool:
        """Probe (GET /files?limit=1, once): True when the server answered anything."""
        return await self._requester.server_answers()

    async def __aenter__(self) -> FilesClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def _body(
        self, fields: list[tuple[str, str]], file: FileRange, on_progress: ProgressCallback | None
    ) -> StreamedMultipart:
        return StreamedMultipart(
            fields,
            file,
            on_chunk=on_progress,
            read_on_loop=self.config.read_on_loop,
            pace=self.body_pace,
        )

    # ---- Files -------------------------------------------------------------------------

    async def create_file(
        self,
        path: Path,
        purpose: str,
        *,
        expires_after: int | None = None,
        filename: str | None = None,
        mime_type: str | None = None,
        on_progress: ProgressCallback | None = None,
        on_retry: RetryCallback | None = None,
        after_lost_answer: Callable[[], Awaitable[FileObject | None]] | None = None,
    ) -> FileObject:
        """``after_lost_answer``: before sending again after an answer was lost, look for
        the File the lost attempt may have stored (app.engine.recovery); adopted if found."""
        path = Path(path)
        name = filename or path.name
        if self.config.read_on_loop:  # the CLI: a brief stat on the loop, no thread hop
            size = os.stat(path).st_size
        else:
            size = (await asyncio.to_thread(os.stat, path)).st_size
        fields = [("purpose", purpose)]
        if expires_after is not None:
            fields += [
                ("expires_after[anchor]", "created_at"),
                ("expires_after[seconds]", str(int(expires_after))),
            ]
        name = wire_name(name)
        file = FileRange("file", name, mime_type or guess_mime_type(name), path, 0, size)

        def make_body() -> StreamedMultipart:
            return self._body(fields, file, on_progress)

        async def handle(response: httpx.Response, attempt: Attempt) -> FileObject:
            return FileObject.from_json(await read_json(response, attempt))

        try:
            created = await self._requester.call(
                "POST", "files", handle, make_body=make_body,
                on_progress=on_progress, on_retry=on_retry, after_lost_answer=after_lost_answer,
            )  # fmt: skip
        except ApiError as exc:
            raise explain_type_refusal(exc, name, file.content_type) from exc
        check_size(created, size)
        return created

    async def list_files(
        self,
        *,
        purpose: str | None = None,
        limit: int = 100,
        after: str | None = None,
        order: str = "desc",
    ) -> FileList:
        params: dict[str, Any] = {"limit": limit, "order": order}
        if purpose:
            params["purpose"] = purpose
        if after:
            params["after"] = after

        async def handle(response: httpx.Response, attempt: Attempt) -> FileList:
            page = FileList.from_json(await read_json(response, attempt))
            return dataclasses.replace(page, server_time=_server_time(response))

        return await self._requester.call("GET", "files", handle, params=params)

    async def iter_files(
        self, *, purpose: str | None = None, on_warning: WarningCallback | None = None
    ) -> AsyncIterator[FileObject]:
        """Every file, page by page, each once. A page that repeats ids or a cursor that does
        not move (a server that ignores ``after``) stops the paging, with one warning."""
        after: str | None = None
        seen: set[str] = set()
        while True:
            page = await self.list_files(purpose=purpose, after=after)
            repeated = False
            for item in page.data:
                if item.id in seen:
                    repeated = True
                    continue
                seen.add(item.id)
                yield item
            next_after = page.last_id or (page.data[-1].id if page.data else None)
            if not page.has_more or not next_after:
                return
            if next_after == after or repeated:
                (on_warning or log.warning)(PAGING_STUCK)
                return
            after = next_after

    async def retrieve_file(self, file_id: str) -> FileObject:
        body = await self._requester.call("GET", f"files/{path_segment(file_id)}", read_json)
        return FileObject.from_json(body)

    async def delete_file(self, file_id: str) -> bool:
        body = await self._requester.call("DELETE", f"files/{path_segment(file_id)}", read_json)
        return isinstance(body, dict) and body.get("deleted") is True

    async def download_file(
        self,
        file_id: str,
        dest: Path,
        *,
        overwrite: bool = False,
        expected_bytes: int | None = None,
        on_progress: ProgressCallback | None = None,
        on_retry: RetryCallback | None = None,
    ) -> int:
        """Stream the file's content into a temporary file next to dest, then move it into
        place once complete (and, with ``expected_bytes``, the right size). An existing dest
        is replaced only with ``overwrite``. On any failure no temporary file remains."""
        return await download_content(
            self._requester, f"files/{path_segment(file_id)}/content", file_id, dest,
            overwrite=overwrite, expected_bytes=expected_bytes,
            on_progress=on_progress, on_retry=on_retry,
        )  # fmt: skip

    # ---- Uploads -----------------------------------------------------------------------

    async def create_upload(
        self,
        *,
        filename: str,
        purpose: str,
        size: int,
        mime_type: str,
        expires_after: int | None = None,
        on_retry: RetryCallback | None = None,
    ) -> UploadObject:
        payload: dict[str, Any] = {
            "bytes": size,
            "filename": wire_name(filename),
            "mime_type": mime_type,
            "purpose": purpose,
        }
        if expires_after is not None:
            payload["expires_after"] = {"anchor": "created_at", "seconds": int(expires_after)}
        try:
            body = await self._requester.call(
                "POST", "uploads", read_json, json_body=payload, on_retry=on_retry
            )
        except ApiError as exc:
            unavailable = learn_from_refusal(exc, purpose, self.capabilities)
            raise (unavailable or explain_type_refusal(exc, filename, mime_type)) from exc
        self.capabilities.learn_uploads(True)
        upload = UploadObject.from_json(body)
        self._upload_sizes[upload.id] = size
        return upload

    async def add_part(
        self,
        upload_id: str,
        path: Path,
        offset: int,
        length: int,
        *,
        on_progress: ProgressCallback | None = None,
        on_retry: RetryCallback | None = None,
        max_attempts: int | None = None,
        check_upload_id: bool = False,
    ) -> UploadPart:
        """``check_upload_id``: an answer naming another Upload is a failed attempt (retried)."""
        path = Path(path)
        name = wire_name(path.name)
        file = FileRange("data", name, "application/octet-stream", path, offset, length)

        def make_body() -> StreamedMultipart:
            return self._body([], file, on_progress)

        async def handle(response: httpx.Response, attempt: Attempt) -> UploadPart:
            part = UploadPart.from_json(await read_json(response, attempt))
            if check_upload_id and part.upload_id != upload_id:  # never record it
                raise MismatchedAnswer(
                    f"The server's answer to a part of {upload_id} names {part.upload_id}.",
                    request_id=response.headers.get("x-request-id"),
                )
            return part

        return await self._requester.call(
            "POST", f"uploads/{path_segment(upload_id)}/parts", handle, make_body=make_body,
            on_progress=on_progress, on_retry=on_retry, max_attempts=max_attempts,
        )  # fmt: skip

    async def complete_upload(
        self,
        upload_id: str,
        part_ids: list[str],
        *,
        md5: str | None = None,
        on_retry: RetryCallback | None = None,
    ) -> UploadObject:
        payload: dict[str, Any] = {"part_ids": list(part_ids)}
        if md5 is not None:
            payload["md5"] = md5
        body = await self._requester.call(
            "POST", f"uploads/{path_segment(upload_id)}/complete", read_json,
            json_body=payload, on_retry=on_retry, answer_within=COMPLETE_ANSWER_WITHIN,
            deadline=self.config.complete_deadline,
        )  # fmt: skip
        upload = UploadObject.from_json(body)
        if upload.file is not None:
            check_size(upload.file, self._upload_sizes.get(upload_id, upload.bytes))
        return upload

    async def cancel_upload(self, upload_id: str) -> UploadObject:
        body = await self._requester.call(
            "POST", f"uploads/{path_segment(upload_id)}/cancel", read_json
        )
        return UploadObject.from_json(body)
