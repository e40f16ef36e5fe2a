"""What a screen reader gets: the real window (`hoist --sandbox FILE`) under Xvfb with the
AT-SPI bus; a walker in the system Python (pyatspi) presses Upload through AT-SPI, waits for
the File ID, and reports every interactive control without a name and the labelled values.
Needs Xvfb, at-spi2-core and python3-pyatspi (.ci/setup) and a D-Bus session (.ci/test)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from uikit import make_file
from xdisplay import private_display

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def _missing() -> str | None:
    if shutil.which("Xvfb") is None:
        return "Xvfb"
    if not Path(BUS_LAUNCHER).exists():
        return "at-spi2-core"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return "python3-pyatspi"
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "a D-Bus session (run through .ci/test)"
    return None


def test_every_control_has_a_name_and_the_values_are_readable(tmp_path: Path) -> None:
    missing = _missing()
    if missing is not None:
        if os.environ.get("CI"):  # CI installs all of it (.ci/setup): never a silent skip there
            pytest.fail(f"the accessibility check needs {missing}")
        pytest.skip(f"needs {missing}")
    with private_display("1440x900x24") as display:
        _check(display, tmp_path)


def _check(x_display: str, tmp_path: Path) -> None:
    env = dict(os.environ, DISPLAY=x_display, QT_QPA_PLATFORM="xcb")
    env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    env.pop("PYTHONPATH", None)
    bus = subprocess.Popen(
        [BUS_LAUNCHER, "--launch-immediately"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    upload = make_file(tmp_path, "report.txt", 40_000)
    window = subprocess.Popen(
        [sys.executable, "-m", "app", "--sandbox", str(upload)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        walked = subprocess.run(
            [SYSTEM_PYTHON, str(HERE / "atspi_walk.py"), "90"],
            env=env,
            capture_output=True,
            text=True,
            timeout=150,
            check=False,
        )
    finally:
        window.send_signal(signal.SIGINT)  # closes like Quit (the upload is done by then)
        try:
            _out, err = window.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            window.kill()
            _out, err = window.communicate()
        bus.terminate()
        bus.wait(timeout=10)
    assert walked.returncode == 0, walked.stderr
    report = json.loads(walked.stdout.strip().splitlines()[-1])
    assert report["pressed"], report
    assert report["checked"] > 10, report  # the tree really was walked
    assert report["unnamed"] == [], report
    values = report["values"]
    assert values["File ID"].startswith("file-"), report
    assert values["Upload ID"], report  # "— (sent in one request…)" or an upload id
    assert values["Active profile"] == "Profile: Sandbox", report
    assert "Traceback" not in err, err
