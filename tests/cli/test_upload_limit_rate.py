"""`hoist upload --limit-rate`: the cap measured where the bytes arrive (the sandbox's clock)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from test_upload import KEY, REPO_ROOT, MiB, hoist, random_file, v1_requests

SandboxProc = Any


@dataclass
class Reading:
    bytes: int
    at: float  # the sandbox's monotonic clock


def arrival_rate(parts: list[dict[str, Any]]) -> float:
    """Body bytes over the time from the first byte read to the last, on the sandbox's clock."""
    first = min(p["first_byte_at"] for p in parts)
    last = max(p["last_byte_at"] for p in parts)
    return sum(p["bytes_received"] for p in parts) / (last - first)


def reading_at_least(box: SandboxProc, min_bytes: int, process: subprocess.Popen[str]) -> Reading:
    """The sandbox's (bytes received, its clock) just after ``min_bytes`` had arrived: two such
    readings bracket whole body pieces (~50 ms of the cap each), so their rate is what the
    wire carried."""
    while True:
        got, at = box.received()
        if got >= min_bytes:
            return Reading(got, at)
        assert process.poll() is None, "hoist upload ended before the bytes arrived"
        time.sleep(0.005)  # polling the sandbox (this thread runs no event loop)


def test_limit_rate_4mb_holds_40_mib_with_4_in_flight_within_ten_percent(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox()
    data = random_file(tmp_path / "video.bin", 40 * MiB)
    command = [
        sys.executable, "-m", "app", "upload", str(data), "--purpose", "assistants",
        "--part-size", "8MiB", "--concurrency", "4", "--limit-rate", "4MB",
        "--base-url", box.base_url,
    ]  # fmt: skip
    env = dict(os.environ, OPENAI_API_KEY=KEY)
    with subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as process:  # fmt: skip
        start = reading_at_least(box, 4 * MiB, process)
        end = reading_at_least(box, 36 * MiB, process)
        _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    parts = v1_requests(box, r"/parts$")
    assert len(parts) == 5 and all(p["status"] == 200 for p in parts)
    assert sum(p["bytes_received"] for p in parts) == 40 * MiB
    cap = 4_000_000
    rate = (end.bytes - start.bytes) / (end.at - start.at)
    print(f"at the sandbox: {rate:.0f} B/s from 4 to 36 MiB, {arrival_rate(parts):.0f} B/s "
          f"first byte to last; cap {cap}")  # fmt: skip
    assert abs(rate - cap) <= 0.10 * cap, f"{rate:.0f} B/s against a cap of {cap}"
    overlapping = [p for p in parts if p["first_byte_at"] < min(q["last_byte_at"] for q in parts)]
    assert len(overlapping) == 4  # four requests were in flight together


def test_limit_rate_that_is_not_a_size_is_refused_clearly(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox()
    data = random_file(tmp_path / "a.txt", 1000)
    result = hoist(
        "upload", str(data), "--purpose", "assistants", "--limit-rate", "fast",
        "--base-url", box.base_url,
    )  # fmt: skip
    assert result.returncode == 2
    assert "'fast' is not a size" in result.stderr
    assert "Traceback" not in result.stderr
    assert v1_requests(box) == []
