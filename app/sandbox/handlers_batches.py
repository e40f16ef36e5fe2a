"""The Batch endpoints: create, retrieve, list, cancel."""

from __future__ import annotations

import asyncio

from aiohttp import web

from app.sandbox.batch_state import BATCH_ENDPOINTS, Batches, BatchRecord, scan_input
from app.sandbox.bodies import read_json_object
from app.sandbox.context import SANDBOX_KEY, sandbox_of
from app.sandbox.errors import bad_request, not_found
from app.sandbox.handlers_vector_stores import check_metadata
from app.sandbox.paging import list_response, page
from app.sandbox.processing import PROCESSING_KEY
from app.sandbox.rules import check_known_keys, check_text

BATCHES_KEY = web.AppKey("batches", Batches)


def _state(request: web.Request) -> Batches:
    return request.app[BATCHES_KEY]


def _batch(request: web.Request) -> BatchRecord:
    batch_id = request.match_info["batch_id"]
    batch = _state(request).batches.get(batch_id)
    if batch is None:
        raise not_found("batch", batch_id, "batch_id")
    return batch


async def create_batch(request: web.Request) -> web.Response:
    body = await read_json_object(request)
    check_known_keys(
        body,
        {"input_file_id", "endpoint", "completion_window", "metadata", "output_expires_after"},
    )
    file_id = check_text(body, "input_file_id")
    endpoint = check_text(body, "endpoint")
    if endpoint not in BATCH_ENDPOINTS:
        raise bad_request(
            f"Invalid value: '{endpoint}'. Supported values are: {', '.join(BATCH_ENDPOINTS)}.",
            param="endpoint",
            code="invalid_value",
        )
    window = check_text(body, "completion_window")
    if window != "24h":
        raise bad_request(
            f"Invalid value: '{window}'. Supported values are: '24h'.",
            param="completion_window",
            code="invalid_value",
        )
    metadata = check_metadata(body)
    store = sandbox_of(request).store
    record = store.get_file(file_id)
    if record.purpose != "batch":
        raise bad_request(
            f"The input file {file_id} must be uploaded with purpose 'batch' "
            f"(it has '{record.purpose}').",
            param="input_file_id",
        )
    scan = await asyncio.to_thread(scan_input, store.content_paths(record), endpoint)
    state = _state(request)
    batch = state.create(endpoint=endpoint, input_file_id=file_id, metadata=metadata, scan=scan)
    return web.json_response(batch.to_json(state.now()))


async def retrieve_batch(request: web.Request) -> web.Response:
    batch = _batch(request)
    state = _state(request)
    state.settle(batch)
    return web.json_response(batch.to_json(state.now()))


async def list_batches(request: web.Request) -> web.Response:
    state = _state(request)
    batches = state.ordered()
    for batch in batches:
        state.settle(batch)
    items, has_more = page(batches, lambda b: b.id, request.query)
    return list_response([b.to_json(state.now()) for b in items], has_more)


async def cancel_batch(request: web.Request) -> web.Response:
    batch = _batch(request)
    state = _state(request)
    status = batch.status(state.now())
    if status not in ("validating", "in_progress"):
        raise bad_request(f"Cannot cancel a batch that is already {status}.")
    batch.cancelled_at = int(state.now())
    return web.json_response(batch.to_json(state.now()))


def add_routes(app: web.Application) -> None:
    app[BATCHES_KEY] = Batches(app[PROCESSING_KEY], app[SANDBOX_KEY].store)
    app.router.add_post("/v1/batches", create_batch)
    app.router.add_get("/v1/batches", list_batches)
    app.router.add_get("/v1/batches/{batch_id}", retrieve_batch)
    app.router.add_post("/v1/batches/{batch_id}/cancel", cancel_batch)
