"""Cursor lists (limit, order, after, before) for the vector store and batch endpoints."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from aiohttp import web

from app.sandbox.errors import bad_request

T = TypeVar("T")
MAX_LIMIT = 100
DEFAULT_LIMIT = 20


def limit_of(query: Mapping[str, str]) -> int:
    text = query.get("limit")
    if text is None:
        return DEFAULT_LIMIT
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_LIMIT:
        raise bad_request(
            f"Invalid 'limit': {text}. It must be an integer between 1 and {MAX_LIMIT}.",
            param="limit",
            code="integer_out_of_range",
        )
    return value


def order_of(query: Mapping[str, str]) -> str:
    order = query.get("order", "desc")
    if order not in ("asc", "desc"):
        raise bad_request(
            f"Invalid value: '{order}'. Supported values are: 'asc' and 'desc'.",
            param="order",
            code="invalid_value",
        )
    return order


def page(
    items: Sequence[T], id_of: Callable[[T], str], query: Mapping[str, str]
) -> tuple[list[T], bool]:
    """`items` already in list order; the page after/before the given ids, and has_more."""
    limit = limit_of(query)
    positions = {id_of(item): at for at, item in enumerate(items)}
    bounds = {"after": -1, "before": len(items)}
    for param in bounds:
        cursor = query.get(param)
        if cursor is not None:
            if cursor not in positions:
                raise bad_request(f"No such object: {cursor}", param=param)
            bounds[param] = positions[cursor]
    chosen = list(items[bounds["after"] + 1 : bounds["before"]])
    if "before" in query and "after" not in query:  # the page just before the cursor
        return chosen[-limit:], len(chosen) > limit
    return chosen[:limit], len(chosen) > limit


def list_response(data: list[dict[str, Any]], has_more: bool) -> web.Response:
    return web.json_response(
        {
            "object": "list",
            "data": data,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
            "has_more": has_more,
        }
    )
