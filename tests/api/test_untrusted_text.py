"""Server text made safe: escape sequences and controls gone, the key hidden, lengths capped."""

from __future__ import annotations

import pytest

from app.api.untrusted import JOURNAL_LIMIT, TERMINAL_LIMIT, cap, clean, strip_controls


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2K\r\x1b[32mupload completed\x1b[0m", "upload completed"),
        ("bell\x07 and \x1b]0;window title\x07done", "bell and done"),
        ("c1 \x9b31mred\x85 next", "c1 red next"),
        ("tabs\tand\nnewlines", "tabs and newlines"),
        ("right-to-left \u202eevil\u202c", "right-to-left evil"),
        ("nul\x00 del\x7f", "nul del"),
    ],
)
def test_controls_are_stripped(raw: str, shown: str) -> None:
    assert strip_controls(raw) == shown


def test_a_key_split_by_an_escape_cannot_reappear() -> None:
    key = "plainkey-0123456789"
    split = key[:5] + "\x1b[0m" + key[5:]
    assert clean(f"echo {split} and {key}", key) == "echo [redacted] and [redacted]"


def test_caps_end_in_an_ellipsis() -> None:
    assert cap("x" * 5000, TERMINAL_LIMIT) == "x" * (TERMINAL_LIMIT - 1) + "…"
    assert len(clean("y" * 10**6)) == JOURNAL_LIMIT
    assert clean("short", None) == "short"
