"""Running Prism (@stoplight/prism-cli from tests/api/prism) as a mock or a validating proxy."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PRISM_DIR = REPO_ROOT / "tests" / "api" / "prism"
PRISM = PRISM_DIR / "node_modules" / ".bin" / "prism"
PATCH_SPEC = PRISM_DIR / "patch_spec.js"
SPEC = REPO_ROOT / "tests" / "api" / "openai-spec" / "openapi.yaml"  # the official one (MIT)
START_TIMEOUT = 180.0
# What Prism writes when it judged a request or an answer (warnings included).
PROBLEM_MARKERS = ("Violation", "Request terminated with error")


def missing(what: str) -> None:
    message = f"{what}; run: npm ci --prefix tests/api/prism"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def require_prism() -> None:
    if not PRISM.exists():
        missing(f"Prism is not installed at {PRISM}")
    if not SPEC.exists():
        missing(f"The OpenAPI spec is missing at {SPEC}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def spec_with_exceptions(exceptions: list[dict[str, Any]], out: Path) -> Path:
    """The official spec with `exceptions` applied (node patch_spec.js), written as JSON."""
    listing = out.with_suffix(".exceptions.json")
    listing.write_text(json.dumps(exceptions), encoding="utf-8")
    done = subprocess.run(
        ["node", str(PATCH_SPEC), str(SPEC), str(listing), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return out


class Prism:
    """`prism proxy SPEC UPSTREAM --errors` on a free loopback port, its log in a file."""

    def __init__(self, spec: Path, upstream: str, log_path: Path, key: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._key = key
        argv = [str(PRISM), "proxy", "-h", "127.0.0.1", "-p", str(self.port)]
        with log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [*argv, str(spec), upstream, "--errors"],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"Prism did not start (exit {self.process.poll()}):\n{self.log()}")
            time.sleep(0.5)

    def _answers(self) -> bool:
        request = urllib.request.Request(
            f"{self.url}/files", headers={"Authorization": f"Bearer {self._key}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=5):
                return True
        except urllib.error.HTTPError:
            return True  # Prism is serving (its judgement is the test's business)
        except (urllib.error.URLError, OSError):
            return False

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def problems(self) -> list[str]:
        """Every line where Prism reported a violation or refused an exchange."""
        return [line for line in self.log().splitlines() if any(m in line for m in PROBLEM_MARKERS)]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
