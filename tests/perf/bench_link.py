"""Links with limits: a shaped link (per-connection and total caps) for concurrency "auto"
against fixed numbers, small files behind latency, and 100 files against a request-rate
limit. Each function returns raw per-run samples; run.py builds the table."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.perf.bench_transfer import Samples, hoist_upload, parts_phase, sdk
from tests.perf.harness import PYTHON, REPO_ROOT, Sandbox, Workspace

MiB = 1024 * 1024
PROXY = str(REPO_ROOT / "tests" / "perf" / "linkproxy.py")
LINK_PART = 4 * MiB


@dataclass
class ShapedLink:
    """tests/perf/linkproxy.py in front of a sandbox (its own process)."""

    upstream: Sandbox
    per_connection: float
    total: float
    process: subprocess.Popen[str] | None = None
    base_url: str = ""

    def __enter__(self) -> ShapedLink:
        upstream_port = self.upstream.base_url.split(":")[2].split("/")[0]
        argv = [PYTHON, PROXY, upstream_port, str(self.per_connection), str(self.total)]
        self.process = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, cwd=REPO_ROOT
        )
        assert self.process.stdout is not None
        port = self.process.stdout.readline().strip()
        if not port.isdigit():
            self.__exit__()
            raise RuntimeError(f"the link proxy did not start: {port!r}")
        self.base_url = f"http://127.0.0.1:{port}/v1"
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def bench_auto(
    ws: Workspace, sandbox: Sandbox, link: ShapedLink, path: Path, runs: int, fixed: tuple[int, ...]
) -> Samples:
    """The same file over the shaped link with --concurrency auto and each fixed number
    (alternating within a run); MB/s over the parts phase (first part → complete)."""
    size = path.stat().st_size
    out = Samples()
    for _ in range(runs):
        for setting in ("auto", *fixed):
            sandbox.reset_log()
            hoist_upload(
                ws, sandbox, [path], concurrency=setting, part_size=LINK_PART,
                base_url=link.base_url,
            )  # fmt: skip
            out.add(f"{setting}_mb_s", size / parts_phase(sandbox) / 1e6)
            sandbox.delete_all_files()
    return out


def bench_small_latency(
    ws: Workspace, new_sandbox: Callable[[], Sandbox], files: list[Path], runs: int
) -> Samples:
    """Many small files, every answer 40 ms late: `hoist upload` (default 4 in flight, and
    auto) vs files.create in a loop, each against a fresh sandbox."""
    out = Samples()
    for _ in range(runs):
        for name, setting in (("hoist", 4), ("auto", "auto")):
            with new_sandbox() as box:
                child = hoist_upload(ws, box, files, method="auto", concurrency=setting)
            out.add(f"{name}_files_s", len(files) / child.wall)
        with new_sandbox() as box:
            child = sdk(ws, box, "create", files)
        out.add("sdk_files_s", len(files) / child.wall)
    return out


def bench_rate_limit(
    ws: Workspace, new_sandbox: Callable[[], Sandbox], files: list[Path], runs: int, rpm: int
) -> Samples:
    """Small files against a sandbox that allows ``rpm`` POST /files per minute: did all
    complete, how long (against the limit's minimum time), how many 429 answers."""
    out = Samples()
    for _ in range(runs):
        with new_sandbox() as box:
            child = hoist_upload(ws, box, files, method="auto")
            log = [e for e in box.requests() if e["method"] == "POST" and e["path"] == "/v1/files"]
        refused = sum(1 for e in log if e.get("status") == 429)
        times = sorted(float(e["time"]) for e in log if e.get("status") == 200)
        out.add("wall_s", child.wall)
        out.add("refused", refused)
        out.add("completed", len(times))
        out.add("phase_s", times[-1] - times[0] if len(times) > 1 else 0.0)
    return out
