"""Expiry restarts, changed files, the MD5 check and a rejected key, against the sandbox."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from enginekit import (
    EngineKit,
    MiB,
    client_config,
    part_requests,
    paths,
    refuse_next_part,
    until,
    write_random,
)

from app.api import FilesClient
from app.engine import AuthFailed, JobState, JobUpdated
from app.engine.policy import EXPIRED_MESSAGE


async def requests_of(sb: Any) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = await asyncio.to_thread(sb.requests)
    return result


@pytest.mark.asyncio
async def test_expired_upload_is_replaced_and_the_job_says_so(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=2 * MiB, upload_ttl=2)
    engine, recorder = kit.make(sb.base_url, part_size=1 * MiB, concurrency=1)
    source = tmp_path / "ttl.bin"
    write_random(source, 6 * MiB)
    job_id = await engine.add(source, "user_data")

    await until(lambda: any(e.job.upload_id for e in recorder.of(JobUpdated)))
    first_upload = engine.snapshot(job_id).upload_id
    await asyncio.to_thread(sb.set_faults, upload_ttl=3600)  # the next Upload lives long
    final = await asyncio.wait_for(engine.wait(job_id), 60)

    assert final.state is JobState.COMPLETED, final.error
    assert final.upload_id != first_upload
    assert any(line.text == EXPIRED_MESSAGE for line in final.log)
    requests = await requests_of(sb)
    assert len([r for r in requests if r["path"] == "/v1/uploads"]) == 2
    assert len(part_requests(requests, final.upload_id)) == 6  # everything sent again
    completes = paths(requests, "/complete")
    assert [r["path"] for r in completes] == [f"/v1/uploads/{final.upload_id}/complete"]


@pytest.mark.asyncio
async def test_server_saying_expired_restarts_too(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=4 * MiB)
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, concurrency=1)
    source = tmp_path / "gone.bin"
    write_random(source, 4 * MiB)
    job_id = await engine.add(source, "user_data")
    await until(lambda: engine.snapshot(job_id).parts_done >= 1)
    await refuse_next_part(sb, "Cannot add a part: the Upload is already expired.")
    final = await asyncio.wait_for(engine.wait(job_id), 60)

    assert final.state is JobState.COMPLETED, final.error
    assert any(line.text == EXPIRED_MESSAGE for line in final.log)
    assert len(paths(await requests_of(sb), "/v1/uploads")) == 2


@pytest.mark.asyncio
async def test_a_file_changed_during_upload_fails_and_is_never_completed(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=2 * MiB)
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, concurrency=2)
    source = tmp_path / "changing.jsonl"
    write_random(source, 8 * MiB)
    job_id = await engine.add(source, "user_data")
    await until(lambda: engine.snapshot(job_id).parts_done >= 1)

    with open(source, "ab") as handle:
        handle.write(b"one more line\n")
    final = await asyncio.wait_for(engine.wait(job_id), 30)

    assert final.state is JobState.FAILED and final.error is not None
    assert final.error.message.startswith("The file changed while it was being uploaded")
    assert final.error.type == "file_changed" and final.file is None
    assert not paths(await requests_of(sb), "/complete")


@pytest.mark.asyncio
async def test_md5_is_sent_and_checked_by_the_server(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    """Content swapped behind the engine's back (same size and mtime, after the MD5 was
    taken): the server's MD5 check refuses the upload, so the MD5 really went along."""
    sb = sandbox(throughput=2 * MiB)
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, concurrency=1)
    source = tmp_path / "swap.bin"
    write_random(source, 4 * MiB)
    before = os.stat(source)
    job_id = await engine.add(source, "user_data")
    job = engine._jobs[job_id]  # white-box: wait for the MD5 of the original bytes
    await until(lambda: job.md5 is not None and job.md5.done())
    with open(source, "r+b") as handle:
        handle.seek(3 * MiB)
        handle.write(os.urandom(MiB))
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))

    final = await asyncio.wait_for(engine.wait(job_id), 30)

    assert final.state is JobState.FAILED and final.error is not None
    assert "md5" in final.error.message.lower() and final.error.status == 400
    assert [r["status"] for r in paths(await requests_of(sb), "/complete")] == [400]


@pytest.mark.asyncio
async def test_wrong_key_stops_the_queue_once_without_a_retry_storm(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(api_key="sk-right-456")
    engine, recorder = kit.make(sb.base_url, part_size=1 * MiB, concurrency=4)
    sources = []
    for n in range(3):
        sources.append(tmp_path / f"k{n}.bin")
        write_random(sources[-1], 3 * MiB)

    ids = [await engine.add(s, "user_data") for s in sources]
    snaps = [await asyncio.wait_for(engine.wait(i), 30) for i in ids]
    await until(lambda: engine.requests_in_flight == 0, timeout=10)  # all stopped; and
    # nothing more goes out: the sandbox's count stays the same below

    assert len(recorder.of(AuthFailed)) == 1
    assert "API key rejected" in recorder.of(AuthFailed)[0].message
    for snap in snaps:
        assert snap.state is JobState.PAUSED and snap.error is not None
        assert snap.error.type == "auth" and snap.error.status == 401
    requests = await requests_of(sb)
    assert 1 <= len(requests) <= 4 and all(r["status"] == 401 for r in requests)

    # A later file waits too, and nothing is sent for it.
    late = tmp_path / "late.bin"
    write_random(late, MiB)
    late_id = await engine.add(late, "user_data")
    assert engine.snapshot(late_id).state is JobState.PAUSED
    assert len(await requests_of(sb)) == len(requests)

    # With the right key, resuming finishes everything.
    engine.set_client(FilesClient(client_config(sb.base_url, api_key="sk-right-456")))
    engine.resume_all()
    finals = [await asyncio.wait_for(engine.wait(i), 30) for i in [*ids, late_id]]
    assert all(f.state is JobState.COMPLETED for f in finals)
    assert len(recorder.of(AuthFailed)) == 1
    await engine.client().aclose()


@pytest.mark.asyncio
async def test_complete_that_already_happened_finds_its_file(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    """A complete whose answer was lost (or a crash right after it): the retry is told the
    Upload is already completed, and the engine finds the File it made instead of failing."""
    sb = sandbox()
    sb.set_faults(
        script=[{"method": "POST", "path_regex": "/complete$", "status": 500, "times": 1}]
    )
    engine, _ = kit.make(
        sb.base_url, part_size=1 * MiB, max_attempts=1, client_options={"max_attempts": 1}
    )
    source = tmp_path / "done.bin"
    write_random(source, 3 * MiB)
    job_id = await engine.add(source, "user_data")
    failed = await asyncio.wait_for(engine.wait(job_id), 30)
    assert failed.state is JobState.FAILED and failed.upload_id is not None
    part_ids = [p.part_id for p in failed.parts]
    assert None not in part_ids

    async with FilesClient(client_config(sb.base_url)) as client:  # completed behind its back
        done = await client.complete_upload(failed.upload_id, [str(p) for p in part_ids])
    assert done.file is not None

    engine.retry(job_id)
    final = await asyncio.wait_for(engine.wait(job_id), 30)

    assert final.state is JobState.COMPLETED and final.file_id == done.file.id
    assert any("already completed" in line.text for line in final.log)
