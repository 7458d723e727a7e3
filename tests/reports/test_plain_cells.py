"""Plain string cells (``plain_cells.cell``) break into the lines a CJK Paragraph would, and a
table of them prints exactly as the same table of Paragraphs."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from lowcarbon_desk.reports.pdf_common import FRAME_WIDTH, Styles, build_pdf, esc, grid_table
from lowcarbon_desk.reports.plain_cells import cell

TEXTS = [
    "",
    "12,345.678901",
    "原煤（含洗精煤、其他洗煤）",
    "单位负责人对本表数据的真实性、准确性负责，统计负责人审核，填表人填写。",
    "煤场损耗，已盘点 2025 年 3 月（见附件 Inventory-report-2025Q1.pdf）",
    "Energy consumption per unit of industrial value added, tce per 10,000 yuan",
    "  leading and  double   spaces\tand a tab  ",
    "91410199AA3QLY7YUR91410199AA3QLY7YUR",
    "排放因子：2.66 tCO2/t，来源：《省级温室气体清单编制指南》（2011）",
    "《能源统计报表制度》」，。、；：！？）",
    # hostile text: a long run without a break, marks, zero-width and right-to-left characters,
    # a character the font lacks (printed as 〓), an emoji, other whitespace
    "A" * 90 + "，" + "9" * 40,
    "e\u0301te\u0301 \u200bzero\u200bwidth \u202ertl\u202c שלום عربي",
    "𠮷野家 😀 \u3000全角空格\u3000 \x0bvertical\x0ctab\u2028line",
]
WIDTHS = [9 * mm, 22 * mm, 40 * mm, 75 * mm]


def _paragraph_lines(text: str, style, width: float) -> list[str]:
    paragraph = Paragraph(esc(text), style)
    paragraph.wrap(width, 10_000)
    return ["".join(words) for _, words in paragraph.blPara.lines]


@pytest.mark.parametrize("width", WIDTHS)
def test_lines_are_the_paragraphs_lines(width):
    styles = Styles()
    for style in (styles.cell, styles.small, styles.head, styles.cell_right):
        for text in TEXTS:
            plain = cell(text, style, width + 6)
            assert isinstance(plain, str)
            expected = _paragraph_lines(text, style, width)
            assert (plain.split("\n") if plain else []) == expected, (text, width, style.name)


def test_text_a_paragraph_treats_otherwise_stays_a_paragraph():
    styles = Styles()
    assert isinstance(cell("第一行\n第二行", styles.cell, 50 * mm), Paragraph)
    assert isinstance(cell("不\xa0断开", styles.cell, 50 * mm), Paragraph)


def _rows(styles: Styles, widths: list[float], plain: bool) -> list[list[object]]:
    head = ["序号", "能源名称", "消费量（吨）", "说明"]
    body = [[str(i + 1), TEXTS[(i + 2) % len(TEXTS)], f"{1234.5 * (i + 1):,.2f}", text] for i, text in enumerate(TEXTS)]
    if plain:
        return [[cell(t, styles.head, w) for t, w in zip(head, widths, strict=True)]] + [
            [cell(t, styles.cell_right if c == 2 else styles.small if c == 3 else styles.cell, w)
             for c, (t, w) in enumerate(zip(row, widths, strict=True))] for row in body]
    return [[Paragraph(esc(t), styles.head) for t in head]] + [
        [Paragraph(esc(t), styles.cell_right if c == 2 else styles.small if c == 3 else styles.cell)
         for c, t in enumerate(row)] for row in body]


def _page(tmp_path: Path, name: str, plain: bool) -> bytes:
    styles = Styles()
    widths = [9 * mm, 40 * mm, 30 * mm, FRAME_WIDTH - 79 * mm]
    options = {"plain": True, "right_columns": (2,), "small_columns": (3,)} if plain else {}
    story = [grid_table(_rows(styles, widths, plain), widths, shaded_columns=(2,), **options)]
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(build_pdf(story, title="t", subject="s", stamp="2025-01-01T00:00:00+00:00", footer="f"))
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / name)],
                   check=True)
    return next(tmp_path.glob(f"{name}*.pgm")).read_bytes()


def test_a_table_of_plain_cells_prints_as_the_table_of_paragraphs(tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm missing: scripts/setup.sh installs poppler-utils")
    assert _page(tmp_path, "plain", plain=True) == _page(tmp_path, "paragraphs", plain=False)


def test_empty_plain_cells_draw_nothing():
    """An empty string cell of a plain table writes no text object (reportlab writes an empty
    ``BT … Tm  T* ET`` for it)."""
    styles = Styles()
    widths = [30 * mm, 30 * mm]
    table = grid_table([[cell("单位", styles.head, widths[0]), cell("", styles.head, widths[1])],
                        [cell("", styles.cell, widths[0]), cell("12.5", styles.cell_right, widths[1])]],
                       widths, plain=True, right_columns=(1,))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0, invariant=1)
    table.wrapOn(canvas, 200 * mm, 200 * mm)
    table.drawOn(canvas, 20 * mm, 200 * mm)
    canvas.showPage()
    canvas.save()
    content = buffer.getvalue()
    assert content.count(b" Tm ") == 2  # the text objects of 单位 and 12.5
