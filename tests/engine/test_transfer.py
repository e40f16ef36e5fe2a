"""The engine against the real sandbox: big files through faults, progress, routes, limits."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from enginekit import (
    EngineKit,
    MiB,
    Recorder,
    client_config,
    md5_of,
    paths,
    until,
    write_random,
)

from app.api import FilesClient
from app.engine import (
    JobProgress,
    JobState,
    JobStateChanged,
    JobUpdated,
    OverallProgress,
    PartProgress,
    PartState,
    PartStateChanged,
    Route,
)
from app.engine.core import Engine

ALL_KINDS = "500,502,503,429,408,drop,stall"


def check_progress(recorder: Recorder, size: int) -> dict[str, int]:
    """Replay the events: job bytes are always the sum of the parts' bytes, never above the
    size, and the size (100 %) only comes with the completed state and its File object."""
    latest: dict[int, int] = {}
    counts = {"progress": 0, "restarts": 0, "completed": 0}
    for _, event in recorder.events:
        if isinstance(event, PartProgress | PartStateChanged):
            if event.bytes_sent < latest.get(event.index, 0) and event.bytes_sent == 0:
                counts["restarts"] += 1
            latest[event.index] = event.bytes_sent
        elif isinstance(event, JobUpdated):
            latest = {p.index: p.bytes_sent for p in event.job.parts}
        elif isinstance(event, JobProgress):
            counts["progress"] += 1
            assert event.total == size
            assert 0 <= event.bytes_done < size, "100 % before the File object"
            assert event.bytes_done == min(sum(latest.values()), size - 1)
        elif isinstance(event, JobStateChanged) and event.new is JobState.COMPLETED:
            counts["completed"] += 1
            assert event.job.file is not None and event.job.bytes_done == size
            assert event.job.fraction == 1.0
    return counts


@pytest.mark.asyncio
@pytest.mark.timeout(240)
async def test_300_mb_through_every_fault_kind_arrives_identical(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(fail_rate=0.25, fail_kinds=ALL_KINDS, seed=11, stall_seconds=2, retry_after=0.2)
    engine, recorder = kit.make(
        sb.base_url,
        part_size=8 * MiB,
        concurrency=4,
        max_attempts=10,
        client_options={"stall_timeout": 2.0, "max_attempts": 10},
    )
    source = tmp_path / "big.bin"
    size = 300 * 1000 * 1000
    expected_md5 = write_random(source, size)

    job_id = await engine.add(source, "user_data")
    snap = await asyncio.wait_for(engine.wait(job_id), 220)

    assert snap.state is JobState.COMPLETED, snap.error
    assert snap.file is not None and snap.file.bytes == size
    assert snap.effective_route is Route.UPLOADS and len(snap.parts) == 36
    requests = await asyncio.to_thread(sb.requests)
    kinds = {r["fault"] for r in requests if r["fault"]}
    assert len(kinds) >= 5, kinds  # the faults really happened, of many kinds
    assert any(e.state is PartState.RETRYING for e in recorder.of(PartStateChanged))
    assert any("retrying" in line.text for line in snap.log)
    completes = [r for r in paths(requests, "/complete") if r["status"] == 200]
    assert len(completes) == 1 and snap.upload_id in completes[0]["path"]
    assert max(o.overall.requests_in_flight for o in recorder.of(OverallProgress)) <= 4

    counts = check_progress(recorder, size)
    assert counts["completed"] == 1 and counts["progress"] > 36

    # The sandbox checked the MD5 we sent (a mismatch is refused: test_failures), and the
    # bytes it assembled are the file's bytes.
    dest = tmp_path / "back.bin"
    async with FilesClient(client_config(sb.base_url)) as client:
        await client.download_file(snap.file.id, dest)
    assert md5_of(dest) == expected_md5


@pytest.mark.asyncio
async def test_a_retried_part_restarts_only_its_own_bytes(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=8 * MiB)
    sb.set_faults(script=[{"method": "POST", "path_regex": "/parts$", "kind": "drop", "times": 2}])
    engine, recorder = kit.make(sb.base_url, part_size=1 * MiB, concurrency=3)
    source = tmp_path / "six.bin"
    size = 6 * MiB + 123
    write_random(source, size)

    snap = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 60)

    assert snap.state is JobState.COMPLETED, snap.error
    retried = [e for e in recorder.of(PartStateChanged) if e.state is PartState.RETRYING]
    assert len(retried) == 2 and all(e.bytes_sent == 0 for e in retried)
    counts = check_progress(recorder, size)
    assert counts["restarts"] >= 2 and counts["completed"] == 1
    assert sum(p.attempts for p in snap.parts) == len(snap.parts) + 2


@pytest.mark.asyncio
async def test_small_file_goes_as_one_post_files(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    engine, recorder = kit.make(sb.base_url, part_size=4 * MiB)
    source = tmp_path / "small.jsonl"
    write_random(source, 3 * MiB)

    snap = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 30)

    assert snap.state is JobState.COMPLETED and snap.effective_route is Route.FILES
    requests = await asyncio.to_thread(sb.requests)
    assert [(r["method"], r["path"]) for r in requests] == [("POST", "/v1/files")]
    assert len(snap.parts) == 1 and snap.parts[0].state is PartState.DONE
    assert recorder.of(PartProgress)[-1].bytes_sent == 3 * MiB
    check_progress(recorder, 3 * MiB)
    history = engine.journal.history() if engine.journal else []
    assert [h.file_id for h in history] == [snap.file_id]


@pytest.mark.asyncio
async def test_size_limits_refused_before_any_request(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    engine, _ = kit.make(sb.base_url)
    huge, big, empty = tmp_path / "huge.bin", tmp_path / "big.bin", tmp_path / "empty.bin"
    with open(huge, "wb") as handle:  # sparse: no real disk use
        handle.truncate(8 * 1024**3 + 1)
    with open(big, "wb") as handle:
        handle.truncate(512 * 1024**2 + 1)
    empty.touch()

    huge_job = engine.snapshot(await engine.add(huge, "user_data"))
    big_job = engine.snapshot(await engine.add(big, "user_data", route="files"))
    empty_job = engine.snapshot(await engine.add(empty, "user_data"))
    missing_job = engine.snapshot(await engine.add(tmp_path / "nope.bin", "user_data"))
    await engine.wait_idle()

    assert huge_job.state is JobState.FAILED and "8 GB" in str(huge_job.error)
    assert big_job.state is JobState.FAILED and "512 MB" in str(big_job.error)
    assert empty_job.state is JobState.FAILED and "empty" in str(empty_job.error)
    assert missing_job.state is JobState.FAILED and "nope.bin" in str(missing_job.error)
    assert await asyncio.to_thread(sb.requests) == []


@pytest.mark.asyncio
async def test_validation_errors_block_before_any_request(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    from app.validation import validate

    sb = sandbox()
    engine, _ = kit.make(sb.base_url, validator=validate)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"custom_id": "a", "method": "POST"}\nnot json\n')

    snap = await asyncio.wait_for(engine.wait(await engine.add(bad, "batch")), 30)

    assert snap.state is JobState.FAILED and snap.error is not None
    assert snap.error.type == "validation" and "line 1" in snap.error.message.lower()
    assert any(f.severity == "error" for f in snap.findings)
    assert await asyncio.to_thread(sb.requests) == []


@pytest.mark.asyncio
async def test_one_global_limit_lowered_on_429_and_changed_live(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox(throughput=4 * MiB, retry_after=0.1)
    sb.set_faults(script=[{"method": "POST", "path_regex": "/parts$", "status": 429, "times": 1}])
    engine, recorder = kit.make(sb.base_url, part_size=1 * MiB, concurrency=4)
    files = []
    for n in range(3):
        files.append(tmp_path / f"f{n}.bin")
        write_random(files[-1], 4 * MiB + 1)

    part_slots: list[int] = []  # part/create requests in flight (complete takes no slot)
    engine.subscribe(lambda _e: part_slots.append(engine.limiter.in_flight))

    ids = [await engine.add(f, "user_data") for f in files]
    await until(lambda: any(o.overall.concurrency == 2 for o in recorder.of(OverallProgress)))
    engine.set_concurrency(1)
    changed_at = len(part_slots)
    snaps = [await asyncio.wait_for(engine.wait(i), 60) for i in ids]

    assert all(s.state is JobState.COMPLETED for s in snaps)
    assert max(part_slots) <= 4
    assert engine.overall().concurrency_setting == 1
    later = part_slots[changed_at:]
    drained = next(i for i, n in enumerate(later) if n <= 1)
    assert all(n <= 1 for n in later[drained:])
    assert any("slow down" in line.text for s in snaps for line in s.log)


def test_engine_module_does_not_import_qt() -> None:
    import subprocess
    import sys

    code = "import sys, app.engine, app.journal; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert Engine.__module__ == "app.engine.core" and os.sep
