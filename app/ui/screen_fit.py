"""Window sizes that fit the screen they open on (a 1440×900 screen at 2× is 720×450)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def fit_to_screen(widget: QWidget, width: int, height: int, share: float = 0.95) -> None:
    """Resize to the wanted size, or to ``share`` of the available screen when smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * share))
        height = min(height, int(available.height() * share))
    widget.resize(max(width, widget.minimumSizeHint().width()), height)


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area: it keeps its size and scrolls when the window
    is shorter or narrower than it (large text, 2× scale, small screens)."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
