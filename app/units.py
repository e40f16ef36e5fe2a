"""Sizes in words, for every layer (no Qt; a leaf module that imports nothing of app).

Two conventions, each in one place:
- ``format_size``: what a person reads in the window, decimal units (1.5 GB = 1.5e9 bytes).
- ``format_limit``: sizes next to the API's limits, in the API's units (binary, written
  "MB"/"GB" as OpenAI does) and rounded up, so a file just over a limit never reads as it.
- ``format_iec``: exact binary units with IEC names (KiB, MiB), for the CLI's listings.
"""

from __future__ import annotations

import math

_DECIMAL_UNITS = ("bytes", "KB", "MB", "GB", "TB")
_KiB = 1024
_MiB = 1024 * _KiB
_GiB = 1024 * _MiB


def decimal_size(n: float) -> tuple[float, int, str]:
    """(value, decimals, unit) of ``format_size``, for callers that write numbers their own
    way (the window, in the user's locale); unit "bytes" means a whole number of bytes."""
    if n < 1000:
        return float(int(n)), 0, "bytes"
    value = float(n)
    unit = 0
    while value >= 1000 and unit < len(_DECIMAL_UNITS) - 1:
        value /= 1000
        unit += 1
    return value, 0 if value >= 100 else 1, _DECIMAL_UNITS[unit]


def format_size(n: float) -> str:
    """Decimal units: 512 MB, 1.5 GB, 1 byte."""
    value, digits, unit = decimal_size(n)
    if unit == "bytes":
        return f"{int(value)} byte{'s' if int(value) != 1 else ''}"
    return f"{value:.{digits}f} {unit}"


def format_limit(size: int) -> str:
    """The API's units, rounded up: 512 MiB + 1 byte → '512.1 MB'."""
    for unit, name in ((_GiB, "GB"), (_MiB, "MB"), (_KiB, "KB")):
        if size >= unit:
            return f"{math.ceil(size * 10 / unit) / 10:,.1f} {name}"
    return f"{size:,} bytes"


def format_iec(size: int) -> str:
    """1536 → '1.5 KiB'; exact bytes below 1 KiB."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
