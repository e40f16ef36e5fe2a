"""Take the README's Settings screenshots: the Settings dialog (connection, key, uploads,
speed and power) and the status bar's turtle with its tooltip, mid-upload under a cap
(logind played by tests/power/dbus_recorder.py, so the tooltip shows a hold).

Run under a real X server with a window manager, e.g.:

    Xvfb :99 -screen 0 1280x1000x24 & DISPLAY=:99 openbox &
    DISPLAY=:99 dbus-run-session -- sh -c \\
      'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
       .venv/bin/python tests/ui/take_settings_screenshots.py resources/screenshots'
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from shotkit import shot, until

MiB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]


def main(out_dir: str) -> int:
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="hoist-shots-"))
    os.environ["HOIST_HOME"] = str(work / "home")
    sandbox = subprocess.Popen(
        [sys.executable, "-m", "app.sandbox", "--port", "0", "--data-dir", str(work / "sb"),
         "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert sandbox.stdout is not None
    base_url = sandbox.stdout.readline().strip()
    sys.path.insert(0, str(ROOT / "tests" / "power"))
    from dbus_recorder import private_bus, recording

    try:  # logind played by the test recorder on a private bus, as on a desktop
        with private_bus() as bus, recording(bus, "logind"):
            os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = bus
            return _qt(base_url, out, work)
    finally:
        sandbox.terminate()
        sandbox.wait()
        sandbox.stdout.close()


def _qt(base_url: str, out: Path, work: Path) -> int:
    import qasync
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QToolTip

    from app.secrets import KeyStore
    from app.settings import Preferences, Profile, Settings
    from app.ui.app import make_application
    from app.ui.main_window import MainWindow

    prefs = Preferences(part_size=8 * MiB, limit_rate=4_000_000, alternative_rate=500_000)
    profiles = {"work": Profile("work", base_url)}
    Settings(profiles=profiles, active_profile="work", prefs=prefs).save()
    KeyStore.shared().set("work", "sk-test-screenshot-7f3a")
    app = make_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    video = work / "training-videos.tar"
    with video.open("wb") as handle:
        for _ in range(200):
            handle.write(os.urandom(MiB))

    window = MainWindow()
    window.resize(1240, 700)
    window.move(20, 10)
    window.show()

    async def scenario() -> None:
        await window.start([])
        tab = window.queue_tab
        tab.add_paths([str(video)])
        await until(lambda: tab.staged_rows() and not tab.staged_rows()[0].checking)
        await tab.start_uploads()
        await until(lambda: window.speed_label.text() != "", 60)
        await asyncio.sleep(3)  # the speed settles at the cap
        toggle = window.speed_controls.button
        window.speed_controls.refresh()
        corner = toggle.mapToGlobal(QPoint(0, 0))
        QToolTip.showText(corner + QPoint(-420, -60), toggle.toolTip(), toggle)
        await asyncio.sleep(0.5)
        shot(out / "status-turtle.png")
        QToolTip.hideText()
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog is not None
        dialog.move(40, 20)
        await until(lambda: dialog.key_box.saved.text() not in ("Reading…", "No key saved"))
        await dialog.test()
        await asyncio.sleep(0.5)
        shot(out / "settings.png")
        dialog.reject()
        await window.shutdown()

    with loop:
        loop.run_until_complete(asyncio.wait_for(scenario(), 300))
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown of Qt objects (nothing left to save)
