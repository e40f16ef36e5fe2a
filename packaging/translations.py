"""The window's translations: update the .ts sources from the code, compile the .qm files.

    .venv/bin/python packaging/translations.py update    # pyside6-lupdate: new strings → .ts
    .venv/bin/python packaging/translations.py release   # pyside6-lrelease: .ts → .qm

The .ts sources live in resources/translations/; the compiled .qm files are committed in
app/ui/translations/ (package data, and bundled by packaging/hoist.spec), and a test checks
they match their .ts. hoist_en.ts holds only the English plural forms ("1 file", "2 files").
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = ROOT / "app" / "ui" / "translations"
LANGUAGES = ("en", "de", "es")
# Where the window's words are: the ui package and the provider presets it shows.
SOURCES = [*sorted((ROOT / "app" / "ui").glob("*.py")), ROOT / "app" / "providers.py"]


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python (they ship with PySide6)."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found (it comes with PySide6-Essentials)")
    return found


def ts_path(language: str) -> Path:
    return TS_DIR / f"hoist_{language}.ts"


def qm_path(language: str) -> Path:
    return QM_DIR / f"hoist_{language}.qm"


def update(ts_dir: Path = TS_DIR) -> None:
    ts_dir.mkdir(parents=True, exist_ok=True)
    sources = [str(p.relative_to(ROOT)) for p in SOURCES]
    for language in LANGUAGES:
        extra = ["-pluralonly"] if language == "en" else []
        target = ts_dir / f"hoist_{language}.ts"
        subprocess.run(
            [tool("lupdate"), *extra, "-no-obsolete", "-locations", "none",
             "-target-language", language, *sources, "-ts", str(target)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip


def release(qm_dir: Path = QM_DIR, ts_dir: Path = TS_DIR) -> None:
    qm_dir.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        subprocess.run(
            [tool("lrelease"), "-silent", str(ts_dir / f"hoist_{language}.ts"),
             "-qm", str(qm_dir / f"hoist_{language}.qm")],
            check=True,
        )  # fmt: skip


def main(argv: list[str]) -> int:
    commands = {"update": update, "release": release}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
