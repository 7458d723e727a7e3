"""A bar-and-line chart of a budget year, painted directly (no QtCharts in Essentials).

Bars: monthly actual tce. Lines: cumulative actual, cumulative projection (dashed), the
effective budget, its 80 % alert level. Months where the cumulative actual passes the budget
are red, the alert zone amber.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..chart_legend import draw_legend
from ..formatting import fmt_number

OK, ALERT, EXCEEDED = QColor("#4c8c4a"), QColor("#e0a100"), QColor("#c62828")


@dataclass
class BudgetSeries:
    """What the chart shows; built from the editor's current data and computed values."""

    monthly: list[float | None] = field(default_factory=lambda: [None] * 12)
    effective_budget: float | None = None
    alert_pct: float = 80.0
    exceeded_pct: float = 100.0
    projected: float | None = None

    def cumulative(self) -> list[float | None]:
        total = 0.0
        out: list[float | None] = []
        for value in self.monthly:
            if value is None:
                out.append(None)
            else:
                total += value
                out.append(total)
        return out


class BudgetChart(QWidget):
    """Paints ``BudgetSeries``; texts (legend, axis) are given translated by the view."""

    def __init__(self, texts: dict[str, str], parent=None):
        super().__init__(parent)
        self.series = BudgetSeries()
        self.texts = texts
        self.setMinimumSize(520, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(760, 380)

    def set_series(self, series: BudgetSeries) -> None:
        self.series = series
        self.update()

    def _scale_max(self) -> float:
        s = self.series
        candidates = [v for v in s.cumulative() if v is not None]
        candidates += [v for v in (s.effective_budget, s.projected) if v]
        top = max(candidates, default=1.0) * 1.1
        return top if top > 0 else 1.0

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        metrics = painter.fontMetrics()
        line_height = metrics.height()
        left = metrics.horizontalAdvance("1,000,000") + 16
        plot = QRectF(left, line_height * 2 + 12, self.width() - left - 20,
                      self.height() - line_height * 4 - 28)
        if plot.width() < 50 or plot.height() < 50:
            return
        top = self._scale_max()
        s = self.series

        def y_of(value: float) -> float:
            return plot.bottom() - value / top * plot.height()

        # grid and axis labels
        painter.setPen(QPen(QColor("#dddddd"), 1))
        for step in range(6):
            level = top * step / 5
            y = y_of(level)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#555555"))
            painter.drawText(QRectF(0, y - line_height / 2, left - 6, line_height),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             fmt_number(round(level), 0))
            painter.setPen(QPen(QColor("#dddddd"), 1))
        slot = plot.width() / 12
        cumulative = s.cumulative()
        budget = s.effective_budget
        # bars: monthly actual, coloured by the cumulative position against the budget
        for month, value in enumerate(s.monthly):
            x = plot.left() + slot * month
            painter.setPen(QColor("#555555"))
            painter.drawText(QRectF(x, plot.bottom() + 4, slot, line_height),
                             int(Qt.AlignmentFlag.AlignHCenter), self.texts["month"].replace(
                                 "%1", str(month + 1)))
            if value is None:
                continue
            colour = OK
            running = cumulative[month] or 0.0
            if budget and budget > 0:
                pct = running / budget * 100
                colour = EXCEEDED if pct > s.exceeded_pct else (ALERT if pct >= s.alert_pct else OK)
            bar = QRectF(x + slot * 0.2, y_of(value), slot * 0.6, plot.bottom() - y_of(value))
            painter.fillRect(bar, colour)
        # cumulative actual
        path = QPainterPath()
        points = [(plot.left() + slot * (m + 0.5), y_of(v)) for m, v in enumerate(cumulative)
                  if v is not None]
        for position, (x, y) in enumerate(points):
            if position == 0:
                path.moveTo(x, y)
            else:
                path.lineTo(x, y)
        painter.setPen(QPen(QColor("#1f5fa8"), 2))
        painter.drawPath(path)
        for x, y in points:
            painter.drawEllipse(QPointF(x, y), 3, 3)
        # projection: from the last reported month to December
        if s.projected is not None and points:
            pen = QPen(QColor("#1f5fa8"), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(*points[-1]),
                             QPointF(plot.left() + slot * 11.5, y_of(s.projected)))
        # budget and alert lines
        if budget and budget > 0:
            painter.setPen(QPen(EXCEEDED, 2))
            painter.drawLine(QPointF(plot.left(), y_of(budget)), QPointF(plot.right(), y_of(budget)))
            alert = budget * s.alert_pct / 100
            painter.setPen(QPen(ALERT, 1.5, Qt.PenStyle.DashDotLine))
            painter.drawLine(QPointF(plot.left(), y_of(alert)), QPointF(plot.right(), y_of(alert)))
        painter.setPen(QPen(QColor("#333333"), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        self._legend(painter, plot, line_height)
        painter.end()

    def _legend(self, painter: QPainter, plot: QRectF, line_height: int) -> None:
        items = [(OK, "bar", self.texts["actual"]), (QColor("#1f5fa8"), "line", self.texts["cumulative"]),
                 (QColor("#1f5fa8"), "dash", self.texts["projection"]),
                 (EXCEEDED, "line", self.texts["budget"]), (ALERT, "dash", self.texts["alert"])]
        draw_legend(painter, items, plot, line_height, QColor("#333333"))
        painter.setPen(QColor("#555555"))
        painter.drawText(QRectF(plot.left(), plot.bottom() + line_height + 6, plot.width(), line_height),
                         int(Qt.AlignmentFlag.AlignRight), self.texts["unit"])
