"""The county roll-up for one year, computed with SQL on the Store's typed tables.

Which record counts: for each organisation, form and period the roll-up takes the newest
revision that is not a draft (submitted, accepted or returned: what the office has actually
received), and only when there is none the newest draft, which is then flagged (``draft``
columns, shown as "草稿" in the outputs). Between separate records of the same period the most
recently updated wins, by the same rule.

Energy: the annual report (period ``YYYY``) where there is one, else the sum of that year's
monthly reports (``YYYY-MM``), and the row says which (``energy_source`` = ``annual`` or
``monthly`` with ``months`` counted). Intensities are total / value added of the same source.
Key-unit flags use the thresholds of the reference data (10,000 tce; 26,000 tCO2).
Budget: the energy-use budget of the year. Audit: the latest cleaner-production audit with
``audit_year <= year``. Pilots: every pilot application of the organisation (latest revision
of each, same rule). An enterprise is "missing a report" when it has no energy report of the year at
all (a year reported by some months only is not missing: its row says "monthly, N months", so
a mid-year roll-up does not call everyone missing). Parks report too but are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.errors import InputError, NotFoundError
from ..domain.reference import ReferenceData
from ..storage import Store

REPORTING_KINDS = ("enterprise", "park")


def _rank(t: str) -> str:
    """Which record counts, per organisation (and form) and period: 1 for the first non-draft,
    else the first draft, by most recently updated, then highest revision."""
    return (f"ROW_NUMBER() OVER (PARTITION BY {t}org_id, {t}period "
            f"ORDER BY ({t}state = 'draft'), {t}updated_at DESC, {t}revision DESC)")


# The county's organisations drive the queries (CROSS JOIN keeps them the outer loop), so every
# look-up of ``records`` is a seek on its (form, org_id, period) index, never a scan of all the
# records of a form (of every county and year).
_BEST = f"""
WITH best AS (
  SELECT r.record_id, r.lineage_id, r.org_id, r.form, r.period, r.state, r.updated_at,
         {_rank('r.')} AS rn
  FROM organisations o CROSS JOIN records r
  WHERE o.admin_code = :county AND r.form = :form AND r.org_id = o.org_id AND ({{where}})
)
"""

# The energy of the year, one row per organisation: the counting annual report, else the sum of
# the counting monthly reports, read only for organisations with no annual report at all (one
# index look-up each), so the thousands of monthly reports of organisations that filed an
# annual report are never read. SUM keeps an annual figure that is not there NULL; TOTAL sums
# the months as 0 when none has it (as the monthly total always did).
_ENERGY = f"""
WITH candidates AS (
  SELECT r.record_id, r.org_id, r.period, r.state, r.updated_at, r.revision
  FROM organisations o CROSS JOIN records r
  WHERE o.admin_code = :county AND r.form = 'energy_report' AND r.org_id = o.org_id
    AND r.period = :year
  UNION ALL
  SELECT r.record_id, r.org_id, r.period, r.state, r.updated_at, r.revision
  FROM organisations o CROSS JOIN records r
  WHERE o.admin_code = :county AND r.form = 'energy_report' AND r.org_id = o.org_id
    AND r.period >= :prefix AND r.period < :after AND r.period LIKE :month
    AND NOT EXISTS (SELECT 1 FROM records a WHERE a.form = 'energy_report'
                    AND a.org_id = o.org_id AND a.period = :year)
), used AS (
  SELECT record_id, org_id, period, state, updated_at, {_rank('')} AS rn
  FROM candidates
)
SELECT u.org_id, MAX(u.period = :year) AS annual, COUNT(*) AS months,
       SUM(u.state = 'draft') AS drafts, MAX(u.updated_at) AS updated_at,
       CASE WHEN MAX(u.period = :year) THEN SUM(e.value_added_10k_yuan)
            ELSE TOTAL(e.value_added_10k_yuan) END AS va,
       CASE WHEN MAX(u.period = :year) THEN SUM(t.value_num) ELSE TOTAL(t.value_num) END AS total_tce,
       CASE WHEN MAX(u.period = :year) THEN SUM(c.value_num) ELSE TOTAL(c.value_num) END AS total_co2_t
FROM used u
JOIN energy_reports e ON e.record_id = u.record_id
LEFT JOIN record_computed t ON t.record_id = u.record_id AND t.key = 'total_tce'
LEFT JOIN record_computed c ON c.record_id = u.record_id AND c.key = 'total_co2_t'
WHERE u.rn = 1
GROUP BY u.org_id
"""

_COMPUTED = ("(SELECT COALESCE(c.value_num, c.value_text) FROM record_computed c "
             "WHERE c.record_id = {record}.record_id AND c.key = '{key}') AS {key}")


def _pivot(record: str, keys: tuple[str, ...]) -> str:
    """Computed values of the record aliased ``record`` as columns (one index look-up each)."""
    return ", ".join(_COMPUTED.format(record=record, key=k) for k in keys)


@dataclass(slots=True)
class RollupRow:
    """One organisation of the county."""

    org_id: str
    name: str
    kind: str
    industry_code: str | None
    energy_source: str | None = None  # annual | monthly | None (missing)
    months: int = 0
    energy_draft: bool = False
    total_tce: float | None = None
    total_co2_t: float | None = None
    value_added_10k_yuan: float | None = None
    energy_intensity: float | None = None
    carbon_intensity: float | None = None
    key_energy_unit: bool = False
    key_emitting_unit: bool = False
    budget_tce: float | None = None
    effective_budget_tce: float | None = None
    actual_tce: float | None = None
    utilization_pct: float | None = None
    budget_status: str | None = None
    projected_status: str | None = None
    budget_draft: bool = False
    audit_year: int | None = None
    audit_kind: str | None = None
    audit_stage: str | None = None
    audit_result: str | None = None
    audit_state: str | None = None
    pilots: list[dict] = field(default_factory=list)

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

    @property
    def reporting(self) -> list[RollupRow]:
        return [r for r in self.rows if r.kind in REPORTING_KINDS]

    @property
    def missing(self) -> list[RollupRow]:
        return [r for r in self.rows if r.missing_report]

    def totals(self) -> dict[str, float | int]:
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
            "key_emitting_units": sum(1 for r in rows if r.key_emitting_unit),
            "budgets": sum(1 for r in rows if r.budget_tce is not None),
            "budget_ok": sum(1 for r in rows if r.budget_status == "ok"),
            "budget_alert": sum(1 for r in rows if r.budget_status == "alert"),
            "budget_exceeded": sum(1 for r in rows if r.budget_status == "exceeded"),
            "audits": sum(1 for r in self.rows if r.audit_kind),
            "audits_mandatory": sum(1 for r in self.rows if r.audit_kind == "mandatory"),
            "audits_voluntary": sum(1 for r in self.rows if r.audit_kind == "voluntary"),
            "audits_passed": sum(1 for r in self.rows if r.audit_result == "pass"),
            "pilots": sum(len(r.pilots) for r in self.rows),
            "drafts_used": sum(1 for r in self.rows if r.energy_draft or r.budget_draft),
        }
        return {**count, "total_tce": tce, "total_co2_t": co2,
                "budget_tce": sum(r.effective_budget_tce or 0 for r in rows),
                "actual_tce": sum(r.actual_tce or 0 for r in rows),
                "energy_intensity": tce / va if va > 0 else None,
                "carbon_intensity": co2 / va if va > 0 else None}


def resolve_county(store: Store, county: str | None) -> tuple[str, str]:
    """The county's division code and name: the one given, else the only one in the database."""
    if county:
        if store.db.execute("SELECT 1 FROM organisations WHERE admin_code = ? LIMIT 1",
                            [county]).fetchone() is None:
            raise NotFoundError(f"数据库中没有行政区划代码为 {county} 的单位",
                                f"no organisation with division code {county} in the database",
                                subject="county")
    else:
        codes = [r[0] for r in store.db.execute(
            "SELECT DISTINCT admin_code FROM organisations ORDER BY admin_code")]
        if len(codes) != 1:
            listed = "、".join(codes) or "（无）"
            raise InputError(f"请用 --county 指定县（数据库中有：{listed}）",
                             f"name the county with --county (the database has: {', '.join(codes) or 'none'})",
                             subject="county")
        county = codes[0]
    named = store.get_org(county)
    name = named["name"] if named and named["kind"] == "county" else county
    return county, name


def _query(store: Store, sql: str, params: dict) -> list[dict]:
    return list(store.db.query(sql, params))


def _energy(store: Store, county: str, year: str) -> dict[str, dict]:
    """The energy of the year by organisation (``annual``: 1 for an annual report, 0 for the
    sum of ``months`` monthly reports; ``drafts`` counts the drafts used)."""
    params = {"county": county, "year": year, "month": f"{year}-__",
              "prefix": f"{year}-", "after": f"{year}."}  # "." follows "-": the range is the prefix
    return {r["org_id"]: r for r in _query(store, _ENERGY, params)}


def _budgets(store: Store, county: str, year: str) -> dict:
    keys = ("effective_budget_tce", "ytd_actual_tce", "utilization_pct", "status",
            "projected_status")
    sql = f"""{_BEST.format(where="r.period = :year")}
        SELECT b.org_id, b.state, b.updated_at, g.budget_tce, {_pivot("b", keys)}
        FROM best b JOIN energy_budgets g ON g.record_id = b.record_id
        WHERE b.rn = 1"""
    return {r["org_id"]: r for r in _query(store, sql, {"county": county, "form": "energy_budget",
                                                       "year": year})}


def _audits(store: Store, county: str, year: str) -> dict:
    sql = f"""{_BEST.format(where="CAST(r.period AS INTEGER) <= CAST(:year AS INTEGER)")}, latest AS (
          SELECT b.*, ROW_NUMBER() OVER (PARTITION BY b.org_id ORDER BY b.period DESC) AS k
          FROM best b WHERE b.rn = 1 AND CAST(b.period AS INTEGER) <= CAST(:year AS INTEGER))
        SELECT l.org_id, l.state, l.updated_at, a.audit_year, a.kind, a.acceptance_result,
               {_pivot("l", ("stage_reached",))}
        FROM latest l JOIN cp_audits a ON a.record_id = l.record_id
        WHERE l.k = 1"""
    return {r["org_id"]: r for r in _query(store, sql, {"county": county, "form": "cp_audit",
                                                       "year": year})}


def _pilots(store: Store, county: str) -> dict[str, list[dict]]:
    sql = """
        WITH best AS (
          SELECT r.record_id, r.org_id, r.state, r.updated_at, r.period,
                 ROW_NUMBER() OVER (PARTITION BY r.lineage_id
                                    ORDER BY (r.state = 'draft'), r.revision DESC) AS rn
          FROM records r JOIN organisations o ON o.org_id = r.org_id
          WHERE o.admin_code = :county AND r.form = 'pilot_application')
        SELECT b.org_id, b.record_id, b.state, b.updated_at, p.title, p.pilot_type, p.target_year
        FROM best b JOIN pilot_applications p ON p.record_id = b.record_id
        WHERE b.rn = 1 ORDER BY b.org_id, b.period, b.record_id"""
    out: dict[str, list[dict]] = {}
    for row in _query(store, sql, {"county": county}):
        out.setdefault(row["org_id"], []).append(row)
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
    key_tce, key_co2 = ref.threshold("key_energy_unit_tce"), ref.threshold("key_emitting_unit_tco2")
    y = str(int(year))
    energies = _energy(store, code, y)
    budgets, audits, pilots = _budgets(store, code, y), _audits(store, code, y), _pilots(store, code)
    stamps: list[str] = []
    rows: list[RollupRow] = []
    for org in store.list_orgs(admin_code=code):
        row = RollupRow(org["org_id"], org["name"], org["kind"], org["industry_code"])
        energy = energies.get(org["org_id"])
        if energy is not None:
            if energy["annual"]:
                row.energy_source, row.months = "annual", 12
            else:
                row.energy_source, row.months = "monthly", energy["months"]
            row.energy_draft = bool(energy["drafts"])
            stamps.append(energy["updated_at"])
            row.total_tce, row.total_co2_t = energy["total_tce"], energy["total_co2_t"]
            row.value_added_10k_yuan = energy["va"]
            row.energy_intensity = _ratio(row.total_tce, row.value_added_10k_yuan)
            row.carbon_intensity = _ratio(row.total_co2_t, row.value_added_10k_yuan)
            row.key_energy_unit = (row.total_tce or 0) >= key_tce
            row.key_emitting_unit = (row.total_co2_t or 0) >= key_co2
        budget = budgets.get(org["org_id"])
        if budget is not None:
            stamps.append(budget["updated_at"])
            row.budget_tce, row.effective_budget_tce = budget["budget_tce"], budget["effective_budget_tce"]
            row.actual_tce, row.utilization_pct = budget["ytd_actual_tce"], budget["utilization_pct"]
            row.budget_status, row.projected_status = budget["status"], budget["projected_status"]
            row.budget_draft = budget["state"] == "draft"
        audit = audits.get(org["org_id"])
        if audit is not None:
            stamps.append(audit["updated_at"])
            row.audit_year, row.audit_kind = audit["audit_year"], audit["kind"]
            row.audit_stage, row.audit_result = audit["stage_reached"], audit["acceptance_result"]
            row.audit_state = audit["state"]
        row.pilots = pilots.get(org["org_id"], [])
        stamps += [p["updated_at"] for p in row.pilots]
        rows.append(row)
    return Rollup(int(year), code, name, ref.version, max(filter(None, stamps), default=""), rows)
