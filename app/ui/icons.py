"""SVG icons from resources/icons, drawn in the palette's text colour at any size.

The SVGs use ``currentColor``; an icon engine substitutes the current palette colour
(normal or disabled) each time a pixmap is needed, so icons follow light/dark themes and
stay crisp on high-DPI screens.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
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


@cache
def _rendered(name: str, rgba: int, width: int, height: int) -> QPixmap:
    """The SVG drawn once per colour and pixel size: Qt asks an icon engine for a pixmap on
    every repaint of a button (a toolbar's enabled state changes often during an upload)."""
    text = _svg_source(name).replace("currentColor", QColor.fromRgba(rgba).name())
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    pixmap = QPixmap(QSize(width, height))
    pixmap.fill(Qt.GlobalColor.transparent)
    if renderer.isValid():
        side = min(width, height)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF((width - side) / 2, (height - side) / 2, side, side))
        painter.end()
    return pixmap


class SvgIconEngine(QIconEngine):
    """Renders one SVG in the palette colour matching the icon mode."""

    def __init__(self, name: str, color: QColor | None = None) -> None:
        super().__init__()
        self._name = name
        self._color = color

    def _rgba(self, mode: QIcon.Mode) -> int:
        if self._color is not None and mode != QIcon.Mode.Disabled:
            return self._color.rgba()
        return _palette_color(mode).rgba()

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        side = min(rect.width(), rect.height())
        pixmap = self.scaledPixmap(QSize(side, side), mode, state, scale)
        left = rect.x() + (rect.width() - side) // 2
        top = rect.y() + (rect.height() - side) // 2
        painter.drawPixmap(QRect(left, top, side, side), pixmap)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return QPixmap(_rendered(self._name, self._rgba(mode), size.width(), size.height()))

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
