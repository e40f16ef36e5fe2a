"""Route choice, size limits and part planning: pure functions, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from app.engine.events import Route

KiB = 1024
MiB = 1024 * KiB
MAX_PART_SIZE = 64 * MiB
MIN_PART_SIZE = 1 * MiB  # keeps an 8 GB file at most 8192 parts
MAX_UPLOAD_BYTES = 8 * 1024**3  # Uploads API: an Upload holds at most 8 GB
MAX_FILES_BYTES = 512 * 1024**2  # POST /files: at most 512 MB


@dataclass(frozen=True, slots=True)
class PartPlan:
    index: int
    offset: int
    length: int


def clamp_part_size(part_size: int) -> int:
    return max(MIN_PART_SIZE, min(int(part_size), MAX_PART_SIZE))


def choose_route(requested: Route, size: int, part_size: int) -> Route:
    """AUTO: a file that fits in one part goes as one POST /files, anything larger by parts."""
    if requested is not Route.AUTO:
        return requested
    return Route.FILES if size <= part_size else Route.UPLOADS


def size_problem(route: Route, size: int) -> str | None:
    """A clear sentence when the file cannot go by this route, else None."""
    if size <= 0:
        return "The file is empty; there is nothing to upload."
    if size > MAX_UPLOAD_BYTES:
        return f"The file is {human_size(size)}; the API accepts at most 8 GB per file."
    if route is Route.FILES and size > MAX_FILES_BYTES:
        return (
            f"The file is {human_size(size)}; a single request accepts at most 512 MB. "
            "Use the uploads route (parts) instead."
        )
    return None


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


def human_size(n: float) -> str:
    """1536 → '1.5 KiB'."""
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{int(n)} bytes" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"
