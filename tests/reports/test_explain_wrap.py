"""Lines of the appendix 计算说明 are broken beforehand (reports/text_wrap.py): within the width,
nothing lost, Chinese broken between characters but not before closing punctuation, Latin
words and numbers kept whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lowcarbon_desk.reports.fonts import cjk_font
from lowcarbon_desk.reports.text_wrap import text_width, wrap

FONT = cjk_font()
SIZE = 8


def _fits(lines: list[str], width: float) -> bool:
    return all(text_width(line, FONT, SIZE) <= width or len(line) == 1 for line in lines)


def test_a_line_that_fits_stays_whole():
    assert wrap("原煤 1,100 吨 × 0.7143 吨标准煤/吨 = 785.73 吨标准煤", 400, FONT, SIZE) == [
        "原煤 1,100 吨 × 0.7143 吨标准煤/吨 = 785.73 吨标准煤"]
    assert wrap("", 100, FONT, SIZE) == [""]


def test_latin_breaks_at_spaces_and_numbers_stay_whole():
    text = "max(8,949.47 t − 0 t, 0) × 2.8604 tCO2/t (Provincial GHG inventory guideline defaults) = 25,599.063988 tCO2"
    lines = wrap(text, 150, FONT, SIZE)
    assert len(lines) > 1 and _fits(lines, 150)
    assert " ".join(lines) == text  # broken at spaces only: every word whole
    assert "25,599.063988" in lines[-1]


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation():
    text = "《省级温室气体清单编制指南（试行）》缺省值（同国家企业温室气体排放核算方法与报告指南），共计"
    for width in range(40, 200, 7):
        lines = wrap(text, width, FONT, SIZE)
        assert "".join(lines) == text and _fits(lines, width), width
        for line in lines[1:]:
            assert line[0] not in "，。）》", (width, lines)
        for line in lines[:-1]:
            assert line[-1] not in "（《", (width, lines)


def test_a_run_without_a_break_is_cut_where_it_overflows():
    text = "co2_factor_source_" * 20
    lines = wrap(text, 120, FONT, SIZE)
    assert "".join(lines) == text and _fits(lines, 120) and len(lines) > 3


def test_explicit_line_breaks_are_kept():
    assert wrap("第一行\n第二行", 300, FONT, SIZE) == ["第一行", "第二行"]


@given(st.text(alphabet="原煤折标准系数（）《》，。 ab1.,×=-/", max_size=120),
       st.integers(min_value=12, max_value=300))
def test_wrapped_lines_fit_and_lose_nothing_but_the_spaces_they_break_at(text, width):
    lines = wrap(text, width, FONT, SIZE)
    assert _fits(lines, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_line_is_broken_once_per_width_and_font(monkeypatch):
    """The same line in another PDF of the package is not broken again; each caller still gets
    a list of its own."""
    from lowcarbon_desk.reports import text_wrap

    broken = []
    real = text_wrap._wrap_one
    monkeypatch.setattr(text_wrap, "_wrap_one", lambda *args: broken.append(args) or real(*args))
    text = "排放因子 2.6600 tCO2/t × 原煤 1,234.5 吨（本测试独有的一行：test_a_line_is_broken_once）"
    first = wrap(text, 90, FONT, SIZE)
    again = wrap(text, 90, FONT, SIZE)
    assert first == again == real(text, 90, FONT, SIZE) and len(first) > 1
    again.append("x")
    assert wrap(text, 90, FONT, SIZE) == first
    assert len(broken) == 1
    wrap(text, 120, FONT, SIZE)
    assert len(broken) == 2
