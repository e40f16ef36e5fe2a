"""`hoist upload --limit-rate`: the cap measured where the bytes arrive (the sandbox's clock)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from test_upload import MiB, hoist, random_file, v1_requests

SandboxProc = Any


def arrival_rate(parts: list[dict[str, Any]]) -> float:
    """Body bytes over the time from the first byte read to the last, on the sandbox's clock."""
    first = min(p["first_byte_at"] for p in parts)
    last = max(p["last_byte_at"] for p in parts)
    return sum(p["bytes_received"] for p in parts) / (last - first)


def test_limit_rate_4mb_holds_40_mib_with_4_in_flight_within_ten_percent(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox()
    data = random_file(tmp_path / "video.bin", 40 * MiB)
    result = hoist(
        "upload", str(data), "--purpose", "assistants", "--part-size", "8MiB",
        "--concurrency", "4", "--limit-rate", "4MB", "--base-url", box.base_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    parts = v1_requests(box, r"/parts$")
    assert len(parts) == 5 and all(p["status"] == 200 for p in parts)
    assert sum(p["bytes_received"] for p in parts) == 40 * MiB
    cap = 4_000_000
    rate = arrival_rate(parts)
    print(f"measured at the sandbox: {rate:.0f} B/s against a cap of {cap}")
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
