"""`hoist upload` waits out network outages: a real process, the fault proxy (tests/netfault)
in front of the real sandbox. The test holds the proxy down for the outage's length (that is
the outage); everything else waits on proxy counters, process output and exit."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from netfault.proxy import DOWN, FaultProxy

REPO_ROOT = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024
KEY = "sk-test-cli-offline-0001"
WAITING = "Waiting for the network since"
BACK = "The network is back after"
EXIT_TIMEOUT = 240.0


class Hoist:
    """`python -m app upload …` in the background; its stderr lines as they come."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", "upload", *args],
            cwd=REPO_ROOT,
            env=dict(os.environ, OPENAI_API_KEY=KEY),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.stdout = ""
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def wait_for_line(self, text: str, count: int = 1, timeout: float = 60.0) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: self.count(text) >= count, timeout):
                raise AssertionError(f"no {count}× {text!r} in: {self.lines}")

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    def finish(self) -> int:
        assert self.process.stdout is not None
        self.stdout = self.process.stdout.read()
        code = self.process.wait(EXIT_TIMEOUT)
        self._close_pipes()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._close_pipes()

    def _close_pipes(self) -> None:
        self._reader.join(10)
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()


@pytest.fixture
def behind_proxy(sandbox: Callable[..., Any]) -> Iterator[tuple[Any, FaultProxy]]:
    box = sandbox()
    with FaultProxy.for_url(box.base_url) as proxy:
        yield box, proxy


@pytest.fixture
def started() -> Iterator[list[Hoist]]:
    runs: list[Hoist] = []
    yield runs
    for run in runs:
        run.kill()


def upload(runs: list[Hoist], path: Path, proxy: FaultProxy, *extra: str) -> Hoist:
    run = Hoist(
        str(path), "--purpose", "user_data", "--part-size", "4MiB", "--concurrency", "2",
        "--base-url", proxy.base_url, *extra,
    )  # fmt: skip
    runs.append(run)
    return run


def random_file(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        for _ in range(size // MiB):
            handle.write(os.urandom(MiB))
    return path


def requests_to(box: Any, suffix: str, status: int = 200) -> list[dict[str, Any]]:
    return [
        r
        for r in box.requests()
        if r["method"] == "POST" and r["path"].endswith(suffix) and r["status"] == status
    ]


def file_id_of(stdout: str, name: str) -> str:
    line = next(line for line in stdout.splitlines() if line.startswith(f"{name}: "))
    return line.split(": ", 1)[1].strip()


def assert_same_bytes(box: Any, file_id: str, path: Path) -> None:
    url = f"{box.base_url}/files/{file_id}/content"
    answer = httpx.get(url, headers={"Authorization": f"Bearer {KEY}"}, timeout=60)
    assert answer.status_code == 200
    assert hashlib.sha256(answer.content).digest() == hashlib.sha256(path.read_bytes()).digest()


def hold_down(proxy: FaultProxy, seconds: float) -> None:
    """The outage: the proxy stays down for `seconds` from the moment it went down."""
    proxy.wait_until(lambda s: s.mode == DOWN, timeout=120)
    time.sleep(seconds)
    proxy.come_up()


def test_two_outages_of_8_and_40_seconds_are_waited_out(
    behind_proxy: tuple[Any, FaultProxy], started: list[Hoist], tmp_path: Path
) -> None:
    box, proxy = behind_proxy
    big = random_file(tmp_path / "big.bin", 64 * MiB)
    proxy.set_mode_when(lambda s: s.bytes_up >= 16 * MiB, DOWN)
    run = upload(started, big, proxy)

    hold_down(proxy, 8)
    run.wait_for_line(WAITING, 1)
    run.wait_for_line(BACK, 1, timeout=60)
    proxy.set_mode_when(lambda s: s.bytes_up >= 40 * MiB, DOWN)
    hold_down(proxy, 40)
    run.wait_for_line(WAITING, 2)
    run.wait_for_line(BACK, 2, timeout=60)

    assert run.finish() == 0, run.lines
    assert run.count(WAITING) == 2 and run.count(BACK) == 2, run.lines
    assert "Traceback" not in "\n".join(run.lines)
    assert len(requests_to(box, "/uploads")) == 1
    # only missing parts go again: at most the 2 in flight per outage beyond the 16
    assert 16 <= len(requests_to(box, "/parts")) <= 16 + 2 * 2
    assert len(requests_to(box, "/complete")) == 1
    assert_same_bytes(box, file_id_of(run.stdout, "big.bin"), big)


def test_started_while_the_network_is_down_completes_when_it_comes_up(
    behind_proxy: tuple[Any, FaultProxy], started: list[Hoist], tmp_path: Path
) -> None:
    box, proxy = behind_proxy
    big = random_file(tmp_path / "big.bin", 12 * MiB)
    proxy.go_down()
    run = upload(started, big, proxy)
    run.wait_for_line(WAITING)
    assert "0 of 3 parts are safe" in next(line for line in run.lines if WAITING in line)

    hold_down(proxy, 15)
    assert run.finish() == 0, run.lines
    assert run.count(BACK) == 1
    assert len(requests_to(box, "/uploads")) == 1
    assert len(requests_to(box, "/parts")) == 3
    assert_same_bytes(box, file_id_of(run.stdout, "big.bin"), big)


def test_max_offline_ends_the_wait_with_one_line_and_the_rerun_resumes(
    behind_proxy: tuple[Any, FaultProxy], started: list[Hoist], tmp_path: Path
) -> None:
    box, proxy = behind_proxy
    big = random_file(tmp_path / "big.bin", 32 * MiB)
    proxy.set_mode_when(lambda s: s.bytes_up >= 16 * MiB, DOWN)
    run = upload(started, big, proxy, "--max-offline", "5s")
    proxy.wait_until(lambda s: s.mode == DOWN, timeout=120)
    went_down = time.monotonic()

    assert run.finish() == 1, run.lines
    assert run.count(WAITING) == 1
    problems = [line for line in run.lines if line.startswith("hoist upload:")]
    assert len(problems) == 1, run.lines
    assert "could not be reached for 5s" in problems[0]
    assert "Run the same command to resume" in problems[0]
    assert "Traceback" not in "\n".join(run.lines)
    stored = len(requests_to(box, "/parts"))
    assert stored >= 1

    time.sleep(max(0.0, 20 - (time.monotonic() - went_down)))  # the rest of the outage
    proxy.come_up()
    rerun = upload(started, big, proxy, "--max-offline", "5s")
    assert rerun.finish() == 0, rerun.lines
    assert len(requests_to(box, "/uploads")) == 1  # the same Upload
    assert len(requests_to(box, "/parts")) <= 8 + 2
    assert_same_bytes(box, file_id_of(rerun.stdout, "big.bin"), big)


def test_max_offline_zero_fails_at_once_with_one_line(
    behind_proxy: tuple[Any, FaultProxy], started: list[Hoist], tmp_path: Path
) -> None:
    box, proxy = behind_proxy
    big = random_file(tmp_path / "big.bin", 12 * MiB)
    proxy.go_down()
    run = upload(started, big, proxy, "--max-offline", "0")
    assert run.finish() == 1, run.lines
    assert run.count(WAITING) == 0
    assert [line for line in run.lines if line.strip()] == [
        "hoist upload: the server could not be reached (--max-offline 0: no waiting); "
        "finished parts are saved. Run the same command to resume."
    ]
    assert box.requests() == []
