"""JournalQueue: calls queued while the journal thread is busy share one commit, keep their
order, and each future is done only once its write is committed."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from app.engine.journaling import JournalQueue
from app.journal import Journal


def create(queue: JournalQueue, job_id: str, path: Path) -> object:
    return queue.submit(
        lambda j: j.create_job(
            job_id,
            path=path,
            size=100,
            mtime_ns=5,
            purpose="batch",
            expires_after=None,
            route="uploads",
            part_size=10,
        )
    )


@pytest.mark.asyncio
@pytest.mark.expected_log(r"^a journal call failed$", logger="hoist.engine")  # "missing"
async def test_queued_calls_run_in_order_and_are_committed_when_their_future_is_done(
    tmp_path: Path,
) -> None:
    db = tmp_path / "j.sqlite3"
    journal = Journal(db)
    queue = JournalQueue(journal)
    gate = threading.Event()
    queue._thread.submit(gate.wait)  # hold the journal thread so the calls pile up
    create(queue, "a", tmp_path / "a.bin")
    queue.submit(lambda j: j.set_upload("a", "upload_1", 1e12))
    parts = [queue.submit(lambda j, i=i: j.add_part("a", i, f"part_{i}", 10)) for i in range(5)]
    queue.submit(lambda j: j.add_part("missing", 0, "part_x", 10))  # fails alone (foreign key)
    last = queue.submit(lambda j: j.set_state("a", "uploading"))
    read = asyncio.ensure_future(queue.read(lambda j: j.get("a")))
    assert not any(p is not None and p.done() for p in parts)
    gate.set()
    await JournalQueue.committed(last)
    other = sqlite3.connect(db)  # a separate connection sees it all: committed
    rows = other.execute('SELECT "index" FROM parts WHERE job_id=? ORDER BY "index"', ("a",))
    assert [r[0] for r in rows] == [0, 1, 2, 3, 4]
    assert other.execute("SELECT upload_id, state FROM jobs").fetchall() == [
        ("upload_1", "uploading")
    ]
    other.close()
    job = await read
    assert job is not None and len(job.parts) == 5  # the read came after every write
    await queue.aclose()
    journal.close()


@pytest.mark.asyncio
async def test_flush_waits_for_every_call_made_before_it(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    queue = JournalQueue(journal)
    gate = threading.Event()
    queue._thread.submit(gate.wait)
    futures = [create(queue, f"job{i}", tmp_path / f"{i}.bin") for i in range(20)]
    flushed = asyncio.ensure_future(queue.flush())
    for _ in range(20):  # let the flush run as far as it can: the journal thread is held
        await asyncio.sleep(0)
    assert not flushed.done()
    gate.set()
    await flushed
    assert all(f is not None and f.done() for f in futures)  # type: ignore[attr-defined]
    assert len(journal.unfinished()) == 20
    await queue.aclose()
    create(queue, "late", tmp_path / "late.bin")  # after close: runs at once, in order
    assert journal.get("late") is not None
    journal.close()


@pytest.mark.asyncio
async def test_on_loop_the_calls_of_one_loop_turn_share_one_commit_and_no_thread(
    tmp_path: Path,
) -> None:
    """The CLI's mode: no journal thread; a read runs at once and sees every earlier write;
    writes wait for the end of the loop's turn and go in one transaction."""
    journal = Journal(tmp_path / "j.sqlite3")
    statements: list[str] = []
    journal._db.set_trace_callback(statements.append)
    queue = JournalQueue(journal, on_loop=True)
    create(queue, "a", tmp_path / "a.bin")
    queue.submit(lambda j: j.set_upload("a", "upload_1", 1e12))
    parts = [queue.submit(lambda j, i=i: j.add_part("a", i, f"part_{i}", 10)) for i in range(5)]
    assert not any(p is not None and p.done() for p in parts)  # not before the turn ends
    job = await queue.read(lambda j: j.get("a"))
    assert job is not None and job.upload_id == "upload_1" and len(job.parts) == 5
    assert statements.count("COMMIT") == 1
    later = queue.submit(lambda j: j.set_state("a", "paused"))
    assert later is not None and not later.done()
    await asyncio.sleep(0)  # one turn of the loop
    assert later.done() and statements.count("COMMIT") == 2
    assert not any(t.name.startswith("hoist-journal") for t in threading.enumerate())
    await queue.aclose()
    journal.close()
