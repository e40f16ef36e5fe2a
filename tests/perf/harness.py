"""Benchmark plumbing: the sandbox as a subprocess, children measured by os.wait4, test files.

Everything runs on loopback. Every wait is bounded. The runner keeps its own memory small
(it imports neither httpx nor Qt): on Linux a child's ru_maxrss can carry the RSS of the
process that spawned it, so a lean runner keeps the children's figures honest.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
KEY = "sk-test-perf"
MiB = 1024 * 1024
GiB = 1024 * MiB
MB = 1_000_000
SANDBOX_START_TIMEOUT = 60.0
BLOCK = 4 * MiB


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def runner_rss_mb() -> float:
    """This (the runner's) resident memory now."""
    try:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# ----- files --------------------------------------------------------------------------------


def write_random_file(
    path: Path,
    size: int,
    *,
    seed: int = 1,
    parts_dir: Path | None = None,
    part_size: int = 64 * MiB,
) -> list[Path]:
    """A file of non-repeating-looking bytes (a random 4 MiB block, each copy stamped with its
    index). With ``parts_dir`` also writes each ``part_size`` slice as its own file (for curl).
    Returns the part files."""
    import random

    block = bytearray(random.Random(seed).randbytes(BLOCK))
    parts: list[Path] = []
    part_out = None
    written = 0
    with path.open("wb") as out:
        index = 0
        while written < size:
            block[:8] = index.to_bytes(8, "little")
            chunk = memoryview(block)[: min(BLOCK, size - written)]
            out.write(chunk)
            if parts_dir is not None:
                if written % part_size == 0:
                    if part_out is not None:
                        part_out.close()
                    parts.append(parts_dir / f"{path.name}.part{len(parts):03d}")
                    part_out = parts[-1].open("wb")
                assert part_out is not None
                part_out.write(chunk)
            written += len(chunk)
            index += 1
    if part_out is not None:
        part_out.close()
    return parts


def write_sparse_file(path: Path, size: int) -> None:
    """A file of zeros that takes no disk, read once so its pages are cached: the first read
    of a hole makes the kernel create and zero every page (~1 s of system time per GB here),
    which would fall on whichever command ran first."""
    with path.open("wb") as out:
        out.truncate(size)
    buffer = bytearray(MiB)
    with path.open("rb", buffering=0) as source:
        while source.readinto(buffer):
            pass


# ----- children ------------------------------------------------------------------------------


@dataclass
class Child:
    """One finished child process and what the kernel says it used."""

    argv: list[str]
    started: float  # time.time() just before spawning
    wall: float
    user: float
    sys: float
    maxrss_mb: float
    returncode: int
    stdout: str
    stderr: str

    @property
    def cpu(self) -> float:
        return self.user + self.sys

    def check(self) -> Child:
        if self.returncode != 0:
            raise RuntimeError(
                f"{' '.join(self.argv[:4])}… exited with {self.returncode}: "
                f"{self.stderr.strip()[-800:]}"
            )
        return self


@dataclass
class Spawned:
    """A running child; ``finish()`` reaps it with os.wait4 (rusage of that child only)."""

    argv: list[str]
    process: subprocess.Popen[bytes]
    started: float
    clock: float
    out: Any
    err: Any
    timeout: float

    def poll(self) -> Child | None:
        """The finished child, or None while it runs (never use Popen.poll: it reaps)."""
        done_pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
        if done_pid != self.process.pid:
            return None
        return self._collect(status, usage)

    def finish(self) -> Child:
        deadline = self.clock + self.timeout
        while True:
            child = self.poll()
            if child is not None:
                return child
            if time.monotonic() > deadline:
                self.process.kill()
                _, status, usage = os.wait4(self.process.pid, 0)
                return self._collect(status, usage)
            time.sleep(0.005)

    def _collect(self, status: int, usage: os.struct_rusage) -> Child:
        wall = time.monotonic() - self.clock
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self.out.seek(0)
        self.err.seek(0)
        stdout = self.out.read().decode("utf-8", "replace")
        stderr = self.err.read().decode("utf-8", "replace")
        self.out.close()
        self.err.close()
        rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return Child(
            self.argv,
            self.started,
            wall,
            usage.ru_utime,
            usage.ru_stime,
            rss,
            self.process.returncode,
            stdout,
            stderr,
        )

    def kill(self) -> None:
        self.process.kill()
        self.finish()


def spawn(
    argv: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    timeout: float = 300.0,
    cwd: Path = REPO_ROOT,
) -> Spawned:
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by Spawned._collect)
    err = tempfile.TemporaryFile()  # noqa: SIM115
    started, clock = time.time(), time.monotonic()
    process = subprocess.Popen(
        list(argv), stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd
    )
    return Spawned(list(argv), process, started, clock, out, err, timeout)


def run(argv: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 300.0) -> Child:
    return spawn(argv, env=env, timeout=timeout).finish()


def compile_bytecode() -> None:
    """Byte-compile app/ as an install does (pip, the .deb, the installer): a checkout run
    with PYTHONDONTWRITEBYTECODE=1 otherwise compiles ~100 modules from source in every
    child, about 70 ms of CPU the SDK (byte-compiled in site-packages) never pays."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO_ROOT / "app")], env=env, check=True)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a Hoist or SDK child: its own HOIST_HOME, a fake key, no proxies."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "HOIST_"))
        and k != "PYTHONDONTWRITEBYTECODE"
        and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")
    }
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        HOIST_HOME=str(home),
        OPENAI_API_KEY=KEY,
        NO_PROXY="127.0.0.1,localhost",
        QT_QPA_PLATFORM="offscreen",
    )
    env.update(extra)
    return env


# ----- the sandbox ---------------------------------------------------------------------------


@dataclass
class Sandbox:
    """`python -m app.sandbox` on a free loopback port, with its data in ``data_dir``."""

    data_dir: Path
    options: dict[str, Any] = field(default_factory=dict)
    process: subprocess.Popen[str] | None = None
    base_url: str = ""

    def start(self) -> Sandbox:
        argv = [
            PYTHON,
            "-m",
            "app.sandbox",
            "--port",
            "0",
            "--quiet",
            "--data-dir",
            str(self.data_dir),
        ]
        for name, value in self.options.items():
            argv += [f"--{name.replace('_', '-')}", str(value)]
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
            cwd=REPO_ROOT,
        )
        assert self.process.stdout is not None
        import selectors

        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(SANDBOX_START_TIMEOUT):
                self.stop()
                raise RuntimeError("the sandbox did not start in time")
        line = self.process.stdout.readline().strip()
        if not line.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"unexpected first line from the sandbox: {line!r}")
        self.base_url = line
        return self

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def root_url(self) -> str:
        return self.base_url.rsplit("/v1", 1)[0]

    def _call(self, method: str, url: str, body: Any = None, auth: bool = False) -> Any:
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {KEY}"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read() or b"null")

    def requests(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._call("GET", f"{self.root_url}/_sandbox/requests")[
            "requests"
        ]
        return result

    def reset_log(self) -> None:
        self._call("POST", f"{self.root_url}/_sandbox/reset-log", {})

    def set_faults(self, **faults: Any) -> None:
        self._call("POST", f"{self.root_url}/_sandbox/faults", faults)

    def api(self, method: str, path: str, body: Any = None) -> Any:
        return self._call(method, f"{self.base_url}/{path}", body, auth=True)

    def delete_all_files(self) -> None:
        """Free the disk between runs (bounded: at most 50 pages)."""
        for _ in range(50):
            page = self.api("GET", "files?limit=10000")
            ids = [f["id"] for f in page.get("data", [])]
            if not ids:
                return
            for file_id in ids:
                self.api("DELETE", f"files/{file_id}")

    def cpu_seconds(self) -> float:
        """user+sys of the sandbox so far (Linux /proc)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks


def part_requests(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in log if e["method"] == "POST" and e["path"].endswith("/parts")]


def first_time(log: list[dict[str, Any]], suffix: str) -> float | None:
    for entry in log:
        if entry["method"] == "POST" and entry["path"].endswith(suffix):
            return float(entry["time"])
    return None


class Workspace:
    """A temporary folder (on the disk /tmp is on) removed at the end, big files included."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="hoist-perf-"))
        self._homes = 0

    def home(self) -> Path:
        self._homes += 1
        return self.root / f"home{self._homes}"

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
