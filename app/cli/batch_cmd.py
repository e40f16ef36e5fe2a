"""`hoist batch start FILE_ID`: start a Batch from an uploaded batch file.

The endpoint is the `url` of the file's requests, read from its first line on the server;
the completion window is 24h (app.engine.batch_start, shared with the window).
"""

from __future__ import annotations

import argparse
import json

from app.api import FilesClient
from app.cli.common import CliError, add_connection_options, run_with_client


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


def _start(args: argparse.Namespace) -> int:
    async def work(client: FilesClient) -> int:
        from app.engine.batch_start import BatchStartError, start_batch

        try:
            started = await start_batch(client, args.file_id)
        except BatchStartError as exc:
            raise CliError(str(exc)) from exc
        batch, file = started.batch, started.file
        if args.json:
            print(json.dumps(batch.raw))
        else:
            from app.cli.common import terminal_line  # server text: cleaned for the terminal

            print(terminal_line(f"{batch.id} {batch.status} ({batch.endpoint}, {file.filename})"))
        return 0

    return run_with_client(args, work)
