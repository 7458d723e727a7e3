"""The legend row of the window's QPainter charts (budget, trends): one swatch and label per
series, wrapping onto a new line when the plot's width is used up."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

SWATCH = 14  # the width of a swatch, in pixels
GAP = 36  # between one label's end and the next swatch


def draw_legend(painter: QPainter, items: list[tuple[QColor, str, str]], plot: QRectF, line_height: int,
                text_colour: QColor) -> None:
    """Draw ``(colour, kind, text)`` items above ``plot``; ``kind`` is ``bar`` (a filled box),
    ``line``, ``dash`` or ``marker`` (a line with a dot, for a series drawn with points)."""
    x, y = plot.left(), 6.0
    for colour, kind, text in items:
        middle = y + line_height / 2
        if kind == "bar":
            painter.fillRect(QRectF(x, y + 3, SWATCH, line_height - 6), colour)
        else:
            style = Qt.PenStyle.DashLine if kind == "dash" else Qt.PenStyle.SolidLine
            painter.setPen(QPen(colour, 2, style))
            painter.drawLine(QPointF(x, middle), QPointF(x + SWATCH, middle))
            if kind == "marker":
                painter.setBrush(colour)
                painter.drawEllipse(QPointF(x + SWATCH / 2, middle), 3, 3)
                painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(text_colour)
        width = painter.fontMetrics().horizontalAdvance(text)
        painter.drawText(QPointF(x + SWATCH + 4, y + line_height - 4), text)
        x += width + GAP
        if x > plot.right() - 80:
            x = plot.left()
            y += line_height + 2
