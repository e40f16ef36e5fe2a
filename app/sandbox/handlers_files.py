"""The Files endpoints: create (multipart, streamed to disk), list, retrieve, delete, content."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from aiohttp import web

from app.sandbox.azure import is_azure
from app.sandbox.bodies import (
    meter_of,
    next_part,
    open_multipart,
    read_text_field,
    skip_field,
    stream_part_to_file,
)
from app.sandbox.config import MAX_FILE_BYTES
from app.sandbox.content import content_response
from app.sandbox.context import sandbox_of
from app.sandbox.errors import bad_request
from app.sandbox.rules import check_batch, check_expires_after, check_purpose, missing

ANCHOR_FIELD = "expires_after[anchor]"
SECONDS_FIELD = "expires_after[seconds]"
TEXT_FIELDS = ("purpose", ANCHOR_FIELD, SECONDS_FIELD)
MAX_LIST_LIMIT = 10_000


async def create_file(request: web.Request) -> web.Response:
    store = sandbox_of(request).store
    meter = meter_of(request)
    reader = await open_multipart(request)
    fields: dict[str, str] = {}
    unknown: list[str] = []
    tmp: Path | None = None
    filename = ""
    size = 0
    try:
        while (part := await next_part(reader)) is not None:
            name = part.name or ""
            if name == "file":
                if tmp is not None:
                    raise bad_request("Only one file may be sent per request.", param="file")
                # HTML5 multipart (httpx, browsers) escapes a quote in a filename as %22.
                filename = (part.filename or "").replace("%22", '"')
                tmp = store.new_tmp_path()
                size = await stream_part_to_file(part, tmp, meter, MAX_FILE_BYTES, "The file")
            elif name in TEXT_FIELDS:
                fields[name] = await read_text_field(part, meter)
            else:
                unknown.append(name)
                await skip_field(part, meter)
        if unknown:
            raise bad_request(
                f"Unrecognized request argument supplied: {unknown[0]}", param=unknown[0]
            )
        if tmp is None:
            raise missing("file")
        purpose = check_purpose(fields.get("purpose"))
        expires_after = None
        if ANCHOR_FIELD in fields or SECONDS_FIELD in fields:
            expires_after = check_expires_after(fields.get(ANCHOR_FIELD), fields.get(SECONDS_FIELD))
        if not filename.strip():
            raise bad_request("The file must be sent with a filename.", param="file")
        check_batch(purpose, filename, size)
        record = store.add_file(tmp, size, filename, purpose, expires_after)
        tmp = None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    if is_azure(request):  # Azure answers 201 Created with the new File's address
        location = f"{request.url.with_query(None)}/{record.id}"
        return web.json_response(record.to_json(), status=201, headers={"Location": location})
    return web.json_response(record.to_json())


def _limit(text: str | None) -> int:
    if text is None:
        return MAX_LIST_LIMIT
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_LIST_LIMIT:
        raise bad_request(
            f"Invalid 'limit': {text}. It must be an integer between 1 and {MAX_LIST_LIMIT}.",
            param="limit",
            code="integer_out_of_range",
        )
    return value


async def list_files(request: web.Request) -> web.Response:
    query = request.query
    limit = _limit(query.get("limit"))
    order = query.get("order", "desc")
    if order not in ("asc", "desc"):
        raise bad_request(
            f"Invalid value: '{order}'. Supported values are: 'asc' and 'desc'.",
            param="order",
            code="invalid_value",
        )
    records, has_more = sandbox_of(request).store.list_files(
        purpose=query.get("purpose") or None, order=order, after=query.get("after"), limit=limit
    )
    return web.json_response(
        {
            "object": "list",
            "data": [r.to_json() for r in records],
            "first_id": records[0].id if records else None,
            "last_id": records[-1].id if records else None,
            "has_more": has_more,
        }
    )


async def retrieve_file(request: web.Request) -> web.Response:
    record = sandbox_of(request).store.get_file(request.match_info["file_id"])
    return web.json_response(record.to_json())


async def delete_file(request: web.Request) -> web.Response:
    record = sandbox_of(request).store.delete_file(request.match_info["file_id"])
    return web.json_response({"id": record.id, "object": "file", "deleted": True})


async def file_content(request: web.Request) -> web.StreamResponse:
    store = sandbox_of(request).store
    record = store.get_file(request.match_info["file_id"])
    disposition = f"attachment; filename*=UTF-8''{quote(record.filename)}"
    headers = {"Content-Type": "application/octet-stream", "Content-Disposition": disposition}
    return await content_response(request, store.content_paths(record), record.bytes, headers)


def add_routes(app: web.Application) -> None:
    app.router.add_post("/v1/files", create_file)
    app.router.add_get("/v1/files", list_files)
    app.router.add_get("/v1/files/{file_id}", retrieve_file)
    app.router.add_delete("/v1/files/{file_id}", delete_file)
    app.router.add_get("/v1/files/{file_id}/content", file_content)
