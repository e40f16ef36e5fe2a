"""The benchmark table: rendering it and writing it into RESULTS.md between the markers."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.perf.harness import REPO_ROOT, runner_rss_mb

RESULTS = REPO_ROOT / "tests" / "perf" / "RESULTS.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


LOAD_AT_START = os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        start = f"at the start {LOAD_AT_START:.1f}, " if LOAD_AT_START is not None else ""
        load = f", load average (1 min) {start}at the end {os.getloadavg()[0]:.1f}"
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}{load}"
    )


def render(bench: Any, total: float) -> str:
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Run {date} on {machine()}; median of {bench.runs} runs each, "
        f"{total / 60:.1f} min in all{' (--quick sizes)' if bench.args.quick else ''}.",
        "",
        "| Measure | Hoist | Comparison (same run) | Ratio | Aim |",
        "|---|---:|---|---:|---|",
    ]

    def number(row: Any) -> tuple[float, str]:
        head = row.measure.split(".", 1)[0]
        digits = head.rstrip("abcdefgh")
        return (float(digits) if digits.isdigit() else 99.0, head)

    for row in sorted(bench.rows, key=number):
        lines.append(
            f"| {row.measure} | {row.hoist} | {row.comparison} | {row.ratio} | {row.aim} |"
        )
    lines.append("")
    lines += [f"- {note}" for note in bench.notes]
    lines.append(
        f"- Runner RSS {runner_rss_mb():.0f} MB (a child's ru_maxrss can include "
        "the RSS of the process that spawned it)."
    )
    return "\n".join(lines) + "\n"


def write_results(text: str) -> None:
    block = f"{BEGIN}\n{text}{END}"
    if RESULTS.exists():
        current = RESULTS.read_text(encoding="utf-8")
        if BEGIN in current and END in current:
            head, rest = current.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            RESULTS.write_text(head + block + tail, encoding="utf-8")
            return
    RESULTS.write_text(
        f"# Hoist benchmarks\n\n`.venv/bin/python -m tests.perf.run`\n\n{block}\n", encoding="utf-8"
    )
