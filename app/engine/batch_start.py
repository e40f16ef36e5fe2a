"""Start a Batch from an uploaded batch file: the shared logic of `hoist batch start` and the
window's "Start batch…".

The endpoint is the `url` of the file's requests (validation made sure they share one); it is
read from the file's first line on the server (at most MAX_FIRST_LINE bytes are fetched).
The completion window is 24h, the only one the API offers (app.api.batches).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.api import FileObject, FilesClient, NotFoundError
from app.api.batches import Batch, BatchesClient
from app.validation.batch import BATCH_URLS

MAX_FIRST_LINE = 8 * 1024 * 1024  # a request line may carry an image or long input


class BatchStartError(Exception):
    """Why this file cannot start a Batch, in one sentence for the user."""


@dataclass(frozen=True)
class Started:
    batch: Batch
    file: FileObject


def endpoint_of(first_line: bytes, file_id: str) -> str:
    """The `url` of the file's first request, checked against the Batch API's endpoints."""
    try:
        request = json.loads(first_line)
    except (ValueError, UnicodeDecodeError):
        request = None
    if not isinstance(request, dict):
        if len(first_line) >= MAX_FIRST_LINE:
            raise BatchStartError(
                f"The first request of {file_id} is longer than {MAX_FIRST_LINE // (1024 * 1024)} "
                "MiB, so its endpoint cannot be read."
            )
        raise BatchStartError(
            f"{file_id} does not start with a JSON request line; is it a batch file?"
        )
    url = request.get("url")
    if not isinstance(url, str) or url not in BATCH_URLS:
        shown = json.dumps(url) if url is not None else "no url"
        raise BatchStartError(
            f"The first request of {file_id} has {shown}, which is not an endpoint the Batch API "
            f"accepts ({', '.join(BATCH_URLS)})."
        )
    return url


async def start_batch(client: FilesClient, file_id: str) -> Started:
    """Create a Batch from the batch file `file_id` (endpoint from its first request, 24h).
    BatchStartError when the file cannot start one; ApiError for the server's trouble."""
    try:
        file = await client.retrieve_file(file_id)
    except NotFoundError as exc:
        raise BatchStartError(f"There is no file {file_id} on this server.") from exc
    if file.purpose != "batch":
        raise BatchStartError(
            f"{file.id} ({file.filename}) was uploaded with purpose {file.purpose}; a Batch "
            "needs a file uploaded with purpose batch."
        )
    batches = BatchesClient.of(client)
    endpoint = endpoint_of(await batches.first_line(file.id, MAX_FIRST_LINE), file.id)
    return Started(await batches.create(file.id, endpoint), file)
