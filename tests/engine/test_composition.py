"""The composed engine's rules: part and job tables, one stale-run rule, one source per fact,
one validation path."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineKit

from app.api.multipart import guess_mime_type
from app.engine import JobState, PartState, Route
from app.engine.integrity import FileStat
from app.engine.job import PART_TRANSITIONS, IllegalTransition, Job
from app.engine.runs import RunSlot, RunToken
from app.filetypes import mime_type_for
from app.limits import MAX_PART_SIZE, MIN_PART_SIZE
from app.settings import Preferences

MiB = 1024 * 1024


def make_job() -> Job:
    job = Job("j", Path("/x"), "batch", None, Route.AUTO, 4 * MiB, FileStat(10 * MiB, 1))
    job.replan(Route.UPLOADS)
    return job


def test_part_table_is_complete_and_enforced() -> None:
    assert set(PART_TRANSITIONS) == set(PartState)
    part = make_job().parts[0]
    part.move(PartState.SENDING)
    part.bytes_sent = 1000
    part.move(PartState.DONE)
    assert part.bytes_sent == part.length
    with pytest.raises(IllegalTransition):
        part.move(PartState.SENDING)  # an acknowledged part is never sent again as it is
    part.move(PartState.PENDING)  # only a new Upload makes it pending again
    assert part.bytes_sent == 0


def test_pause_and_forget_report_the_parts_they_changed() -> None:
    job = make_job()
    job.parts[0].move(PartState.DONE)
    job.parts[1].move(PartState.SENDING)
    job.parts[1].bytes_sent = 1000
    assert [p.index for p in job.drop_in_flight_parts()] == [1]
    assert [p.index for p in job.forget_upload()] == [0]


@pytest.mark.asyncio
async def test_a_new_run_makes_the_old_one_stale_and_starts_after_it_ended() -> None:
    slot = RunSlot()
    order: list[str] = []
    tokens: list[RunToken] = []
    release = asyncio.Event()

    async def first(token: RunToken) -> None:
        tokens.append(token)
        try:
            await asyncio.Event().wait()
        finally:
            order.append("first ended")
            await release.wait()  # still cleaning up when the second run is asked for

    async def second(token: RunToken) -> None:
        tokens.append(token)
        order.append("second began")

    loop = asyncio.get_running_loop()
    old = slot.start(loop, first, "first")
    await asyncio.sleep(0)
    new = slot.start(loop, second, "second")
    assert not tokens[0].current
    await asyncio.sleep(0)
    assert order == ["first ended"]  # the second waits for the first's cleanup
    release.set()
    await new
    assert old.cancelled() and order == ["first ended", "second began"]
    assert tokens[1].current
    slot.stop()
    assert not tokens[1].current


def test_one_mime_table_for_both_endpoints() -> None:
    for name in ("train.jsonl", "notes.md", "report.pdf", "blob.unknownext"):
        assert guess_mime_type(name) == mime_type_for(Path(name))
    assert mime_type_for(Path("train.jsonl")) == "text/jsonl"


def test_settings_use_the_same_part_bounds_as_the_engine() -> None:
    assert Preferences(part_size=1).clamped().part_size == MIN_PART_SIZE
    assert Preferences(part_size=10**12).clamped().part_size == MAX_PART_SIZE


@pytest.mark.asyncio
async def test_check_gives_the_findings_add_blocks_on(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    from app.validation import validate

    sb = sandbox()
    engine, _ = kit.make(sb.base_url, validator=validate)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"custom_id": "a", "method": "POST"}\nnot json\n')

    report = await engine.check(bad, "batch")
    snap = await asyncio.wait_for(engine.wait(await engine.add(bad, "batch")), 30)

    assert not report.ok
    assert snap.findings == report.findings
    assert snap.error is not None and snap.error.message.startswith(report.errors[0].message)
    assert await asyncio.to_thread(sb.requests) == []


@pytest.mark.asyncio
async def test_a_bug_in_a_run_fails_the_job_and_reaches_the_loop_handler(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    from app.validation import Report

    def broken_validator(
        path: Path,
        purpose: str,
        *,
        route: str = "auto",
        expires_after: int | None = None,
        part_size: int = MAX_PART_SIZE,
    ) -> Report:
        raise ZeroDivisionError("a bug in a check")

    loop = asyncio.get_running_loop()
    reported: list[BaseException] = []
    seen = asyncio.Event()

    def handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        reported.append(context["exception"])
        seen.set()

    loop.set_exception_handler(handler)
    try:
        sb = sandbox()
        engine, _ = kit.make(sb.base_url, validator=broken_validator)
        path = tmp_path / "notes.txt"
        path.write_text("hello")
        snap = await asyncio.wait_for(engine.wait(await engine.add(path, "user_data")), 30)
        await asyncio.wait_for(seen.wait(), 30)
    finally:
        loop.set_exception_handler(None)
    assert snap.state is JobState.FAILED and snap.error is not None
    assert snap.error.type == "internal"
    assert [type(e) for e in reported] == [ZeroDivisionError]
