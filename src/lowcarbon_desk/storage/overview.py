"""The county overview of one year: counts and totals, each with the records behind it.

Headless: the window shows these figures and opens the ``record_ids`` (or ``org_ids``) of the
one clicked. Which record counts is ``counting`` (the roll-up's rule too, so the overview and
the roll-up agree): the year's energy of an organisation is its counting annual report where
there is one, else the sum of its counting monthly reports (``source`` says which).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.forms import get_form
from ..domain.key_units import is_key_energy_unit, must_report_ghg
from ..domain.records import STATE_LABELS
from ..domain.rounding import rounded_float
from .counting import Counted, YearEnergy, computed_values, counting_forms, newest_per_org, year_energy
from .figures import figure_rows
from .history import intensity_positions
from .identity import home_of
from .imported import review_queue
from .rows import DbRow
from .store import Store


@dataclass
class Figure:
    """One number of the overview and what lies behind it."""

    key: str
    label_zh: str
    label_en: str
    value: float | int
    unit_zh: str = ""
    unit_en: str = ""
    record_ids: list[str] = field(default_factory=list)
    org_ids: list[str] = field(default_factory=list)

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh

    def unit(self, lang: str = "zh") -> str:
        return self.unit_en if lang == "en" else self.unit_zh


@dataclass
class OrgEnergy:
    """The year's energy and CO2 of one organisation."""

    org_id: str
    name: str
    tce: float
    co2_t: float
    source: str  # "annual" | "monthly"
    months: int
    record_ids: list[str]


@dataclass
class Overview:
    """Every figure of the county overview for ``year``, grouped as the window shows them."""

    year: int
    admin_code: str | None
    totals: list[Figure]
    key_units: list[Figure]
    budgets: list[Figure]
    audits: list[Figure]
    pilots: list[Figure]
    missing: Figure
    energy: list[OrgEnergy]
    intensity: list[Figure] = field(default_factory=list)

    def groups(self) -> list[tuple[str, str, list[Figure]]]:
        """(title zh, title en, figures) in display order."""
        return [("数量与合计", "Counts and totals", self.totals),
                ("重点单位", "Key units", self.key_units),
                ("用能预算", "Energy budgets", self.budgets),
                ("清洁生产审核", "Cleaner-production audits", self.audits),
                ("低碳试点", "Low-carbon pilots", self.pilots),
                ("缺报", "Missing reports", [self.missing]),
                ("能耗强度与同行业比较", "Energy intensity against industry peers", self.intensity)]


def _orgs(store: Store, admin_code: str | None) -> list[DbRow]:
    # organisations of another division (imported with --accept-foreign) never count here
    home = home_of(store)
    return [o for o in store.list_orgs(admin_code=admin_code) if home.covers(o["admin_code"])]


def _within(counted: list[Counted], org_ids: set[str]) -> list[Counted]:
    return [c for c in counted if c.org_id in org_ids]


def _org_energy(energy: dict[str, YearEnergy], orgs: list[DbRow]) -> list[OrgEnergy]:
    """The year's energy of each of ``orgs`` that has some, as the overview lists it."""
    names = {o["org_id"]: o["name"] for o in orgs}
    return [OrgEnergy(org_id, names[org_id], float(e.total_tce or 0), float(e.total_co2_t or 0),
                      e.source, e.months, e.record_ids)
            for org_id, e in energy.items() if org_id in names]


def county_overview(store: Store, year: int, admin_code: str | None = None) -> Overview:
    """The overview of ``year`` for the county ``admin_code`` (every organisation of this
    database's division when None; organisations outside it never count)."""
    year = int(year)
    orgs = _orgs(store, admin_code)
    org_ids = {o["org_id"] for o in orgs}
    ref = store.reference()
    units = [o for o in orgs if o["kind"] in ("enterprise", "park")]
    counted = year_energy(store, year, admin_code=admin_code)
    energy = _org_energy(counted, units)
    # the reports that count: an organisation's annual report, or its months when it has none
    used = [c for e in counted.values() if e.org_id in org_ids for c in e.records]
    annual_rows = [c.record_id for c in used if len(c.period) == 4]
    monthly_rows = [c.record_id for c in used if len(c.period) != 4]
    # received in packages and not decided yet (the review queue), the year's records only
    waiting = [r for r in review_queue(store)
               if r["org_id"] in org_ids and str(r["period"] or "").startswith(str(year))]
    totals = [
        Figure("orgs", "单位数", "Organisations", len(orgs), "个", "", org_ids=sorted(org_ids)),
        Figure("enterprises", "企业数", "Enterprises",
               sum(1 for o in orgs if o["kind"] == "enterprise"), "家", "",
               org_ids=[o["org_id"] for o in orgs if o["kind"] == "enterprise"]),
        Figure("parks", "园区数", "Parks", sum(1 for o in orgs if o["kind"] == "park"), "个", "",
               org_ids=[o["org_id"] for o in orgs if o["kind"] == "park"]),
        Figure("annual_reports", "能源年报", "Annual energy reports", len(annual_rows), "份", "",
               record_ids=annual_rows),
        Figure("monthly_reports", "能源月报", "Monthly energy reports", len(monthly_rows), "份", "",
               record_ids=monthly_rows),
        Figure("to_review", "待审核", "To review", len(waiting), "份", "",
               record_ids=[r["record_id"] for r in waiting]),
        Figure("total_tce", "综合能源消费量", "Total energy", rounded_float(sum(e.tce for e in energy), 2),
               "吨标准煤", "tce", record_ids=[r for e in energy for r in e.record_ids]),
        Figure("total_co2", "二氧化碳排放量", "Total CO2", rounded_float(sum(e.co2_t for e in energy), 2),
               "吨CO2", "tCO2", record_ids=[r for e in energy for r in e.record_ids]),
    ]
    key_energy = [e for e in energy if is_key_energy_unit(e.tce, ref)]
    industry = {o["org_id"]: o["industry_code"] for o in orgs}
    reporting_ghg = [e for e in energy if must_report_ghg(e.tce, e.co2_t, industry.get(e.org_id), ref)]
    key_units = [
        Figure("key_energy", "重点用能单位", "Key energy-consuming units", len(key_energy), "家", "",
               record_ids=[r for e in key_energy for r in e.record_ids],
               org_ids=[e.org_id for e in key_energy]),
        Figure("must_report_ghg", "须报告温室气体排放", "Must report greenhouse gases", len(reporting_ghg), "家", "",
               record_ids=[r for e in reporting_ghg for r in e.record_ids],
               org_ids=[e.org_id for e in reporting_ghg]),
    ]
    # the budgets, audits and pilots that count: their candidates read in one statement
    counted_forms = counting_forms(store, admin_code, {"energy_budget": {"period": str(year)},
                                                       "cp_audit": {"up_to_year": year}, "pilot_application": {}})
    budget_rows = [c.record_id for c in _within(counted_forms["energy_budget"], org_ids)]
    status = {r: row[1] for r, row in figure_rows(store, budget_rows, ("status",)).items()}
    budgets = []
    for key, zh, en in (("ok", "正常", "OK"), ("alert", "预警（≥80%）", "Alert (≥80 %)"),
                        ("exceeded", "超出（>100%）", "Exceeded (>100 %)"),
                        (None, "无实际数据", "No actuals yet")):
        ids = [r for r in budget_rows if status.get(r) == key]
        budgets.append(Figure(f"budget_{key or 'none'}", zh, en, len(ids), "份", "", record_ids=ids))
    # each organisation's newest audit up to the year (as the roll-up shows it)
    audit_rows = [c.record_id for c in newest_per_org(_within(counted_forms["cp_audit"], org_ids)).values()]
    stage = computed_values(store, audit_rows, "stage_reached")
    audits = []
    for option in get_form("cp_audit").enums["stage"]:
        ids = [r for r in audit_rows if stage.get(r) == option.value]
        audits.append(Figure(f"audit_{option.value}", option.zh, option.en, len(ids), "家", "",
                             record_ids=ids))
    ids = [r for r in audit_rows if stage.get(r) is None]
    audits.append(Figure("audit_not_started", "未开始", "Not started", len(ids), "家", "",
                         record_ids=ids))
    pilot_rows = _within(counted_forms["pilot_application"], org_ids)
    pilots = []
    for state, (zh, en) in STATE_LABELS.items():
        ids = [c.record_id for c in pilot_rows if c.state == state]
        pilots.append(Figure(f"pilot_{state}", zh, en, len(ids), "份", "", record_ids=ids))
    # the roll-up's rule (reports.rollup_data): missing = no energy report of the year at all
    reported = {e.org_id for e in energy}
    missing_orgs = [o["org_id"] for o in orgs if o["kind"] == "enterprise"
                    and o["org_id"] not in reported]
    missing = Figure("missing", "缺少本年度能源报表的企业", "Enterprises with no report this year",
                     len(missing_orgs), "家", "", org_ids=missing_orgs,
                     record_ids=[r for e in energy if e.org_id in set(missing_orgs)
                                 for r in e.record_ids])
    return Overview(year, admin_code, totals, key_units, budgets, audits, pilots, missing, energy,
                    _intensity_figures(store, year, admin_code, org_ids))


def _intensity_figures(store: Store, year: int, admin_code: str | None, org_ids: set[str]) -> list[Figure]:
    """The ``energy_report.intensity_outlier`` figure of the year: enterprises whose energy
    intensity is more than the threshold's robust SDs above or below their class's median in
    the county, and how many could be compared at all (enough peers)."""
    ref = store.reference()
    limit = f"{ref.threshold('intensity_outlier_sd'):g}"
    positions = [p for p in intensity_positions(store, year, ref, admin_code) if p.org_id in org_ids]
    high = [p for p in positions if p.outlier and p.distance_sd > 0]
    low = [p for p in positions if p.outlier and p.distance_sd < 0]
    return [
        Figure("intensity_high", f"能耗强度偏高（>{limit}σ）", f"Intensity high (>{limit}σ)", len(high), "家", "",
               record_ids=[p.record_id for p in high], org_ids=[p.org_id for p in high]),
        Figure("intensity_low", f"能耗强度偏低（<−{limit}σ）", f"Intensity low (<−{limit}σ)", len(low), "家", "",
               record_ids=[p.record_id for p in low], org_ids=[p.org_id for p in low]),
        Figure("intensity_compared", "可与同行业比较的企业", "Enterprises with enough peers", len(positions),
               "家", "", record_ids=[p.record_id for p in positions], org_ids=[p.org_id for p in positions]),
    ]


def years_with_data(store: Store) -> list[int]:
    """Years that have any record, newest first."""
    years = {int(p[:4]) for (p,) in store.db.execute(
        "SELECT DISTINCT period FROM records WHERE period IS NOT NULL") if p[:4].isdigit()}
    return sorted(years, reverse=True)
