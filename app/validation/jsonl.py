"""Streaming JSON Lines reader: one line in memory at a time, problems reported by line."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.validation.model import Collector

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
READ_BUFFER = 1 << 20

ObjectHandler = Callable[[int, dict[str, Any]], None]
Scanner = Callable[[str, int], tuple[Any, int]]


_LINE_ENDS = frozenset({"\n", "\r\n"})
_BLANK = object()  # marks a blank line
_FAILED = object()  # marks a line already reported as unreadable


def scan_jsonl(path: Path, out: Collector, handle: ObjectHandler) -> int:
    """Parse every line of `path`; call `handle(line, obj)` for each JSON object.

    Accepts a UTF-8 BOM, CRLF endings and blank lines at the very end. Blank lines in the
    middle, invalid UTF-8, invalid JSON and non-object values are errors naming the line.
    Returns the number of non-blank lines."""
    # Hot loop: the C scanner behind json.loads, without its per-call regex and checks; any
    # line it does not take cleanly goes through _parse_slowly for the exact diagnosis.
    scan_once: Scanner = vars(json.JSONDecoder())["scan_once"]  # the C scanner it built
    count = 0
    blank_from = 0  # first line of the current run of blank lines (0: none pending)
    with path.open("rb", buffering=READ_BUFFER) as stream:
        first = stream.readline()
        if first.startswith(UTF8_BOM):
            first = first[len(UTF8_BOM) :]
        elif first.startswith(UTF16_BOMS):
            out.error(
                "This file is saved as UTF-16 text (as some Windows tools do); JSON Lines "
                "must be UTF-8. Save it again with UTF-8 encoding."
            )
            return 0
        line = 0
        for raw in itertools.chain((first,), stream):
            line += 1
            try:
                text = raw.decode()
                value, end = scan_once(text, 0)
                if end != len(text) and text[end:] not in _LINE_ENDS:
                    raise ValueError  # let json.loads judge what follows the value
            except (ValueError, StopIteration, RecursionError):
                value = _parse_slowly(out, line, raw)
                if value is _BLANK:
                    if not blank_from:
                        blank_from = line
                    continue
            if blank_from:
                _report_blank_run(out, blank_from, line)
                blank_from = 0
            count += 1
            if type(value) is dict:
                handle(line, value)
            elif value is not _FAILED:
                out.error(
                    f"Line {line:,} is {_json_kind(value)}, not a JSON object. "
                    "Each line must be one object in curly braces {...}.",
                    line,
                )
    if count == 0:
        out.error("This file has no JSON lines in it.")
    return count


def _parse_slowly(out: Collector, line: int, raw: bytes) -> Any:
    """The value of a line the fast path refused, _BLANK, or _FAILED after reporting why."""
    if not raw.strip():
        return _BLANK
    try:
        return json.loads(raw.decode())
    except UnicodeDecodeError as exc:
        _undecodable(out, line, raw, exc)
    except ValueError as exc:  # json.JSONDecodeError
        _not_json(out, line, exc)
    except RecursionError:
        out.error(f"Line {line:,} is nested too deeply to read.", line)
    return _FAILED


def _report_blank_run(out: Collector, first: int, end: int) -> None:
    for line in range(first, end):
        out.error(f"Line {line:,} is empty. Remove blank lines inside the file.", line)


def _undecodable(out: Collector, line: int, raw: bytes, exc: UnicodeDecodeError) -> None:
    bad = raw[exc.start : exc.start + 1].hex()
    out.error(
        f"Line {line:,} is not valid UTF-8 text (byte 0x{bad} at position {exc.start + 1:,}). "
        "Save the file with UTF-8 encoding.",
        line,
    )


def _not_json(out: Collector, line: int, exc: ValueError) -> None:
    if isinstance(exc, json.JSONDecodeError):
        detail = f"{exc.msg.lower()} at character {exc.pos + 1:,}"
    else:
        detail = str(exc)
    out.error(f"Line {line:,} is not valid JSON ({detail}).", line)


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text string"
    return "a number"
