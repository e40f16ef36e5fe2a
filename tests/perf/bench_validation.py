"""Benchmark: validate a generated ~200 MB batch file (and, with --fine-tune, a chat file).

Run on demand: `.venv/bin/python tests/perf/bench_validation.py [--size-mb 199] [--runs 3]`.
Prints MB/s (best of the runs) and the peak resident memory the validation added. The
validation runs in a fresh child process so the peak is its own. No asserts on time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests" / "validation")]

from validation_examples import (  # type: ignore[import-not-found,unused-ignore]  # noqa: E402
    chat_with_tools,
    write_big_batch,
)

from app.validation import validate  # noqa: E402


def peak_rss_kib() -> int:
    """This process's peak resident memory (VmHWM on Linux)."""
    try:
        with open("/proc/self/status") as status:
            for row in status:
                if row.startswith("VmHWM:"):
                    return int(row.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def measure(path: Path, purpose: str, runs: int) -> dict[str, Any]:
    """Child side: validate `runs` times, report the best time and the peak memory growth."""
    before = peak_rss_kib()
    best = best_cpu = float("inf")
    report = None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        report = validate(path, purpose)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    assert report is not None
    return {
        "seconds": best,
        "cpu_seconds": best_cpu,
        "peak_growth_kib": peak_rss_kib() - before,
        "peak_kib": peak_rss_kib(),
        "lines": report.lines,
        "summary": report.summary(),
    }


def run_child(path: Path, purpose: str, runs: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(path), purpose, str(runs)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO_ROOT)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def write_fine_tune(path: Path, target_bytes: int) -> int:
    count = written = 0
    with path.open("w", encoding="utf-8") as stream:
        while written < target_bytes:
            line = json.dumps(chat_with_tools(f"City {count}")) + "\n"
            stream.write(line)
            written += len(line)
            count += 1
    return count


def show(name: str, path: Path, result: dict[str, Any]) -> None:
    size_mb = path.stat().st_size / (1024 * 1024)
    print(
        f"{name}: {size_mb:.1f} MB, {result['lines']:,} lines, best {result['seconds']:.2f} s "
        f"= {size_mb / result['seconds']:.0f} MB/s "
        f"({size_mb / result['cpu_seconds']:.0f} MB/s of CPU time); "
        f"peak RSS {result['peak_kib'] / 1024:.1f} MB "
        f"(+{result['peak_growth_kib'] / 1024:.1f} MB while validating); {result['summary']}"
    )


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(measure(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=199.0, help="batch file size (≤ 200)")
    parser.add_argument("--runs", type=int, default=3, help="validations; the best is shown")
    parser.add_argument("--fine-tune", action="store_true", help="also a chat fine-tune file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hoist-bench-") as folder:
        batch = Path(folder) / "batch.jsonl"
        write_big_batch(batch, int(args.size_mb * 1024 * 1024))
        show("batch", batch, run_child(batch, "batch", args.runs))
        batch.unlink()
        if args.fine_tune:
            tune = Path(folder) / "train.jsonl"
            write_fine_tune(tune, int(args.size_mb * 1024 * 1024))
            show("fine-tune (chat with tools)", tune, run_child(tune, "fine-tune", args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
