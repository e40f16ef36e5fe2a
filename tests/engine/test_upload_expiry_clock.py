"""The Upload's expiry as the window counts it down: on our own clock, whatever the server's
clock says (JobSnapshot.upload_expires_local), while upload_expires_at stays the server's."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineKit, MiB, write_random

from app.engine import EngineEvent, JobSnapshot, JobState, PartStateChanged

HOUR = 3600.0


@pytest.mark.asyncio
@pytest.mark.parametrize("skew", [-HOUR, 0.0, 2 * HOUR], ids=["server-behind", "same", "ahead"])
async def test_the_expiry_counts_down_on_our_clock_whatever_the_servers_says(
    sandbox: Any, kit: EngineKit, tmp_path: Path, skew: float
) -> None:
    sb = sandbox(clock_skew=skew, throughput=4 * MiB)
    engine, _ = kit.make(sb.base_url, part_size=1 * MiB, concurrency=1)
    source = tmp_path / "skew.bin"
    write_random(source, 3 * MiB)
    seen: list[JobSnapshot] = []
    first_part_done = asyncio.Event()

    def on_event(event: EngineEvent) -> None:
        if isinstance(event, PartStateChanged) and event.part_id is not None:
            seen.append(engine.snapshot(event.job_id))
            first_part_done.set()

    engine.subscribe(on_event)
    job_id = await engine.add(source, "user_data")
    await asyncio.wait_for(first_part_done.wait(), 60)
    snap = seen[0]
    now = time.time()

    assert snap.upload_id is not None and snap.upload_expires_at is not None
    assert snap.upload_expires_local is not None
    # the server's own timestamp carries its skew; ours is an hour from now (the default life)
    assert abs(snap.upload_expires_at - (now + skew + HOUR)) < 120
    assert abs(snap.upload_expires_local - (now + HOUR)) < 120
    final = await asyncio.wait_for(engine.wait(job_id), 60)
    assert final.state is JobState.COMPLETED, final.error
    assert final.upload_expires_local is not None  # still known, for the history's record
