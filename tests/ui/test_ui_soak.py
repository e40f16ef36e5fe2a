"""The short soak (about a minute): random user actions against a throttled, faulty sandbox
must not crash the window, warn from Qt or leave an unhandled error (see soak.py)."""

from __future__ import annotations

import faulthandler
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from soak import EXPECTED_LOGGERS, EXPECTED_LOGS, SANDBOX_OPTIONS, Soak
from uikit import write_prefs

SECONDS = float(os.environ.get("HOIST_SOAK_SECONDS", "60"))
SEED = int(os.environ.get("HOIST_SOAK_SEED", "15"))


@pytest.mark.parametrize("logger", [EXPECTED_LOGGERS])
def test_random_user_actions_against_a_faulty_sandbox(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path, expect_log: Any, logger: Any
) -> None:
    for prefix in logger:
        for pattern in EXPECTED_LOGS:
            expect_log(pattern, prefix)
    faulthandler.enable(file=sys.stderr)
    sb = sandbox(**SANDBOX_OPTIONS)
    write_prefs(concurrency=3, max_attempts=4)
    window = open_window(sb.base_url)
    result = Soak(qtbot, window, tmp_path, SEED).run(SECONDS)
    print(f"soak seed {SEED}: {result.line()}")
    assert result.steps > 20 and result.files_added > 0
    assert result.completed > 0  # uploads really went through the faults
