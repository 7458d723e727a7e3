"""The 减污降碳协同 tables of the county roll-up as plain values, shared by the workbook sheet
and the PDF section so both show the same figures."""

from __future__ import annotations

from functools import cache

from ..domain.forms import get_form
from ..domain.synergy import CLASSES, POLLUTANT_NAMES, POLLUTANTS, class_label
from .synergy_data import Measure, SynergyRollup

SHEET = "减污降碳协同"
POLLUTANT_HEAD = ("项目", "本年措施合计", "旧版记录合计（参考）", "单位")
CLASS_HEAD = ("协同类别", "措施数", "二氧化碳减排量（吨/年）", "污染当量削减量（当量/年）")
TOP_HEAD = ("名次", "单位名称", "措施名称", "来源", "二氧化碳减排量（吨/年）", "污染当量削减量（当量/年）",
            "协同类别", "协同控制比（吨CO2/当量）")


def scope_note(synergy: SynergyRollup) -> str:
    """Which measures the figures rest on."""
    return (f"措施：审核年度为 {synergy.year} 年的清洁生产审核中已实施的方案，和基准年为 {synergy.year} 年的"
            f"低碳试点申报的全部项目（第 2 版起的记录，共 {len(synergy.measures)} 项措施）；旧版记录"
            f"（{synergy.older_records} 份）不计算协同效应，其减排量另列供参考。污染当量削减量 = Σ 削减量（千克）"
            "÷ 污染当量值，挥发性有机物不折算。")


def pollutant_rows(synergy: SynergyRollup) -> list[tuple[str, float | None, float | None, str]]:
    """CO2, each pollutant and the equivalents: this year's measures and, for reference, the
    cuts of older-version records (no equivalents)."""
    rows: list[tuple[str, float | None, float | None, str]] = [
        ("二氧化碳减排量", synergy.co2_total_t, synergy.older_cuts_t.get("co2", 0.0), "吨/年")]
    for pollutant in POLLUTANTS:
        rows.append((f"{POLLUTANT_NAMES[pollutant][0]}削减量", synergy.pollutant_total_t(pollutant),
                     synergy.older_cuts_t.get(pollutant, 0.0), "吨/年"))
    rows.append(("污染当量削减量", synergy.equivalents_total, None, "当量/年"))
    return rows


def class_rows(synergy: SynergyRollup) -> list[tuple[str, int, float, float]]:
    """Per synergy class: the number of measures and their CO2 and equivalents cuts."""
    counts = synergy.class_counts()
    return [(class_label(c), counts[c],
             sum(m.co2_t for m in synergy.measures if m.synergy_class == c),
             sum(m.equivalents or 0 for m in synergy.measures if m.synergy_class == c)) for c in CLASSES]


@cache
def _source(form_id: str) -> str:
    return get_form(form_id).title()


def top_rows(measures: list[Measure]) -> list[tuple]:
    """Ranked measures as table rows (a draft's name is marked)."""
    return [(rank, m.org_name + ("（草稿）" if m.draft else ""), m.name, _source(m.form), m.co2_t,
             m.equivalents, class_label(m.synergy_class), m.co_control_ratio)
            for rank, m in enumerate(measures, start=1)]
