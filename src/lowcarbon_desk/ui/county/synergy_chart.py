"""The quadrant chart of the year's measures (减污降碳协同), painted with QPainter like the budget
and trend charts: x the CO2 cut (t/a), y the pollutant-equivalent cut, one point per measure
coloured by its synergy class, the axes through zero. Scale and colours are the roll-up PDF's
(``domain.synergy``); hovering a point gives its organisation, measure and figures."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...domain.axis import step_decimals
from ...domain.synergy import CLASS_COLOURS, CLASSES, class_label, quadrant_scale
from ...reports.synergy_data import Measure
from ..chart_legend import draw_legend
from ..formatting import fmt_number

GRID, AXIS, LABEL, QUADRANT = QColor("#dddddd"), QColor("#333333"), QColor("#555555"), QColor("#9aa5b1")
TEXTS = {
    "zh": {"x": "二氧化碳减排量（吨/年）→", "y": "污染当量削减量（当量/年）↑", "synergy": "协同减排",
           "trade_off": "此消彼长", "empty": "本年没有可计算协同效应的措施（第 2 版审核、试点申报）",
           "tip": "%1 · %2\n二氧化碳减排量 %3 吨/年\n污染当量削减量 %4 当量/年\n%5"},
    "en": {"x": "CO2 cut (t/a) →", "y": "Equivalents cut (equivalents/a) ↑", "synergy": "synergy",
           "trade_off": "trade-off", "empty": "No measures with co-benefits this year (version-2 audits, pilots)",
           "tip": "%1 · %2\nCO2 cut %3 t/a\nequivalents cut %4 equivalents/a\n%5"},
}
RADIUS = 4.5


class QuadrantChart(QWidget):
    """Paints measures (``reports.synergy_data.Measure``) in ``lang`` (zh or en)."""

    def __init__(self, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = "en" if lang == "en" else "zh"
        self.texts = TEXTS[self.lang]
        self.measures: list[Measure] = []
        self.setObjectName("synergy_quadrant")
        self.setMinimumSize(420, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(760, 420)

    def set_measures(self, measures: list[Measure]) -> None:
        self.measures = list(measures)
        self.update()

    # --- geometry, shared by painting and hit-testing --------------------------------------
    def scales(self) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
        """``(low, high, step)`` of x and of y."""
        return (quadrant_scale(m.co2_t for m in self.measures),
                quadrant_scale(m.equivalents or 0.0 for m in self.measures))

    def plot(self) -> QRectF:
        metrics = self.fontMetrics()
        (_x_low, x_high, x_step), (y_low, y_high, y_step) = self.scales()
        places = step_decimals(y_step)
        left = max(metrics.horizontalAdvance(fmt_number(v, places)) for v in (y_low, y_high)) + 14
        # the last x label is centred on the plot's right edge
        right = max(16, metrics.horizontalAdvance(fmt_number(x_high, step_decimals(x_step))) / 2 + 6)
        line = metrics.height()
        return QRectF(left, line * 3 + 14, self.width() - left - right, self.height() - line * 6 - 24)

    def position(self, measure: Measure) -> QPointF:
        """Where ``measure`` is drawn."""
        (x_low, x_high, _xs), (y_low, y_high, _ys) = self.scales()
        plot = self.plot()
        return QPointF(plot.left() + (measure.co2_t - x_low) / (x_high - x_low) * plot.width(),
                       plot.bottom() - ((measure.equivalents or 0.0) - y_low) / (y_high - y_low) * plot.height())

    def measure_at(self, point: QPointF) -> Measure | None:
        """The measure drawn nearest ``point`` within a few pixels."""
        best, distance = None, (RADIUS + 3) ** 2
        for measure in self.measures:
            at = self.position(measure)
            gap = (at.x() - point.x()) ** 2 + (at.y() - point.y()) ** 2
            if gap <= distance:
                best, distance = measure, gap
        return best

    def tooltip_text(self, measure: Measure) -> str:
        return (self.texts["tip"].replace("%1", measure.org_name).replace("%2", measure.name)
                .replace("%3", fmt_number(measure.co2_t, 2))
                .replace("%4", fmt_number(measure.equivalents, 1) or "—")
                .replace("%5", class_label(measure.synergy_class, self.lang)))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            measure = self.measure_at(QPointF(event.pos()))
            if measure is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(measure), self)
            return True
        return super().event(event)

    # --- painting --------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.measures:
            painter.setPen(LABEL)
            painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignCenter), self.texts["empty"])
            painter.end()
            return
        plot = self.plot()
        if plot.width() < 60 or plot.height() < 60:
            painter.end()
            return
        line = painter.fontMetrics().height()
        (x_low, x_high, x_step), (y_low, y_high, y_step) = self.scales()

        def sx(value: float) -> float:
            return plot.left() + (value - x_low) / (x_high - x_low) * plot.width()

        def sy(value: float) -> float:
            return plot.bottom() - (value - y_low) / (y_high - y_low) * plot.height()

        x_places, y_places = step_decimals(x_step), step_decimals(y_step)
        for number in range(round((x_high - x_low) / x_step) + 1):
            x = sx(x_low + number * x_step)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(LABEL)
            painter.drawText(QRectF(x - 50, plot.bottom() + 4, 100, line), int(Qt.AlignmentFlag.AlignHCenter),
                             fmt_number(x_low + number * x_step, x_places))
        for number in range(round((y_high - y_low) / y_step) + 1):
            y = sy(y_low + number * y_step)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(LABEL)
            painter.drawText(QRectF(0, y - line / 2, plot.left() - 6, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             fmt_number(y_low + number * y_step, y_places))
        painter.setPen(QPen(AXIS, 1.5))  # the axes through zero
        painter.drawLine(QPointF(sx(0), plot.top()), QPointF(sx(0), plot.bottom()))
        painter.drawLine(QPointF(plot.left(), sy(0)), QPointF(plot.right(), sy(0)))
        painter.setPen(QUADRANT)
        inner = plot.adjusted(6, 4, -6, -4)
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), self.texts["synergy"])
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), self.texts["trade_off"])
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                         self.texts["trade_off"])
        for measure in self.measures:
            colour = QColor(CLASS_COLOURS.get(measure.synergy_class or "none", CLASS_COLOURS["none"]))
            painter.setPen(QPen(QColor("#ffffff"), 1))
            painter.setBrush(colour)
            painter.drawEllipse(self.position(measure), RADIUS, RADIUS)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        counts = {c: sum(1 for m in self.measures if m.synergy_class == c) for c in CLASSES}
        draw_legend(painter, [(QColor(CLASS_COLOURS[c]), "marker", f"{class_label(c, self.lang)} ({counts[c]})")
                              for c in CLASSES], plot, line, AXIS)
        painter.setPen(AXIS)
        painter.drawText(QRectF(plot.left(), plot.top() - line - 4, plot.width(), line),
                         int(Qt.AlignmentFlag.AlignLeft), self.texts["y"])
        painter.drawText(QRectF(plot.left(), plot.bottom() + line + 6, plot.width(), line),
                         int(Qt.AlignmentFlag.AlignRight), self.texts["x"])
        painter.end()
