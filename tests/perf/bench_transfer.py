"""Transfers: Hoist (`hoist upload`, a child process) against curl and the official SDK.

Each function returns raw per-run samples; run.py takes the medians and builds the table.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.perf.harness import (
    KEY,
    PYTHON,
    REPO_ROOT,
    Child,
    Sandbox,
    Spawned,
    Workspace,
    clean_env,
    first_time,
    part_requests,
    run,
    spawn,
)

MiB = 1024 * 1024
PART = 64 * MiB
SDK_CHILD = str(REPO_ROOT / "tests" / "perf" / "sdk_child.py")
CURL = "curl"


@dataclass
class Samples:
    """Per-run samples of named measures (lists grow one value per run)."""

    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.values.setdefault(name, []).append(value)


def hoist_upload(
    ws: Workspace,
    sandbox: Sandbox,
    paths: list[Path],
    *,
    method: str = "uploads",
    concurrency: int | str = 4,
    part_size: int = PART,
    timeout: float = 600.0,
    base_url: str | None = None,
) -> Child:
    """`hoist upload` as a user runs it, with a fresh HOIST_HOME (no resume); ``base_url``:
    another way to the sandbox (a shaped link)."""
    argv = [
        PYTHON,
        "-m",
        "app",
        "upload",
        *map(str, paths),
        "--purpose",
        "user_data",
        "--base-url",
        base_url or sandbox.base_url,
        "--method",
        method,
        "--concurrency",
        str(concurrency),
        "--part-size",
        str(part_size),
        "--no-resume",
        "--json",
    ]
    child = run(argv, env=clean_env(ws.home()), timeout=timeout).check()
    lines = [json.loads(x) for x in child.stdout.splitlines() if x.startswith("{")]
    bad = [x for x in lines if x.get("status") != "completed"]
    if bad or len(lines) != len(paths):
        raise RuntimeError(f"hoist upload did not complete every file: {bad[:1]}")
    return child


def sdk(
    ws: Workspace, sandbox: Sandbox, mode: str, paths: list[Path], timeout: float = 900.0
) -> Child:
    argv = [PYTHON, SDK_CHILD, mode, sandbox.base_url, *map(str, paths)]
    return run(argv, env=clean_env(ws.home()), timeout=timeout).check()


def curl_parts(
    sandbox: Sandbox,
    parts: list[Path],
    size: int,
    concurrency: int = 4,
    timeout: float = 600.0,
    md5_of: Path | None = None,
    md5_cpu: list[float] | None = None,
) -> tuple[float, float, float]:
    """Send ``parts`` to a new Upload with curl processes, ``concurrency`` at a time (and,
    with ``md5_of``, `md5sum` of that file alongside: the same work Hoist does).
    Returns (seconds from the first part's arrival to the last process's exit, the
    processes' CPU seconds, the wall time of the whole batch). The Upload is cancelled.
    md5sum's own CPU seconds are appended to ``md5_cpu``."""
    upload = sandbox.api(
        "POST",
        "uploads",
        {
            "bytes": size,
            "filename": "curl.bin",
            "mime_type": "application/octet-stream",
            "purpose": "user_data",
        },
    )
    url = f"{sandbox.base_url}/uploads/{upload['id']}/parts"
    sandbox.reset_log()
    queue = list(parts)
    running: list[Spawned] = []
    cpu = 0.0
    self_md5_cpu = md5_cpu if md5_cpu is not None else []
    began = time.time()
    if md5_of is not None:
        running.append(spawn(["md5sum", str(md5_of)], timeout=timeout))
    deadline = time.monotonic() + timeout
    while (queue or running) and time.monotonic() < deadline:
        while queue and len(running) < concurrency + (md5_of is not None):
            part = queue.pop(0)
            running.append(
                spawn(
                    [
                        CURL,
                        "-sS",
                        "-f",
                        "-o",
                        "/dev/null",
                        "-H",
                        "Expect:",
                        "-H",
                        f"Authorization: Bearer {KEY}",
                        "-F",
                        f"data=@{part}",
                        url,
                    ],
                    timeout=timeout,
                )
            )
        finished = 0
        for item in list(running):
            child = item.poll()
            if child is not None:
                running.remove(item)
                cpu += child.check().cpu
                if child.argv[0] == "md5sum":
                    self_md5_cpu.append(child.cpu)
                finished += 1
        if not finished:
            time.sleep(0.002)
    for item in running:  # only after the deadline
        item.kill()
    ended = time.time()
    if queue or running:
        raise RuntimeError("curl did not finish in time")
    first = first_time(sandbox.requests(), "/parts")
    sandbox.api("POST", f"uploads/{upload['id']}/cancel", {})
    assert first is not None
    return ended - first, cpu, ended - began


def parts_phase(sandbox: Sandbox) -> float:
    """Seconds from the first part's arrival to the complete request's arrival."""
    log = sandbox.requests()
    first, done = first_time(log, "/parts"), first_time(log, "/complete")
    if first is None or done is None:
        raise RuntimeError("the sandbox saw no parts or no complete")
    return done - first


# ----- 1. ceiling on loopback ----------------------------------------------------------------


def bench_ceiling(
    ws: Workspace, sandbox: Sandbox, path: Path, parts: list[Path], runs: int
) -> Samples:
    """The same 64 MiB parts, 4 in flight: Hoist vs curl processes (alternating runs)."""
    size = path.stat().st_size
    out = Samples()
    for _ in range(runs):
        sandbox.reset_log()
        cpu0 = sandbox.cpu_seconds()
        child = hoist_upload(ws, sandbox, [path])
        phase = parts_phase(sandbox)
        out.add("hoist_mb_s", size / phase / 1e6)
        out.add("hoist_e2e_s", child.wall)
        out.add("hoist_cpu_per_gb", child.cpu / (size / 1e9))
        out.add("sandbox_cpu_per_gb_hoist", (sandbox.cpu_seconds() - cpu0) / (size / 1e9))
        sandbox.delete_all_files()
        cpu0 = sandbox.cpu_seconds()
        seconds, cpu, _ = curl_parts(sandbox, parts, size)
        out.add("curl_mb_s", size / seconds / 1e6)
        out.add("curl_cpu_per_gb", cpu / (size / 1e9))
        out.add("sandbox_cpu_per_gb_curl", (sandbox.cpu_seconds() - cpu0) / (size / 1e9))
        md5_cpu: list[float] = []
        seconds, cpu, _ = curl_parts(sandbox, parts, size, md5_of=path, md5_cpu=md5_cpu)
        out.add("curl_md5_mb_s", size / seconds / 1e6)
        out.add("md5sum_cpu_per_gb", sum(md5_cpu) / (size / 1e9))
    return out


# ----- 2. WAN-like link ----------------------------------------------------------------------


def bench_wan(ws: Workspace, sandbox: Sandbox, path: Path, runs: int) -> Samples:
    """The sandbox holds each request to ~20 MB/s and adds 40 ms: Hoist (4 in flight) vs
    the SDK's upload_file_chunked (one part at a time), whole command wall time."""
    out = Samples()
    for _ in range(runs):
        sandbox.reset_log()
        child = hoist_upload(ws, sandbox, [path])
        out.add("hoist_s", child.wall)
        out.add("hoist_phase_s", parts_phase(sandbox))
        sandbox.delete_all_files()
        sandbox.reset_log()
        child = sdk(ws, sandbox, "chunked", [path])
        out.add("sdk_s", child.wall)
        out.add("sdk_phase_s", parts_phase(sandbox))
        sandbox.delete_all_files()
    return out


# ----- 3, 4, 5. a big file: memory, CPU, time to first byte ------------------------------------


def bench_big(
    ws: Workspace, sandbox: Sandbox, path: Path, part_file: Path, runs: int, with_curl: bool = True
) -> Samples:
    """A big sparse file: peak RSS, CPU s/GB and time to the first part's first byte, for
    `hoist upload`, the SDK (and curl for CPU); the SDK's whole command also as the same work,
    the file's MD5 computed first and sent on complete."""
    size = path.stat().st_size
    gb = size / 1e9
    out = Samples()
    for _ in range(runs):
        sandbox.reset_log()
        child = hoist_upload(ws, sandbox, [path], timeout=900)
        log = sandbox.requests()
        first = first_time(log, "/parts")
        assert first is not None and len(part_requests(log)) >= size // PART
        out.add("hoist_rss_mb", child.maxrss_mb)
        out.add("hoist_cpu_per_gb", child.cpu / gb)
        out.add("hoist_ttfb_s", first - child.started)
        out.add("hoist_s", child.wall)
        sandbox.delete_all_files()
        sandbox.reset_log()
        child = sdk(ws, sandbox, "chunked", [path])
        first = first_time(sandbox.requests(), "/parts")
        assert first is not None
        out.add("sdk_rss_mb", child.maxrss_mb)
        out.add("sdk_cpu_per_gb", child.cpu / gb)
        out.add("sdk_ttfb_s", first - child.started)
        out.add("sdk_s", child.wall)
        sandbox.delete_all_files()
        child = sdk(ws, sandbox, "chunked-md5", [path])  # the same work: the MD5 sent too
        out.add("sdk_md5_s", child.wall)
        sandbox.delete_all_files()
        if with_curl:
            count = -(-size // PART)
            _, cpu, wall = curl_parts(sandbox, [part_file] * count, count * PART)
            out.add("curl_cpu_per_gb", cpu / (count * PART / 1e9))
            out.add("curl_s", wall)
    return out


# ----- 8. many small files -------------------------------------------------------------------


def bench_small(
    ws: Workspace, new_sandbox: Callable[[], Sandbox], files: list[Path], runs: int
) -> Samples:
    """Many small files: one `hoist upload` with all of them vs files.create in a loop,
    each run against a fresh sandbox (its per-file work grows with what it holds)."""
    out = Samples()
    for _ in range(runs):
        with new_sandbox() as sandbox:
            child = hoist_upload(ws, sandbox, files, method="auto")
        out.add("hoist_files_s", len(files) / child.wall)
        out.add("hoist_s", child.wall)
        with new_sandbox() as sandbox:
            child = sdk(ws, sandbox, "create", files)
        out.add("sdk_files_s", len(files) / child.wall)
        out.add("sdk_s", child.wall)
    return out
