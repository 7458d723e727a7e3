"""The columns of the county roll-up table, shared by its workbook and its PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from ..domain.forms import get_form
from ..domain.records import state_label
from .rollup_data import RollupRow


@dataclass(frozen=True)
class RollupColumn:
    label: str
    unit: str
    value: Callable[[RollupRow], object]
    kind: str = "text"  # text | number | int | pct
    decimals: int = 2


@cache
def _enum(form: str, enum: str, value: object) -> str:
    return get_form(form).enum_label(enum, value) if value else ""


def source_text(row: RollupRow) -> str:
    """年报 / 月报合计（N 个月）/ 缺报 (— for a county office, which files no energy report)."""
    if row.energy_source == "annual":
        return "年报"
    if row.energy_source == "monthly":
        return f"月报合计（{row.months} 个月）"
    return "缺报" if row.missing_report else "—"


def pilots_text(row: RollupRow) -> str:
    return "；".join(f"{p['title']}（{state_label(p['state'])}）" for p in row.pilots)


def _yes(flag: bool) -> str:
    return "是" if flag else ""


DRAFT_WHAT = {"energy": "能源", "budget": "预算", "audit": "审核", "pilot": "试点"}


def drafts_text(row: RollupRow) -> str:
    """Every draft behind the row, by what and period: 能源 2025-01、2025-02；审核 2025."""
    parts = []
    for what, zh in DRAFT_WHAT.items():
        periods = [period for _, period, _ in row.drafts_of(what)]
        if periods:
            parts.append(f"{zh} {'、'.join(periods)}")
    return "；".join(parts)


COLUMNS: tuple[RollupColumn, ...] = (
    RollupColumn("单位代码", "", attrgetter("org_id")),
    RollupColumn("单位名称", "", attrgetter("name")),
    RollupColumn("类型", "", lambda r: _enum("org", "org_kind", r.kind)),
    RollupColumn("行业代码", "", lambda r: r.industry_code or ""),
    RollupColumn("能源数据来源", "", source_text),
    RollupColumn("综合能源消费量", "吨标准煤", attrgetter("total_tce"), "number", 2),
    RollupColumn("二氧化碳排放", "吨CO2", attrgetter("total_co2_t"), "number", 2),
    RollupColumn("工业增加值", "万元", attrgetter("value_added_10k_yuan"), "number", 2),
    RollupColumn("单位增加值能耗", "吨标准煤/万元", attrgetter("energy_intensity"), "number", 4),
    RollupColumn("单位增加值碳排放", "吨CO2/万元", attrgetter("carbon_intensity"), "number", 4),
    RollupColumn("重点用能单位", "", lambda r: _yes(r.key_energy_unit)),
    RollupColumn("须报告温室气体", "", lambda r: _yes(r.must_report_ghg)),
    RollupColumn("用能预算（有效）", "吨标准煤", attrgetter("effective_budget_tce"), "number", 2),
    RollupColumn("累计实际用能", "吨标准煤", attrgetter("actual_tce"), "number", 2),
    RollupColumn("预算使用率", "%", attrgetter("utilization_pct"), "number", 1),
    RollupColumn("预算状态", "", lambda r: _enum("energy_budget", "budget_status", r.budget_status)),
    RollupColumn("预计状态", "", lambda r: _enum("energy_budget", "budget_status", r.projected_status)),
    RollupColumn("审核类型", "", lambda r: _enum("cp_audit", "audit_kind", r.audit_kind)),
    RollupColumn("审核年度", "", attrgetter("audit_year"), "int"),
    RollupColumn("审核阶段", "", lambda r: _enum("cp_audit", "stage", r.audit_stage)),
    RollupColumn("验收结论", "", lambda r: _enum("cp_audit", "acceptance_result", r.audit_result)),
    RollupColumn("试点申报（状态）", "", pilots_text),
    RollupColumn("采用草稿", "", drafts_text),
)

_VALUES = tuple(c.value for c in COLUMNS)


def row_values(row: RollupRow) -> list[object]:
    """One organisation's cells (empty text as None, so no empty cells are written)."""
    return [None if (v := value(row)) == "" else v for value in _VALUES]


TOTAL_LABELS: tuple[tuple[str, str, str], ...] = (
    ("organisations", "单位总数", "个"), ("enterprises", "企业", "个"), ("parks", "园区", "个"),
    ("reported", "已报能源数据", "个"), ("reported_annual", "其中：年报", "个"),
    ("reported_monthly", "其中：月报合计", "个"), ("missing", "缺报", "个"),
    ("total_tce", "综合能源消费量合计", "吨标准煤"), ("total_co2_t", "二氧化碳排放合计", "吨CO2"),
    ("energy_intensity", "单位增加值能耗（已报单位）", "吨标准煤/万元"),
    ("carbon_intensity", "单位增加值碳排放（已报单位）", "吨CO2/万元"),
    ("key_energy_units", "重点用能单位", "个"), ("must_report_ghg_units", "须报告温室气体排放单位", "个"),
    ("budgets", "有用能预算的单位", "个"), ("budget_tce", "有效预算合计", "吨标准煤"),
    ("actual_tce", "累计实际用能合计", "吨标准煤"), ("budget_ok", "预算正常", "个"),
    ("budget_alert", "预算预警", "个"), ("budget_exceeded", "预算超出", "个"),
    ("audits", "清洁生产审核", "个"), ("audits_mandatory", "其中：强制性", "个"),
    ("audits_voluntary", "其中：自愿性", "个"), ("audits_passed", "验收通过", "个"),
    ("pilots", "低碳试点申报", "项"), ("drafts_used", "采用草稿数据的单位", "个"),
)
