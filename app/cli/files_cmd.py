"""`hoist files list|delete|download`: the files already on the server."""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from app.api import ApiError, FileObject, FilesClient
from app.cli.common import (
    add_connection_options,
    error_line,
    format_bytes,
    print_error,
    run_with_client,
)

# Characters no file name should hold on any system Hoist runs on.
UNSAFE_IN_NAMES = re.compile(r'[<>:"|?*\x00-\x1f]')
COLUMNS = ("ID", "FILENAME", "SIZE", "PURPOSE", "CREATED", "EXPIRES")


def _when(timestamp: int | None) -> str:
    if timestamp is None:
        return "never"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


def format_table(files: list[FileObject]) -> str:
    from app.api.untrusted import clean

    rows = [
        (clean(f.id, None, 80), clean(f.filename, None, 120), format_bytes(f.bytes),
         clean(f.purpose, None, 40), _when(f.created_at), _when(f.expires_at))
        for f in files
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in [COLUMNS, *rows]]  # fmt: skip
    return "\n".join(lines)


def _list(args: argparse.Namespace) -> int:
    async def work(client: FilesClient) -> int:
        files = [f async for f in client.iter_files(purpose=args.purpose, on_warning=print_error)]
        if args.json:
            print(json.dumps([f.raw for f in files], indent=2))
        elif files:
            print(format_table(files))
        else:
            which = f' with purpose "{args.purpose}"' if args.purpose else ""
            print(f"No files{which}.")
        return 0

    return run_with_client(args, work)


def _delete(args: argparse.Namespace) -> int:
    async def work(client: FilesClient) -> int:
        status = 0
        for file_id in args.ids:
            try:
                deleted = await client.delete_file(file_id)
            except ApiError as exc:
                print_error(f"{file_id}: {error_line(exc)}")
                status = 1
                continue
            if deleted:
                print(f"Deleted {file_id}")
            else:
                print_error(f"{file_id}: the server did not delete it.")
                status = 1
        return status

    return run_with_client(args, work)


def safe_file_name(name: str, fallback: str) -> str:
    """A server-provided name reduced to a plain file name: its last path component, no
    control or reserved characters, not "." or "..", not hidden, not too long."""
    from app.api.untrusted import strip_controls

    last = re.split(r"[/\\]", name)[-1]
    plain = UNSAFE_IN_NAMES.sub("_", strip_controls(last)).strip(" .")
    return plain[:200] or fallback


def _download(args: argparse.Namespace) -> int:
    async def work(client: FilesClient) -> int:
        dest = Path(args.output)
        info = await client.retrieve_file(args.id)
        if dest.is_dir():
            dest = dest / safe_file_name(info.filename, safe_file_name(args.id, "download"))
        if dest.exists() and not args.force:
            print_error(f"{dest} already exists; add --force to replace it.")
            return 1
        try:
            size = await client.download_file(
                args.id, dest, overwrite=args.force, expected_bytes=info.bytes
            )
        except FileExistsError:
            print_error(f"{dest} already exists; add --force to replace it.")
            return 1
        print(f"Saved {args.id} to {dest} ({format_bytes(size)})")
        return 0

    return run_with_client(args, work)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "files",
        help="list, delete or download files on the server",
        description="List, delete or download the files stored on the server.",
    )
    actions = parser.add_subparsers(dest="files_action", metavar="ACTION")
    actions.required = True

    listing = actions.add_parser("list", help="list files", description="List the files.")
    listing.add_argument("--purpose", metavar="P", help="only files with this purpose")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    add_connection_options(listing)
    listing.set_defaults(func=_list)

    delete = actions.add_parser("delete", help="delete files", description="Delete files.")
    delete.add_argument("ids", nargs="+", metavar="ID", help="file id (file-...)")
    add_connection_options(delete)
    delete.set_defaults(func=_delete)

    download = actions.add_parser(
        "download", help="download a file's content", description="Save a file's content."
    )
    download.add_argument("id", metavar="ID", help="file id (file-...)")
    download.add_argument(
        "-o", "--output", required=True, metavar="PATH", help="where to save (file or folder)"
    )
    download.add_argument(
        "--force", action="store_true", help="replace the file at PATH if it exists"
    )
    add_connection_options(download)
    download.set_defaults(func=_download)
