"""The county's data centres for one year (issue 19.3): each organisation with an industry code
under I645 (GB/T 4754-2017 互联网数据服务), its IT equipment energy and PUE from the annual report
that counts (``storage.counting``, as the rest of the roll-up), its status against the PUE
limits of the reference data and whether its energy puts it under online monitoring.

A centre that reports by months only, or by a version-1 report, has no PUE: its status says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.reference import ReferenceData
from ..storage import Store
from ..storage.counting import YearEnergy, computed_numbers, typed_values

DATA_CENTRE_PREFIX = "I645"
SHEET = "数据中心"
HEAD = ("单位代码", "单位名称", "行业代码", "综合能源消费量（吨标准煤）", "IT 设备用电量（万千瓦时）", "PUE", "状态",
        "纳入能耗在线监测")
STATUS = {"upgrade": "须改造", "above_new": "高于新建大型数据中心上限", "ok": "达标",
          "no_pue": "未填 IT 设备用电量，无法计算 PUE", "monthly": "仅有月报，无 PUE", "missing": "未报送"}


@dataclass(frozen=True, slots=True)
class DataCentre:
    """One data centre of the county and its figures for the year."""

    org_id: str
    name: str
    industry_code: str
    total_tce: float | None
    it_energy_10k_kwh: float | None
    pue: float | None
    status: str  # a key of STATUS
    online_monitoring: bool
    draft: bool


@dataclass(frozen=True, slots=True)
class DataCentres:
    """The county's data centres and the limits their statuses use, as one sentence."""

    centres: list[DataCentre]
    note: str


def is_data_centre(industry_code: str | None) -> bool:
    """Whether an industry code is a data centre's (I645x)."""
    return str(industry_code or "").upper().startswith(DATA_CENTRE_PREFIX)


def _status(energy: YearEnergy | None, pue: float | None, ref: ReferenceData) -> str:
    if energy is None:
        return "missing"
    if energy.source != "annual":
        return "monthly"
    if pue is None:
        return "no_pue"
    if pue > ref.threshold("pue_upgrade_dc"):
        return "upgrade"
    return "above_new" if pue > ref.threshold("pue_new_large_dc") else "ok"


def data_centres(store: Store, orgs: Iterable[tuple[str, str, str | None]], energies: dict[str, YearEnergy],
                 ref: ReferenceData) -> DataCentres:
    """The data centres among ``orgs`` (code, printable name, industry code) with the year's
    ``energies`` (``storage.counting.year_energy``), in the order given."""
    centres = [(org_id, name, code) for org_id, name, code in orgs if is_data_centre(code)]
    annual = [energies[o].record_ids[0] for o, _, _ in centres if o in energies and energies[o].source == "annual"]
    pue = computed_numbers(store, annual, "pue")
    # the column is there once version 2 of the form is known (added on open); version-1 rows hold none
    it = {r: v["it_energy_10k_kwh"] for r, v in typed_values(store, "energy_reports", annual,
                                                             ("it_energy_10k_kwh",)).items()}
    monitoring = ref.thresholds.get("dc_online_monitoring_tce")
    out = []
    for org_id, name, code in centres:
        energy = energies.get(org_id)
        record = energy.record_ids[0] if energy is not None and energy.source == "annual" else None
        value = pue.get(record) if record else None
        tce = energy.total_tce if energy is not None else None
        out.append(DataCentre(org_id, name, str(code), tce, it.get(record) if record else None, value,
                              _status(energy, value, ref),
                              monitoring is not None and tce is not None and tce >= monitoring.value,
                              bool(energy and energy.drafts)))
    return DataCentres(out, note(ref))


def table_rows(centres: list[DataCentre]) -> list[list[object]]:
    """The rows of the sheet and the PDF section (numbers as numbers, None for none)."""
    return [[c.org_id, c.name + ("（草稿）" if c.draft else ""), c.industry_code, c.total_tce, c.it_energy_10k_kwh,
             c.pue, STATUS[c.status], "是" if c.online_monitoring else "否"] for c in centres]


def note(ref: ReferenceData) -> str:
    """The limits the statuses use, from the reference data."""
    monitoring = ref.thresholds.get("dc_online_monitoring_tce")
    text = (f"PUE 高于 {ref.threshold('pue_upgrade_dc'):g} 须改造；高于 {ref.threshold('pue_new_large_dc'):g} "
            "为高于新建大型数据中心上限（提示）")
    if monitoring is not None:
        text += f"；年综合能源消费量 ≥ {monitoring.value:,.0f} 吨标准煤的纳入能耗在线监测"
    return text + f"（参考数据 {ref.version}）。"
