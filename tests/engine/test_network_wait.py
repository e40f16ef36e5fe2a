"""Outages are waited out: the engine behind the fault proxy (tests/netfault) and the sandbox.

Real sockets all the way; waits are on engine events and proxy/sandbox counters.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from enginekit import EngineKit, MiB, md5_of, paths, write_random
from netfault.proxy import DOWN, RESET, FaultProxy

from app.engine import (
    EngineEvent,
    JobState,
    NetworkWaitEnded,
    NetworkWaiting,
    PartState,
    PartStateChanged,
)
from app.engine.core import Engine
from app.engine.network import probe_delays

WAIT = 60.0


@pytest_asyncio.fixture
async def proxy(sandbox: Callable[..., Any]) -> AsyncIterator[tuple[Any, FaultProxy]]:
    box = sandbox()
    async with FaultProxy.for_url(box.base_url) as running:
        yield box, running


class Seen:
    """An asyncio.Event per event type, set when one arrives."""

    def __init__(self, engine: Engine) -> None:
        self.waiting = asyncio.Event()
        self.back = asyncio.Event()
        self.events: list[EngineEvent] = []
        engine.subscribe(self.on_event)

    def on_event(self, event: EngineEvent) -> None:
        self.events.append(event)
        if isinstance(event, NetworkWaiting):
            self.waiting.set()
        elif isinstance(event, NetworkWaitEnded):
            self.back.set()

    def of(self, kind: type[Any]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]


def stored_parts(box: Any) -> list[dict[str, Any]]:
    return [r for r in paths(box.requests(), "/parts") if r["status"] == 200]


def created_uploads(box: Any) -> list[dict[str, Any]]:
    return [r for r in paths(box.requests(), "/uploads") if r["method"] == "POST"]


async def download_md5(engine: Engine, file_id: str, dest: Path) -> str:
    await engine.client().download_file(file_id, dest)
    return md5_of(dest)


def test_probe_backoff_is_capped_at_30_seconds() -> None:
    assert probe_delays() == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0]


@pytest.mark.asyncio
async def test_an_outage_mid_upload_is_waited_out_on_the_same_upload(
    kit: EngineKit, proxy: tuple[Any, FaultProxy], tmp_path: Path
) -> None:
    box, faults = proxy
    md5 = write_random(tmp_path / "big.bin", 24 * MiB)
    # one attempt per request: the outage must not use any up
    engine, _ = kit.make(faults.base_url, part_size=4 * MiB, concurrency=2, max_attempts=1)
    seen = Seen(engine)
    faults.set_mode_when(lambda s: s.bytes_up >= 9 * MiB, DOWN)
    job_id = await engine.add(tmp_path / "big.bin", "assistants")

    await asyncio.wait_for(seen.waiting.wait(), WAIT)
    snap = engine.snapshot(job_id)
    assert snap.state is JobState.WAITING_FOR_NETWORK
    assert snap.error is None
    assert {p.state for p in snap.parts} <= {PartState.DONE, PartState.PENDING}
    assert not [e for e in seen.of(PartStateChanged) if e.state is PartState.FAILED]
    waiting = engine.network_waiting()
    assert waiting is not None and waiting.parts_total == 6
    assert waiting.parts_safe == snap.parts_done
    safe_before = snap.parts_done
    assert not seen.back.is_set()

    faults.come_up()
    done = await asyncio.wait_for(engine.wait(job_id), WAIT)
    assert done.state is JobState.COMPLETED, done.error
    assert [e.reached for e in seen.of(NetworkWaitEnded)] == [True]
    assert engine.network_waiting() is None
    assert len(created_uploads(box)) == 1
    # only the missing parts went again: at most the 2 that were in flight more than 6
    assert len(stored_parts(box)) <= 6 + 2
    assert len(stored_parts(box)) >= 6 and safe_before >= 1
    assert done.file_id is not None
    assert await download_md5(engine, done.file_id, tmp_path / "back.bin") == md5


@pytest.mark.asyncio
async def test_max_offline_zero_fails_at_once_and_retry_resumes(
    kit: EngineKit, proxy: tuple[Any, FaultProxy], tmp_path: Path
) -> None:
    box, faults = proxy
    md5 = write_random(tmp_path / "big.bin", 16 * MiB)
    engine, _ = kit.make(faults.base_url, part_size=4 * MiB, concurrency=2, max_offline=0)
    faults.set_mode_when(lambda s: s.bytes_up >= 11 * MiB, DOWN)  # part 3 began
    job_id = await engine.add(tmp_path / "big.bin", "assistants")

    failed = await asyncio.wait_for(engine.wait(job_id), WAIT)
    assert failed.state is JobState.FAILED
    assert failed.error is not None and failed.error.type == "offline"
    assert "could not be reached" in failed.error.message
    assert failed.upload_id is not None
    kept = failed.parts_done

    faults.come_up()
    engine.retry(job_id)
    done = await asyncio.wait_for(engine.wait(job_id), WAIT)
    assert done.state is JobState.COMPLETED, done.error
    assert done.upload_id == failed.upload_id
    assert len(created_uploads(box)) == 1
    assert len(stored_parts(box)) <= 4 + 2 and kept >= 1
    assert done.file_id is not None
    assert await download_md5(engine, done.file_id, tmp_path / "back.bin") == md5


@pytest.mark.asyncio
async def test_connections_reset_before_any_answer_are_an_outage_and_probe_now_resumes(
    kit: EngineKit, proxy: tuple[Any, FaultProxy], tmp_path: Path
) -> None:
    """Reset mode: the TCP connect succeeds, then every connection is reset before an
    answer. A probe gets no answer either, so it is an outage (no attempt is used up)."""
    box, faults = proxy
    write_random(tmp_path / "big.bin", 12 * MiB)
    engine, _ = kit.make(faults.base_url, part_size=4 * MiB, concurrency=2, max_attempts=2)
    engine.services.network.delays = (3600.0,)  # only probe_network() can end this wait
    seen = Seen(engine)
    faults.set_mode(RESET)
    job_id = await engine.add(tmp_path / "big.bin", "assistants")

    await asyncio.wait_for(seen.waiting.wait(), WAIT)
    assert engine.snapshot(job_id).state is JobState.WAITING_FOR_NETWORK
    refused = (await faults.until(lambda s: s.refused >= 1)).refused
    assert created_uploads(box) == []

    faults.come_up()
    engine.probe_network()
    done = await asyncio.wait_for(engine.wait(job_id), WAIT)
    assert done.state is JobState.COMPLETED, done.error
    assert refused >= 1 and len(created_uploads(box)) == 1


@pytest.mark.asyncio
async def test_pausing_a_waiting_job_ends_the_wait(
    kit: EngineKit, proxy: tuple[Any, FaultProxy], tmp_path: Path
) -> None:
    _box, faults = proxy
    write_random(tmp_path / "big.bin", 8 * MiB)
    engine, _ = kit.make(faults.base_url, part_size=4 * MiB)
    engine.services.network.delays = (3600.0,)
    seen = Seen(engine)
    faults.go_down()
    job_id = await engine.add(tmp_path / "big.bin", "assistants")
    await asyncio.wait_for(seen.waiting.wait(), WAIT)

    engine.pause(job_id)
    assert engine.snapshot(job_id).state is JobState.PAUSED
    engine.probe_network()  # nothing waits any more: the wait ends without a request
    await asyncio.wait_for(seen.back.wait(), WAIT)
    assert [e.reached for e in seen.of(NetworkWaitEnded)] == [False]
    faults.come_up()
    engine.resume(job_id)
    done = await asyncio.wait_for(engine.wait(job_id), WAIT)
    assert done.state is JobState.COMPLETED, done.error


@pytest.mark.asyncio
async def test_a_small_file_on_the_files_route_waits_too(
    kit: EngineKit, proxy: tuple[Any, FaultProxy], tmp_path: Path
) -> None:
    box, faults = proxy
    write_random(tmp_path / "notes.txt", 300_000)
    engine, _ = kit.make(faults.base_url)
    engine.services.network.delays = (3600.0,)
    seen = Seen(engine)
    faults.go_down()
    job_id = await engine.add(tmp_path / "notes.txt", "assistants")
    await asyncio.wait_for(seen.waiting.wait(), WAIT)
    assert engine.snapshot(job_id).state is JobState.WAITING_FOR_NETWORK

    faults.come_up()
    engine.probe_network()
    done = await asyncio.wait_for(engine.wait(job_id), WAIT)
    assert done.state is JobState.COMPLETED, done.error
    assert len([r for r in paths(box.requests(), "/v1/files") if r["method"] == "POST"]) == 1
