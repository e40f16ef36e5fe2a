"""Streaming JSON Lines reader: one line in memory at a time, problems reported by line."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.validation.model import Collector

UTF8_BOM = b"\xef\xbb\xbf"
READ_BUFFER = 1 << 20

ObjectHandler = Callable[[int, dict[str, Any]], None]


def scan_jsonl(path: Path, out: Collector, handle: ObjectHandler) -> int:
    """Parse every line of `path`; call `handle(line, obj)` for each JSON object.

    Accepts a UTF-8 BOM, CRLF endings and blank lines at the very end. Blank lines in the
    middle, invalid UTF-8, invalid JSON and non-object values are errors naming the line.
    Returns the number of non-blank lines."""
    loads = json.loads
    count = 0
    blank_from = 0  # first line of the current run of blank lines (0: none pending)
    with path.open("rb", buffering=READ_BUFFER) as stream:
        first = stream.readline()
        if first.startswith(UTF8_BOM):
            first = first[len(UTF8_BOM) :]
        line = 0
        for raw in itertools.chain((first,), stream):
            line += 1
            try:
                value = loads(raw.decode())
            except UnicodeDecodeError as exc:
                _undecodable(out, line, raw, exc)
                value = None
            except ValueError as exc:  # json.JSONDecodeError
                if not raw.strip():
                    if not blank_from:
                        blank_from = line
                    continue
                _not_json(out, line, exc)
                value = None
            except RecursionError:
                out.error(f"Line {line:,} is nested too deeply to read.", line)
                value = None
            if blank_from:
                _report_blank_run(out, blank_from, line)
                blank_from = 0
            count += 1
            if type(value) is dict:
                handle(line, value)
            elif value is not None or raw.strip() == b"null":
                out.error(
                    f"Line {line:,} is {_json_kind(value)}, not a JSON object. "
                    "Each line must be one object in curly braces {...}.",
                    line,
                )
    if count == 0:
        out.error("This file has no JSON lines in it.")
    return count


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
