"""`hoist --self-check` from source: each check reports OK/PROBLEM and the exit status follows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPECTED_LABELS = (
    "Version",
    "Python",
    "Qt",
    "Keyring",
    "Trust store",
    "Settings folder",
    "Data folder",
    "Logs folder",
    "Cache folder",
    "Sandbox",
)


def self_check(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--self-check"],
        cwd=REPO_ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def lines_by_label(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        status, _, rest = line.partition(" ")
        if status in {"OK", "PROBLEM"}:
            found[rest.strip().split(":", 1)[0]] = line
    return found


def test_every_check_reports_ok_or_problem(hoist_home: Path) -> None:
    done = self_check()
    lines = lines_by_label(done.stdout)
    assert tuple(lines) == EXPECTED_LABELS, done.stdout + done.stderr
    assert lines["Version"].startswith("OK") and "from source" in lines["Version"]
    assert lines["Qt"].startswith("OK") and '"offscreen"' in lines["Qt"]
    assert lines["Trust store"].startswith("OK"), lines["Trust store"]
    assert lines["Sandbox"].startswith("OK"), lines["Sandbox"]
    assert str(hoist_home / "data") in lines["Data folder"]
    problems = [line for line in lines.values() if line.startswith("PROBLEM")]
    assert done.returncode == (1 if problems else 0), done.stdout
    if os.environ.get("HOIST_EXPECT_SECRET_SERVICE") == "1":
        assert done.returncode == 0, done.stdout
        assert "SecretService" in lines["Keyring"], lines["Keyring"]
        assert done.stdout.rstrip().endswith("All checks passed.")


def test_no_keyring_backend_is_a_problem() -> None:
    done = self_check(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    keyring_line = lines_by_label(done.stdout)["Keyring"]
    assert keyring_line.startswith("PROBLEM")
    assert "this session" in keyring_line
    assert done.returncode == 1


def test_qt_that_cannot_start_is_a_problem_not_a_crash() -> None:
    done = self_check(QT_QPA_PLATFORM="no-such-platform")
    lines = lines_by_label(done.stdout)
    assert lines["Qt"].startswith("PROBLEM"), done.stdout
    assert "no-such-platform" in lines["Qt"]
    assert "Traceback" not in done.stdout + done.stderr
    # the other checks still ran after the Qt failure
    assert tuple(lines) == EXPECTED_LABELS
    assert done.returncode == 1


def test_unwritable_data_folder_is_a_problem(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"  # a file where a folder should be: unwritable even for root
    blocker.write_text("not a folder")
    done = self_check(HOIST_HOME=str(blocker / "home"))
    lines = lines_by_label(done.stdout)
    assert lines["Data folder"].startswith("PROBLEM"), done.stdout
    assert str(blocker / "home" / "data") in lines["Data folder"]
    assert done.returncode == 1
