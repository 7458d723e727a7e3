"""The columns of the province roll-up's county table, shared by its workbook, its PDF and the
province overview in the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .province_rollup_data import NO_VALUE, CountyRow, value_added


@dataclass(frozen=True)
class CountyColumn:
    """One column: Chinese and English label, unit, the cell value and how it is shown."""

    label: str
    label_en: str
    unit: str
    value: Callable[[CountyRow], object]
    kind: str = "text"  # text | number | int
    decimals: int = 2


def _total(key: str) -> Callable[[CountyRow], object]:
    return lambda row: row.totals.get(key)


def _count(key: str) -> Callable[[CountyRow], object]:
    return lambda row: int(row.totals.get(key) or 0)


def synergy_text(row: CountyRow) -> object:
    """The county's synergy total, or "—" while the records carry none."""
    return NO_VALUE if row.synergy_equivalents is None else row.synergy_equivalents


COUNTY_COLUMNS: tuple[CountyColumn, ...] = (
    CountyColumn("县代码", "County code", "", lambda r: r.code),
    CountyColumn("县名称", "County", "", lambda r: r.name),
    CountyColumn("企业数", "Enterprises", "家", _count("enterprises"), "int"),
    CountyColumn("已报", "Reported", "家", _count("reported"), "int"),
    CountyColumn("缺报", "Missing", "家", lambda r: r.missing, "int"),
    CountyColumn("综合能源消费量", "Total energy", "吨标准煤", _total("total_tce"), "number", 2),
    CountyColumn("二氧化碳排放", "CO2", "吨CO2", _total("total_co2_t"), "number", 2),
    CountyColumn("工业增加值", "Value added", "万元", lambda r: value_added(r.rollup), "number", 2),
    CountyColumn("单位增加值能耗", "Energy intensity", "吨标准煤/万元", _total("energy_intensity"), "number", 4),
    CountyColumn("单位增加值碳排放", "CO2 intensity", "吨CO2/万元", _total("carbon_intensity"), "number", 4),
    CountyColumn("重点用能单位", "Key energy units", "家", _count("key_energy_units"), "int"),
    CountyColumn("须报告温室气体排放单位", "Must report greenhouse gases", "家", _count("must_report_ghg_units"), "int"),
    CountyColumn("目标状态（碳排放强度）", "Target status (CO2 intensity)", "", lambda r: r.status_text),
    CountyColumn("减污降碳协同（污染物当量）", "Synergy (pollutant equivalents)", "当量", synergy_text, "number", 0),
    CountyColumn("采用草稿的单位", "Units on drafts", "家", _count("drafts_used"), "int"),
)


def county_values(row: CountyRow) -> list[object]:
    """One county's cells in ``COUNTY_COLUMNS``' order."""
    return [column.value(row) for column in COUNTY_COLUMNS]


__all__ = ["COUNTY_COLUMNS", "CountyColumn", "county_values", "synergy_text"]
