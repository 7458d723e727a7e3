"""A target's path chart for PDFs: the actual years as a line with points against the linear
target path (dashed) from the base year to the target year."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from ..domain.axis import nice_scale, step_decimals
from ..domain.rounding import format_number
from ..domain.targets import Target
from .charts import PALETTE
from .fonts import cjk_font

ACTUAL = PALETTE[0]
PATH = PALETTE[1]


def path_chart(title: str, series: Sequence[tuple[int, float | None]], target: Target, cut: float | None,
               base: float | None, width: float, height: float = 60 * mm) -> Drawing:
    """Years on x from the base year to the later of the last year and the target year; a year
    without a value breaks the actual line; no path without a cut or a base-year value."""
    drawing = Drawing(width, height, initialFontName=cjk_font())
    font = cjk_font()
    drawing.add(String(width / 2, height - 12, title, fontName=font, fontSize=9, textAnchor="middle"))
    first = target.base_year
    last = max([target.year, *(y for y, _ in series)])
    values = [v for _, v in series if v is not None]
    if base is not None:
        values.append(base)
    top, step = nice_scale(max([*values, 0]))
    left, bottom = 40.0, 30.0
    plot_w, plot_h = width - left - 12, height - bottom - 22

    def x(year: float) -> float:
        return left + plot_w * (year - first) / max(1, last - first)

    def y(value: float) -> float:
        return bottom + plot_h * value / top

    places = step_decimals(step)
    for number in range(round(top / step) + 1):
        v = number * step
        drawing.add(Line(left, y(v), left + plot_w, y(v), strokeColor=colors.HexColor("#dddddd"), strokeWidth=0.4))
        drawing.add(String(left - 3, y(v) - 2.5, format_number(v, places), fontName=font, fontSize=6.5,
                           textAnchor="end"))
    every = -(-(last - first + 1) // 12)
    for index, tick in enumerate(range(first, last + 1)):
        if index % every == 0 or tick == last:
            drawing.add(String(x(tick), bottom - 10, str(tick), fontName=font, fontSize=6.5, textAnchor="middle"))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=colors.black, strokeWidth=0.5))
    if cut is not None and base is not None:
        end = base * (1 - cut / 100)
        points = [x(first), y(base), x(target.year), y(end)]
        if last > target.year:
            points += [x(last), y(end)]
        drawing.add(PolyLine(points, strokeColor=PATH, strokeWidth=1.2, strokeDashArray=[4, 2]))
    segment: list[float] = []
    for year, value in [*series, (None, None)]:
        if value is None or year is None:
            if len(segment) >= 4:
                drawing.add(PolyLine(segment, strokeColor=ACTUAL, strokeWidth=1.5))
            segment = []
            continue
        segment += [x(year), y(value)]
        drawing.add(Circle(x(year), y(value), 2, fillColor=ACTUAL, strokeColor=None))
    legend: tuple[tuple[colors.Color, str, list[float] | None], ...] = (
        (ACTUAL, "实际", None), (PATH, "线性目标路径", [4, 2]))
    for offset, (colour, name, dashed) in enumerate(legend):
        lx = left + offset * 90
        line = Line(lx, 8, lx + 16, 8, strokeColor=colour, strokeWidth=1.5)
        if dashed:
            line.strokeDashArray = dashed
        drawing.add(line)
        drawing.add(String(lx + 20, 5.5, name, fontName=font, fontSize=7))
    return drawing
