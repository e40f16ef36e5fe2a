"""Shared fixtures: a clean HOIST_HOME per test, a real sandbox server process, and a check
that fails a test on any WARNING or ERROR from our loggers it did not declare."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import logging
import re
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SANDBOX_START_TIMEOUT = 30.0
OUR_LOGGERS = ("hoist", "app")  # hoist.ui, hoist.engine, hoist.qt, ...; app.api, app.secrets


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class ExpectedLogs:
    """What a test declares it will log: ``expect_log(r"regex", logger="hoist.engine")``."""

    patterns: list[tuple[str, str]] = field(default_factory=list)  # (logger prefix, regex)

    def __call__(self, pattern: str, logger: str = "") -> None:
        self.patterns.append((logger, pattern))

    def allows(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        return any(
            record.name.startswith(prefix) and re.search(pattern, text)
            for prefix, pattern in self.patterns
        )


@pytest.fixture
def expect_log() -> ExpectedLogs:
    """Declare a warning or error the test provokes on purpose (see fail_on_unexpected_logs);
    or mark the test ``@pytest.mark.expected_log(r"regex", logger="hoist.engine")``."""
    return ExpectedLogs()


@pytest.fixture(autouse=True)
def fail_on_unexpected_logs(
    request: pytest.FixtureRequest, expect_log: ExpectedLogs
) -> Iterator[None]:
    """A WARNING or ERROR from our loggers fails the test unless the test declared it."""
    for marker in request.node.iter_markers("expected_log"):
        for pattern in marker.args:
            expect_log(pattern, marker.kwargs.get("logger", ""))
    handler = _Collect()
    loggers = [logging.getLogger(name) for name in OUR_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    unexpected = [
        f"{r.levelname} {r.name}: {r.getMessage()}"
        for r in handler.records
        if not expect_log.allows(r)
    ]
    if unexpected:
        pytest.fail("unexpected log records:\n" + "\n".join(unexpected), pytrace=False)


@pytest.fixture(autouse=True)
def hoist_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own state folder and no OPENAI_* settings from outside."""
    home = tmp_path_factory.mktemp("hoist-home")
    monkeypatch.setenv("HOIST_HOME", str(home))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)
    from app.secrets import KeyStore

    KeyStore._shared = None
    return home


@dataclass
class SandboxProc:
    """A `python -m app.sandbox` process on a free loopback port."""

    process: subprocess.Popen[str]
    base_url: str
    data_dir: Path
    stderr_lines: list[str] = field(default_factory=list)
    readers: list[threading.Thread] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def root_url(self) -> str:
        return self.base_url.rsplit("/v1", 1)[0]

    def _control(self, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.root_url}/_sandbox/{path}",
            data=data,
            method="GET" if body is None else "POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")

    def requests(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._control("requests")["requests"]
        return result

    def received(self) -> tuple[int, float]:
        """(body bytes read so far, the sandbox's monotonic clock now)."""
        got = self._control("received")
        return int(got["bytes"]), float(got["at"])

    def set_faults(self, **faults: Any) -> None:
        self._control("faults", faults)

    def reset_log(self) -> None:
        self._control("reset-log", {})

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for reader in self.readers:  # at EOF now that the process is gone
            reader.join(10)
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


def start_sandbox(data_dir: Path, **options: Any) -> SandboxProc:
    args = [sys.executable, "-m", "app.sandbox", "--port", "0", "--data-dir", str(data_dir)]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if isinstance(value, bool):
            if value:
                args.append(flag)
        elif isinstance(value, list | tuple):
            args += [flag, ",".join(str(v) for v in value)]
        else:
            args += [flag, str(value)]
    process = subprocess.Popen(
        args,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"},
    )
    assert process.stdout is not None and process.stderr is not None
    first: list[str] = []
    reader = threading.Thread(target=lambda: first.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(SANDBOX_START_TIMEOUT)
    line = first[0].strip() if first else ""
    if not line.startswith("http"):
        process.kill()
        err = process.stderr.read() if process.poll() is not None else ""
        raise RuntimeError(f"sandbox did not start: {line!r} {err[-2000:]}")
    proc = SandboxProc(process=process, base_url=line, data_dir=data_dir)
    stderr = process.stderr

    def drain() -> None:  # keep the pipes from filling up
        for text in stderr:
            proc.stderr_lines.append(text)
            del proc.stderr_lines[:-200]

    stdout = process.stdout
    proc.readers = [
        threading.Thread(target=drain, daemon=True),
        threading.Thread(target=lambda: [None for _ in stdout], daemon=True),
    ]
    for reader in proc.readers:
        reader.start()
    return proc


@pytest.fixture
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., SandboxProc]]:
    """Factory: sandbox(fail_rate=0.25, seed=1, ...) starts a sandbox with those options."""
    started: list[SandboxProc] = []

    def factory(**options: Any) -> SandboxProc:
        proc = start_sandbox(tmp_path_factory.mktemp("sandbox-data"), **options)
        started.append(proc)
        return proc

    yield factory
    for proc in started:
        proc.stop()
