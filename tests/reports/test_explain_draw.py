"""The appendix's explanation tables (``explain_draw.ExplanationTable``) print exactly as
reportlab's Table printed them, also when a long explanation breaks across pages and its top
row repeats, while writing one text object per table instead of one per line."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

from lowcarbon_desk.domain.explain import ExplanationText, Part
from lowcarbon_desk.reports.explain_pdf import HEADING_WIDTH, PART_RULE, VALUE_WIDTH, _cell, _width, explanation_table
from lowcarbon_desk.reports.fonts import cjk_font
from lowcarbon_desk.reports.pdf_common import FRAME_WIDTH, GRID, HEADER_BG, PlainTable, Styles, build_pdf, spacer

STAMP = "2025-01-01T00:00:00+00:00"


def _long(marks: bool) -> ExplanationText:
    """An explanation far longer than a page (with ``marks`` some of its lines need subscripts)."""
    mark = "（Qᵢ 按 B₀ 折算）" if marks else ""
    return ExplanationText("第 3 行 电力 · 碳排放（一年十二个月）", "lines[2].co2", "98,765.432100 吨二氧化碳", (
        Part("formula", "公式", ("碳排放 = Σ 月度用电量 × 电网排放因子",)),
        Part("inputs", "填报值", tuple(
            f"{month} 月 第 {day} 日 用电量 {month * day * 37.25:,.2f} 千瓦时（抄表 {day:02d}，"
            f"{'备注：设备检修期间按前三日均值估算，经车间主任签字确认' if day % 4 == 0 else '正常'}）"
            f"{mark if day % 9 == 0 else ''}"
            for month in range(1, 4) for day in range(1, 31))),
        Part("steps", "中间结果", tuple(f"第 {i} 批 小计 {i * 1234.5:,.2f} 千瓦时" for i in range(1, 40))),
        Part("factors", "参考数据（版本 2025.1）", ("电网排放因子 0.5810 tCO2/MWh — 生态环境部公告（grid_factors: 2022）",)),
    ))


def _texts() -> list[ExplanationText]:
    """A short explanation, one whose label and some lines need subscripts (Paragraph cells),
    one with a value long enough to wrap, and two far longer than a page, one with subscripts."""
    short = ExplanationText("第 1 行 原煤 · 折标准煤", "lines[0].line_tce", "785.73 吨标准煤", (
        Part("formula", "公式", ("折标准煤 = 实物量 × 折标系数",)),
        Part("working", "计算", ("1,100 t × 0.7143 tce/t = 785.73 tce",)),
    ))
    marked = ExplanationText("综合能源消费量 Eᵢ", "total_tce", "12,345.678901 吨标准煤", (
        Part("formula", "公式", ("E = Σ Qᵢ × kᵢ − B₀ + Σ ΔBⱼ",)),
        Part("steps", "中间结果", (*(f"Q{i} = {i * 11.5:,.2f} t；k{i} = 0.{i:04d}" for i in range(1, 7)),
                                   "Aₘ = 0.5 × (A₀ + A₁)，见附件《能源平衡表》第 3 页")),
        Part("factors", "参考数据（版本 2025.1）", ("原煤 0.7143 tce/t — 《综合能耗计算通则》（GB/T 2589-2020）（energy_coefficients: raw_coal）",)),
    ))
    wide = ExplanationText("Energy consumption per unit of industrial value added", "ratio",
                           "0.123456 tce per 10,000 yuan of value added at comparable prices of 2020 " * 3, (
                               Part("working", "计算", ("785.73 / 6,364.5 = 0.123456",)),))
    return [short, marked, wide, _long(marks=False), _long(marks=True)]


def _table_before(text: ExplanationText, styles: Styles) -> Table:
    """The explanation as reportlab's Table drew it before ``ExplanationTable``: every part's
    line spanning its two columns, the rows measured by the table, one text object a line."""
    heading = max([HEADING_WIDTH] + [_width(p.heading, styles.small) for p in text.parts])
    value = min(max(VALUE_WIDTH, _width(text.value, styles.cell)), FRAME_WIDTH * 0.6)
    widths = [heading, FRAME_WIDTH - heading - value, value]
    rows: list[list[object]] = [[_cell(f"{text.label} ({text.path})", styles.cell, widths[0] + widths[1]), "",
                                 _cell(text.value, styles.cell, value)]]
    parts: list[tuple] = []
    for part in text.parts:
        first = len(rows)
        for index, line in enumerate(part.lines):
            rows.append([part.heading if index == 0 else "", _cell(line, styles.cell, widths[1] + widths[2]), ""])
            parts.append(("SPAN", (1, len(rows) - 1), (2, len(rows) - 1)))
        parts.append(("LINEABOVE", (0, first), (-1, first), 0.3, PART_RULE))
    table = PlainTable(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), cjk_font(), styles.cell.fontSize, styles.cell.leading),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("FONT", (0, 1), (0, -1), cjk_font(), styles.small.fontSize, styles.small.leading),
        ("TEXTCOLOR", (0, 0), (-1, 0), styles.head.textColor),
        ("SPAN", (0, 0), (1, 0)),
        ("ALIGN", (2, 0), (2, 0), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("BOX", (0, 0), (-1, -1), 0.4, GRID),
        *parts,
    ]))
    return table


def _pdf(make, lead_mm: float) -> bytes:
    styles = Styles()
    story = [spacer(lead_mm)]
    for text in _texts():
        story += [make(text, styles), spacer(2.5)]
    return build_pdf(story, title="t", subject="s", stamp=STAMP, footer="f")


def _pages(tmp_path: Path, name: str, content: bytes, resolution: int) -> list[bytes]:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", str(resolution), str(pdf), str(tmp_path / f"{name}-{resolution}")], check=True)
    return [page.read_bytes() for page in sorted(tmp_path.glob(f"{name}-{resolution}-*.ppm"))]


@pytest.mark.parametrize("lead_mm", [0, 37, 150])  # the long explanation breaks at other rows
def test_explanations_print_as_the_tables_did_across_pages(tmp_path, lead_mm):
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm missing: scripts/setup.sh installs poppler-utils")
    now, before = _pdf(explanation_table, lead_mm), _pdf(_table_before, lead_mm)
    assert now == _pdf(explanation_table, lead_mm)  # reproducible
    for resolution in (60, 150):
        pages = _pages(tmp_path, "now", now, resolution)
        assert len(pages) >= 3  # the long explanation needs more than a page
        assert pages == _pages(tmp_path, "before", before, resolution)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "now.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert text == subprocess.run(["pdftotext", "-layout", str(tmp_path / "before.pdf"), "-"],
                                  capture_output=True, text=True, check=True).stdout
    # the top row repeats on every page the long explanation reaches
    pages = [page for page in text.split("\f") if "用电量" in page or "小计" in page]
    assert len(pages) >= 2 and all("碳排放（一年十二个月）" in page for page in pages)


def test_an_explanation_is_one_text_object_besides_its_paragraphs():
    styles = Styles()
    text = _long(marks=False)  # no subscripts: no Paragraph cells
    table = explanation_table(text, styles)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0, invariant=1)
    table.wrapOn(canvas, FRAME_WIDTH, 10_000)
    table.drawOn(canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    lines = 1 + sum(len(part.lines) for part in text.parts)
    assert lines > 100
    objects = re.findall(rb"\bBT\b(.*?)\bET\b", buffer.getvalue(), re.S)
    assert len([obj for obj in objects if b" Tj" in obj]) == 1  # the page's font setting aside


def test_only_paragraph_cells_span_and_only_their_rows_are_measured():
    styles = Styles()
    plain = explanation_table(_long(marks=False), styles)
    assert not plain._spanCmds and None not in plain._argH
    marked = explanation_table(_long(marks=True), styles)
    paragraph_rows = [r for r, row in enumerate(marked._cellvalues) if not isinstance(row[1], str)]
    assert paragraph_rows
    assert [start[1] for _, start, _ in marked._spanCmds] == paragraph_rows
    assert [r for r, height in enumerate(marked._argH) if height is None] == paragraph_rows


def test_a_subscript_cell_breaks_its_lines_once_per_width():
    styles = Styles()
    table = explanation_table(_texts()[1], styles)
    paragraph = table._cellvalues[0][0]  # the label, with a subscript
    assert not isinstance(paragraph, str)
    first = paragraph.wrap(100, 1000)
    lines = paragraph.blPara
    assert paragraph.wrap(100, 500) == first and paragraph.blPara is lines
    assert paragraph.wrap(60, 1000) != first and paragraph.blPara is not lines
