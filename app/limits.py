"""The API's limits and the route rule: the one place every layer reads them from.

Sizes are binary (OpenAI's "64 MB" part is 64 MiB). A leaf module: it imports nothing of app.
"""

from __future__ import annotations

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB

# POST /uploads/{id}/parts: "Each Part can be at most 64 MB". The API documents no minimum
# part size (only that the parts add up to the declared bytes), so the floor is ours: 1 MiB
# keeps an 8 GB file at most 8192 parts.
MAX_PART_SIZE = 64 * MiB
MIN_PART_SIZE = 1 * MiB
DEFAULT_PART_SIZE = MAX_PART_SIZE
MAX_UPLOAD_BYTES = 8 * GiB  # one Upload holds at most 8 GB
MAX_FILES_BYTES = 512 * MiB  # one POST /files takes at most 512 MB
MAX_BATCH_FILE = 200 * MiB  # a batch input file
MAX_VISION_IMAGE = 10 * MiB  # vision fine-tuning skips bigger images
MIN_EXPIRES_AFTER = 3600  # expires_after[seconds]: 1 hour ..
MAX_EXPIRES_AFTER = 2_592_000  # .. 30 days

ROUTE_AUTO, ROUTE_FILES, ROUTE_UPLOADS = "auto", "files", "uploads"


def clamp_part_size(part_size: int) -> int:
    """The nearest part size the app uses (MIN_PART_SIZE..MAX_PART_SIZE)."""
    return max(MIN_PART_SIZE, min(int(part_size), MAX_PART_SIZE))


def goes_as_one_request(route: str, size: int, part_size: int) -> bool:
    """The route rule: True when the file goes up as one POST /files ("files" always;
    "auto" when it fits in one part), False when it goes as an Upload with parts."""
    return route == ROUTE_FILES or (route == ROUTE_AUTO and size <= part_size)
