"""Lost and odd answers over real sockets: recovered, never duplicated (issue 11)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineKit, MiB, client_config, part_requests, paths, write_random

from app.api import FileObject, FilesClient
from app.engine import JobState, LogLevel, PartState, PartStateChanged
from app.engine.policy import EXPIRED_MESSAGE
from app.engine.recovery import ADOPTED_MESSAGE, CANCELLED_MESSAGE, FOUND_MESSAGE


async def requests_of(sb: Any) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = await asyncio.to_thread(sb.requests)
    return result


async def files_on(sb: Any) -> list[FileObject]:
    async with FilesClient(client_config(sb.base_url)) as client:
        return [f async for f in client.iter_files()]


async def script(sb: Any, *rules: dict[str, Any]) -> None:
    await asyncio.to_thread(sb.set_faults, script=list(rules))


def rule(path_regex: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"method": "POST", "path_regex": path_regex, "kind": kind, "times": 1, **extra}


@pytest.mark.asyncio
async def test_lost_complete_answer_finds_the_one_file(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    await script(sb, rule("/complete$", "drop_response"))
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB)
    source = tmp_path / "lost-complete.bin"
    write_random(source, 3 * MiB)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    [stored] = await files_on(sb)
    assert final.file_id == stored.id and stored.bytes == 3 * MiB
    assert any(line.text == FOUND_MESSAGE for line in final.log)
    completes = paths(await requests_of(sb), "/complete")
    assert [r["status"] for r in completes] == [200, 400]  # done, then "already completed"


@pytest.mark.asyncio
@pytest.mark.parametrize("attempts", [5, 1])  # 1: the lost answer was the last attempt
async def test_lost_post_files_answer_adopts_the_stored_file(
    sandbox: Any, kit: EngineKit, tmp_path: Path, attempts: int
) -> None:
    sb = sandbox()
    await script(sb, {"method": "POST", "path_regex": "^/v1/files$", "kind": "drop_response"})
    engine, _ = kit.make(sb.base_url, client_options={"max_attempts": attempts})
    source = tmp_path / "lost-files.jsonl"
    source.write_text('{"a": 1}\n' * 1000)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    [stored] = await files_on(sb)
    assert final.file_id == stored.id
    assert any(line.text == ADOPTED_MESSAGE for line in final.log)
    posts = [r for r in await requests_of(sb) if r["method"] == "POST"]
    assert len(posts) == 1  # looked, found, never sent again


@pytest.mark.asyncio
async def test_a_complete_that_never_answers_is_aborted_at_its_deadline_and_retried(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    """The server goes silent on complete (before doing it): complete's own deadline ends
    that attempt, the retry completes, one File."""
    sb = sandbox(stall_seconds=600)
    await script(sb, rule("/complete$", "stall"))
    engine, _recorder = kit.make(
        sb.base_url, part_size=1 * MiB, client_options={"complete_deadline": 2.0}
    )
    source = tmp_path / "hang.bin"
    write_random(source, 2 * MiB)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    assert len(await files_on(sb)) == 1
    assert len(paths(await requests_of(sb), "/complete")) == 2
    assert any(line.text.startswith("Completing: the connection timed out") for line in final.log)


@pytest.mark.asyncio
async def test_never_ending_complete_answer_after_the_work_is_recovered(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    await script(sb, rule("/complete$", "hang_after"))
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, client_options={"complete_deadline": 2.0})
    source = tmp_path / "hang-after.bin"
    write_random(source, 2 * MiB)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    [stored] = await files_on(sb)
    assert final.file_id == stored.id
    assert any(line.text == FOUND_MESSAGE for line in final.log)


@pytest.mark.asyncio
async def test_a_trickling_answer_is_a_stall_and_is_retried(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    """A part's answer at 1 byte/s: fewer than min_answer_bytes in the stall window, so the
    attempt ends within that window and the part is sent again (bounded: no 1 B/s wait)."""
    sb = sandbox()
    await script(sb, rule("/parts$", "trickle", rate=1))
    engine, recorder = kit.make(
        sb.base_url,
        part_size=1 * MiB,
        concurrency=1,
        client_options={"stall_timeout": 2.0, "min_answer_bytes": 64},
    )
    source = tmp_path / "trickle.bin"
    write_random(source, 2 * MiB)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    changes = [(t, e) for t, e in recorder.events if isinstance(e, PartStateChanged)]
    retried = next(e.index for _, e in changes if e.state is PartState.RETRYING)
    sent = next(t for t, e in changes if e.index == retried and e.state is PartState.SENDING)
    aborted = next(t for t, e in changes if e.index == retried and e.state is PartState.RETRYING)
    print(f"trickled answer aborted {aborted - sent:.2f} s after its part was sent (window 2 s)")
    assert aborted - sent < 2.0 + 1.5  # the window, plus sending 1 MiB and the answer head
    warnings = [line.text for line in final.log if line.level is LogLevel.WARNING]
    assert any("no data moved for too long" in text for text in warnings), warnings
    requests = await requests_of(sb)
    assert len(part_requests(requests)) == 3  # one part twice
    assert len(await files_on(sb)) == 1


@pytest.mark.asyncio
async def test_complete_answering_cancelled_fails_clearly_and_a_rerun_starts_anew(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    await script(sb, rule("/complete$", "complete_cancelled"))
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB)
    source = tmp_path / "cancelled.bin"
    write_random(source, 2 * MiB)
    job_id = await engine.add(source, "user_data")
    failed = await asyncio.wait_for(engine.wait(job_id), 60)

    assert failed.state is JobState.FAILED
    assert failed.error is not None and failed.error.message == CANCELLED_MESSAGE
    first_upload = paths(await requests_of(sb), "/v1/uploads")
    assert len(first_upload) == 1
    db = sqlite3.connect(kit.journal_path)
    [(upload_id, state)] = db.execute("SELECT upload_id, state FROM jobs").fetchall()
    db.close()
    assert (upload_id, state) == (None, "failed")  # the next run makes a new Upload

    engine.retry(job_id)
    final = await asyncio.wait_for(engine.wait(job_id), 60)
    assert final.state is JobState.COMPLETED, final.error
    assert len(paths(await requests_of(sb), "/v1/uploads")) == 2
    assert len(await files_on(sb)) == 1


@pytest.mark.asyncio
async def test_complete_answering_expired_starts_a_new_upload(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    await script(sb, rule("/complete$", "complete_expired"))
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB)
    source = tmp_path / "expired.bin"
    write_random(source, 2 * MiB)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    assert any(line.text == EXPIRED_MESSAGE for line in final.log)
    requests = await requests_of(sb)
    assert len(paths(requests, "/v1/uploads")) == 2
    assert len(part_requests(requests, final.upload_id)) == 2
    assert len(await files_on(sb)) == 1


@pytest.mark.asyncio
async def test_complete_answering_without_a_file_finds_it(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    await script(sb, rule("/complete$", "complete_without_file"))
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB)
    source = tmp_path / "nofile.bin"
    write_random(source, 2 * MiB)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    [stored] = await files_on(sb)
    assert final.file_id == stored.id
    assert len(paths(await requests_of(sb), "/complete")) == 1


@pytest.mark.asyncio
async def test_a_part_answer_naming_another_upload_is_retried_never_recorded(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    await script(sb, rule("/parts$", "part_wrong_upload"))
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, concurrency=1)
    source = tmp_path / "wrong.bin"
    write_random(source, 2 * MiB)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    warnings = [line.text for line in final.log if line.level is LogLevel.WARNING]
    assert any("the answer named another upload" in text for text in warnings), warnings
    assert len(part_requests(await requests_of(sb))) == 3
    assert len(await files_on(sb)) == 1


@pytest.mark.asyncio
async def test_a_client_clock_an_hour_ahead_uses_one_upload(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    """The server's timestamps are an hour behind ours: its Upload (1 h by default) must not
    look expired to us."""
    sb = sandbox(clock_skew=-3600, throughput=8 * MiB)
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, concurrency=2)
    source = tmp_path / "skew.bin"
    write_random(source, 4 * MiB)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    requests = await requests_of(sb)
    assert len(paths(requests, "/v1/uploads")) == 1
    assert len(part_requests(requests)) == 4
    assert not any(line.text == EXPIRED_MESSAGE for line in final.log)
