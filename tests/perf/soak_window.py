"""The long window soak: `.venv/bin/python -m tests.perf.soak_window [SECONDS] [SEED]`.

Runs tests/ui/test_ui_soak.py (random user actions against a throttled, faulty sandbox; see
tests/ui/soak.py) for SECONDS (default 300) the way CI runs tests (.ci/test: a D-Bus session,
offscreen Qt, strict warnings) and prints its summary line. Record the result in RESULTS.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    seconds = argv[0] if argv else "300"
    seed = argv[1] if len(argv) > 1 else "15"
    env = dict(os.environ, HOIST_SOAK_SECONDS=seconds, HOIST_SOAK_SEED=seed)
    done = subprocess.run(
        ["bash", ".ci/test", "tests/ui/test_ui_soak.py", "-q", "-s", "-p", "no:randomly"],
        cwd=REPO,
        env=env,
        check=False,
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
