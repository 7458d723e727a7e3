"""Where a record PDF prints its computed values: the energy report's pollutant figures under
its section 污染物排放 and PUE under 数据中心 (beside what was entered), every other one in the
list 计算结果; and who must report greenhouse gases in place of version 1's sector-blind key
emitting unit (重点排放单位), answered from the stored totals and the industry code."""

from __future__ import annotations

from ..domain.forms import ComputedDef, FormDef
from ..domain.key_units import must_report_ghg
from ..domain.reference import ReferenceData, shipped_reference
from ..storage import Store
from ..storage.budget_pull import renewable_left_out
from .display import computed_text, fmt_number

# (form, section) -> the computed values printed at the end of that section
IN_SECTION = {
    ("energy_report", "pollutants"): ("so2_intensity", "nox_intensity", "pm_intensity", "vocs_intensity",
                                      "pollutant_equivalents", "so2_fuel_estimate_t"),
    ("energy_report", "data_centre"): ("pue",),
}
DUTY_LABEL = "须报告温室气体排放"
Row = tuple[str, str, str]


def section_rows(form: FormDef, section_id: str, computed: dict, ref: ReferenceData) -> list[Row]:
    """The computed rows printed under ``section_id`` ("—" for a value not computed)."""
    declared = {c.id: c for c in form.computed_for("record")}
    return [(c.label(), computed_text(form, c, computed.get(c.id), ref) or "—", c.unit())
            for c in (declared[i] for i in IN_SECTION.get((form.id, section_id), ()) if i in declared)]


def listed(form: FormDef) -> tuple[ComputedDef, ...]:
    """The record's computed values left for the list 计算结果."""
    placed = {i for (form_id, _), ids in IN_SECTION.items() if form_id == form.id for i in ids}
    return tuple(c for c in form.computed_for("record") if c.id not in placed)


def duty_row(doc: dict, org: dict | None, ref: ReferenceData) -> Row:
    """The row of a version-1 energy report's ``key_emitting_unit``: whether the organisation must
    report greenhouse gases by its stored totals and industry code ("—" for a monthly report).
    A reference set older than the sector list (2026.1) is answered with the shipped one."""
    computed = doc.get("computed") or {}
    if computed.get("key_emitting_unit") is None:
        return DUTY_LABEL, "—", ""
    sectors = ref if ref.ghg_sectors else shipped_reference()
    duty = must_report_ghg(computed.get("total_tce"), computed.get("total_co2_t"),
                           (org or {}).get("industry_code"), sectors)
    return DUTY_LABEL, "是" if duty else "否", ""


RENEWABLE_LABEL = "其中可再生能源（不计入）"


def budget_rows(store: Store, doc: dict) -> list[Row]:
    """An energy-use budget's extra row: the renewable energy of the monthly reports behind its
    actual months, left out of the budget (none for another form or without any)."""
    data = doc.get("data") or {}
    if doc.get("form") != "energy_budget" or not data.get("year"):
        return []
    left_out = renewable_left_out(store, doc["org_id"], int(data["year"]), data.get("monthly_actual_tce"))
    return [(RENEWABLE_LABEL, fmt_number(left_out, 2), "吨标准煤")] if left_out else []
