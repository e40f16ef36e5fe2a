"""The engine keeps the event loop (the window's GUI thread) free: journal calls run on a
worker thread in order, and `import app.engine` does not load httpx."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from enginekit import EngineKit

from app.engine import JobState

UNREACHABLE = "http://127.0.0.1:9/v1"  # nothing is sent: every job is added with start=False


def small_files(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"f{n}.jsonl"
        path.write_text(json.dumps({"n": n}) + "\n")
        paths.append(path)
    return paths


def test_importing_the_engine_does_not_load_httpx() -> None:
    code = "import sys, app.engine; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.asyncio
async def test_adding_many_files_lets_the_loop_run_between_them(
    kit: EngineKit, tmp_path: Path
) -> None:
    engine, _ = kit.make(UNREACHABLE)
    files = small_files(tmp_path, 60)
    turns = 0

    async def other_work() -> None:  # stands in for the window's event handling
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    other = asyncio.create_task(other_work())
    try:
        for path in files:
            await engine.add(path, "batch", start=False)
        during = turns
    finally:
        other.cancel()
    # Each add waits for the journal thread once at least, so the loop ran in between.
    assert during >= len(files)


@pytest.mark.asyncio
async def test_journal_records_land_in_order(kit: EngineKit, tmp_path: Path) -> None:
    engine, _ = kit.make(UNREACHABLE)
    ids = [await engine.add(p, "batch", start=False) for p in small_files(tmp_path, 40)]
    await engine.wait(ids[-1])  # settled, and its journal record is written

    assert engine.journal is not None
    saved = {job.id: job.state for job in engine.journal.unfinished()}
    # Each create came before its "paused" update (else a create would reset it to queued).
    assert saved == dict.fromkeys(ids, "paused")
    engine.cancel(ids[0])
    await engine.wait(ids[0])
    assert ids[0] not in {job.id for job in engine.journal.unfinished()}


@pytest.mark.asyncio
async def test_the_same_file_added_twice_at_once_is_one_job(kit: EngineKit, tmp_path: Path) -> None:
    engine, _ = kit.make(UNREACHABLE)
    (path,) = small_files(tmp_path, 1)

    first, second = await asyncio.gather(
        engine.add(path, "batch", start=False), engine.add(path, "batch", start=False)
    )

    assert first == second
    assert [snap.id for snap in engine.jobs()] == [first]
    assert engine.snapshot(first).state is JobState.PAUSED
