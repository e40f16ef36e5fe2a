"""OverallProgress on slot changes: bounded in number (a snapshot costs O(jobs)), and the
latest numbers always arrive."""

from __future__ import annotations

import asyncio

import pytest
from enginekit import until

from app.engine import EngineEvent, OverallProgress
from app.engine.core import Engine
from app.engine.progress import OVERALL_SLOT_EVERY


@pytest.mark.asyncio
async def test_slot_changes_emit_a_bounded_number_of_overall_events() -> None:
    engine = Engine(lambda: None, None, validator=None)  # type: ignore[arg-type,return-value]
    seen: list[OverallProgress] = []

    def record(event: EngineEvent) -> None:
        if isinstance(event, OverallProgress):
            seen.append(event)

    engine.subscribe(record)
    for _ in range(500):  # 1000 slot changes, as 500 small files would make, in one loop turn
        await engine.limiter.acquire()
        engine.limiter.release()
    assert len(seen) == 1  # the first change goes out at once; the rest wait for one timer
    await until(lambda: len(seen) == 2)  # ... which carries the latest numbers
    assert seen[-1].overall.requests_in_flight == 0

    await asyncio.sleep(3 * OVERALL_SLOT_EVERY)  # a quiet spell (not a check: that follows)
    await engine.limiter.acquire()  # a change after a quiet spell goes out at once
    assert len(seen) == 3 and seen[-1].overall.requests_in_flight == 1
    engine.limiter.release()
    await until(lambda: seen[-1].overall.requests_in_flight == 0)
    assert len(seen) == 4
    await engine.aclose()
