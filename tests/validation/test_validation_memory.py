"""A ~200 MB batch file validates with flat memory (a memory bound, not a timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from validation_examples import write_big_batch

REPO_ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter and reads its own peak resident memory: VmHWM on Linux (ru_maxrss
# there can carry the parent's peak over fork), ru_maxrss elsewhere (bytes on macOS).
CHILD = """
import json, resource, sys
from pathlib import Path
from app.validation import validate

def peak_kib():
    try:
        with open("/proc/self/status") as status:
            for row in status:
                if row.startswith("VmHWM:"):
                    return int(row.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak

before = peak_kib()
report = validate(Path(sys.argv[1]), "batch")
after = peak_kib()
print(json.dumps({"growth_kib": after - before, "before_kib": before, "lines": report.lines,
                  "messages": [f.message for f in report.findings]}))
"""


def test_a_200_mb_batch_file_validates_with_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "tickets.jsonl"
    requests = write_big_batch(path, 199 * 1024 * 1024)
    assert path.stat().st_size > 198 * 1024 * 1024
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["messages"] == []
    assert result["lines"] == requests and 45_000 < requests <= 50_000
    # Reading line by line keeps the peak far below the file's size: the custom_id table
    # (~50,000 short strings) and a read buffer, nothing proportional to the 200 MB.
    assert result["growth_kib"] < 50 * 1024, result
