"""Paints a file's progress as one segment per part: pending, sending (with its fill), done,
retrying, failed. Colours come from the palette (or are tuned to its lightness), so the bar
reads on light and dark themes alike."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.engine import PartState
from app.ui.queue_model import QueueModel, Segment

Index = QModelIndex | QPersistentModelIndex


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


class PartColors:
    """The bar's colours for one palette."""

    def __init__(self, palette: QPalette) -> None:
        dark = _is_dark(palette)
        self.track = palette.color(QPalette.ColorRole.Mid)
        self.track.setAlphaF(0.45 if dark else 0.35)
        self.sending = palette.color(QPalette.ColorRole.Highlight)
        self.sending_track = QColor(self.sending)
        self.sending_track.setAlphaF(0.30)
        # Semantic colours, lighter on dark backgrounds and deeper on light ones.
        self.done = QColor("#5cc26f" if dark else "#2e8540")
        self.retrying = QColor("#f0b43c" if dark else "#c77700")
        self.failed = QColor("#ff6b6b" if dark else "#c62828")
        self.separator = palette.color(QPalette.ColorRole.Base)
        self.frame = palette.color(QPalette.ColorRole.Mid)

    def for_state(self, state: PartState) -> tuple[QColor, QColor]:
        """(fill colour, colour of the unfilled rest)."""
        if state is PartState.DONE:
            return self.done, self.done
        if state is PartState.SENDING:
            return self.sending, self.sending_track
        if state is PartState.RETRYING:
            return self.retrying, self.retrying
        if state is PartState.FAILED:
            return self.failed, self.failed
        return self.track, self.track


def paint_segments(
    painter: QPainter, rect: QRectF, segments: list[Segment], palette: QPalette
) -> None:
    """Draw the segments side by side in ``rect``, widths proportional to the part sizes."""
    colors = PartColors(palette)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    radius = min(3.0, rect.height() / 2)
    painter.setPen(Qt.PenStyle.NoPen)
    # Base first, so the bar stays readable on a selected (highlighted) row.
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawRoundedRect(rect, radius, radius)
    painter.setBrush(colors.track)
    painter.drawRoundedRect(rect, radius, radius)
    total = sum(s.weight for s in segments) or 1
    gap = 1.0 if rect.width() / max(len(segments), 1) >= 6 else 0.0
    x = rect.left()
    clip = QRectF(rect)
    painter.setClipRect(clip)
    for segment in segments:
        width = rect.width() * segment.weight / total
        part_rect = QRectF(x, rect.top(), width, rect.height())
        fill_color, rest_color = colors.for_state(segment.state)
        inner = part_rect.adjusted(0, 0, -gap if x + width < rect.right() - 0.5 else 0, 0)
        if segment.state is not PartState.PENDING:
            painter.fillRect(inner, rest_color)
        if segment.state is PartState.SENDING and segment.fill > 0:
            filled = QRectF(inner)
            filled.setWidth(inner.width() * segment.fill)
            painter.fillRect(filled, fill_color)
        x += width
    painter.setClipping(False)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colors.frame, 1))
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    painter.restore()


class PartBarDelegate(QStyledItemDelegate):
    """Delegate for the Progress column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Background (selection, alternating rows) from the style, no text.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        model = index.model()
        segments = model.segments_at(index.row()) if isinstance(model, QueueModel) else []
        if not segments:
            return
        r = QRectF(option.rect)
        height = min(14.0, max(6.0, r.height() - 10))
        bar = QRectF(r.left() + 6, r.center().y() - height / 2, max(r.width() - 12, 4), height)
        paint_segments(painter, bar, segments, option.palette)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 160), max(hint.height(), 24))
