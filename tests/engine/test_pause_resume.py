"""Pause by cancelling, resume to the same Upload, resume from the journal, cancel, retry."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineKit, MiB, part_requests, paths, refuse_next_part, until, write_random

from app.engine import JobState, PartState
from app.journal import Journal


async def requests_of(sb: Any) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = await asyncio.to_thread(sb.requests)
    return result


async def _poll(condition: Callable[[], Awaitable[bool]]) -> None:
    """Look again (without blocking the loop) until condition() holds; callers time it out."""
    while not await condition():
        await asyncio.sleep(0.05)


@pytest.mark.asyncio
async def test_pause_stops_requests_and_resume_sends_only_missing_parts(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=2 * MiB)  # a 1 MiB part takes about half a second
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, concurrency=3)
    source = tmp_path / "pause.bin"
    write_random(source, 16 * MiB)
    job_id = await engine.add(source, "user_data")

    def mid_flight() -> bool:
        snap = engine.snapshot(job_id)
        sending = [p for p in snap.parts if p.state is PartState.SENDING and p.bytes_sent > 0]
        return snap.parts_done >= 3 and bool(sending)

    await until(mid_flight)
    engine.pause(job_id)
    snap = engine.snapshot(job_id)
    assert snap.state is JobState.PAUSED
    done_ids = {p.index: p.part_id for p in snap.parts if p.state is PartState.DONE}
    assert all(p.bytes_sent == 0 for p in snap.parts if p.state is not PartState.DONE)

    # The sent requests end (the client's side and the server's); nothing new starts. The
    # part count after resume (== missing, below) proves that nothing went out meanwhile.
    async def all_ended() -> bool:
        return all(r["done"] for r in await requests_of(sb))

    await until(lambda: engine.requests_in_flight == 0, timeout=10)
    await asyncio.wait_for(_poll(all_ended), 10)
    assert engine.snapshot(job_id).parts_done == len(done_ids)
    assert engine.snapshot(job_id).state is JobState.PAUSED

    missing = len(snap.parts) - len(done_ids)
    await asyncio.to_thread(sb.reset_log)
    engine.resume(job_id)
    final = await asyncio.wait_for(engine.wait(job_id), 60)

    assert final.state is JobState.COMPLETED, final.error
    assert final.upload_id == snap.upload_id
    after = await requests_of(sb)
    assert not paths(after, "/uploads"), "resume must not start a new Upload"
    assert len(part_requests(after)) == missing
    assert len(part_requests(after, snap.upload_id)) == missing
    assert [r["path"] for r in paths(after, "/complete")] == [
        f"/v1/uploads/{snap.upload_id}/complete"
    ]
    assert all(final.parts[i].part_id == pid for i, pid in done_ids.items())


async def start_and_stop_midway(
    sb: Any, kit: EngineKit, source: Path, parts_done: int
) -> tuple[str, str, int]:
    """Upload until `parts_done` parts are acknowledged, then close the engine (like a quit)."""
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, concurrency=2)
    job_id = await engine.add(source, "user_data", expires_after=86400)
    await until(lambda: engine.snapshot(job_id).parts_done >= parts_done)
    await engine.aclose()
    snap = engine.snapshot(job_id)
    assert snap.state is JobState.PAUSED and snap.upload_id is not None
    return job_id, snap.upload_id, len(snap.parts) - snap.parts_done


@pytest.mark.asyncio
async def test_resume_from_journal_with_a_new_engine(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=4 * MiB)
    source = tmp_path / "crash.bin"
    write_random(source, 12 * MiB + 7)
    job_id, upload_id, missing = await start_and_stop_midway(sb, kit, source, 4)
    with Journal(kit.journal_path) as journal:
        saved = journal.get(job_id)
        assert saved is not None and len(saved.parts) == 13 - missing
    await asyncio.to_thread(sb.reset_log)

    engine, _ = kit.make(sb.base_url, part_size=4 * MiB, concurrency=2)
    restored = await engine.restore_from_journal()
    assert restored == [job_id]
    snap = engine.snapshot(job_id)
    assert snap.state is JobState.PAUSED and snap.upload_id == upload_id
    assert len(snap.parts) - snap.parts_done == missing
    assert snap.part_size == 1 * MiB  # the plan of the Upload, not the new default
    engine.resume(job_id)
    final = await asyncio.wait_for(engine.wait(job_id), 60)

    assert final.state is JobState.COMPLETED, final.error
    after = await requests_of(sb)
    assert len(part_requests(after)) == missing == len(part_requests(after, upload_id))
    assert not paths(after, "/uploads")
    assert engine.journal is not None
    assert engine.journal.unfinished() == []
    assert [h.file_id for h in engine.journal.history()] == [final.file_id]


@pytest.mark.asyncio
async def test_adding_the_same_file_again_resumes_the_journal_job(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    """What rerunning the same `hoist upload` command does."""
    sb = sandbox(throughput=4 * MiB)
    source = tmp_path / "again.bin"
    write_random(source, 10 * MiB)
    job_id, upload_id, missing = await start_and_stop_midway(sb, kit, source, 3)
    await asyncio.to_thread(sb.reset_log)

    engine, _ = kit.make(sb.base_url, part_size=1 * MiB)
    assert await engine.add(source, "user_data", expires_after=86400) == job_id
    final = await asyncio.wait_for(engine.wait(job_id), 60)

    assert final.state is JobState.COMPLETED and final.upload_id == upload_id
    assert len(part_requests(await requests_of(sb))) == missing
    # Other options, or resume=False, make a separate job.
    other = await engine.add(source, "user_data", resume=False, start=False)
    assert other != job_id


@pytest.mark.asyncio
async def test_cancel_tells_the_server_and_forgets_the_job(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=2 * MiB)
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB)
    source = tmp_path / "cancel.bin"
    write_random(source, 8 * MiB)
    job_id = await engine.add(source, "user_data")
    await until(lambda: engine.snapshot(job_id).parts_done >= 1)
    upload_id = engine.snapshot(job_id).upload_id

    engine.cancel(job_id)

    assert engine.snapshot(job_id).state is JobState.CANCELLED
    await until(lambda: engine.requests_in_flight == 0, timeout=10)

    async def cancel_seen() -> bool:
        return any(
            r["path"] == f"/v1/uploads/{upload_id}/cancel" and r["status"] == 200
            for r in await requests_of(sb)
        )

    await asyncio.wait_for(_poll(cancel_seen), 10)
    assert engine.journal is not None and engine.journal.unfinished() == []
    engine.remove(job_id)
    assert engine.jobs() == []


@pytest.mark.asyncio
async def test_server_refusal_fails_with_its_message_and_retry_reuses_the_upload(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=4 * MiB)
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, concurrency=2)
    source = tmp_path / "retry.bin"
    write_random(source, 8 * MiB)
    job_id = await engine.add(source, "user_data")
    await until(lambda: engine.snapshot(job_id).parts_done >= 2)
    await refuse_next_part(sb, "Part rejected by the injected rule.")
    failed = await asyncio.wait_for(engine.wait(job_id), 30)

    assert failed.state is JobState.FAILED and failed.error is not None
    assert "Part rejected by the injected rule." in failed.error.message
    assert failed.error.status == 400
    bad = [p for p in failed.parts if p.state is PartState.FAILED]
    assert len(bad) == 1 and "injected rule" in (bad[0].last_error or "")
    creates = len(paths(await requests_of(sb), "/uploads"))
    done_before = failed.parts_done

    await asyncio.to_thread(sb.reset_log)
    engine.retry(job_id)
    final = await asyncio.wait_for(engine.wait(job_id), 60)

    assert final.state is JobState.COMPLETED and final.upload_id == failed.upload_id
    after = await requests_of(sb)
    assert creates == 1 and not paths(after, "/uploads")
    assert len(part_requests(after)) == len(final.parts) - done_before


@pytest.mark.asyncio
async def test_restore_starts_afresh_when_the_file_changed_or_the_upload_expired(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=4 * MiB)
    changed, expired = tmp_path / "changed.bin", tmp_path / "expired.bin"
    write_random(changed, 6 * MiB)
    write_random(expired, 6 * MiB)
    changed_id, changed_upload, _ = await start_and_stop_midway(sb, kit, changed, 2)
    expired_id, expired_upload, _ = await start_and_stop_midway(sb, kit, expired, 2)
    with open(changed, "ab") as handle:
        handle.write(b"x" * 1000)
    db = sqlite3.connect(kit.journal_path)
    with db:
        db.execute("UPDATE jobs SET upload_expires_at = 1000 WHERE id = ?", (expired_id,))
    db.close()
    await asyncio.to_thread(sb.reset_log)

    engine, _ = kit.make(sb.base_url)
    assert sorted(await engine.restore_from_journal()) == sorted([changed_id, expired_id])
    for job_id in (changed_id, expired_id):
        snap = engine.snapshot(job_id)
        assert snap.state is JobState.PAUSED and snap.upload_id is None
        assert snap.parts_done == 0
    assert "changed" in engine.snapshot(changed_id).log[-1].text
    assert "expired" in engine.snapshot(expired_id).log[-1].text
    assert engine.snapshot(changed_id).size == 6 * MiB + 1000

    engine.resume_all()
    finals = [await asyncio.wait_for(engine.wait(i), 60) for i in (changed_id, expired_id)]
    assert all(f.state is JobState.COMPLETED for f in finals)
    assert {f.upload_id for f in finals}.isdisjoint({changed_upload, expired_upload})
    after = await requests_of(sb)
    assert len(paths(after, "/v1/uploads")) == 2
    assert len(part_requests(after)) == 7 + 6  # everything again, for both
