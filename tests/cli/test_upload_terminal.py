"""`hoist upload` as a person sees it: units, a live display on a real pty, Ctrl+C."""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli.units import parse_duration, parse_size

MiB = 1024 * 1024
REPO_ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-cli-terminal-0001"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("3600", 3600), ("90m", 5400), ("7d", 604800), ("2h", 7200), ("1.5h", 5400)],
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1048576", MiB),
        ("64MiB", 64 * MiB),
        ("8MB", 8_000_000),
        ("1GiB", 1024 * MiB),
        ("512KiB", 512 * 1024),
        ("2kb", 2000),
    ],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("bad", ["", "7w", "-1", "ten", "5 parsecs"])
def test_bad_units_are_usage_errors(bad: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_duration(bad)
    with pytest.raises(argparse.ArgumentTypeError):
        parse_size(bad)


def _read_all(fd: int, process: subprocess.Popen[bytes], until: float) -> bytes:
    chunks = []
    while time.monotonic() < until:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    return b"".join(chunks)


def test_live_progress_on_a_terminal(sandbox: Callable[..., Any], tmp_path: Path) -> None:
    box = sandbox(throughput=6 * MiB)
    data = tmp_path / "train.bin"
    data.write_bytes(os.urandom(12 * MiB))
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "upload",
            str(data),
            "--purpose",
            "user_data",
            "--part-size",
            "2MiB",
            "--base-url",
            box.base_url,
        ],
        cwd=REPO_ROOT,
        env=dict(os.environ, OPENAI_API_KEY=KEY, COLUMNS="120"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,  # not a terminal; the progress goes to stderr
        stderr=terminal,
    )
    os.close(terminal)
    screen = _read_all(controller, process, time.monotonic() + 120).decode(errors="replace")
    process.wait(timeout=30)
    os.close(controller)
    assert process.returncode == 0
    assert "train.bin" in screen and "█" in screen
    assert re.search(r"\d/6 parts", screen) and "6/6 parts" in screen
    assert "100.0%" in screen and "completed" in screen
    percentages = [float(p) for p in re.findall(r"(\d+\.\d)%", screen)]
    assert (max(percentages) == 100.0 and percentages.index(100.0) == len(percentages) - 1) or (
        all(p == 100.0 for p in percentages[percentages.index(100.0) :])
    )


def test_ctrl_c_pauses_and_the_same_command_resumes(
    sandbox: Callable[..., Any], tmp_path: Path
) -> None:
    box = sandbox(throughput=4 * MiB)
    data = tmp_path / "big.bin"
    data.write_bytes(os.urandom(16 * MiB))
    args = [
        sys.executable,
        "-m",
        "app",
        "upload",
        str(data),
        "--purpose",
        "user_data",
        "--part-size",
        "2MiB",
        "--base-url",
        box.base_url,
    ]
    env = dict(os.environ, OPENAI_API_KEY=KEY)
    first = subprocess.Popen(
        args, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not any(r["path"].endswith("/parts") and r["status"] == 200 for r in box.requests()):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    first.send_signal(signal.SIGINT)
    _, err = first.communicate(timeout=30)
    assert first.returncode == 1
    assert "Run the same command to resume" in err and "Traceback" not in err
    box.reset_log()
    second = subprocess.run(
        args, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert second.returncode == 0, second.stderr
    paths = [r["path"] for r in box.requests()]
    assert not any(p.endswith("/v1/uploads") for p in paths)
    assert 0 < sum(p.endswith("/parts") for p in paths) < 8
