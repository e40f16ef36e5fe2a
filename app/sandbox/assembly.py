"""Ordering an Upload's parts and hashing them while they arrive, so completing it reads nothing.

Each part request takes a slot when it begins. Once the parts of all earlier slots are in (or
their requests failed), a background task feeds the part's bytes to the Upload's MD5, in a
worker thread (reading back what was just written: the page cache, no second write). At
complete, if the order given is that arrival order, the digest is ready; any other order
falls back to one full pass over the part files. The part files themselves become the File
(app/sandbox/content.py): nothing is copied.
"""

from __future__ import annotations

import asyncio
import hashlib
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# 128 KiB reads keep the copy and the hash in the CPU's cache (1 MiB reads cost 3× the
# system time: tests/perf/RESULTS.md).
READ_CHUNK = 128 * 1024


@dataclass
class AssemblyStats:
    """Counters for the tests: how many bytes each way of hashing read."""

    arrival_bytes: int = 0  # read by the background hasher as parts came in
    complete_bytes: int = 0  # read while a complete request waited (full pass or catch-up)
    arrival_completes: int = 0  # completes served by the on-arrival digest
    full_pass_completes: int = 0  # completes that needed the full pass

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def hash_part(source: Path, digest: Any) -> int:
    """Feed `source` to `digest`; return the bytes read (a worker thread)."""
    buffer = bytearray(READ_CHUNK)
    view = memoryview(buffer)
    read = 0
    with open(source, "rb", buffering=0) as part:
        while count := part.readinto(buffer):
            digest.update(view[:count])
            read += count
    return read


def hash_parts(sources: Sequence[Path]) -> tuple[str, int]:
    """The full pass: the MD5 of the parts in this order, and the bytes read."""
    digest = hashlib.md5(usedforsecurity=False)
    read = sum(hash_part(source, digest) for source in sources)
    return digest.hexdigest(), read


class Assembly:
    """One Upload's parts, hashed in the order their requests began."""

    def __init__(self, part_path: Callable[[str], Path], stats: AssemblyStats) -> None:
        self._part_path = part_path
        self._stats = stats
        self._next_slot = 0
        self._open: set[int] = set()  # slots whose request is still coming in
        self._waiting: dict[int, str | None] = {}  # finished slots not yet hashed (None: failed)
        self._order: dict[int, str] = {}  # slot → part id, for every part taken
        self._cursor = 0  # the next slot to hash
        self._hashed: list[str] = []
        self._digest = hashlib.md5(usedforsecurity=False)
        self._task: asyncio.Task[None] | None = None
        self.broken = False  # a read failed or the Upload went away: full pass only

    def open_slot(self) -> int:
        slot = self._next_slot
        self._next_slot += 1
        self._open.add(slot)
        return slot

    def close_slot(self, slot: int, part_id: str | None) -> None:
        """The request of `slot` ended: with a part taken, or (None) without one."""
        self._open.discard(slot)
        self._waiting[slot] = part_id
        if part_id is not None:
            self._order[slot] = part_id
        self._kick()

    def adopt(self, part_ids: list[str]) -> None:
        """Parts known from an earlier run (after a restart): hashed again from the start."""
        for part_id in part_ids:
            self.close_slot(self.open_slot(), part_id)

    def abandon(self) -> None:
        self.broken = True

    def _kick(self) -> None:
        if self.broken or self._cursor not in self._waiting:
            return
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())
            self._task.add_done_callback(_report_crash)

    async def _run(self) -> None:
        while not self.broken and self._cursor in self._waiting:
            part_id = self._waiting.pop(self._cursor)
            if part_id is not None:
                try:
                    read = await asyncio.to_thread(
                        hash_part, self._part_path(part_id), self._digest
                    )
                except OSError:  # the Upload was cancelled or expired under us
                    self.broken = True
                    return
                self._stats.arrival_bytes += read
                self._hashed.append(part_id)
            self._cursor += 1

    async def ready(self, part_ids: list[str]) -> str | None:
        """The MD5 of exactly `part_ids` in that order; None if a full pass is needed."""
        taken = [self._order[slot] for slot in sorted(self._order)]
        last = max(self._order, default=-1)
        if not part_ids or self.broken or part_ids != taken:
            return None
        if any(slot < last for slot in self._open):  # a part still coming in could fall between
            return None
        before = self._stats.arrival_bytes
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)
        self._stats.complete_bytes += self._stats.arrival_bytes - before
        if self.broken or self._hashed != part_ids:
            return None
        return self._digest.hexdigest()


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (exc := task.exception()) is not None:
        traceback.print_exception(exc, file=sys.stderr)
