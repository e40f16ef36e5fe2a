"""The Qt half of `hoist --self-check`: start Qt the way the window does and report.

Runs in a child process (app.selfcheck starts it), because a Qt platform plugin that
cannot load aborts the whole process; the parent turns that into a plain PROBLEM line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _app_icon_path() -> Path | None:
    bundle = getattr(sys, "_MEIPASS", None)
    roots = [Path(bundle)] if bundle else []
    roots.append(Path(__file__).resolve().parents[2])
    for root in roots:
        for candidate in (
            root / "resources" / "hoist.svg",
            root / "resources" / "icons" / "hoist.svg",
        ):
            if candidate.is_file():
                return candidate
    return None


def probe() -> dict[str, Any]:
    """Start a QApplication and describe it; raises if Qt itself is broken."""
    import PySide6
    from PySide6.QtCore import QLibraryInfo, QSize, qVersion
    from PySide6.QtGui import QIcon, QImageReader
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "hoist"])
    assert isinstance(app, QApplication)
    formats = sorted(bytes(f.data()).decode() for f in QImageReader.supportedImageFormats())
    icon_path = _app_icon_path()
    icon_ok = False
    if icon_path is not None:
        pixmap = QIcon(str(icon_path)).pixmap(QSize(32, 32))
        icon_ok = not pixmap.isNull() and pixmap.toImage().pixelColor(16, 16).alpha() > 0
    style = app.style()
    return {
        "qt": qVersion(),
        "pyside": PySide6.__version__,
        "platform": app.platformName(),
        "style": style.name() if style is not None else "",
        "plugins": QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
        "image_formats": formats,
        "icon": str(icon_path) if icon_path else "",
        "icon_ok": icon_ok,
    }


def main() -> int:
    """Print the probe as one JSON line (what the parent process reads)."""
    print(json.dumps(probe()), flush=True)
    return 0
