"""After a suspend (the wall clock jumped past the monotonic one), `hoist upload` drops its
stale connections at once instead of waiting out the stall timeout."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest

from app.api import ClientConfig, FilesClient
from app.cli.awake import UploadPower
from app.engine import JobState, PartState
from app.engine.core import Engine
from app.power.suspend import SuspendDetector

KEY = "sk-test-stale-0001"
MiB = 1024 * 1024


class Clocks:
    """The detector's clocks; `suspend` moves the wall clock only, as a real sleep does."""

    def __init__(self) -> None:
        self.mono, self.wall = 1000.0, 1_700_000_000.0

    def tick(self) -> None:
        self.mono += 0.05
        self.wall += 0.05

    def suspend(self, seconds: float) -> None:
        self.wall += seconds


@pytest.mark.asyncio
async def test_a_detected_suspend_ends_the_stuck_request_now(sandbox: Any, tmp_path: Path) -> None:
    box = sandbox(stall_seconds=600)
    rule = {"method": "POST", "path_regex": "/parts$", "kind": "stall", "times": 1}
    await asyncio.to_thread(box.set_faults, script=[rule])
    config = ClientConfig(box.base_url, KEY, stall_timeout=600.0)  # it alone would wait 10 min
    engine = Engine(lambda: FilesClient(config), None, part_size=1 * MiB, validator=None)
    clocks = Clocks()

    def monotonic() -> float:
        clocks.tick()
        return clocks.mono

    detector = SuspendDetector(10.0, monotonic=monotonic, wall=lambda: clocks.wall)
    power = UploadPower(engine, inhibit_sleep=False)
    power.start(detector=detector, interval=0.05)
    source = tmp_path / "stale.bin"
    source.write_bytes(os.urandom(1 * MiB))
    try:
        job_id = await engine.add(source, "user_data", route="uploads")
        while not any(r["path"].endswith("/parts") for r in await asyncio.to_thread(box.requests)):
            await asyncio.sleep(0.05)  # the part request reached the stalling server
        assert engine.snapshot(job_id).parts[0].state is PartState.SENDING
        clocks.suspend(900.0)  # the laptop slept for 15 minutes
        final = await asyncio.wait_for(engine.wait(job_id), 30)
    finally:
        await engine.aclose()
        await power.aclose()

    assert final.state is JobState.COMPLETED, final.error
    assert detector.jumps == 1
    assert any("was interrupted" in line.text or "dropped" in line.text for line in final.log), [
        line.text for line in final.log
    ]
    parts = [r for r in await asyncio.to_thread(box.requests) if r["path"].endswith("/parts")]
    assert len(parts) == 2
