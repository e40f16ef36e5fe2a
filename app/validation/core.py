"""validate(): the checks every file gets, then the checks of its purpose."""

from __future__ import annotations

import functools
import stat
from pathlib import Path
from typing import Any

from app.limits import goes_as_one_request
from app.validation.batch import BatchChecker
from app.validation.finetune import FineTuneChecker
from app.validation.images import check_vision
from app.validation.jsonl import scan_jsonl
from app.validation.limits import (
    DEFAULT_PART_SIZE,
    MAX_BATCH_FILE,
    MAX_EXPIRES_AFTER,
    MAX_FILES_ROUTE,
    MAX_UPLOADS_ROUTE,
    MIN_EXPIRES_AFTER,
    human_size,
)
from app.validation.mime import ASSISTANTS_EXTENSIONS, extension, mime_type_for
from app.validation.model import Collector, Report

PURPOSES: tuple[str, ...] = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")
ROUTES: tuple[str, ...] = ("auto", "files", "uploads")


def uses_files_route(size: int, route: str, part_size: int) -> bool:
    """True when the file goes up as one POST /files (the rule is app.limits')."""
    return goes_as_one_request(route, size, part_size)


def validate(
    path: Path,
    purpose: str,
    *,
    route: str = "auto",
    expires_after: int | None = None,
    part_size: int = DEFAULT_PART_SIZE,
    max_findings: int = 50,
) -> Report:
    """Check `path` for upload with `purpose`. Blocking (reads the whole file for JSONL
    purposes); run it in a worker thread from async code."""
    path = Path(path)
    out = Collector(max_findings)
    mime_type = mime_type_for(path)
    _check_settings(out, purpose, route, expires_after)
    size = _check_file(out, path)
    if size is None:
        return out.report(None, mime_type)
    if not _check_size(out, size, purpose, route, part_size):
        return out.report(None, mime_type)
    lines: int | None = None
    try:
        lines = _check_purpose(out, path, purpose, size)
    except OSError as exc:
        out.error(f"Hoist could not read the file: {exc.strerror or exc}.")
    return out.report(lines, mime_type)


def _check_settings(out: Collector, purpose: str, route: str, expires: int | None) -> None:
    if purpose not in PURPOSES:
        out.error(f'"{purpose}" is not a purpose OpenAI accepts; use one of '
                  f"{', '.join(PURPOSES)}.")  # fmt: skip
    if route not in ROUTES:
        out.error(f'"{route}" is not a route; use auto, files or uploads.')
    if expires is None:
        return
    whole = isinstance(expires, int) and not isinstance(expires, bool)
    if not whole or not MIN_EXPIRES_AFTER <= expires <= MAX_EXPIRES_AFTER:
        given = f"{expires:,}" if whole else repr(expires)
        out.error(
            f"The expiry must be between 1 hour ({MIN_EXPIRES_AFTER:,} seconds) and 30 days "
            f"({MAX_EXPIRES_AFTER:,} seconds); {given} seconds was given."
        )


def _check_file(out: Collector, path: Path) -> int | None:
    """The file's size, or None (after an error) when it cannot be uploaded at all."""
    try:
        info = path.stat()
    except FileNotFoundError:
        out.error(f'The file "{path}" does not exist.')
        return None
    except OSError as exc:
        out.error(f'Hoist cannot look at "{path}": {exc.strerror or exc}.')
        return None
    if stat.S_ISDIR(info.st_mode):
        out.error(f'"{path.name}" is a folder, not a file. Choose the files inside it instead.')
        return None
    if not stat.S_ISREG(info.st_mode):
        out.error(f'"{path.name}" is not a regular file (it may be a device or a pipe).')
        return None
    try:
        with path.open("rb") as stream:
            stream.read(1)
    except OSError as exc:
        out.error(f'Hoist cannot read "{path.name}": {exc.strerror or exc}.')
        return None
    if info.st_size == 0:
        out.error(f'"{path.name}" is empty. There is nothing to upload.')
        return None
    return info.st_size


def _check_size(out: Collector, size: int, purpose: str, route: str, part_size: int) -> bool:
    """False (after an error) when the file is too big to be sent or used at all."""
    fits = True
    if uses_files_route(size, route, part_size):
        if size > MAX_FILES_ROUTE:
            out.error(
                f"This file is {human_size(size)}, but a single upload request (the "
                '"files" route) takes at most 512 MB. Use the "auto" or "uploads" route.'
            )
            fits = False
    elif size > MAX_UPLOADS_ROUTE:
        out.error(f"This file is {human_size(size)}; OpenAI accepts files of at most 8 GB.")
        fits = False
    if purpose == "batch" and size > MAX_BATCH_FILE:
        out.error(
            f"This file is {human_size(size)}; a batch file can be at most 200 MB. "
            "Split it into several files."
        )
        fits = False
    return fits


def _check_purpose(out: Collector, path: Path, purpose: str, size: int) -> int | None:
    suffix = extension(path)
    if purpose in ("batch", "fine-tune"):
        if suffix != ".jsonl":
            what = "a batch file" if purpose == "batch" else "a fine-tuning file"
            out.error(f'{what[0].upper()}{what[1:]} must be a ".jsonl" file (JSON Lines); '
                      f"{_named(path)}.")  # fmt: skip
            return None
        if purpose == "batch":
            batch = BatchChecker(out)
            lines = scan_jsonl(path, out, batch)
            batch.finish(lines)
        else:
            tune = FineTuneChecker(out)
            lines = scan_jsonl(path, out, tune)
            tune.finish()
        return lines
    if purpose == "vision":
        check_vision(path, size, out)
    elif purpose == "assistants" and suffix not in ASSISTANTS_EXTENSIONS:
        out.warning(
            f"Neither file search nor code interpreter reads {_kind(suffix)} files, so "
            "assistants may not be able to use this one."
        )
    elif purpose == "evals":
        if suffix == ".jsonl":
            return scan_jsonl(path, out, functools.partial(_check_eval_row, out))
        out.warning(f'Eval data files are JSON Lines (".jsonl"); {_named(path)}.')
    return None


def _check_eval_row(out: Collector, line: int, obj: dict[str, Any]) -> None:
    """Eval data rows are {"item": {...}} with an optional "sample" object (OpenAI's spec)."""
    if type(obj.get("item")) is not dict:
        out.warning(
            f'Line {line:,} has no "item" object; eval data rows look like '
            '{"item": {...}}, optionally with a "sample" object.',
            line,
            "item",
        )
    elif "sample" in obj and type(obj["sample"]) is not dict:
        out.warning(f'Line {line:,}: "sample" should be an object.', line, "sample")


def _named(path: Path) -> str:
    suffix = extension(path)
    return f'this one ends in "{suffix}"' if suffix else "this one has no extension"


def _kind(suffix: str) -> str:
    return f'"{suffix}"' if suffix else "extension-less"
