"""`hoist batch start FILE_ID`: start a Batch from an uploaded batch file.

The endpoint is the `url` of the file's requests (validation made sure they share one); it is
read from the file's first line on the server (at most MAX_FIRST_LINE bytes are fetched).
The completion window is 24h, the only one the API offers.
"""

from __future__ import annotations

import argparse
import json

from app.api import FilesClient, NotFoundError
from app.api.batches import BatchesClient
from app.cli.common import CliError, add_connection_options, run_with_client

MAX_FIRST_LINE = 8 * 1024 * 1024  # a request line may carry an image or long input


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "batch",
        help="start a Batch from an uploaded batch file",
        description="Work with the Batch API.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    start = actions.add_parser(
        "start",
        help="create a Batch from an uploaded batch file (endpoint from its requests, 24h)",
        description="Create a Batch from a file uploaded with purpose batch. The endpoint is "
        "the url of its requests; the completion window is 24h.",
    )
    start.add_argument("file_id", metavar="FILE_ID", help="the batch file's id (file-...)")
    start.add_argument("--json", action="store_true", help="print the Batch object as JSON")
    add_connection_options(start)
    start.set_defaults(func=_start)


def endpoint_of(first_line: bytes, file_id: str) -> str:
    """The `url` of the file's first request, checked against the Batch API's endpoints."""
    from app.validation.batch import BATCH_URLS

    try:
        request = json.loads(first_line)
    except (ValueError, UnicodeDecodeError):
        request = None
    if not isinstance(request, dict):
        if len(first_line) >= MAX_FIRST_LINE:
            raise CliError(
                f"The first request of {file_id} is longer than {MAX_FIRST_LINE // (1024 * 1024)} "
                "MiB, so its endpoint cannot be read."
            )
        raise CliError(f"{file_id} does not start with a JSON request line; is it a batch file?")
    url = request.get("url")
    if not isinstance(url, str) or url not in BATCH_URLS:
        shown = json.dumps(url) if url is not None else "no url"
        raise CliError(
            f"The first request of {file_id} has {shown}, which is not an endpoint the Batch API "
            f"accepts ({', '.join(BATCH_URLS)})."
        )
    return url


def _start(args: argparse.Namespace) -> int:
    async def work(client: FilesClient) -> int:
        try:
            file = await client.retrieve_file(args.file_id)
        except NotFoundError as exc:
            raise CliError(f"There is no file {args.file_id} on this server.") from exc
        if file.purpose != "batch":
            raise CliError(
                f"{file.id} ({file.filename}) was uploaded with purpose {file.purpose}; a Batch "
                "needs a file uploaded with purpose batch."
            )
        batches = BatchesClient.of(client)
        endpoint = endpoint_of(await batches.first_line(file.id, MAX_FIRST_LINE), file.id)
        batch = await batches.create(file.id, endpoint)
        if args.json:
            print(json.dumps(batch.raw))
        else:
            from app.cli.common import terminal_line  # server text: cleaned for the terminal

            print(terminal_line(f"{batch.id} {batch.status} ({batch.endpoint}, {file.filename})"))
        return 0

    return run_with_client(args, work)
