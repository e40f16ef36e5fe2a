"""Route choice, size limits and part planning: pure functions, no I/O.

The numbers and the route rule come from app.limits (one source for the whole app).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.engine.job_states import Route
from app.limits import (
    MAX_FILES_BYTES,
    MAX_PART_SIZE,
    MAX_UPLOAD_BYTES,
    MIN_PART_SIZE,
    KiB,
    MiB,
    clamp_part_size,
    goes_as_one_request,
)
from app.units import format_limit

__all__ = [
    "MAX_FILES_BYTES",
    "MAX_PART_SIZE",
    "MAX_UPLOAD_BYTES",
    "MIN_PART_SIZE",
    "KiB",
    "MiB",
    "PartPlan",
    "choose_route",
    "clamp_part_size",
    "one_request_problem",
    "plan_parts",
    "size_problem",
]


@dataclass(frozen=True, slots=True)
class PartPlan:
    index: int
    offset: int
    length: int


def choose_route(requested: Route, size: int, part_size: int) -> Route:
    """AUTO: a file that fits in one part goes as one POST /files, anything larger by parts."""
    if requested is not Route.AUTO:
        return requested
    return Route.FILES if goes_as_one_request(requested, size, part_size) else Route.UPLOADS


def size_problem(route: Route, size: int) -> str | None:
    """A clear sentence when the file cannot go by this route, else None."""
    if size <= 0:
        return "The file is empty; there is nothing to upload."
    if size > MAX_UPLOAD_BYTES:
        return f"The file is {format_limit(size)}; the API accepts at most 8 GB per file."
    if route is Route.FILES and size > MAX_FILES_BYTES:
        return (
            f"The file is {format_limit(size)}; a single request accepts at most 512 MB. "
            "Use the uploads route (parts) instead."
        )
    return None


def one_request_problem(size: int, why: str) -> str | None:
    """A clear sentence when a file too big for one request must go in one (``why``: the
    server has no Uploads API, or none for this purpose), else None."""
    if size <= MAX_FILES_BYTES:
        return None
    return (
        f"{why}, and one request takes at most 512 MB; the file is {format_limit(size)}. "
        "Split it into files of at most 512 MB, or use a server with the Uploads API."
    )


def plan_parts(size: int, part_size: int) -> list[PartPlan]:
    """Consecutive parts of ``part_size`` bytes (the last one shorter) covering the file."""
    if size <= 0:
        return []
    if part_size <= 0:
        raise ValueError("part size must be positive")
    return [
        PartPlan(index, offset, min(part_size, size - offset))
        for index, offset in enumerate(range(0, size, part_size))
    ]
