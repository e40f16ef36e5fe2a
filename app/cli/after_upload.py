"""What `hoist upload` does besides uploading: reuse unchanged files, fill a vector store.

--vector-store vs_ID|new:NAME: after every file of the command has ended, one file batch
attaches the completed ones; the command waits until the batch is completed, failed or
cancelled, prints its counts and names each file the store failed. With --json the file
lines are held until then and each gains a "vector_store" result. Every line also says
whether the file was "reused" (an unchanged file already on the server; --again uploads).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.api import ApiError, FilesClient, NotFoundError
from app.engine.reuse import Reuse
from app.journal import Journal

if TYPE_CHECKING:  # the vector store client is imported only by a command that names one
    from app.api.vector_store_types import VectorStore, VectorStoreFile, VectorStoreFileBatch
    from app.api.vector_stores import VectorStoresClient

VECTOR_PURPOSES = ("assistants", "user_data")
Say = Callable[[str, TextIO], None]


@dataclass(frozen=True)
class StoreTarget:
    store_id: str | None = None  # an existing store
    new_name: str | None = None  # or a store to create


def parse_target(text: str) -> StoreTarget:
    if text.startswith("new:"):
        name = text[4:].strip()
        if not name:
            raise argparse.ArgumentTypeError("give the new vector store a name: new:NAME")
        return StoreTarget(new_name=name)
    if text.startswith("vs_") and len(text) > 3 and not any(c.isspace() for c in text):
        return StoreTarget(store_id=text)
    raise argparse.ArgumentTypeError(
        f"{text!r}: use vs_ID for an existing vector store or new:NAME for a new one"
    )


def add_upload_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("after the upload")
    group.add_argument(
        "--vector-store",
        type=parse_target,
        metavar="vs_ID|new:NAME",
        help="attach the uploaded files to this vector store (one file batch) and wait for it",
    )
    group.add_argument(
        "--again",
        action="store_true",
        help="upload a new copy even of a file already uploaded unchanged and still on the server",
    )


def option_problem(args: argparse.Namespace) -> str | None:
    """Why these options cannot work together (exit 2), or None."""
    if args.vector_store is None:
        return None
    from app.api.vector_stores import MAX_FILES_PER_BATCH

    if args.purpose not in VECTOR_PURPOSES:
        return "--vector-store needs --purpose assistants or user_data"
    if len(args.paths) > MAX_FILES_PER_BATCH:
        return f"--vector-store takes at most {MAX_FILES_PER_BATCH} files per command"
    return None


class AfterUpload:
    def __init__(
        self, args: argparse.Namespace, client: FilesClient, say: Say, journal: Journal | None
    ) -> None:
        """``journal``: the engine's, used on the loop thread as the engine uses it."""
        self.args = args
        self.client = client
        self.say = say
        self.target: StoreTarget | None = getattr(args, "vector_store", None)
        again = getattr(args, "again", False)
        self.reuse = None if again else Reuse(client, journal=journal, on_loop=True)
        self.records: list[dict[str, Any]] = []  # every file's result, in the order they ended
        self.store: VectorStore | None = None
        self._last_counts: tuple[int, int] | None = None

    @property
    def holds_lines(self) -> bool:
        """With a vector store, --json lines wait for its result."""
        return self.target is not None

    def keep(self, record: dict[str, Any]) -> dict[str, Any]:
        record.setdefault("reused", False)
        self.records.append(record)
        return record

    async def prepare(self) -> bool:
        """Before any upload: make sure an existing store is there; False (said why) if not."""
        from app.cli.common import error_line

        if self.target is None or self.target.store_id is None:
            return True
        from app.api.vector_stores import VectorStoresClient

        try:
            self.store = await VectorStoresClient.of(self.client).retrieve(self.target.store_id)
        except NotFoundError:
            self.say(
                f"hoist: there is no vector store {self.target.store_id} on this server; nothing "
                "was uploaded. Use --vector-store new:NAME to create one.",
                sys.stderr,
            )
            return False
        except ApiError as exc:
            self.say(f"hoist: {error_line(exc)}", sys.stderr)
            return False
        return True

    async def reused(self, path: Path) -> bool:
        """Report `path` as done when it is already on the server, unchanged; True if so."""
        if self.reuse is None:
            return False
        file = await self.reuse.find(path, self.args.purpose, self.args.expires_after)
        if file is None:
            return False
        record = self.keep(
            {
                "path": str(path),
                "status": "completed",
                "file": file.raw,
                "upload_id": None,
                "error": None,
                "reused": True,
            }
        )
        if self.args.json and not self.holds_lines:
            self.say(json.dumps(record), sys.stdout)
        elif not self.args.json:
            note = "already uploaded; --again sends a new copy"
            self.say(f"{path.name}: {file.id} ({note})", sys.stdout)
        return True

    async def finish(self, interrupted: bool) -> int:
        """Attach the completed files (when asked), print the held lines; the exit status."""
        if self.reuse is not None:
            self.reuse.close()
        status = 0
        if self.target is not None:
            done = [r for r in self.records if r["status"] == "completed" and r["file"]]
            if interrupted:
                self.say("Not added to the vector store: the upload was interrupted.", sys.stderr)
                status = 1
            elif not done:
                self.say("No file was uploaded, so none was added to the vector store.", sys.stderr)
                status = 1
            else:
                status = await self._attach(done)
            for record in self.records:
                record.setdefault("vector_store", None)
                if self.args.json:
                    self.say(json.dumps(record), sys.stdout)
        return status

    # ---- the vector store step ------------------------------------------------------

    async def _attach(self, done: list[dict[str, Any]]) -> int:
        from app.api.vector_stores import VectorStoresClient
        from app.cli.common import error_line

        stores = VectorStoresClient.of(self.client)
        assert self.target is not None
        try:
            if self.store is None:
                self.store = await stores.create(self.target.new_name or "")
            store = self.store
            batch = await stores.create_file_batch(store.id, [r["file"]["id"] for r in done])
            self.say(
                f"Vector store {store.id} ({store.name}): adding {len(done)} "
                f"file{'s' if len(done) != 1 else ''} (file batch {batch.id})...",
                sys.stderr,
            )
            final = await self._wait(stores, batch)
            files = {f.id: f for f in await stores.batch_files(store.id, batch.id)}
        except ApiError as exc:
            text = error_line(exc)
            self.say(f"hoist: the files were uploaded, but not added to the vector store: {text}",
                     sys.stderr)  # fmt: skip
            for record in done:
                record["vector_store"] = {"id": self.store.id if self.store else None,
                                          "error": {"message": text}}  # fmt: skip
            return 1
        if final is None:
            for record in done:
                record["vector_store"] = {
                    "id": store.id,
                    "name": store.name,
                    "file_batch": batch.raw,
                    "status": "in_progress",
                }
            self.say(
                f"Stopped waiting; vector store {store.id} goes on with file batch {batch.id} "
                "on the server.",
                sys.stderr,
            )
            return 1
        return self._report(store, final, files, done)

    async def _wait(
        self, stores: VectorStoresClient, batch: VectorStoreFileBatch
    ) -> VectorStoreFileBatch | None:
        """Wait for the batch to finish; None when Ctrl+C (or SIGTERM) stopped the wait."""
        task = asyncio.ensure_future(stores.wait_file_batch(batch, on_update=self._progress))
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, task.cancel)
        await asyncio.wait({task})
        return None if task.cancelled() else task.result()

    def _progress(self, batch: VectorStoreFileBatch) -> None:
        counts = batch.file_counts
        processed = (counts.completed + counts.failed + counts.cancelled, counts.total)
        if processed != self._last_counts and not batch.finished:
            self._last_counts = processed
            self.say(f"Vector store: {processed[0]} of {processed[1]} files processed", sys.stderr)

    def _report(
        self,
        store: VectorStore,
        batch: VectorStoreFileBatch,
        files: dict[str, VectorStoreFile],
        done: list[dict[str, Any]],
    ) -> int:
        counts = batch.file_counts
        summary = f"Vector store {store.id} ({store.name}): file batch {batch.status}, "
        self.say(summary + counts.describe(), sys.stderr if self.args.json else sys.stdout)
        for record in done:
            item = files.get(record["file"]["id"])
            status = item.status if item is not None else "missing"
            error = None
            if item is not None and item.status == "failed":
                error = {"code": item.error_code, "message": item.error_message}
                self.say(
                    f"{Path(record['path']).name}: not added to vector store {store.id}: "
                    f"{item.error_message or item.error_code or 'failed'}",
                    sys.stderr,
                )
            record["vector_store"] = {
                "id": store.id,
                "name": store.name,
                "file_batch": batch.raw,
                "status": status,
                "last_error": error,
            }
        ok = batch.status == "completed" and counts.completed == counts.total
        return 0 if ok else 1
