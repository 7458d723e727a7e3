"""An organisation's years drawn directly (no QtCharts in Essentials), as the budget chart is.

Per year two bars on the left axis, total energy (tce) and CO2 (t), and the energy intensity
(tce per 10⁴ yuan) as a line with points on the right axis. Every year from the first to the
last stands in its own slot, so a year without an annual report shows as a gap, not as a
shorter distance. Hovering a year highlights it and its tooltip gives the figures.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...domain.axis import nice_scale, step_decimals
from ...storage.history import TrendPoint
from ..chart_legend import draw_legend
from ..formatting import fmt_number
from ..models.trend import year_change

ENERGY, CO2, INTENSITY = QColor("#1f5fa8"), QColor("#6b8f71"), QColor("#c26d3a")
GRID, AXIS, LABEL, MISSING, HOVER = (QColor("#dddddd"), QColor("#333333"), QColor("#555555"),
                                     QColor("#aaaaaa"), QColor("#eef3fa"))
TEXT_KEYS = ("energy", "co2", "intensity", "left_unit", "right_unit", "empty", "tip", "tip_missing",
             "change")


class TrendChart(QWidget):
    """Paints a list of ``TrendPoint`` (oldest first); texts come translated from the page
    (``TEXT_KEYS``; ``%1``… placeholders in the tooltips)."""

    def __init__(self, texts: dict[str, str], parent=None):
        super().__init__(parent)
        missing = [key for key in TEXT_KEYS if key not in texts]
        if missing:
            raise ValueError(f"chart texts missing: {', '.join(missing)}")
        self.texts = texts
        self.points: list[TrendPoint] = []
        self.hover_year: int | None = None
        self.setMinimumSize(420, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(760, 360)

    def set_points(self, points: list[TrendPoint] | tuple[TrendPoint, ...]) -> None:
        self.points = sorted(points, key=lambda p: p.year)
        self.hover_year = None
        self.update()

    # --- geometry, shared by painting and hit-testing --------------------------------------
    def years(self) -> list[int]:
        """Every year from the first to the last with a report."""
        if not self.points:
            return []
        return list(range(self.points[0].year, self.points[-1].year + 1))

    def point_of(self, year: int) -> TrendPoint | None:
        return next((p for p in self.points if p.year == year), None)

    def _scales(self) -> tuple[tuple[float, float], tuple[float, float]]:
        tonnes = max([v for p in self.points for v in (p.total_tce, p.total_co2_t) if v is not None],
                     default=0.0)
        intensity = max([p.energy_intensity for p in self.points if p.energy_intensity is not None],
                        default=0.0)
        return nice_scale(tonnes), nice_scale(intensity)

    def _plot(self) -> QRectF:
        metrics = self.fontMetrics()
        (left_top, left_step), (right_top, right_step) = self._scales()
        left = metrics.horizontalAdvance(fmt_number(left_top, step_decimals(left_step))) + 14
        right = metrics.horizontalAdvance(fmt_number(right_top, step_decimals(right_step))) + 14
        line = metrics.height()
        return QRectF(left, line * 2 + 12, self.width() - left - right, self.height() - line * 4 - 28)

    def year_at(self, x: float) -> int | None:
        """The year whose slot holds the horizontal position ``x`` (None outside the plot)."""
        years = self.years()
        plot = self._plot()
        if not years or not plot.left() <= x < plot.right():
            return None
        return years[min(len(years) - 1, int((x - plot.left()) / (plot.width() / len(years))))]

    def tooltip_text(self, year: int) -> str:
        """The figures of ``year`` as the tooltip shows them."""
        index = next((i for i, p in enumerate(self.points) if p.year == year), None)
        if index is None:
            return self.texts["tip_missing"].replace("%1", str(year))
        point = self.points[index]
        change = year_change(self.points, index)
        change_text = "" if change is None else self.texts["change"].replace(
            "%1", ("+" if change > 0 else "") + fmt_number(change, 1))
        return (self.texts["tip"].replace("%1", str(year)).replace("%2", fmt_number(point.total_tce, 2))
                .replace("%3", change_text).replace("%4", fmt_number(point.total_co2_t, 2))
                .replace("%5", fmt_number(point.energy_intensity, 4) or "—"))

    # --- events ----------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            year = self.year_at(event.pos().x())
            if year is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(year), self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        year = self.year_at(event.position().x())
        if year != self.hover_year:
            self.hover_year = year
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self.hover_year is not None:
            self.hover_year = None
            self.update()
        super().leaveEvent(event)

    # --- painting --------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.points:
            painter.setPen(LABEL)
            painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignCenter), self.texts["empty"])
            painter.end()
            return
        line_height = painter.fontMetrics().height()
        plot = self._plot()
        if plot.width() < 50 or plot.height() < 50:
            painter.end()
            return
        (left_top, left_step), (right_top, right_step) = self._scales()
        self._grid(painter, plot, line_height, left_top, left_step, right_top, right_step)
        years = self.years()
        slot = plot.width() / len(years)
        bar = min(slot * 0.3, 36.0)
        # years far apart (a mistyped period) would print their labels over each other
        every = max(1, math.ceil((painter.fontMetrics().horizontalAdvance("0000") + 6) / slot))

        def y_left(value: float) -> float:
            return plot.bottom() - value / left_top * plot.height()

        def y_right(value: float) -> float:
            return plot.bottom() - value / right_top * plot.height()

        path, started, dots = QPainterPath(), False, []
        for number, year in enumerate(years):
            x = plot.left() + slot * number
            centre = x + slot / 2
            point = self.point_of(year)
            if year == self.hover_year:
                painter.fillRect(QRectF(x, plot.top(), slot, plot.height()), HOVER)
            if number % every == 0:
                painter.setPen(LABEL if point else MISSING)
                painter.drawText(QRectF(x, plot.bottom() + 4, slot, line_height),
                                 int(Qt.AlignmentFlag.AlignHCenter), str(year))
            if point is None:
                started = False  # the line breaks over a year without a report
                continue
            for value, colour, offset in ((point.total_tce, ENERGY, -bar), (point.total_co2_t, CO2, 0.0)):
                if value is not None and value > 0:
                    painter.fillRect(QRectF(centre + offset, y_left(value), bar, plot.bottom() - y_left(value)),
                                     colour)
            if point.energy_intensity is None:
                started = False
                continue
            y = y_right(point.energy_intensity)
            if started:
                path.lineTo(centre, y)
            else:
                path.moveTo(centre, y)
                started = True
            dots.append(QPointF(centre, y))
        painter.setPen(QPen(INTENSITY, 2))
        painter.drawPath(path)
        painter.setBrush(INTENSITY)
        for dot in dots:
            painter.drawEllipse(dot, 3.5, 3.5)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawLine(plot.bottomRight(), plot.topRight())
        self._legend(painter, plot, line_height)
        painter.end()

    def _grid(self, painter: QPainter, plot: QRectF, line_height: int, left_top: float, left_step: float,
              right_top: float, right_step: float) -> None:
        left_decimals, right_decimals = step_decimals(left_step), step_decimals(right_step)
        steps = round(left_top / left_step)
        for step in range(steps + 1):
            y = plot.bottom() - plot.height() * step / steps
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ENERGY)
            painter.drawText(QRectF(0, y - line_height / 2, plot.left() - 6, line_height),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             fmt_number(left_step * step, left_decimals))
            painter.setPen(INTENSITY)
            painter.drawText(QRectF(plot.right() + 6, y - line_height / 2, self.width() - plot.right() - 6,
                                    line_height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             fmt_number(right_top * step / steps, right_decimals))

    def _legend(self, painter: QPainter, plot: QRectF, line_height: int) -> None:
        items = [(ENERGY, "bar", self.texts["energy"]), (CO2, "bar", self.texts["co2"]),
                 (INTENSITY, "marker", self.texts["intensity"])]
        draw_legend(painter, items, plot, line_height, AXIS)
        below = QRectF(0, plot.bottom() + line_height + 6, self.width() - 4, line_height)
        painter.setPen(ENERGY)
        painter.drawText(below.adjusted(4, 0, 0, 0), int(Qt.AlignmentFlag.AlignLeft), self.texts["left_unit"])
        painter.setPen(INTENSITY)
        painter.drawText(below, int(Qt.AlignmentFlag.AlignRight), self.texts["right_unit"])
