"""The Uploads endpoints: create, add part (streamed to disk), complete, cancel."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

from aiohttp import web

from app.sandbox.bodies import (
    meter_of,
    next_part,
    open_multipart,
    read_json_object,
    skip_field,
    stream_part_to_file,
)
from app.sandbox.config import MAX_PART_BYTES, MB
from app.sandbox.context import sandbox_of
from app.sandbox.errors import bad_request
from app.sandbox.rules import (
    check_batch,
    check_expires_object,
    check_known_keys,
    check_purpose,
    check_text,
    check_upload_size,
    missing,
)

COPY_CHUNK = 1 * MB


async def create_upload(request: web.Request) -> web.Response:
    store = sandbox_of(request).store
    body = await read_json_object(request)
    check_known_keys(body, {"bytes", "filename", "mime_type", "purpose", "expires_after"})
    size = check_upload_size(body.get("bytes"))
    filename = check_text(body, "filename")
    mime_type = check_text(body, "mime_type")
    purpose = check_purpose(body.get("purpose"))
    expires_after = check_expires_object(body.get("expires_after"))
    check_batch(purpose, filename, size, too_big_status=400)
    upload = store.create_upload(
        size=size,
        filename=filename,
        purpose=purpose,
        mime_type=mime_type,
        expires_after=expires_after,
    )
    return web.json_response(store.upload_json(upload))


async def add_part(request: web.Request) -> web.Response:
    store = sandbox_of(request).store
    upload_id = request.match_info["upload_id"]
    store.require_open(store.get_upload(upload_id), "add a Part")
    meter = meter_of(request)
    reader = await open_multipart(request)
    tmp: Path | None = None
    size = 0
    try:
        while (part := await next_part(reader)) is not None:
            if part.name != "data":
                await skip_field(part, meter)
                raise bad_request(
                    f"Unrecognized request argument supplied: {part.name}", param=part.name
                )
            if tmp is not None:
                raise bad_request("Only one 'data' field may be sent per Part.", param="data")
            tmp = store.new_tmp_path()
            size = await stream_part_to_file(part, tmp, meter, MAX_PART_BYTES, "A Part")
        if tmp is None:
            raise missing("data")
        # The Upload may have been cancelled, completed or expired while the bytes came in.
        upload = store.get_upload(upload_id)
        store.require_open(upload, "add a Part")
        record = store.add_part(upload, tmp, size)
        tmp = None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return web.json_response(record.to_json())


def assemble(sources: list[Path], dest: Path, with_md5: bool) -> str | None:
    """Concatenate the part files into `dest` in small chunks; return the MD5 if asked."""
    digest = hashlib.md5(usedforsecurity=False) if with_md5 else None
    buffer = bytearray(COPY_CHUNK)
    view = memoryview(buffer)
    with open(dest, "wb") as out:
        for source in sources:
            with open(source, "rb") as part:
                while count := part.readinto(buffer):
                    if digest is not None:
                        digest.update(view[:count])
                    out.write(view[:count])
    return digest.hexdigest() if digest is not None else None


async def complete_upload(request: web.Request) -> web.Response:
    store = sandbox_of(request).store
    upload = store.get_upload(request.match_info["upload_id"])
    body = await read_json_object(request)
    check_known_keys(body, {"part_ids", "md5"})
    part_ids = body.get("part_ids")
    if part_ids is None:
        raise missing("part_ids")
    if not isinstance(part_ids, list) or not all(isinstance(p, str) for p in part_ids):
        raise bad_request(
            "Invalid type for 'part_ids': expected an array of strings.",
            param="part_ids",
            code="invalid_type",
        )
    md5 = body.get("md5")
    if md5 is not None and not isinstance(md5, str):
        raise bad_request("Invalid type for 'md5': expected a string.", param="md5")
    upload = store.get_upload(upload.id)  # the body may have taken a while
    sources = store.check_completion(upload, part_ids)
    dest = store.new_tmp_path()
    store.completing.add(upload.id)
    try:
        actual = await asyncio.to_thread(assemble, sources, dest, bool(md5))
        if md5 and actual != md5.strip().lower():
            raise bad_request(
                f"The md5 checksum of the assembled file ({actual}) does not match the md5 "
                f"given ({md5}).",
                param="md5",
                code="md5_mismatch",
            )
        store.completing.discard(upload.id)
        store.finish_completion(upload, dest)
    finally:
        store.completing.discard(upload.id)
        dest.unlink(missing_ok=True)
    return web.json_response(store.upload_json(upload))


async def cancel_upload(request: web.Request) -> web.Response:
    store = sandbox_of(request).store
    upload = store.get_upload(request.match_info["upload_id"])
    store.cancel_upload(upload)
    return web.json_response(store.upload_json(upload))


def add_routes(app: web.Application) -> None:
    app.router.add_post("/v1/uploads", create_upload)
    app.router.add_post("/v1/uploads/{upload_id}/parts", add_part)
    app.router.add_post("/v1/uploads/{upload_id}/complete", complete_upload)
    app.router.add_post("/v1/uploads/{upload_id}/cancel", cancel_upload)
