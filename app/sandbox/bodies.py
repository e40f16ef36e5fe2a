"""Reading request bodies in small chunks: counted, rate-limited, streamed straight to disk."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from email.message import Message
from email.utils import collapse_rfc2231_value
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.hdrs import CONTENT_DISPOSITION

from app.sandbox.config import KB, MB
from app.sandbox.errors import bad_request, too_large

MAX_JSON_BYTES = 1 * MB
MAX_TEXT_FIELD = 4 * KB


@dataclass
class LogEntry:
    """One /v1 request in the request log (logged on arrival, completed when it ends)."""

    method: str
    path: str
    query: str
    time: float
    status: int | None = None
    bytes_received: int = 0
    fault: str | None = None
    done: bool = False
    # the sandbox's monotonic clock when the first and the latest body bytes were read
    first_byte_at: float | None = None
    last_byte_at: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "status": self.status,
            "bytes_received": self.bytes_received,
            "time": self.time,
            "fault": self.fault,
            "done": self.done,
            "first_byte_at": self.first_byte_at,
            "last_byte_at": self.last_byte_at,
        }


class BodyMeter:
    """Counts body bytes into the log entry and holds the read rate under `throughput`."""

    def __init__(self, entry: LogEntry, throughput: float | None) -> None:
        self.entry = entry
        self.throughput = throughput
        self.started = time.monotonic()
        self.received = 0

    @property
    def chunk_size(self) -> int:
        if self.throughput is None:
            return 256 * KB
        return int(max(4 * KB, min(256 * KB, self.throughput / 10)))

    async def account(self, count: int) -> None:
        self.received += count
        self.entry.bytes_received = self.received
        self.entry.last_byte_at = time.monotonic()
        if self.entry.first_byte_at is None:
            self.entry.first_byte_at = self.entry.last_byte_at
        if self.throughput:
            ahead = self.received / self.throughput - (time.monotonic() - self.started)
            if ahead > 0:
                await asyncio.sleep(ahead)


METER_KEY = web.RequestKey("meter", BodyMeter)


def meter_of(request: web.Request) -> BodyMeter:
    return request[METER_KEY]


async def open_multipart(request: web.Request) -> MultipartReader:
    # the raw header: aiohttp's request.content_type goes through the email package, which
    # was a fifth of the sandbox's time per small file
    content_type = request.headers.get("Content-Type", "").lstrip().lower()
    if not content_type.startswith("multipart/form-data"):
        raise bad_request("This endpoint expects a multipart/form-data body.")
    try:
        return await request.multipart()
    except (ValueError, AssertionError) as exc:
        raise bad_request(f"The multipart body could not be read: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a multipart body: its reader and the names its Content-Disposition gives."""

    reader: BodyPartReader
    name: str | None
    filename: str | None


def _disposition(header: str | None) -> tuple[str | None, str | None]:
    """(name, filename) by the standard library's parser (RFC 2231 filename* included):
    aiohttp's part.name builds a regex class of 128 escapes on every call, 3.5 × slower and
    the sandbox's largest cost per small file."""
    if not header:
        return None, None
    message = Message()
    message["content-disposition"] = header
    name = message.get_param("name", header="content-disposition")
    if isinstance(name, tuple):  # name*=UTF-8''… (RFC 2231), rare for a field name
        name = collapse_rfc2231_value(name)
    return name, message.get_filename()


async def next_part(reader: MultipartReader) -> Field | None:
    try:
        part = await reader.next()
    except (ValueError, AssertionError) as exc:
        raise bad_request(f"The multipart body could not be read: {exc}") from exc
    if part is None:
        return None
    if not isinstance(part, BodyPartReader):
        raise bad_request("Nested multipart bodies are not supported.")
    return Field(part, *_disposition(part.headers.get(CONTENT_DISPOSITION)))


async def _chunk(part: Field, meter: BodyMeter) -> bytes:
    try:
        chunk = await part.reader.read_chunk(meter.chunk_size)
    except (ValueError, AssertionError) as exc:
        raise bad_request(f"The multipart body could not be read: {exc}") from exc
    if chunk:
        await meter.account(len(chunk))
    return chunk


async def stream_part_to_file(
    part: Field, dest: Path, meter: BodyMeter, limit: int, what: str
) -> int:
    """Write one multipart field to `dest` chunk by chunk; 413 as soon as it passes `limit`."""
    size = 0
    try:
        with open(dest, "wb") as out:
            while chunk := await _chunk(part, meter):
                size += len(chunk)
                if size > limit:
                    raise too_large(
                        f"{what} is larger than the maximum of {limit // MB} MB.", param=part.name
                    )
                out.write(chunk)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return size


async def read_text_field(part: Field, meter: BodyMeter) -> str:
    data = bytearray()
    while chunk := await _chunk(part, meter):
        data += chunk
        if len(data) > MAX_TEXT_FIELD:
            raise bad_request(f"The field {part.name} is too long.", param=part.name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad_request(f"The field {part.name} is not UTF-8 text.", param=part.name) from exc


async def skip_field(part: Field, meter: BodyMeter) -> None:
    while await _chunk(part, meter):
        pass


async def read_json_object(request: web.Request) -> dict[str, Any]:
    meter = meter_of(request)
    data = bytearray()
    while chunk := await request.content.read(meter.chunk_size):
        data += chunk
        await meter.account(len(chunk))
        if len(data) > MAX_JSON_BYTES:
            raise too_large("The JSON body is too large.")
    try:
        body = json.loads(bytes(data) or b"null")
    except ValueError as exc:
        raise bad_request(
            "We could not parse the JSON body of your request. The OpenAI API expects a JSON "
            "payload, but what was sent was not valid JSON."
        ) from exc
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return body


async def read_some(request: web.Request, meter: BodyMeter, count: int | None) -> None:
    """Read `count` body bytes (None: the whole body), or less if the body ends first."""
    while count is None or meter.received < count:
        want = meter.chunk_size if count is None else min(meter.chunk_size, count - meter.received)
        chunk = await request.content.read(want)
        if not chunk:
            return
        await meter.account(len(chunk))
