"""The API's size and expiry limits (sizes in binary units, like the 64 MB part size)."""

from __future__ import annotations

import math

MB = 1024 * 1024
GB = 1024 * MB
MAX_FILES_ROUTE = 512 * MB  # one POST /files
MAX_UPLOADS_ROUTE = 8 * GB  # one Upload
MAX_BATCH_FILE = 200 * MB
MIN_EXPIRES_AFTER = 3600  # 1 hour
MAX_EXPIRES_AFTER = 2_592_000  # 30 days
DEFAULT_PART_SIZE = 64 * MB
MAX_VISION_IMAGE = 10 * MB  # vision fine-tuning skips bigger images


def human_size(size: int) -> str:
    """Sizes round up, so a file just over a limit never reads as the limit itself."""
    for unit, name in ((GB, "GB"), (MB, "MB"), (1024, "KB")):
        if size >= unit:
            return f"{math.ceil(size * 10 / unit) / 10:,.1f} {name}"
    return f"{size:,} bytes"
