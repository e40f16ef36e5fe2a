"""At 2× on a 1440×900 screen (720×450 logical) the window and Settings open inside the
screen, can be made as small as it, and keep the status bar and Save visible."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb (.ci/setup installs it)")
def test_window_and_settings_fit_a_1440x900_screen_at_2x(hoist_home: Path) -> None:
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="xcb", PYTHONPATH=str(HERE))
    done = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1440x900x24",
            sys.executable,
            str(HERE / "scale_probe.py"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["ratio"] == 2.0
    sx, sy, sw, sh = shown["screen"]
    assert (sw, sh) == (720, 450)
    for name in ("window", "settings"):
        x, y, w, h = shown[name]
        assert x >= sx and y >= sy and x + w <= sx + sw and y + h <= sy + sh, (name, shown)
        mw, mh = shown[f"{name}_min"]
        assert mw <= sw and mh <= sh, (name, shown)  # an honest minimum that fits
    assert shown["status_bar_visible"] and shown["save_visible"]
