"""Any unexpected exception in the CLI: one line naming the log file, exit 1; the traceback
only in the log, with the key redacted."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_run import KEY, REPO_ROOT

BOOT = (
    "import sys\n"
    "sys.path.insert(0, 'tests/cli')\n"
    "import app.cli\n"
    "app.cli.COMMAND_MODULES['boom'] = 'boom_cmd'\n"
    "from app.__main__ import main\n"
    "sys.exit(main(['boom']))\n"
)


def test_an_unexpected_exception_is_one_line_and_the_traceback_goes_to_the_log(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(HOIST_HOME=str(home), OPENAI_API_KEY=KEY)
    run = subprocess.run(
        [sys.executable, "-c", BOOT], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert run.returncode == 1
    log_path = home / "logs" / "hoist-cli.log"
    assert run.stderr.splitlines() == [
        "hoist: Hoist hit an unexpected problem: RuntimeError: internal state broken near "
        f"[redacted]. Details in {log_path}."
    ]
    log = log_path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "boom_cmd.py" in log
    assert KEY not in log and "[redacted]" in log
    assert run.stdout == ""


@pytest.mark.expected_log(r"^journal add_part failed$", logger="app.engine.journaling")
def test_a_logged_failure_is_one_clean_line_on_the_terminal_and_whole_in_the_log(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import _configure_logging

    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    try:
        log_path = _configure_logging()
        assert log_path is not None
        try:
            raise sqlite3.OperationalError("database is locked\x1b[2K")
        except sqlite3.Error:
            logging.getLogger("app.engine.journaling").exception("journal add_part failed")
        for handler in root.handlers:
            handler.flush()
        assert capsys.readouterr().err.splitlines() == [
            "ERROR app.engine.journaling: journal add_part failed "
            "(OperationalError: database is locked)"
        ]
        assert "Traceback (most recent call last)" in log_path.read_text(encoding="utf-8")
    finally:
        for handler in root.handlers:
            if handler not in saved:
                handler.close()
        root.handlers[:] = saved
        root.setLevel(level)
