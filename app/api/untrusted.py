"""Everything a server says is untrusted text: strip controls, hide the key, cap the length."""

from __future__ import annotations

import re

# C0 controls (tab and newline become spaces below), DEL and the C1 block. Also the Unicode
# bidi overrides, which can make a terminal show text in another order than it was sent.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[\t\n]+")
# An ANSI escape sequence (CSI ... final byte, or OSC ... BEL/ST): dropped whole, so no
# printable remains of "ESC [ 2 K" like "[2K" reach the terminal.
_ESCAPES = re.compile(
    "\x1b\\[[0-?]*[ -/]*[@-~]"  # CSI
    "|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?"  # OSC, ended by BEL or ST
    "|\x9b[0-?]*[ -/]*[@-~]"  # the one-byte C1 CSI
)

JOURNAL_LIMIT = 2048  # --json, the journal, the window
TERMINAL_LIMIT = 300  # one line on a terminal
ELLIPSIS = "…"


def strip_controls(text: str) -> str:
    """Remove escape sequences and control characters; tabs and newlines become spaces."""
    text = _ESCAPES.sub("", text)
    text = _SPACES.sub(" ", text)
    return _CONTROLS.sub("", text)


def hide(text: str, secret: str | None) -> str:
    return text.replace(secret, "[redacted]") if secret else text


def cap(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending in "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def clean(text: str, secret: str | None = None, limit: int | None = JOURNAL_LIMIT) -> str:
    """Server text made safe to show: the key hidden (before and after the controls go, so a
    key split by an escape cannot reappear), controls stripped, then capped."""
    text = hide(strip_controls(hide(text, secret)), secret)
    return text if limit is None else cap(text, limit)


def clean_optional(value: object, secret: str | None, limit: int = 200) -> str | None:
    if value is None:
        return None
    return clean(str(value), secret, limit) or None
