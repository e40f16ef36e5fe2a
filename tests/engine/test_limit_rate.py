"""The engine under its upload-rate cap, against the real sandbox: time spent waiting on the
cap is not a stall, and the speed (so the ETA) reports the capped rate."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineKit, MiB, paths, write_random

from app.api.multipart import CHUNK_SIZE
from app.engine import JobProgress, JobState, OverallProgress, PartProgress, Route
from app.engine.bandwidth import MIN_SLICE, slice_size


@pytest.mark.asyncio
async def test_waiting_on_the_cap_longer_than_the_stall_timeout_is_not_a_stall(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    # at a cap this low a body piece is the smallest slice (1 KiB) and each waits about 1.3 s
    # for the cap, longer than the 1 s stall timeout; a single attempt is allowed: any stall
    # would fail the job
    engine, recorder = kit.make(
        sb.base_url, client_options={"stall_timeout": 1.0, "max_attempts": 1},
        limit_rate=int(MIN_SLICE / 1.3), max_attempts=1,
    )  # fmt: skip
    assert engine.bandwidth.piece_size() == MIN_SLICE
    path = tmp_path / "slow.bin"
    write_random(path, 4 * MIN_SLICE)
    job_id = await engine.add(path, "assistants", route=Route.FILES)
    snap = await engine.wait(job_id)
    assert snap.state is JobState.COMPLETED, snap.error
    assert [r["status"] for r in paths(sb.requests(), "/files")] == [200]  # one attempt
    assert engine.bandwidth.waited > 3.0  # three pieces after the first, each held back
    assert engine.bandwidth.granted == 4 * MIN_SLICE
    done = [e.bytes_done for e in recorder.of(JobProgress)]
    assert done == sorted(done) and len(set(done)) >= 3  # progress moved piece by piece


@pytest.mark.asyncio
async def test_speed_and_eta_follow_the_cap_and_a_change_mid_upload(
    sandbox: Any, kit: EngineKit, tmp_path: Path
) -> None:
    sb = sandbox()
    cap = 1_000_000
    engine, recorder = kit.make(sb.base_url, concurrency=4, part_size=MiB, limit_rate=cap)
    engine.set_alternative_rate(cap // 2)
    path = tmp_path / "capped.bin"
    write_random(path, 5 * MiB)
    job_id = await engine.add(path, "assistants", route=Route.UPLOADS)
    snap = await engine.wait(job_id)
    assert snap.state is JobState.COMPLETED, snap.error
    overall = [e.overall for e in recorder.of(OverallProgress)]
    settled = [o for o in overall if 2 * MiB <= o.bytes_done < o.total and o.jobs_active]
    assert settled, "no overall progress in the second half"
    for o in settled:
        assert abs(o.speed - cap) <= 0.2 * cap, f"speed {o.speed:.0f} under a cap of {cap}"
        assert o.eta is not None
        assert abs(o.eta - (o.total - o.bytes_done) / cap) <= 0.25 * o.total / cap
    # under the cap a part's bytes go out in small pieces (~50 ms of the rate), not in
    # 1 MiB bursts: each part's bar moves evenly
    for index in range(5):
        sent = [0] + [e.bytes_sent for e in recorder.of(PartProgress) if e.index == index]
        steps = [b - a for a, b in itertools.pairwise(sent) if b > a]
        assert steps and max(steps) <= slice_size(cap) < CHUNK_SIZE / 10, (index, max(steps))

    engine.use_alternative_rate(True)
    assert engine.bandwidth.rate == cap // 2
    engine.set_limit_rate(0)
    engine.use_alternative_rate(False)
    assert engine.bandwidth.rate == 0  # no cap: take() returns at once
    assert await engine.bandwidth.take(10 * MiB) == 0.0
