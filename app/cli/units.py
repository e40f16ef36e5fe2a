"""Parsing durations (7d, 3600) and sizes (64MiB, 8MB) given on the command line."""

from __future__ import annotations

import argparse
import re

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_BYTES = {"": 1, "b": 1, "k": 1000, "m": 1000**2, "g": 1000**3}


def parse_duration(text: str) -> int:
    """'3600', '90m', '7d' → seconds."""
    match = _DURATION.match(text)
    if not match:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a duration; use seconds or a number with s, m, h or d (e.g. 7d)"
        )
    return int(float(match.group(1)) * _SECONDS[match.group(2).lower()])


def parse_size(text: str) -> int:
    """'67108864', '64MiB', '8MB', '1GiB' → bytes (KiB/MiB/GiB are powers of 1024)."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size; use bytes or a number with KiB, MiB, GiB (or KB, MB, GB)"
        )
    unit = (match.group(2) or "").lower()
    base = 1024 ** (" kmg".index(unit[0])) if "i" in unit else _BYTES[unit[:1]]
    return int(float(match.group(1)) * base)
