"""The vector store endpoints the app uses: stores, their files and file batches."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from app.sandbox.bodies import read_json_object
from app.sandbox.context import sandbox_of
from app.sandbox.errors import bad_request, not_found
from app.sandbox.paging import list_response, order_of, page
from app.sandbox.processing import PROCESSING_KEY
from app.sandbox.records import FileRecord
from app.sandbox.rules import check_known_keys
from app.sandbox.vector_state import FILE_STATES, FileBatch, VectorFile, VectorStore, VectorStores

MAX_STORE_FILE_IDS = 500
MAX_BATCH_FILES = 2000
MAX_METADATA_KEYS = 16

VECTOR_STORES_KEY = web.AppKey("vector_stores", VectorStores)


def _state(request: web.Request) -> VectorStores:
    return request.app[VECTOR_STORES_KEY]


def _store(request: web.Request) -> VectorStore:
    store_id = request.match_info["vector_store_id"]
    found = _state(request).stores.get(store_id)
    if found is None:
        raise not_found("vector store", store_id, "vector_store_id")
    return found


def _batch(request: web.Request) -> FileBatch:
    store = _store(request)
    batch_id = request.match_info["batch_id"]
    batch = _state(request).batches.get(batch_id)
    if batch is None or batch.vector_store_id != store.id:
        raise not_found("vector store file batch", batch_id, "batch_id")
    return batch


def _optional_text(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise bad_request(f"Invalid type for '{key}': expected a string.", param=key)
    return value


def _optional_object(body: dict[str, Any], key: str) -> dict[str, Any] | None:
    value = body.get(key)
    if value is not None and not isinstance(value, dict):
        raise bad_request(f"Invalid type for '{key}': expected an object.", param=key)
    return value


def check_metadata(body: dict[str, Any]) -> dict[str, Any]:
    metadata = _optional_object(body, "metadata") or {}
    if len(metadata) > MAX_METADATA_KEYS or not all(
        isinstance(v, str) and len(k) <= 64 and len(v) <= 512 for k, v in metadata.items()
    ):
        raise bad_request(
            "metadata may hold at most 16 string values (keys up to 64, values up to 512 "
            "characters).",
            param="metadata",
        )
    return metadata


def _expires_after(body: dict[str, Any]) -> dict[str, Any] | None:
    value = _optional_object(body, "expires_after")
    if value is None:
        return None
    days = value.get("days")
    if value.get("anchor") != "last_active_at" or isinstance(days, bool):
        raise bad_request(
            "expires_after must be {'anchor': 'last_active_at', 'days': N}.",
            param="expires_after",
        )
    if not isinstance(days, int) or not 1 <= days <= 365:
        raise bad_request("expires_after.days must be between 1 and 365.", param="expires_after")
    return {"anchor": "last_active_at", "days": days}


def _file_ids(value: Any, param: str, limit: int) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise bad_request(f"Invalid type for '{param}': expected a list of file ids.", param=param)
    if len(value) > limit:
        raise bad_request(f"'{param}' may hold at most {limit} file ids.", param=param)
    return list(value)


def _files(request: web.Request, file_ids: list[str]) -> list[FileRecord]:
    store = sandbox_of(request).store
    return [store.get_file(file_id) for file_id in dict.fromkeys(file_ids)]


async def create_vector_store(request: web.Request) -> web.Response:
    body = await read_json_object(request)
    check_known_keys(
        body,
        {"file_ids", "name", "description", "expires_after", "chunking_strategy", "metadata"},
    )
    state = _state(request)
    ids = body.get("file_ids")
    records = _files(request, _file_ids(ids, "file_ids", MAX_STORE_FILE_IDS)) if ids else []
    chunking = _optional_object(body, "chunking_strategy")
    store = state.create(
        name=_optional_text(body, "name") or "",
        description=_optional_text(body, "description"),
        metadata=check_metadata(body),
        expires_after=_expires_after(body),
    )
    state.attach(store, records, chunking, None)
    return web.json_response(store.to_json(state.now()))


async def list_vector_stores(request: web.Request) -> web.Response:
    state = _state(request)
    items, has_more = page(state.ordered(order_of(request.query)), lambda s: s.id, request.query)
    return list_response([s.to_json(state.now()) for s in items], has_more)


async def retrieve_vector_store(request: web.Request) -> web.Response:
    return web.json_response(_store(request).to_json(_state(request).now()))


async def create_file_batch(request: web.Request) -> web.Response:
    body = await read_json_object(request)
    check_known_keys(body, {"file_ids", "files", "chunking_strategy", "attributes"})
    store = _store(request)
    state = _state(request)
    if ("file_ids" in body) == ("files" in body):
        raise bad_request("Provide exactly one of 'file_ids' or 'files'.", param="file_ids")
    chunking = _optional_object(body, "chunking_strategy")
    attributes = _optional_object(body, "attributes")
    attached: list[VectorFile] = []
    if "file_ids" in body:
        ids = _file_ids(body["file_ids"], "file_ids", MAX_BATCH_FILES)
        if not ids:
            raise bad_request("'file_ids' must hold at least one file id.", param="file_ids")
        attached = state.attach(store, _files(request, ids), chunking, attributes)
    else:
        entries = body["files"]
        if not isinstance(entries, list) or not 1 <= len(entries) <= MAX_BATCH_FILES:
            raise bad_request("'files' must hold 1 to 2000 objects.", param="files")
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("file_id"), str):
                raise bad_request("Each item of 'files' needs a 'file_id'.", param="files")
            check_known_keys(entry, {"file_id", "chunking_strategy", "attributes"})
        records = [sandbox_of(request).store.get_file(entry["file_id"]) for entry in entries]
        for entry, record in zip(entries, records, strict=True):
            attached += state.attach(
                store, [record], _optional_object(entry, "chunking_strategy"),
                _optional_object(entry, "attributes"),
            )  # fmt: skip
    batch = state.add_batch(store, attached)
    return web.json_response(batch.to_json(state.now()))


async def retrieve_file_batch(request: web.Request) -> web.Response:
    return web.json_response(_batch(request).to_json(_state(request).now()))


async def cancel_file_batch(request: web.Request) -> web.Response:
    batch = _batch(request)
    state = _state(request)
    status = batch.status(state.now())
    if status != "in_progress":
        raise bad_request(f"Cannot cancel a file batch that is already {status}.")
    state.cancel_batch(batch)
    return web.json_response(batch.to_json(state.now()))


def _file_list(request: web.Request, files: list[VectorFile]) -> web.Response:
    state = _state(request)
    now = state.now()
    wanted = request.query.get("filter")
    if wanted is not None and wanted not in FILE_STATES:
        raise bad_request(
            f"Invalid value: '{wanted}'. Supported values are: {', '.join(FILE_STATES)}.",
            param="filter",
            code="invalid_value",
        )
    chosen = [f for f in files if wanted is None or f.status(now) == wanted]
    chosen.sort(key=lambda f: (f.created_at, f.seq), reverse=order_of(request.query) == "desc")
    items, has_more = page(chosen, lambda f: f.file_id, request.query)
    return list_response([f.to_json(now) for f in items], has_more)


async def list_file_batch_files(request: web.Request) -> web.Response:
    return _file_list(request, _batch(request).files)


async def list_vector_store_files(request: web.Request) -> web.Response:
    return _file_list(request, list(_store(request).files.values()))


async def retrieve_vector_store_file(request: web.Request) -> web.Response:
    file_id = request.match_info["file_id"]
    item = _store(request).files.get(file_id)
    if item is None:
        raise not_found("vector store file", file_id, "file_id")
    return web.json_response(item.to_json(_state(request).now()))


def add_routes(app: web.Application) -> None:
    app[VECTOR_STORES_KEY] = VectorStores(app[PROCESSING_KEY])
    base = "/v1/vector_stores"
    app.router.add_post(base, create_vector_store)
    app.router.add_get(base, list_vector_stores)
    app.router.add_get(base + "/{vector_store_id}", retrieve_vector_store)
    app.router.add_get(base + "/{vector_store_id}/files", list_vector_store_files)
    app.router.add_get(base + "/{vector_store_id}/files/{file_id}", retrieve_vector_store_file)
    batches = base + "/{vector_store_id}/file_batches"
    app.router.add_post(batches, create_file_batch)
    app.router.add_get(batches + "/{batch_id}", retrieve_file_batch)
    app.router.add_post(batches + "/{batch_id}/cancel", cancel_file_batch)
    app.router.add_get(batches + "/{batch_id}/files", list_file_batch_files)
