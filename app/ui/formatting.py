"""Sizes, speeds, durations and dates as the window shows them: in the installed language
(app.ui.i18n) and the default QLocale's numbers and dates (decimal comma in German)."""

from __future__ import annotations

import time

from PySide6.QtCore import QDateTime, QLocale

from app.ui.i18n import translate
from app.units import decimal_size

__all__ = [
    "format_clock",
    "format_countdown",
    "format_duration",
    "format_expiry_date",
    "format_number",
    "format_size",
    "format_speed",
    "format_time",
]


def format_number(value: float, decimals: int = 0) -> str:
    return QLocale().toString(float(value), "f", decimals)


def format_size(n: float) -> str:
    """Decimal units in the user's locale: "512 MB", "1,5 GB" (de), "1 byte"."""
    value, digits, unit = decimal_size(n)
    if unit == "bytes":
        return translate("Formatting", "%n byte(s)", None, int(value))
    return f"{format_number(value, digits)} {unit}"


def format_speed(bytes_per_s: float) -> str:
    if bytes_per_s <= 0:
        return ""
    return translate("Formatting", "{size}/s").format(size=format_size(bytes_per_s))


def format_duration(seconds: float | None) -> str:
    """ "45 s", "3 min 20 s", "2 h 5 min"; empty when unknown."""
    if seconds is None or seconds < 0:
        return ""
    if seconds < 0.5:
        return translate("Formatting", "< 1 s")
    s = round(seconds)
    if s < 60:
        return translate("Formatting", "{s} s").format(s=s)
    minutes, s = divmod(s, 60)
    if minutes < 60:
        if s:
            return translate("Formatting", "{m} min {s} s").format(m=minutes, s=s)
        return translate("Formatting", "{m} min").format(m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        if minutes:
            return translate("Formatting", "{h} h {m} min").format(h=hours, m=minutes)
        return translate("Formatting", "{h} h").format(h=hours)
    days, hours = divmod(hours, 24)
    text = translate("Formatting", "%n day(s)", None, days)
    return translate("Formatting", "{days} {h} h").format(days=text, h=hours) if hours else text


def format_countdown(expires_at: float | None, now: float | None = None) -> str:
    """Time left until an Upload expires, e.g. "expires in 52 min 10 s"."""
    if expires_at is None:
        return ""
    left = expires_at - (time.time() if now is None else now)
    if left <= 0:
        return translate("Formatting", "expired")
    return translate("Formatting", "expires in {duration}").format(duration=format_duration(left))


def _datetime(unix: float) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(unix))


def format_time(unix: float | None) -> str:
    """Date and time in the locale's short format: "01.12.26 09:30" (de)."""
    if not unix:
        return ""
    return QLocale().toString(_datetime(unix), QLocale.FormatType.ShortFormat)


def format_clock(unix: float) -> str:
    return QLocale().toString(_datetime(unix).time(), "HH:mm:ss")


def format_expiry_date(unix: float | None) -> str:
    return format_time(unix) if unix else translate("Formatting", "Never")
