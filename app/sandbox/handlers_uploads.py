"""The Uploads endpoints: create, add part (streamed to disk), complete, cancel.

Parts are assembled and hashed as they arrive (app/sandbox/assembly.py); GET
/_sandbox/assembly shows the counters. With `--no-uploads-api` none of the /v1 routes exist.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp import web

from app.sandbox.assembly import hash_parts
from app.sandbox.azure import check_upload_purpose, is_azure
from app.sandbox.bodies import (
    meter_of,
    next_part,
    open_multipart,
    read_json_object,
    skip_field,
    stream_part_to_file,
)
from app.sandbox.config import MAX_PART_BYTES
from app.sandbox.context import SANDBOX_KEY, sandbox_of
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


async def create_upload(request: web.Request) -> web.Response:
    store = sandbox_of(request).store
    body = await read_json_object(request)
    check_known_keys(body, {"bytes", "filename", "mime_type", "purpose", "expires_after"})
    size = check_upload_size(body.get("bytes"))
    filename = check_text(body, "filename")
    mime_type = check_text(body, "mime_type")
    purpose = check_purpose(body.get("purpose"))
    if is_azure(request):
        check_upload_purpose(purpose)
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
    upload = store.get_upload(upload_id)
    store.require_open(upload, "add a Part")
    assembly = store.assembly_for(upload)
    slot = assembly.open_slot()  # taken when the request begins: the arrival order
    record = None
    meter = meter_of(request)
    tmp: Path | None = None
    size = 0
    try:
        reader = await open_multipart(request)
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
        record = store.add_part(upload, tmp, size, slot)
        tmp = None
    finally:
        assembly.close_slot(slot, record.id if record is not None else None)
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return web.json_response(record.to_json())


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
    store.completing.add(upload.id)
    stats = store.assembly_stats
    assembly = store.assemblies.get(upload.id)
    try:
        actual = await assembly.ready(part_ids) if assembly is not None else None
        if actual is not None:  # hashed as the parts came in: nothing to read again
            stats.arrival_completes += 1
        elif md5:  # another order than arrival (or a restart lost the digest): one full pass
            actual, read = await asyncio.to_thread(hash_parts, sources)
            stats.complete_bytes += read
            stats.full_pass_completes += 1
        if md5 and actual != md5.strip().lower():
            raise bad_request(
                f"The md5 checksum of the assembled file ({actual}) does not match the md5 "
                f"given ({md5}).",
                param="md5",
                code="md5_mismatch",
            )
        store.completing.discard(upload.id)
        store.finish_completion(upload, sources)
    finally:
        store.completing.discard(upload.id)
    return web.json_response(store.upload_json(upload))


async def cancel_upload(request: web.Request) -> web.Response:
    store = sandbox_of(request).store
    upload = store.get_upload(request.match_info["upload_id"])
    store.cancel_upload(upload)
    return web.json_response(store.upload_json(upload))


async def assembly_stats(request: web.Request) -> web.Response:
    return web.json_response(sandbox_of(request).store.assembly_stats.to_json())


def add_routes(app: web.Application) -> None:
    app.router.add_get("/_sandbox/assembly", assembly_stats)
    if not app[SANDBOX_KEY].config.uploads_api:
        return  # POST /v1/uploads… then answers 404 "Invalid URL", like the real thing
    app.router.add_post("/v1/uploads", create_upload)
    app.router.add_post("/v1/uploads/{upload_id}/parts", add_part)
    app.router.add_post("/v1/uploads/{upload_id}/complete", complete_upload)
    app.router.add_post("/v1/uploads/{upload_id}/cancel", cancel_upload)
