"""The CLI's fast paths: uvloop when installed (asyncio's loop on request) and
`--concurrency auto`, against the real sandbox."""

from __future__ import annotations

import asyncio
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from test_upload import MiB, SandboxProc, hoist, random_file, v1_requests

from app.cli import loop


async def loop_module() -> str:
    return type(asyncio.get_running_loop()).__module__


@pytest.mark.skipif(importlib.util.find_spec("uvloop") is None, reason="uvloop not installed")
def test_cli_runs_on_uvloop_when_installed() -> None:
    assert loop.run(loop_module()).startswith("uvloop")


def test_asyncio_loop_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOIST_NO_UVLOOP", "1")
    assert loop.run(loop_module()).startswith("asyncio")


def test_concurrency_auto_uploads_everything(
    sandbox: Callable[..., SandboxProc], tmp_path: Path
) -> None:
    box = sandbox()
    big = random_file(tmp_path / "big.bin", 9 * MiB)
    small = [random_file(tmp_path / f"s{i}.txt", 20_000 + i) for i in range(5)]
    result = hoist(
        "upload", str(big), *map(str, small), "--purpose", "user_data", "--part-size", "1MiB",
        "--concurrency", "auto", "--json", "--base-url", box.base_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6 and all(r["status"] == "completed" for r in records)
    assert len(v1_requests(box, r"/uploads/[^/]+/parts$")) == 9
    sent = {Path(r["path"]).name: r["file"]["bytes"] for r in records}
    assert sent == {p.name: p.stat().st_size for p in [big, *small]}


@pytest.mark.parametrize("value", ["0", "17", "lots"])
def test_bad_concurrency_is_a_usage_error(value: str) -> None:
    result = hoist("upload", "x.txt", "--purpose", "user_data", "--concurrency", value)
    assert result.returncode == 2
    assert "concurrency" in result.stderr
