"""The quadrant chart of measures drawn with reportlab.graphics: x the CO2 cut (t), y the
pollutant-equivalent cut, one point per measure coloured by its synergy class, the axes through
zero. The scale (``domain.synergy.quadrant_scale``) and colours are the window's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from ..domain.axis import step_decimals
from ..domain.rounding import format_number
from ..domain.synergy import CLASS_COLOURS, CLASSES, class_label, quadrant_scale
from .fonts import cjk_font

GRID = colors.HexColor("#dddddd")
AXIS = colors.HexColor("#333333")
LABEL = colors.HexColor("#555555")


def quadrant_chart(title: str, points: Sequence[tuple[float, float, str | None]], width: float,
                   height: float = 95 * mm) -> Drawing:
    """``points``: (CO2 cut, equivalents cut, class) per measure."""
    font = cjk_font()
    drawing = Drawing(width, height, initialFontName=font)
    drawing.add(String(width / 2, height - 12, title, fontName=font, fontSize=10, textAnchor="middle"))
    x_low, x_high, x_step = quadrant_scale(p[0] for p in points)
    y_low, y_high, y_step = quadrant_scale(p[1] for p in points)
    left, bottom = 62.0, 46.0
    plot_w, plot_h = width - left - 20, height - bottom - 40

    def sx(value: float) -> float:
        return left + (value - x_low) / (x_high - x_low) * plot_w

    def sy(value: float) -> float:
        return bottom + (value - y_low) / (y_high - y_low) * plot_h

    frame = Rect(left, bottom, plot_w, plot_h)
    frame.strokeColor, frame.fillColor, frame.strokeWidth = GRID, None, 0.5
    drawing.add(frame)
    x_places, y_places = step_decimals(x_step), step_decimals(y_step)
    for number in range(round((x_high - x_low) / x_step) + 1):
        value = x_low + number * x_step
        drawing.add(Line(sx(value), bottom, sx(value), bottom + plot_h, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(String(sx(value), bottom - 10, format_number(value, x_places), fontName=font,
                           fontSize=7, textAnchor="middle", fillColor=LABEL))
    for number in range(round((y_high - y_low) / y_step) + 1):
        value = y_low + number * y_step
        drawing.add(Line(left, sy(value), left + plot_w, sy(value), strokeColor=GRID, strokeWidth=0.4))
        drawing.add(String(left - 4, sy(value) - 2.5, format_number(value, y_places), fontName=font,
                           fontSize=7, textAnchor="end", fillColor=LABEL))
    # the axes through zero
    drawing.add(Line(sx(0), bottom, sx(0), bottom + plot_h, strokeColor=AXIS, strokeWidth=1))
    drawing.add(Line(left, sy(0), left + plot_w, sy(0), strokeColor=AXIS, strokeWidth=1))
    corners: tuple[tuple[str, float, float, Literal["start", "end"]], ...] = (
        ("协同减排", left + plot_w - 4, bottom + plot_h - 10, "end"),
        ("此消彼长", left + 4, bottom + plot_h - 10, "start"),
        ("此消彼长", left + plot_w - 4, bottom + 4, "end"))
    for text, x, y, anchor in corners:
        drawing.add(String(x, y, text, fontName=font, fontSize=8, textAnchor=anchor,
                           fillColor=colors.HexColor("#9AA5B1")))
    for x, y, cls in points:
        colour = colors.HexColor(CLASS_COLOURS.get(cls or "none", CLASS_COLOURS["none"]))
        drawing.add(Circle(sx(x), sy(y), 2.6, fillColor=colour, strokeColor=colors.white, strokeWidth=0.4))
    drawing.add(String(left + plot_w, bottom - 22, "二氧化碳减排量（吨/年）→", fontName=font, fontSize=7.5,
                       textAnchor="end", fillColor=AXIS))
    drawing.add(String(4, height - 26, "污染当量削减量（当量/年）↑", fontName=font, fontSize=7.5, fillColor=AXIS))
    x = left
    for cls in CLASSES:
        count = sum(1 for p in points if p[2] == cls)
        text = f"{class_label(cls)}（{count}）"
        drawing.add(Circle(x + 3, 9, 3, fillColor=colors.HexColor(CLASS_COLOURS[cls]), strokeColor=None))
        drawing.add(String(x + 9, 6.5, text, fontName=font, fontSize=7.5, fillColor=AXIS))
        x += 16 + len(text) * 7.5
    return drawing
