"""Take the README screenshots: the queue mid-upload and the settings dialog.

Run under a real X server (Xvfb) so the window is drawn as users see it, e.g.:

    Xvfb :99 -screen 0 1280x800x24 &
    DISPLAY=:99 dbus-run-session -- sh -c \\
      'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
       .venv/bin/python tests/ui/take_screenshots.py resources/screenshots'

It starts its own sandbox (with a throughput limit so parts visibly move), a throwaway
HOIST_HOME and a fake key, and captures the screen with ImageMagick's `import`.
Options after the folder: `--dark` (Fusion with a dark palette; files get "-dark"), `--2x`
(run with QT_SCALE_FACTOR=2 on a 1440×900 screen; the window sizes itself to fit; files
get "-2x"; the settings shot is skipped), `--lang=de` / `--lang=es` (the window's language,
chosen as the Settings override does; files get "-de").

Settings is grown to its content as far as the screen allows (it scrolls when shorter). On a
screen taller than 800 px (1280x1120 shows all of it) the shots keep only the screen's part
down to just below the lowest window, so the queue shot stays 1280x800.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from shotkit import shot, until

MiB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]


def _files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    examples = folder / "support-chats.jsonl"
    with examples.open("w") as handle:
        line = {
            "messages": [
                {"role": "system", "content": "You are a helpful agent."},
                {"role": "user", "content": "Where is my parcel? " * 20},
                {"role": "assistant", "content": "It left the depot today. " * 20},
            ]
        }
        text = json.dumps(line) + "\n"
        for _ in range(70 * MiB // len(text)):
            handle.write(text)
    made.append(examples)
    for name, size in (
        ("product-manual.pdf", 46 * MiB),
        ("release-notes.md", 180_000),
        ("warehouse-photos.zip", 30 * MiB),
    ):
        path = folder / name
        with path.open("wb") as handle:
            for _ in range(size // MiB):
                handle.write(os.urandom(MiB))
            handle.write(os.urandom(size % MiB))
        made.append(path)
    return made


def _dark_palette() -> object:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e1e1e"),
        (roles.AlternateBase, "#262626"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.Mid, "#4a4a4a"),
        (roles.Highlight, "#3d7bd9"),
        (roles.HighlightedText, "#ffffff"),
        (roles.PlaceholderText, "#9a9a9a"),
        (roles.ToolTipBase, "#353535"),
        (roles.ToolTipText, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    return palette


def _down_to(*windows: Any) -> str:
    """The screen's part down to 25 px below the lowest window's frame."""
    screen = windows[0].screen().geometry()
    bottom = max(w.frameGeometry().bottom() + 1 for w in windows) + 25
    return f"{screen.width()}x{min(screen.height(), bottom)}+0+0"


def _grow_to_content(dialog: Any) -> None:
    """As tall as the dialog's scrolling content asks, where the screen has room."""
    from PySide6.QtWidgets import QScrollArea

    area = dialog.findChild(QScrollArea)
    missing = area.widget().sizeHint().height() - area.viewport().height()
    frame = dialog.frameGeometry().height() - dialog.height()
    room = dialog.screen().availableGeometry().height() - frame - 20
    dialog.resize(dialog.width(), min(dialog.height() + max(0, missing), room))
    dialog.move(dialog.frameGeometry().x(), 10)


def main(out_dir: str, dark: bool = False, double: bool = False, language: str = "") -> int:
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="hoist-shots-"))
    os.environ["HOIST_HOME"] = str(work / "home")
    sandbox = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.sandbox",
            "--port",
            "0",
            "--data-dir",
            str(work / "sb"),
            "--throughput",
            "2500000",
            "--quiet",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert sandbox.stdout is not None
    base_url = sandbox.stdout.readline().strip()
    try:
        return _qt(base_url, out, work, dark, double, language)
    finally:
        sandbox.terminate()
        sandbox.wait()


def _qt(base_url: str, out: Path, work: Path, dark: bool, double: bool, language: str) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    from app.settings import Preferences, Profile, Settings
    from app.ui.app import install_language, make_application
    from app.ui.i18n import translate

    Settings(
        profiles={"work": Profile("work", base_url)},
        active_profile="work",
        prefs=Preferences(part_size=8 * MiB, concurrency=4, language=language),
    ).save()
    from app.secrets import KeyStore

    KeyStore.shared().set("work", "sk-test-screenshot-7f3a")
    app = make_application()
    install_language(app)
    if dark:
        app.setStyle("Fusion")
        app.setPalette(_dark_palette())  # type: ignore[arg-type]
    suffix = ("-dark" if dark else "") + ("-2x" if double else "")
    suffix += f"-{language}" if language else ""
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    files = _files(work / "files")

    from app.ui.main_window import MainWindow

    window = MainWindow()
    if not double:  # at 2× the window sizes itself to the screen
        window.resize(1240, 740)
    window.move(20, 10)
    window.show()

    async def scenario() -> None:
        await window.start([])
        tab = window.queue_tab
        tab.purpose.set_purpose("fine-tune")
        tab.add_paths([str(files[0])])
        await until(lambda: tab.staged_rows() and not tab.staged_rows()[0].checking)
        await tab.start_uploads()
        tab.purpose.set_purpose("assistants")
        tab.expiry.combo.setCurrentText(translate("Pickers", "30 days"))
        tab.add_paths([str(f) for f in files[1:]])
        await until(
            lambda: len(tab.staged_rows()) == 3 and not any(r.checking for r in tab.staged_rows())
        )
        await tab.start_uploads()
        photos = tab.model.get_by_name("warehouse-photos.zip")
        await until(lambda: photos.snapshot is not None and photos.snapshot.upload_id)
        tab.select_key(photos.key)
        tab.pause_selected()
        big = tab.model.get_by_name("support-chats.jsonl")
        await until(lambda: big.snapshot is not None and big.snapshot.parts_done >= 3, 120)
        tab.select_key(big.key)
        await asyncio.sleep(0.6)
        QApplication.processEvents()
        shot(out / f"queue{suffix}.png", "" if double else _down_to(window))
        if double:
            await window.shutdown()
            return
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog is not None
        waiting = (translate("SettingsDialog", "Reading…"), translate("KeyBox", "No key saved"))
        await until(lambda: dialog.key_box.saved.text() not in waiting)
        await dialog.test()
        for _ in range(3):  # the test's answer lays out anew; a wrapped label may grow once more
            await asyncio.sleep(0.3)
            _grow_to_content(dialog)
        await asyncio.sleep(0.4)
        shot(out / f"settings{suffix}.png", _down_to(window, dialog))
        dialog.reject()
        await window.shutdown()

    with loop:
        loop.run_until_complete(asyncio.wait_for(scenario(), 300))
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    code = main(
        args[0] if args else "resources/screenshots",
        dark="--dark" in sys.argv,
        double="--2x" in sys.argv,
        language=next((a[len("--lang=") :] for a in sys.argv if a.startswith("--lang=")), ""),
    )
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown of Qt objects (nothing left to save)
