"""The desktop window (PySide6 + qasync). Only app.__main__ imports this package."""

from __future__ import annotations

import os
import sys

NO_DESKTOP = (
    "hoist: there is no desktop session here to show the window in. "
    "Run it from your desktop, or use the command line: hoist upload FILE --purpose P "
    "(see hoist --help)."
)


def has_display() -> bool:
    """On Linux and BSD a window needs X11 or Wayland (or a platform chosen explicitly)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return True
    names = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return any(os.environ.get(name) for name in names)


def run(files: list[str], sandbox: bool) -> int:
    """`hoist` → the window; `hoist FILE...` → with those files added (or handed to the
    window already open); `hoist --sandbox` → against the built-in local sandbox."""
    if not has_display():
        print(NO_DESKTOP, file=sys.stderr)
        return 1
    from app.ui.app import run_app

    return run_app(list(files), bool(sandbox))


__all__ = ["run"]
