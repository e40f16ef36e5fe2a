"""Plain words for sizes, speeds, durations and dates (no Qt)."""

from __future__ import annotations

import time
from datetime import datetime

from app.units import format_size

__all__ = [
    "format_clock",
    "format_countdown",
    "format_duration",
    "format_expiry_date",
    "format_size",
    "format_speed",
    "format_time",
    "plural",
]


def format_speed(bytes_per_s: float) -> str:
    if bytes_per_s <= 0:
        return ""
    return format_size(bytes_per_s) + "/s"


def format_duration(seconds: float | None) -> str:
    """ "45 s", "3 min 20 s", "2 h 5 min"; empty when unknown."""
    if seconds is None or seconds < 0:
        return ""
    if seconds < 0.5:
        return "< 1 s"
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    minutes, s = divmod(s, 60)
    if minutes < 60:
        return f"{minutes} min {s} s" if s else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} days {hours} h" if hours else f"{days} days"


def format_countdown(expires_at: float | None, now: float | None = None) -> str:
    """Time left until an Upload expires, e.g. "expires in 52 min 10 s"."""
    if expires_at is None:
        return ""
    left = expires_at - (time.time() if now is None else now)
    if left <= 0:
        return "expired"
    return "expires in " + format_duration(left)


def format_time(unix: float | None) -> str:
    if not unix:
        return ""
    return datetime.fromtimestamp(unix).strftime("%Y-%m-%d %H:%M")


def format_clock(unix: float) -> str:
    return datetime.fromtimestamp(unix).strftime("%H:%M:%S")


def format_expiry_date(unix: float | None) -> str:
    return format_time(unix) if unix else "Never"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
