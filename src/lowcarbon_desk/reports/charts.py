"""Charts drawn with reportlab.graphics, every label in the embedded CJK font."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from ..domain.axis import nice_scale, step_decimals
from ..domain.rounding import format_number
from .fonts import cjk_font

PALETTE = [colors.HexColor(c) for c in ("#2F6690", "#D9A441", "#3A7D44", "#B5485F", "#7A6C9D",
                                         "#5B8E7D", "#C26D3A", "#4A5568")]


def _whole(value: float) -> str:
    return format_number(value, 0)


def _tenths(value: float) -> str:
    return format_number(value, 1)


def _title(drawing: Drawing, text: str, width: float, height: float) -> None:
    drawing.add(String(width / 2, height - 12, text, fontName=cjk_font(), fontSize=10,
                       textAnchor="middle"))


def _legend(x: float, spacing: float, pairs: list) -> Legend:
    """One row of swatches and names under a chart, in the bundled CJK font."""
    legend = Legend()
    legend.x, legend.y = x, 12  # type: ignore[assignment]  # stubs: int; reportlab takes any number
    legend.dx = legend.dy = 7
    legend.fontName = cjk_font()
    legend.fontSize = 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = spacing  # type: ignore[assignment]  # stubs: int; reportlab takes any number
    legend.colorNamePairs = pairs
    return legend


def _axis_fonts(chart: VerticalBarChart | HorizontalBarChart, size: float = 7) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = cjk_font()
        axis.labels.fontSize = size
    chart.barLabels.fontName = cjk_font()


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def grouped_bars(title: str, categories: Sequence[str], series: Sequence[Sequence[float | None]],
                 names: Sequence[str], width: float, height: float = 70 * mm,
                 value_label: str = "") -> Drawing:
    """Vertical bars, one group per category and one colour per series, with a legend."""
    drawing = Drawing(width, height, initialFontName=cjk_font())
    _title(drawing, title, width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 34
    chart.width, chart.height = width - 60, height - 62  # type: ignore[assignment]  # stubs: int; reportlab takes any number
    chart.data = [[v if v is not None else 0 for v in s] for s in series]
    chart.categoryAxis.categoryNames = list(categories)
    top = max([v for s in chart.data for v in s] + [0])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(top)
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / 5
    chart.valueAxis.labelTextFormat = _whole
    chart.groupSpacing = 4
    _axis_fonts(chart)
    for index in range(len(series)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    drawing.add(_legend(40, 110, [(PALETTE[i % len(PALETTE)], names[i]) for i in range(len(series))]))
    if value_label:
        drawing.add(String(4, height - 24, value_label, fontName=cjk_font(), fontSize=7))
    return drawing


def ranked_bars(title: str, labels: Sequence[str], values: Sequence[float], width: float,
                value_label: str = "", label_width: float = 150) -> Drawing:
    """Horizontal bars, largest first, with the value printed at the end of each bar."""
    row = 13
    height = max(60, row * len(labels) + 50)
    drawing = Drawing(width, height, initialFontName=cjk_font())
    _title(drawing, title, width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 18  # type: ignore[assignment]  # stubs: int; reportlab takes any number
    chart.width, chart.height = width - label_width - 60, height - 42  # type: ignore[assignment]  # stubs: int; reportlab takes any number
    chart.data = [list(reversed([float(v) for v in values])) or [0.0]]
    chart.categoryAxis.categoryNames = list(reversed(list(labels)))
    top = max(chart.data[0] + [0])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(top)
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / 4
    chart.valueAxis.labelTextFormat = _whole
    chart.bars[0].fillColor = PALETTE[0]
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = _tenths
    chart.barLabels.nudge = 14
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = -10
    _axis_fonts(chart)
    drawing.add(chart)
    if value_label:
        drawing.add(String(width - 4, 4, value_label, fontName=cjk_font(), fontSize=7,
                           textAnchor="end"))
    return drawing


TREND_ENERGY, TREND_CO2, TREND_INTENSITY = (colors.HexColor("#1f5fa8"), colors.HexColor("#6b8f71"),
                                             colors.HexColor("#c26d3a"))  # the window's trend chart


def trend_chart(title: str, years: Sequence[int], energy: Sequence[float | None],
                co2: Sequence[float | None], intensity: Sequence[float | None], names: Sequence[str],
                width: float, height: float = 75 * mm, left_label: str = "",
                right_label: str = "") -> Drawing:
    """An organisation's years: energy and CO2 as bars on the left axis, the energy intensity
    as a line with points on the right axis (a year without a value breaks the line). ``years``
    are consecutive; a year without a report has None everywhere. ``names``: the three series."""
    drawing = Drawing(width, height, initialFontName=cjk_font())
    _title(drawing, title, width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 48, 34
    chart.width, chart.height = width - 100, height - 66  # type: ignore[assignment]  # stubs: int; reportlab takes any number
    chart.data = [list(energy), list(co2)]
    every = -(-len(years) // 15)  # at most 15 year labels, so they never overlap
    chart.categoryAxis.categoryNames = [str(y) if i % every == 0 else "" for i, y in enumerate(years)]
    tonnes = max([v for s in chart.data for v in s if v is not None] + [0])
    top, step = nice_scale(tonnes)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    left_places = step_decimals(step)
    chart.valueAxis.labelTextFormat = lambda v: format_number(v, left_places)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.groupSpacing = 8
    chart.barSpacing = 1
    _axis_fonts(chart)
    for index, colour in enumerate((TREND_ENERGY, TREND_CO2)):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    # the intensity on its own scale, drawn over the bars at the middle of each year
    right_top, right_step = nice_scale(max([v for v in intensity if v is not None] + [0]))
    right_x = chart.x + chart.width
    places = step_decimals(right_step)
    for number in range(round(right_top / right_step) + 1):
        y = chart.y + chart.height * number * right_step / right_top
        drawing.add(Line(right_x, y, right_x + 3, y, strokeColor=TREND_INTENSITY, strokeWidth=0.5))
        drawing.add(String(right_x + 5, y - 2.5, format_number(number * right_step, places),
                           fontName=cjk_font(), fontSize=7, fillColor=TREND_INTENSITY))
    drawing.add(Line(right_x, chart.y, right_x, chart.y + chart.height, strokeColor=TREND_INTENSITY,
                     strokeWidth=0.5))
    slot = chart.width / max(1, len(years))
    segment: list[float] = []
    for number, value in enumerate([*intensity, None]):
        if value is None:
            if len(segment) >= 4:
                drawing.add(PolyLine(segment, strokeColor=TREND_INTENSITY, strokeWidth=1.5))
            segment = []
            continue
        x = chart.x + slot * (number + 0.5)
        y = chart.y + chart.height * value / right_top
        segment += [x, y]
        drawing.add(Circle(x, y, 2.2, fillColor=TREND_INTENSITY, strokeColor=None))
    drawing.add(_legend(48, 130, list(zip((TREND_ENERGY, TREND_CO2, TREND_INTENSITY), names, strict=True))))
    if left_label:
        drawing.add(String(4, height - 24, left_label, fontName=cjk_font(), fontSize=7,
                           fillColor=TREND_ENERGY))
    if right_label:
        drawing.add(String(width - 4, height - 24, right_label, fontName=cjk_font(), fontSize=7,
                           textAnchor="end", fillColor=TREND_INTENSITY))
    return drawing
