"""Uploads keep the computer awake: the logind Inhibit call is recorded (a recorder on a
private D-Bus) while an upload runs, and let go once the queue is idle."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dbus_recorder import private_bus, recording

from app.api import ClientConfig, FilesClient
from app.cli.awake import REASON, UploadPower
from app.engine import JobState
from app.engine.core import Engine

REPO_ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-inhibit-0001"
MiB = 1024 * 1024


@pytest.fixture
def system_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with private_bus() as address:
        monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
        yield address


def random_file(path: Path, size: int) -> Path:
    path.write_bytes(os.urandom(size))
    return path


@pytest.mark.asyncio
async def test_held_while_uploading_and_released_when_idle(
    sandbox: Any, system_bus: str, tmp_path: Path
) -> None:
    box = sandbox(throughput=2 * MiB)
    config = ClientConfig(box.base_url, KEY)
    engine = Engine(lambda: FilesClient(config), None, part_size=1 * MiB, validator=None)
    power = UploadPower(engine, inhibit_sleep=True)
    engine.subscribe(power.on_event)
    try:
        with recording(system_bus, "logind") as recorder:
            first = await engine.add(random_file(tmp_path / "a.bin", 4 * MiB), "user_data")
            [call] = await asyncio.to_thread(recorder.wait_calls, 1)
            assert engine.snapshot(first).state is JobState.UPLOADING  # held while it runs
            assert call.args == ("sleep:idle", "Hoist", REASON, "block")
            assert (await engine.wait(first)).state is JobState.COMPLETED
            assert await asyncio.to_thread(recorder.released, call)  # idle: let go
            assert engine.overall().jobs_active == 0

            second = await engine.add(random_file(tmp_path / "b.bin", 2 * MiB), "user_data")
            calls = await asyncio.to_thread(recorder.wait_calls, 2)  # busy again: held again
            assert (await engine.wait(second)).state is JobState.COMPLETED
            assert await asyncio.to_thread(recorder.released, calls[1])
    finally:
        await engine.aclose()
        await power.aclose()


def run_upload(box: Any, path: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "upload", str(path), "--purpose", "user_data",
         "--part-size", "1MiB", "--base-url", box.base_url, *extra],
        cwd=REPO_ROOT, env=dict(os.environ, OPENAI_API_KEY=KEY), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def test_hoist_upload_inhibits_sleep_unless_told_not_to(
    sandbox: Any, system_bus: str, tmp_path: Path
) -> None:
    box = sandbox(throughput=2 * MiB)
    with recording(system_bus, "logind") as recorder:
        process = run_upload(box, random_file(tmp_path / "c.bin", 4 * MiB))
        [call] = recorder.wait_calls(1)
        assert process.poll() is None  # recorded while the upload runs
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert recorder.released(call)

        process = run_upload(box, random_file(tmp_path / "d.bin", 2 * MiB), "--no-inhibit-sleep")
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert len(recorder.calls) == 1  # no second Inhibit
