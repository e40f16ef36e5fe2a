"""Batch API input files: one request per line, one url and one model across the file."""

from __future__ import annotations

import json
from typing import Any

from app.validation.model import Collector

MAX_BATCH_REQUESTS = 50_000
MAX_EMBEDDING_INPUTS = 50_000

BATCH_URLS = (
    "/v1/responses",
    "/v1/chat/completions",
    "/v1/embeddings",
    "/v1/completions",
    "/v1/moderations",
    "/v1/images/generations",
    "/v1/images/edits",
    "/v1/videos",
)

# Body fields each endpoint requires (OpenAI's spec), besides "model" where it is required.
REQUIRED_BODY_FIELDS: dict[str, tuple[str, ...]] = {
    "/v1/responses": (),
    "/v1/chat/completions": ("messages",),
    "/v1/embeddings": ("input",),
    "/v1/completions": ("prompt",),
    "/v1/moderations": ("input",),
    "/v1/images/generations": ("prompt",),
    "/v1/images/edits": ("prompt",),
    "/v1/videos": ("prompt",),
}
# Endpoints whose "model" has a server-side default.
MODEL_OPTIONAL = frozenset({"/v1/moderations", "/v1/images/generations", "/v1/images/edits",
                            "/v1/videos"})  # fmt: skip
_URL_SET = frozenset(BATCH_URLS)
_MISSING = object()  # a field absent from the line
_UNSET = object()  # nothing seen yet


def show(value: object) -> str:
    """A JSON value as the user wrote it, shortened."""
    if isinstance(value, str) and len(value) > 60:
        value = value[:60]  # no need to encode a huge string to show its start
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class BatchChecker:
    """Checks each request line; call `finish()` after the last line."""

    def __init__(self, out: Collector) -> None:
        self.out = out
        self.first_line_of: dict[str, int] = {}  # custom_id -> the line it first appears on
        self.url: str | None = None
        self.url_line = 0
        self.model: object = _UNSET  # the file's model, from its first line that has one
        self.model_line = 0
        self.url_differs = False
        self.model_differs = False
        self.embedding_inputs = 0
        self.requests = 0

    def __call__(self, line: int, obj: dict[str, Any]) -> None:
        # The hot loop: the common, valid line takes only dict lookups and comparisons.
        self.requests += 1
        custom_id = obj.get("custom_id")
        if type(custom_id) is str and custom_id:
            if self.requests <= MAX_BATCH_REQUESTS:  # beyond that, stop growing the table
                first = self.first_line_of.setdefault(custom_id, line)
            else:
                first = self.first_line_of.get(custom_id, line)
            if first != line:
                self._duplicate(line, custom_id, first)
        else:
            self._bad_field(line, "custom_id", custom_id, "a non-empty text string")
        if obj.get("method") != "POST":
            self._bad_method(line, obj.get("method"))
        url = obj.get("url")
        if url != self.url or url is None:
            self._check_url(line, url)
        body = obj.get("body")
        if type(body) is not dict:
            self._bad_body(line, body)
            return
        if type(url) is not str or url not in _URL_SET:
            url = None  # already reported; no per-endpoint checks
        if body.get("model", _MISSING) != self.model:
            self._check_model(line, body.get("model", _MISSING), url)
        if url is not None:
            for name in REQUIRED_BODY_FIELDS[url]:
                if name not in body:
                    self.out.error(
                        f'Line {line:,}: "body" has no "{name}", which {url} requires.',
                        line,
                        f"body.{name}",
                    )
            if url == "/v1/embeddings":
                self.embedding_inputs += _input_count(body.get("input"))

    def _duplicate(self, line: int, custom_id: str, first: int) -> None:
        self.out.error(
            f"Line {line:,}: custom_id {show(custom_id)} is already used on line "
            f"{first:,}. Each request needs its own custom_id.",
            line,
            "custom_id",
        )

    def _bad_method(self, line: int, method: object) -> None:
        if method is None:
            self.out.error(f'Line {line:,} has no "method"; it must be "POST".', line, "method")
        else:
            self.out.error(
                f'Line {line:,}: "method" must be "POST", found {show(method)}.', line, "method"
            )

    def _bad_body(self, line: int, body: object) -> None:
        if body is None:
            self.out.error(f'Line {line:,} has no "body" (the request itself).', line, "body")
        else:
            self.out.error(
                f'Line {line:,}: "body" must be a JSON object, found {show(body)}.', line, "body"
            )

    def _bad_field(self, line: int, field: str, value: object, wanted: str) -> None:
        if value is None:
            self.out.error(f'Line {line:,} has no "{field}".', line, field)
        else:
            self.out.error(f'Line {line:,}: "{field}" must be {wanted}, found {show(value)}.',
                           line, field)  # fmt: skip

    def _check_url(self, line: int, url: object) -> None:
        if type(url) is not str or url not in _URL_SET:
            if url is None:
                self.out.error(f'Line {line:,} has no "url".', line, "url")
                return
            self.out.error(
                f'Line {line:,}: "url" {show(url)} is not an endpoint the Batch API accepts '
                f"(use one of {', '.join(BATCH_URLS)}).",
                line,
                "url",
            )
            return
        if self.url is None:
            self.url, self.url_line = url, line
        elif not self.url_differs:
            self.url_differs = True
            self.out.error(
                f'Line {line:,}: "url" is {show(url)}, but line {self.url_line:,} uses '
                f"{show(self.url)}. All requests in a batch file must go to the same url.",
                line,
                "url",
            )

    def _check_model(self, line: int, model: object, url: str | None) -> None:
        """Called when the line's model differs from the file's (or is missing)."""
        if model is _MISSING:
            if url is not None and url not in MODEL_OPTIONAL:
                self.out.error(f'Line {line:,}: "body" has no "model".', line, "body.model")
        elif type(model) is not str or not model:
            self._bad_field(line, "body.model", model, "a model name")
        elif self.model is _UNSET:
            self.model, self.model_line = model, line
        elif not self.model_differs:
            self.model_differs = True
            self.out.error(
                f'Line {line:,}: "model" is {show(model)}, but line {self.model_line:,} '
                f"uses {show(self.model)}. A batch file must use one model throughout.",
                line,
                "body.model",
            )

    def finish(self, lines: int) -> None:
        """`lines`: the file's non-blank lines, each a request whether readable or not."""
        if lines > MAX_BATCH_REQUESTS:
            self.out.error(
                f"This file has {lines:,} requests; a batch file can have at most "
                f"{MAX_BATCH_REQUESTS:,}. Split it into several files."
            )
        if self.embedding_inputs > MAX_EMBEDDING_INPUTS:
            self.out.error(
                f"This file has {self.embedding_inputs:,} embedding inputs in total; an "
                f"embeddings batch can have at most {MAX_EMBEDDING_INPUTS:,}. "
                "Split it into several files."
            )


def _input_count(inputs: object) -> int:
    """Embedding inputs in one request: a list of texts or token lists counts each item."""
    if isinstance(inputs, list) and inputs and not isinstance(inputs[0], int):
        return len(inputs)
    return 1
