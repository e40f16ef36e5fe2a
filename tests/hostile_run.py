"""Running `hoist` as a user would, for the hostile-answer tests: a clean environment, the
key in the environment only, and the child's peak memory measured exactly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
KEY = "hostile-key-Zq81xY7w"  # not sk- shaped: redacted because it is the key in use

# Runs the command as its own child, then reports that child's peak RSS (KiB).
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(str(peak))\n"
    "sys.exit(code)\n"
)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_kib: int

    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def one_line(self) -> str:
        assert self.returncode == 1, (self.returncode, self.stderr[-2000:])
        assert "Traceback" not in self.stderr
        lines = self.lines()
        assert len(lines) == 1, self.stderr[-3000:]
        return lines[0]


def hoist(
    *args: str,
    home: Path,
    key: str | None = KEY,
    base_url: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> Run:
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("OPENAI_") and k.lower() not in PROXY_NAMES
    }
    clean_env["HOIST_HOME"] = str(home)
    if key is not None:
        clean_env["OPENAI_API_KEY"] = key
    if base_url is not None:
        clean_env["OPENAI_BASE_URL"] = base_url
    clean_env.update(env or {})
    rss_file = home.parent / f"{home.name}.rss"
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(rss_file), sys.executable, "-m", "app", *args],
        cwd=REPO_ROOT,
        env=clean_env,
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    peak = int(rss_file.read_text() or 0) if rss_file.exists() else 0
    return Run(
        done.returncode,
        done.stdout.decode("utf-8", "backslashreplace"),
        done.stderr.decode("utf-8", "backslashreplace"),
        peak,
    )


PROXY_NAMES = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}


def write_prefs(home: Path, **prefs: object) -> None:
    """Preferences as the settings file holds them (e.g. max_attempts=1)."""
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"prefs": prefs}))


def everything_under(folder: Path) -> bytes:
    """All bytes of all files under folder (the journal with its -wal, logs, settings)."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())
