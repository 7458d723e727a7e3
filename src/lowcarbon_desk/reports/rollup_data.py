"""The county roll-up for one year, computed with SQL on the Store's typed tables.

Which record counts: for each organisation, form and period the roll-up takes the newest
revision that is not a draft (submitted, accepted or returned: what the office has actually
received), and only when there is none the newest draft, which is then flagged (``draft``
columns, shown as "草稿" in the outputs). The rule lives in ``storage.counting``, which the
county overview uses too, so the two always agree.

Energy: the annual report (period ``YYYY``) where there is one, else the sum of that year's
monthly reports (``YYYY-MM``), and the row says which (``energy_source`` = ``annual`` or
``monthly`` with ``months`` counted). Intensities are total / value added of the same source.
Key-unit flags are ``domain.key_units`` (thresholds of the reference data: 10,000 tce; and who must
report greenhouse gases: a listed sector by industry code and 26,000 tCO2 or 10,000 tce).
Budget: the energy-use budget of the year. Audit: the latest cleaner-production audit with
``audit_year <= year``. Pilots: the organisation's pilot applications, one per baseline year
(same rule). An enterprise is "missing a report" when it has no energy report of the year at
all (a year reported by some months only is not missing: its row says "monthly, N months", so
a mid-year roll-up does not call everyone missing). Parks report too but are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.errors import InputError, NotFoundError
from ..domain.key_units import is_key_energy_unit, must_report_ghg
from ..domain.reference import ReferenceData
from ..domain.text import printable
from ..storage import Store
from ..storage.counting import (
    Counted,
    computed_values,
    counting_forms,
    county_orgs,
    energy_of_year,
    has_county,
    newest_per_org,
    typed_values,
)
from ..storage.figures import figure_rows
from ..storage.identity import division_codes, home_of
from ..storage.targets import DivisionProgress, division_progress
from .datacentre_data import DataCentres, data_centres
from .synergy_data import SynergyRollup, synergy_rollup

REPORTING_KINDS = ("enterprise", "park")


@dataclass(slots=True)
class RollupRow:
    """One organisation of the county."""

    org_id: str
    name: str
    kind: str
    industry_code: str | None
    energy_source: str | None = None  # annual | monthly | None (missing)
    months: int = 0
    total_tce: float | None = None
    total_co2_t: float | None = None
    value_added_10k_yuan: float | None = None
    energy_intensity: float | None = None
    carbon_intensity: float | None = None
    key_energy_unit: bool = False
    must_report_ghg: bool = False  # a listed sector and 26,000 tCO2 or 10,000 tce
    budget_tce: float | None = None
    effective_budget_tce: float | None = None
    actual_tce: float | None = None
    utilization_pct: float | None = None
    budget_status: str | None = None
    projected_status: str | None = None
    audit_year: int | None = None
    audit_kind: str | None = None
    audit_stage: str | None = None
    audit_result: str | None = None
    audit_state: str | None = None
    pilots: list[dict] = field(default_factory=list)
    # every draft behind the row's figures: (what, period, record id), what = energy | budget |
    # audit | pilot; the flag and the draft count are read from here only
    drafts: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def used_draft(self) -> bool:
        return bool(self.drafts)

    def drafts_of(self, what: str) -> list[tuple[str, str, str]]:
        return [d for d in self.drafts if d[0] == what]

    @property
    def missing_report(self) -> bool:
        return self.kind == "enterprise" and self.energy_source is None


@dataclass
class Rollup:
    """The roll-up of one county for one year."""

    year: int
    admin_code: str
    county_name: str
    reference_version: str
    as_of: str  # the newest updated_at among the records used (deterministic "generated")
    rows: list[RollupRow]
    contact_phone: str = ""  # the county office's, for the sign-off
    targets: list[DivisionProgress] = field(default_factory=list)  # the county's targets at the year
    synergy: SynergyRollup | None = None  # co-benefits of the year's measures (synergy_data.py)
    datacentres: DataCentres | None = None  # the county's data centres (datacentre_data.py)

    @property
    def reporting(self) -> list[RollupRow]:
        return [r for r in self.rows if r.kind in REPORTING_KINDS]

    @property
    def missing(self) -> list[RollupRow]:
        return [r for r in self.rows if r.missing_report]

    def totals(self) -> dict[str, float | None]:
        """County totals and counts."""
        rows = self.reporting
        tce = sum(r.total_tce or 0 for r in rows)
        co2 = sum(r.total_co2_t or 0 for r in rows)
        va = sum(r.value_added_10k_yuan or 0 for r in rows if r.total_tce is not None)
        count = {
            "organisations": len(self.rows),
            "enterprises": sum(1 for r in rows if r.kind == "enterprise"),
            "parks": sum(1 for r in rows if r.kind == "park"),
            "reported": sum(1 for r in rows if r.energy_source),
            "reported_annual": sum(1 for r in rows if r.energy_source == "annual"),
            "reported_monthly": sum(1 for r in rows if r.energy_source == "monthly"),
            "missing": len(self.missing),
            "key_energy_units": sum(1 for r in rows if r.key_energy_unit),
            "must_report_ghg_units": sum(1 for r in rows if r.must_report_ghg),
            "budgets": sum(1 for r in rows if r.budget_tce is not None),
            "budget_ok": sum(1 for r in rows if r.budget_status == "ok"),
            "budget_alert": sum(1 for r in rows if r.budget_status == "alert"),
            "budget_exceeded": sum(1 for r in rows if r.budget_status == "exceeded"),
            "audits": sum(1 for r in self.rows if r.audit_kind),
            "audits_mandatory": sum(1 for r in self.rows if r.audit_kind == "mandatory"),
            "audits_voluntary": sum(1 for r in self.rows if r.audit_kind == "voluntary"),
            "audits_passed": sum(1 for r in self.rows if r.audit_result == "pass"),
            "pilots": sum(len(r.pilots) for r in self.rows),
            "drafts_used": sum(1 for r in self.rows if r.used_draft),
        }
        return {**count, "total_tce": tce, "total_co2_t": co2,
                "budget_tce": sum(r.effective_budget_tce or 0 for r in rows),
                "actual_tce": sum(r.actual_tce or 0 for r in rows),
                "energy_intensity": tce / va if va > 0 else None,
                "carbon_intensity": co2 / va if va > 0 else None}


def resolve_county(store: Store, county: str | None) -> tuple[str, str]:
    """The county's division code and name: the one given (inside this database's division),
    else the only one of the division in the database."""
    if county:
        if not has_county(store, county):
            raise NotFoundError(f"数据库中没有行政区划代码为 {county} 的单位",
                                f"no organisation with division code {county} in the database",
                                subject="county")
        home = home_of(store)
        if not home.covers(county):
            raise InputError(f"县 {county} 不在本库辖区 {home.code} 内：其单位是作为辖区外数据包接收的，不做汇总",
                             f"county {county} is outside this database's division {home.code}: its "
                             "organisations were received as packages from another division and are not rolled up",
                             subject="county")
    else:
        codes = division_codes(store)
        if len(codes) != 1:
            listed = "、".join(codes) or "（无）"
            raise InputError(f"请用 --county 指定县（数据库中有：{listed}）",
                             f"name the county with --county (the database has: {', '.join(codes) or 'none'})",
                             subject="county")
        county = codes[0]
    named = store.get_org(county)
    name = printable(named["name"]) if named and named["kind"] == "county" else county
    return county, name


def _by_org(counted: list[Counted]) -> dict[str, Counted]:
    return {c.org_id: c for c in counted}


_BUDGET_FIGURES = ("budget_tce", "effective_budget_tce", "ytd_actual_tce", "utilization_pct", "status",
                   "projected_status")
_NO_BUDGET = (None,) * (len(_BUDGET_FIGURES) + 1)


def _budgets(store: Store, counted: list[Counted]) -> tuple[dict[str, Counted], dict[str, tuple]]:
    """The counting budget of each organisation (``counted``: the year's), and each budget's
    figures: its record id, then ``_BUDGET_FIGURES`` in order."""
    budgets = _by_org(counted)
    return budgets, figure_rows(store, [c.record_id for c in budgets.values()], _BUDGET_FIGURES)


def _audits(store: Store, counted: list[Counted]) -> tuple[dict[str, Counted], dict[str, dict]]:
    # the newest audit year up to the roll-up's year, each year's counting record (``counted``)
    audits = newest_per_org(counted)
    ids = [c.record_id for c in audits.values()]
    values = typed_values(store, "cp_audits", ids, ("audit_year", "kind", "acceptance_result"))
    for record_id, value in computed_values(store, ids, "stage_reached").items():
        values.setdefault(record_id, {})["stage_reached"] = value
    return audits, values


def _pilots(store: Store, counted: list[Counted]) -> dict[str, list[dict]]:
    values = typed_values(store, "pilot_applications", [c.record_id for c in counted],
                          ("title", "pilot_type", "target_year"))
    out: dict[str, list[dict]] = {}
    for c in counted:
        out.setdefault(c.org_id, []).append({
            "record_id": c.record_id, "state": c.state, "updated_at": c.updated_at,
            "period": c.period, **values.get(c.record_id, {})})
    return out


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def county_rollup(store: Store, year: int, county: str | None = None) -> Rollup:
    """Compute the roll-up of ``county`` (or the database's only county) for ``year``."""
    if not 2000 <= int(year) <= 2100:
        raise InputError(f"年份 {year} 不在 2000～2100 之间", f"year {year} is not within 2000..2100",
                         subject="year")
    code, name = resolve_county(store, county)
    ref: ReferenceData = store.reference()
    y = int(year)
    orgs = county_orgs(store, code)
    # the candidates of every form, read once; the year's energy reads months only for the
    # organisations without an annual report
    counted = counting_forms(store, code, {
        "energy_report": {"period": str(y)},  # the year's annual reports (months read apart, below)
        "energy_budget": {"period": str(y)},  # the budget of the year
        "cp_audit": {"up_to_year": y},  # audits up to the year: an audit is not made every year
        "pilot_application": {},  # applications of any year
    })
    annual = counted["energy_report"]
    reported = {c.org_id for c in annual}
    energies = energy_of_year(store, y, annual, [o.org_id for o in orgs if o.org_id not in reported])
    budgets, budget_figures = _budgets(store, counted["energy_budget"])
    audits, audit_values = _audits(store, counted["cp_audit"])
    pilots = _pilots(store, counted["pilot_application"])
    stamps: list[str] = []
    rows: list[RollupRow] = []
    listed: dict[str | None, bool] = {}  # industry code: in a sector that must report greenhouse gases
    for org in orgs:
        # names arrive in packages: a bidirectional override is printed as an escape, not obeyed
        row = RollupRow(org.org_id, printable(org.name), org.kind, org.industry_code)
        energy = energies.get(org.org_id)
        if energy is not None:
            tce, co2, va = energy.total_tce, energy.total_co2_t, energy.value_added_10k_yuan
            row.energy_source, row.months = energy.source, energy.months
            row.total_tce, row.total_co2_t, row.value_added_10k_yuan = tce, co2, va
            if energy.drafts:
                row.drafts += [("energy", d.period, d.record_id) for d in energy.drafts]
            stamps.append(energy.updated_at)
            row.energy_intensity, row.carbon_intensity = _ratio(tce, va), _ratio(co2, va)
            row.key_energy_unit = is_key_energy_unit(tce, ref)
            in_sector = listed.get(org.industry_code)
            if in_sector is None:
                in_sector = listed[org.industry_code] = ref.ghg_sector(str(org.industry_code or "")) is not None
            # outside the listed sectors the rule says no whatever the totals: asked of the others only
            row.must_report_ghg = in_sector and must_report_ghg(tce, co2, org.industry_code, ref)
        budget = budgets.get(org.org_id)
        if budget is not None:
            stamps.append(budget.updated_at)
            (_, row.budget_tce, row.effective_budget_tce, row.actual_tce, row.utilization_pct, row.budget_status,
             row.projected_status) = budget_figures.get(budget.record_id, _NO_BUDGET)
            if budget.draft:
                row.drafts.append(("budget", budget.period, budget.record_id))
        audit = audits.get(org.org_id)
        if audit is not None:
            a = audit_values.get(audit.record_id, {})
            stamps.append(audit.updated_at)
            row.audit_year, row.audit_kind = a.get("audit_year"), a.get("kind")
            row.audit_stage, row.audit_result = a.get("stage_reached"), a.get("acceptance_result")
            row.audit_state = audit.state
            if audit.draft:
                row.drafts.append(("audit", audit.period, audit.record_id))
        own = pilots.get(org.org_id)
        if own:
            row.pilots = own
            row.drafts += [("pilot", p["period"], p["record_id"]) for p in own if p["state"] == "draft"]
            stamps += [p["updated_at"] for p in own]
        rows.append(row)
    office = store.get_org(code) or {}
    # the year's audits and pilots: those of its period among the ones already read (same order)
    of_year = {form: [c for c in counted[form] if c.period == str(y)] for form in ("cp_audit", "pilot_application")}
    synergy = synergy_rollup(store, y, code, {r.org_id: r.name for r in rows}, of_year)
    return Rollup(int(year), code, name, ref.version, max(filter(None, stamps), default=""), rows,
                  office.get("contact_phone") or "", division_progress(store, code, y), synergy,
                  data_centres(store, ((r.org_id, r.name, r.industry_code) for r in rows), energies, ref))
