"""Lost and odd answers over real sockets: recovered, never duplicated (issue 11)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineKit, MiB, client_config, part_requests, paths, write_random

from app.api import FileObject, FilesClient
from app.engine import JobState, LogLevel, LogLine, PartState, PartStateChanged
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


def said(text: str) -> Callable[[LogLine], bool]:
    return lambda line: line.text == text


def began(text: str) -> Callable[[LogLine], bool]:
    return lambda line: line.text.startswith(text)


def warned(fragment: str) -> Callable[[LogLine], bool]:
    return lambda line: line.level is LogLevel.WARNING and fragment in line.text


@dataclass(frozen=True)
class Recovery:
    """A fault the sandbox plays once, the engine it meets, and what shows it recovered: a
    line of the job's log and the requests made (each kind counted)."""

    name: str
    fault: dict[str, Any]
    log: Callable[[LogLine], bool]
    uploads: int  # POST /v1/uploads
    parts: int  # part requests to the Upload that completed
    completes: list[int | None]  # the statuses of /complete, in order
    size: int = 2 * MiB
    sandbox: dict[str, Any] = field(default_factory=dict)
    client: dict[str, Any] = field(default_factory=dict)
    engine: dict[str, Any] = field(default_factory=dict)


RECOVERIES = [
    Recovery(
        "lost-complete-answer-finds-the-one-file",
        rule("/complete$", "drop_response"),
        said(FOUND_MESSAGE),
        uploads=1,
        parts=3,
        completes=[200, 400],  # done, then "already completed"
        size=3 * MiB,
    ),
    # silent on complete (before doing it): its own deadline ends that attempt
    Recovery(
        "complete-never-answering-is-aborted-at-its-deadline-and-retried",
        rule("/complete$", "stall"),
        began("Completing: the connection timed out"),
        uploads=1,
        parts=2,
        completes=[None, 200],  # the first attempt never answered
        sandbox={"stall_seconds": 600},
        client={"complete_deadline": 2.0},
    ),
    Recovery(
        "never-ending-complete-answer-after-the-work-is-recovered",
        rule("/complete$", "hang_after"),
        said(FOUND_MESSAGE),
        uploads=1,
        parts=2,
        completes=[200, 400],  # served, its answer held open; then "already completed"
        client={"complete_deadline": 2.0},
    ),
    Recovery(
        "complete-answering-expired-starts-a-new-upload",
        rule("/complete$", "complete_expired"),
        said(EXPIRED_MESSAGE),
        uploads=2,
        parts=2,  # all of them again, to the new Upload
        completes=[200, 200],
    ),
    Recovery(
        "complete-answering-without-a-file-finds-it",
        rule("/complete$", "complete_without_file"),
        said("The server's answer named no file; found it in the list."),
        uploads=1,
        parts=2,
        completes=[200],
    ),
    Recovery(
        "part-answer-naming-another-upload-is-retried-never-recorded",
        rule("/parts$", "part_wrong_upload"),
        warned("the answer named another upload"),
        uploads=1,
        parts=3,  # one part twice: the bent answer is never recorded
        completes=[200],
        engine={"concurrency": 1},
    ),
]


@pytest.mark.asyncio
@pytest.mark.parametrize("case", RECOVERIES, ids=lambda case: case.name)
async def test_a_fault_is_recovered_with_one_file(
    sandbox: Any, kit: EngineKit, tmp_path: Path, case: Recovery
) -> None:
    sb = sandbox(**case.sandbox)
    await script(sb, case.fault)
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, client_options=case.client, **case.engine)
    source = tmp_path / "faulted.bin"
    write_random(source, case.size)
    final = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert final.state is JobState.COMPLETED, final.error
    [stored] = await files_on(sb)
    assert final.file_id == stored.id and stored.bytes == case.size
    assert any(case.log(line) for line in final.log), [line.text for line in final.log]
    requests = await requests_of(sb)
    assert len(paths(requests, "/v1/uploads")) == case.uploads
    assert len(part_requests(requests, final.upload_id)) == case.parts
    assert [r["status"] for r in paths(requests, "/complete")] == case.completes


@pytest.mark.asyncio
@pytest.mark.parametrize("attempts", [5, 1], ids=["attempts-left", "on-the-last-attempt"])
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
