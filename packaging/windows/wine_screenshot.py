"""Screenshot of the installed Windows app under Wine, on a private Xvfb display:

    python3 packaging/windows/wine_screenshot.py dist/hoist-<v>-windows-x64-setup.exe shot.png

Installs the setup silently per user into a fresh Wine prefix, starts the installed
hoistw.exe --sandbox with two files queued (the "Send to" path) inside a Wine virtual
desktop (Wine then draws the window frames; Xvfb has no window manager), waits until a
window titled "Hoist" is mapped, then lets the window paint once more and takes the shot
with ImageMagick's import. Needs wine, Xvfb, x11-utils (xwininfo) and imagemagick.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from windows_toolchain import default_cache
from wine_prefix import prepare_prefix, wine_env

WINDOW_TIMEOUT = 180.0


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        return server, ":" + pipe.readline().strip()


def hoist_window_mapped(display: str) -> bool:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree", "-display", display], capture_output=True, text=True
    ).stdout
    return any('"Hoist"' in line for line in tree.splitlines())


def main(setup: Path, shot: Path) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="hoist-wine-shot-"))
    prefix = scratch / "prefix"
    prepare_prefix(prefix, default_cache())
    server, display = start_xvfb()
    env = wine_env(prefix, DISPLAY=display, HOIST_HOME="C:\\hoist-home")
    try:
        silent = ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/CURRENTUSER", "/NORESTART"]
        subprocess.run(["wine", str(setup), *silent], env=env, stdin=subprocess.DEVNULL, check=True)
        subprocess.run(["wineserver", "--wait"], env=env, check=True)
        user = os.environ.get("USER", "root")
        app = f"C:\\users\\{user}\\AppData\\Local\\Programs\\Hoist\\hoistw.exe"
        files = ["C:\\windows\\win.ini", "C:\\windows\\system.ini"]
        desktop = "/desktop=Hoist,1280x800"
        # a pipe, not a file or /dev/null: under Wine, Python cannot set up standard
        # streams on those, and the windowed exe then fails to start its interpreter
        window = subprocess.Popen(
            ["wine", "explorer", desktop, app, "--sandbox", *files],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        output = window.stdout
        assert output is not None
        threading.Thread(target=output.read, daemon=True).start()
        deadline = time.monotonic() + WINDOW_TIMEOUT
        while not hoist_window_mapped(display):
            if time.monotonic() > deadline or window.poll() is not None:
                print("the Hoist window did not appear", file=sys.stderr)
                return 1
            time.sleep(0.5)
        time.sleep(5)  # the window is mapped; give Qt its first paint before the shot
        subprocess.run(["import", "-display", display, "-window", "root", str(shot)], check=True)
        print(f"wrote {shot}")
        return 0
    finally:
        subprocess.run(["wineserver", "--kill"], env=env, check=False)
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()))
