"""Validation speed (through bench_validation.py's generator and child) and the window:
event-loop stalls during an upload and time from launch to the window shown."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from tests.perf.bench_transfer import Samples
from tests.perf.harness import PYTHON, REPO_ROOT, Sandbox, Workspace, clean_env, run

PROBE = str(REPO_ROOT / "tests" / "perf" / "window_probe.py")

# The naive comparison: what any validator pays at least, json.loads of every line.
JSON_LOADS_CHILD = """
import json, sys, time
started = time.perf_counter()
count = 0
with open(sys.argv[1], "rb") as stream:
    for line in stream:
        if line.strip():
            json.loads(line)
            count += 1
print(json.dumps({"seconds": time.perf_counter() - started, "lines": count}))
"""


def write_batch(path: Path, size: int) -> None:
    """bench_validation.py's generator (a realistic chat-completions batch file)."""
    sys.path.insert(0, str(REPO_ROOT / "tests" / "validation"))
    from validation_examples import write_big_batch  # type: ignore[import-not-found]

    write_big_batch(path, size)


def bench_validation(path: Path, runs: int) -> Samples:
    """validate(path, "batch") in a fresh child each run (bench_validation.py --child),
    beside json.loads of every line in a fresh child."""
    size = path.stat().st_size
    script = str(REPO_ROOT / "tests" / "perf" / "bench_validation.py")
    out = Samples()
    for _ in range(runs):
        child = run([PYTHON, script, "--child", str(path), "batch", "1"], timeout=600).check()
        result = json.loads(child.stdout)
        if "error" in result["summary"].lower() and "0 error" not in result["summary"].lower():
            raise RuntimeError(f"the benchmark batch file did not validate: {result['summary']}")
        out.add("hoist_mb_s", size / result["seconds"] / 1e6)
        out.add("hoist_peak_mb", result["peak_kib"] / 1024)
        child = run([PYTHON, "-c", JSON_LOADS_CHILD, str(path)], timeout=600).check()
        out.add("json_mb_s", size / json.loads(child.stdout)["seconds"] / 1e6)
    return out


def bench_launch(ws: Workspace, runs: int) -> Samples:
    """Process start → first expose of Hoist's window, beside an empty QMainWindow. Each pair
    starts after the disk has taken what earlier benches wrote (os.sync): writing back a few
    GB keeps this machine busy for seconds (`dd` of 6 GiB: 8.5 s of system time) and the
    first launches after the upload benches measured that (the empty window 0.32 s, not 0.16)."""
    out = Samples()
    for _ in range(runs):
        os.sync()
        for mode in ("launch", "bare"):
            child = run([PYTHON, PROBE, mode], env=clean_env(ws.home()), timeout=120).check()
            shown = float(child.stdout.strip().splitlines()[-1])
            out.add(f"{mode}_s", shown - child.started)
    return out


def bench_stall(
    ws: Workspace, sandbox: Sandbox, path: Path, runs: int, idle: float = 2.0
) -> Samples:
    """The window's longest event-loop gap (5 ms ticks) while the engine sends 4 parts at
    once at full loopback speed, beside the same window idle for ``idle`` seconds."""
    out = Samples()
    for _ in range(runs):
        argv = [PYTHON, PROBE, "stall", sandbox.base_url, str(path), "--idle", str(idle)]
        child = run(argv, env=clean_env(ws.home()), timeout=600).check()
        result = json.loads(child.stdout.strip().splitlines()[-1])
        names = (
            "max_gap_ms",
            "p99_gap_ms",
            "idle_max_gap_ms",
            "mb_s",
            "max_cpu_gap_ms",
            "idle_max_cpu_gap_ms",
        )
        for name in names:
            out.add(name, float(result[name]))
        sandbox.delete_all_files()
    return out
