"""A target's path, painted directly: the actual years as a line with points against the
linear target path (dashed) from the base year to the target year."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.axis import nice_scale, step_decimals
from ...domain.targets import Target
from ..chart_legend import draw_legend
from ..formatting import fmt_number

ACTUAL, PATH, GRID = QColor("#2f6690"), QColor("#d9a441"), QColor("#dddddd")


@dataclass
class PathSeries:
    """What the chart shows (``title`` goes above it, in the view): per year the actual value
    (None: no figure) and the path's ends."""

    title: str = ""
    actual: list[tuple[int, float | None]] = field(default_factory=list)
    first_year: int = 2020
    target_year: int = 2025
    base: float | None = None
    end: float | None = None  # the path's value at the target year (None: no path)

    @classmethod
    def of(cls, title: str, actual: list[tuple[int, float | None]], target: Target, cut: float | None,
           base: float | None) -> PathSeries:
        end = base * (1 - cut / 100) if base is not None and cut is not None else None
        return cls(title, actual, target.base_year, target.year, base, end)

    @property
    def last_year(self) -> int:
        return max([self.target_year, *(y for y, _ in self.actual)])


class PathChart(QWidget):
    """Paints a ``PathSeries``; the legend's words come from the view (its language)."""

    def __init__(self, legend: tuple[str, str], parent=None):
        super().__init__(parent)
        self.series = PathSeries()
        self.legend = legend
        self.setMinimumSize(300, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def set_series(self, series: PathSeries) -> None:
        self.series = series
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        s = self.series
        metrics = painter.fontMetrics()
        line = metrics.height()
        text = self.palette().windowText().color()
        painter.setPen(text)
        left = metrics.horizontalAdvance("0.0000") + 14
        plot = QRectF(left, line * 2 + 12, self.width() - left - 16, self.height() - line * 4 - 16)
        if plot.width() < 60 or plot.height() < 40:
            return
        values = [v for _, v in s.actual if v is not None] + [v for v in (s.base,) if v is not None]
        top, step = nice_scale(max([*values, 0.0]))
        places = step_decimals(step)
        first, last = s.first_year, s.last_year

        def x(year: float) -> float:
            return plot.left() + plot.width() * (year - first) / max(1, last - first)

        def y(value: float) -> float:
            return plot.bottom() - plot.height() * value / top

        for number in range(round(top / step) + 1):
            v = number * step
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y(v)), QPointF(plot.right(), y(v)))
            painter.setPen(text)
            label = fmt_number(v, places)
            painter.drawText(QPointF(plot.left() - metrics.horizontalAdvance(label) - 6, y(v) + line / 3), label)
        every = -(-(last - first + 1) // 8)
        for index, year in enumerate(range(first, last + 1)):
            if index % every == 0 or year == last:
                label = str(year)
                painter.drawText(QPointF(x(year) - metrics.horizontalAdvance(label) / 2, plot.bottom() + line + 2),
                                 label)
        if s.base is not None and s.end is not None:
            points = [QPointF(x(first), y(s.base)), QPointF(x(s.target_year), y(s.end))]
            if last > s.target_year:
                points.append(QPointF(x(last), y(s.end)))
            painter.setPen(QPen(PATH, 2, Qt.PenStyle.DashLine))
            painter.drawPolyline(points)
        painter.setPen(QPen(ACTUAL, 2))
        painter.setBrush(ACTUAL)
        previous: QPointF | None = None
        for year, value in s.actual:
            if value is None:
                previous = None  # a year without a figure breaks the line
                continue
            point = QPointF(x(year), y(value))
            if previous is not None:
                painter.drawLine(previous, point)
            painter.drawEllipse(point, 3, 3)
            previous = point
        painter.setBrush(Qt.BrushStyle.NoBrush)
        draw_legend(painter, [(ACTUAL, "marker", self.legend[0]), (PATH, "dash", self.legend[1])],
                    plot, line, text)
