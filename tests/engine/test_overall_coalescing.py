"""OverallProgress on slot changes: bounded in number (a snapshot costs O(jobs)), and the
latest numbers always arrive."""

from __future__ import annotations

import asyncio
import time

import pytest

from app.engine import Engine, EngineEvent, OverallProgress
from app.engine.progress import OVERALL_SLOT_EVERY


@pytest.mark.asyncio
async def test_slot_changes_emit_a_bounded_number_of_overall_events() -> None:
    engine = Engine(lambda: None, None, validator=None)  # type: ignore[arg-type,return-value]
    seen: list[OverallProgress] = []

    def record(event: EngineEvent) -> None:
        if isinstance(event, OverallProgress):
            seen.append(event)

    engine.subscribe(record)
    started = time.monotonic()
    for _ in range(500):  # 1000 slot changes, as 500 small files would make
        await engine.limiter.acquire()
        engine.limiter.release()
    elapsed = time.monotonic() - started
    await asyncio.sleep(3 * OVERALL_SLOT_EVERY)
    assert 1 <= len(seen) <= 2 + elapsed / OVERALL_SLOT_EVERY
    assert seen[-1].overall.requests_in_flight == 0

    await engine.limiter.acquire()  # a change after a quiet spell goes out at once
    assert seen[-1].overall.requests_in_flight == 1
    engine.limiter.release()
    await asyncio.sleep(3 * OVERALL_SLOT_EVERY)
    assert seen[-1].overall.requests_in_flight == 0
    await engine.aclose()
