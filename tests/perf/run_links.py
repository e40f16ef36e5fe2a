"""The benches of links with limits, as rows of the table (mixed into run.Bench)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.perf import bench_link
from tests.perf.bench_transfer import Samples
from tests.perf.harness import MiB, Sandbox, median

FIXED = (4, 8, 16)
PER_CONNECTION = 8_000_000
TOTAL = 48_000_000
RATE_RPM = 600
RATE_BURST = 10  # the sandbox's default bucket is a minute's worth: 100 files would not notice


def make_small_files(folder: Path, count: int, size: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    files = []
    for index in range(count):
        item = folder / f"note-{index:04d}.txt"
        if not item.exists():
            item.write_bytes(os.urandom(size // 2).hex().encode())
        files.append(item)
    return files


class LinkBenches:
    """Needs from the Bench: ws, sizes, runs, rows, notes, sandbox(), random_file(), Row."""

    ws: Any
    sizes: Any
    runs: int
    rows: list[Any]
    notes: list[str]
    row: Callable[..., None]
    sandbox: Callable[..., Sandbox]
    random_file: Callable[[int], tuple[Path, list[Path]]]

    def small_files(self, folder: str, count: int) -> list[Path]:
        return make_small_files(self.ws.root / folder, count, self.sizes.small_size)

    def _fresh(self, prefix: str, **options: object) -> Callable[[], Sandbox]:
        count = iter(range(1000))
        return lambda: self.sandbox(f"{prefix}{next(count)}", **options)

    def link(self) -> Samples:
        path, _ = self.random_file(self.sizes.link)
        with self.sandbox("link") as box, bench_link.ShapedLink(box, PER_CONNECTION, TOTAL) as link:
            s = bench_link.bench_auto(self.ws, box, link, path, self.runs, FIXED)
        v = {k: median(x) for k, x in s.values.items()}
        best = max(FIXED, key=lambda n: v[f"{n}_mb_s"])
        fixed = ", ".join(f"{n}: {v[f'{n}_mb_s']:.0f}" for n in FIXED)
        self.row(
            f"9. Shaped link ({PER_CONNECTION / 1e6:g} MB/s per connection, {TOTAL / 1e6:g} MB/s "
            f"in all), {self.sizes.link // MiB} MiB: `--concurrency auto` (MB/s)",
            f"{v['auto_mb_s']:.0f}",
            f"fixed {fixed}",
            f"{v['auto_mb_s'] / v[f'{best}_mb_s']:.2f} of the best ({best})",
            "≥ 0.9",
        )
        return s

    def latency(self) -> Samples:
        files = self.small_files("small", self.sizes.small_count)
        fresh = self._fresh("latency", latency=0.04)
        s = bench_link.bench_small_latency(self.ws, fresh, files, self.runs)
        v = {k: median(x) for k, x in s.values.items()}
        count, kb = self.sizes.small_count, self.sizes.small_size // 1024
        self.row(
            f"8b. {count} files of {kb} KB, every answer 40 ms late (files/s)",
            f"{v['hoist_files_s']:.0f}",
            f"SDK files.create loop: {v['sdk_files_s']:.0f}",
            f"{v['hoist_files_s'] / v['sdk_files_s']:.2f}",
            "≥ 3.5",
        )
        self.row(
            "8c. … with `--concurrency auto` (files/s)",
            f"{v['auto_files_s']:.0f}",
            f"SDK: {v['sdk_files_s']:.0f}",
            f"{v['auto_files_s'] / v['sdk_files_s']:.2f}",
            "≥ 3.5",
        )
        return s

    def ratelimit(self) -> Samples:
        count = self.sizes.rate_count
        files = self.small_files("rated", count)
        fresh = self._fresh("rated", files_rpm=RATE_RPM, files_burst=RATE_BURST)
        s = bench_link.bench_rate_limit(self.ws, fresh, files, self.runs, RATE_RPM)
        v = {k: median(x) for k, x in s.values.items()}
        # first to last accepted request: the burst at once, then a token every 0.1 s
        least = max(count - RATE_BURST, 0) / (RATE_RPM / 60)
        self.row(
            f"10. {count} small files, sandbox allowing {RATE_RPM} POST /files a minute (bucket "
            f"of {RATE_BURST}): first to last accepted request (s)",
            f"{v['phase_s']:.1f}",
            f"the limit's minimum: {least:.1f}",
            f"{v['phase_s'] / least:.2f}" if least else "n/a",
            "≤ 1.25",
        )
        self.notes.append(
            f"Rate limit: {min(s.values['completed']):.0f} of {count} files completed in the "
            f"worst run; 429 answers per run: "
            f"{', '.join(str(int(x)) for x in s.values['refused'])} (aim: a handful); whole "
            f"command {v['wall_s']:.1f} s."
        )
        return s
