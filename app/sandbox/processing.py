"""Work the server does after a request: how long it takes and which files it fails.

Vector store files and batches are not worked on in the background: each object remembers
when its work is done, and its status is read from the clock when it is asked for.
Test control: GET/POST /_sandbox/processing {"processing_delay", "fail_vector_files"}.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from app.sandbox.config import SandboxConfig
from app.sandbox.errors import bad_request

# Vector stores parse these (the file_search tool's supported file types).
SUPPORTED_EXTENSIONS = frozenset(
    {
        "c", "cpp", "cs", "css", "doc", "docx", "go", "html", "java", "js", "json", "md",
        "pdf", "php", "pptx", "py", "rb", "sh", "tex", "ts", "txt",
    }
)  # fmt: skip


@dataclass
class Processing:
    delay: float
    fail_substring: str | None
    clock: Callable[[], float] = field(default=time.time)

    def done_at(self) -> float:
        return self.clock() + self.delay

    def vector_file_failure(self, filename: str) -> dict[str, str] | None:
        """The last_error a vector store gives this file, or None when it will be processed."""
        if self.fail_substring and self.fail_substring in filename:
            return {"code": "invalid_file", "message": f"The file {filename} could not be parsed."}
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if extension not in SUPPORTED_EXTENSIONS:
            return {
                "code": "unsupported_file",
                "message": f"Files with the extension [{extension or 'none'}] are not supported.",
            }
        return None

    def snapshot(self) -> dict[str, Any]:
        return {"processing_delay": self.delay, "fail_vector_files": self.fail_substring}


PROCESSING_KEY = web.AppKey("processing", Processing)


def processing_of(request: web.Request) -> Processing:
    return request.app[PROCESSING_KEY]


def _problem(message: str) -> web.Response:
    return bad_request(message).response()


async def get_processing(request: web.Request) -> web.Response:
    return web.json_response(processing_of(request).snapshot())


async def set_processing(request: web.Request) -> web.Response:
    processing = processing_of(request)
    try:
        data = json.loads(await request.read() or b"{}")
    except ValueError:
        return _problem("The body must be JSON.")
    if not isinstance(data, dict) or set(data) - {"processing_delay", "fail_vector_files"}:
        return _problem("Send an object with processing_delay and/or fail_vector_files.")
    delay = data.get("processing_delay", processing.delay)
    if isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0:
        return _problem("processing_delay must be a number of seconds, 0 or more.")
    substring = data.get("fail_vector_files", processing.fail_substring)
    if substring is not None and not isinstance(substring, str):
        return _problem("fail_vector_files must be a string or null.")
    processing.delay = float(delay)
    processing.fail_substring = substring or None
    return web.json_response(processing.snapshot())


def add_routes(app: web.Application, config: SandboxConfig) -> None:
    app[PROCESSING_KEY] = Processing(config.processing_delay, config.fail_vector_files)
    app.router.add_get("/_sandbox/processing", get_processing)
    app.router.add_post("/_sandbox/processing", set_processing)
