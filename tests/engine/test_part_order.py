"""Parts start in file order (part k+1's request begins after part k's first bytes), so a
server that assembles and hashes parts in the order their requests begin (the sandbox) can
do so as they arrive. The order is checked on the client's side: the server's order of
handling two requests started a moment apart can still swap (accepting a new connection
races with another's bytes on a busy machine), and the sandbox then takes one full pass."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineKit, MiB, part_requests, write_random

from app.engine import JobState, PartProgress, PartState, PartStateChanged


@pytest.mark.asyncio
@pytest.mark.parametrize("read_on_loop", [False, True])
async def test_parts_start_in_file_order_and_complete_reads_nothing_again(
    sandbox: Any, kit: EngineKit, tmp_path: Path, read_on_loop: bool
) -> None:
    sb = sandbox()
    engine, recorder = kit.make(
        sb.base_url, part_size=4 * MiB, concurrency=4,
        client_options={"read_on_loop": read_on_loop},
    )  # fmt: skip
    source = tmp_path / "ordered.bin"
    size = 26 * MiB + 77
    write_random(source, size)
    snap = await asyncio.wait_for(engine.wait(await engine.add(source, "user_data")), 120)
    assert snap.state is JobState.COMPLETED, snap.error
    assert snap.file is not None and snap.file.bytes == size
    assert len(part_requests(await asyncio.to_thread(sb.requests))) == 7

    # in the event stream: part k's first bytes come before part k+1 starts sending
    first_bytes: dict[int, int] = {}
    sending: dict[int, int] = {}
    for position, (_, event) in enumerate(recorder.events):
        if isinstance(event, PartProgress) and event.bytes_sent > 0:
            first_bytes.setdefault(event.index, position)
        if isinstance(event, PartStateChanged) and event.state is PartState.SENDING:
            sending.setdefault(event.index, position)
    assert sorted(sending) == list(range(7))
    assert all(first_bytes[k] < sending[k + 1] for k in range(6)), (first_bytes, sending)
