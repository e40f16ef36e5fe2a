"""The official Node SDK (npm `openai`, pinned in tests/node_sdk/package.json) on the sandbox.

sdk_check.mjs does the work and asserts; this test starts the sandbox on 127.0.0.1 with a
required key, runs the script and checks what it saw and what the sandbox logged.
Without node or the installed package the test fails under CI=true and is skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "sdk_check.mjs"
PACKAGE = HERE / "node_modules" / "openai" / "package.json"
KEY = "sk-test-node-sdk"
RUN_TIMEOUT = 120


def _need(ok: bool, what: str) -> None:
    if ok:
        return
    message = f"{what}; run: npm ci --prefix tests/node_sdk"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_node_sdk_against_the_sandbox(sandbox: Callable[..., Any]) -> None:
    node = shutil.which("node")
    _need(node is not None, "node is not installed")
    _need(PACKAGE.exists(), f"the openai package is not installed at {PACKAGE.parent}")
    assert node is not None
    sb = sandbox(quiet=True, api_key=KEY)
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(SANDBOX_BASE_URL=sb.base_url, OPENAI_API_KEY=KEY)
    done = subprocess.run(
        [node, str(SCRIPT)],
        cwd=HERE,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["listed"] == 5 and seen["files"] == 6
    assert seen["errors"] == ["AuthenticationError", "NotFoundError", "BadRequestError"]

    log = sb.requests()
    pages = [e for e in log if e["method"] == "GET" and e["path"] == "/v1/files"]
    auto = [e for e in pages if "purpose=assistants" in e["query"]]
    assert len(auto) == 3 and all("limit=2" in e["query"] for e in auto)  # 2 + 2 + 1 items
    assert [("after=" in e["query"]) for e in auto] == [False, True, True]
    assert sum(e["path"].endswith("/parts") and e["status"] == 200 for e in log) == 3
    assert {e["status"] for e in log if e["path"].endswith("/complete")} == {200}
    assert any(e["status"] == 401 for e in log)
