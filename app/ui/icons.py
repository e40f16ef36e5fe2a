"""SVG icons from resources/icons, drawn in the palette's text colour at any size.

The SVGs use ``currentColor``; an icon engine substitutes the current palette colour
(normal or disabled) each time a pixmap is needed, so icons follow light/dark themes and
stay crisp on high-DPI screens.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer


def resources_dir() -> Path:
    """The folder holding icons/ (inside a PyInstaller bundle or the source tree)."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = []
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    for candidate in candidates:
        if (candidate / "icons").is_dir():
            return candidate
    return candidates[-1]


@cache
def _svg_source(name: str) -> str:
    path = resources_dir() / "icons" / f"{name}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _palette_color(mode: QIcon.Mode) -> QColor:
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.WindowText)


class SvgIconEngine(QIconEngine):
    """Renders one SVG in the palette colour matching the icon mode."""

    def __init__(self, name: str, color: QColor | None = None) -> None:
        super().__init__()
        self._name = name
        self._color = color

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        color = self._color if self._color is not None else _palette_color(mode)
        if self._color is not None and mode == QIcon.Mode.Disabled:
            color = _palette_color(mode)
        text = _svg_source(self._name).replace("currentColor", color.name())
        return QSvgRenderer(QByteArray(text.encode("utf-8")))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        renderer = self._renderer(mode)
        if not renderer.isValid():
            return
        side = min(rect.width(), rect.height())
        target = QRectF(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
        )
        renderer.render(painter, target)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = self.pixmap(
            QSize(round(size.width() * scale), round(size.height() * scale)), mode, state
        )
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, self._color)

    def key(self) -> str:
        return "hoist-svg"


def icon(name: str, color: QColor | None = None) -> QIcon:
    """The named icon (resources/icons/NAME.svg); an empty icon when the file is missing."""
    if not _svg_source(name):
        return QIcon()
    return QIcon(SvgIconEngine(name, color))


def app_icon() -> QIcon:
    """The application's own (fixed-colour) icon."""
    path = resources_dir() / "hoist.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
