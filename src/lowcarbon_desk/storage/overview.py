"""The county overview of one year: counts and totals, each with the records behind it.

Headless: the window shows these figures and opens the ``record_ids`` (or ``org_ids``) of the
one clicked. Only the newest revision of each record counts. The year's energy of an
organisation is its annual report where there is one, else the sum of its monthly reports
(``source`` says which).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.forms import get_form
from ..domain.records import STATE_LABELS
from .imported import review_queue
from .store import Store

# the same record the roll-up counts (reports.rollup_data): the newest revision that is not a
# draft, and only when there is none the newest draft
_LATEST = ("r.record_id = (SELECT x.record_id FROM records x WHERE x.lineage_id = r.lineage_id "
           "ORDER BY (x.state = 'draft'), x.revision DESC LIMIT 1)")


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

    def groups(self) -> list[tuple[str, str, list[Figure]]]:
        """(title zh, title en, figures) in display order."""
        return [("数量与合计", "Counts and totals", self.totals),
                ("重点单位", "Key units", self.key_units),
                ("用能预算", "Energy budgets", self.budgets),
                ("清洁生产审核", "Cleaner-production audits", self.audits),
                ("低碳试点", "Low-carbon pilots", self.pilots),
                ("缺报", "Missing reports", [self.missing])]


def _orgs(store: Store, admin_code: str | None) -> list[dict]:
    return store.list_orgs(admin_code=admin_code)


def _latest(store: Store, form: str, where: str, params: list, org_ids: set[str]) -> list[tuple]:
    sql = (f"SELECT r.record_id, r.org_id, r.period, r.state FROM records r "
           f"WHERE r.form = ? AND {_LATEST} AND {where} ORDER BY r.org_id, r.period")
    return [row for row in store.db.execute(sql, [form, *params]).fetchall() if row[1] in org_ids]


def _computed(store: Store, record_ids: list[str], key: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for start in range(0, len(record_ids), 900):
        chunk = record_ids[start:start + 900]
        marks = ", ".join("?" * len(chunk))
        for record_id, num, text in store.db.execute(
                f"SELECT record_id, value_num, value_text FROM record_computed "
                f"WHERE key = ? AND record_id IN ({marks})", [key, *chunk]):
            out[record_id] = text if text is not None else num
    return out


def org_energy(store: Store, year: int, orgs: list[dict]) -> list[OrgEnergy]:
    """Each organisation's energy for ``year``: the annual report, else the months added up."""
    names = {o["org_id"]: o["name"] for o in orgs}
    rows = _latest(store, "energy_report", "(r.period = ? OR r.period LIKE ?)",
                   [str(year), f"{year}-__"], set(names))
    ids = [r[0] for r in rows]
    tce, co2 = _computed(store, ids, "total_tce"), _computed(store, ids, "total_co2_t")
    annual: dict[str, str] = {}
    monthly: dict[str, dict[str, str]] = {}
    for record_id, org_id, period, _state in rows:
        if len(period) == 4:
            annual[org_id] = record_id
        else:
            monthly.setdefault(org_id, {})[period] = record_id
    out = []
    for org_id in names:
        if org_id in annual:
            rid = annual[org_id]
            out.append(OrgEnergy(org_id, names[org_id], float(tce.get(rid) or 0),
                                 float(co2.get(rid) or 0), "annual", 12, [rid]))
        elif org_id in monthly:
            rids = sorted(monthly[org_id].values())
            out.append(OrgEnergy(org_id, names[org_id], sum(float(tce.get(r) or 0) for r in rids),
                                 sum(float(co2.get(r) or 0) for r in rids), "monthly",
                                 len(rids), rids))
    return out


def county_overview(store: Store, year: int, admin_code: str | None = None) -> Overview:
    """The overview of ``year`` for the county ``admin_code`` (every organisation when None)."""
    year = int(year)
    orgs = _orgs(store, admin_code)
    org_ids = {o["org_id"] for o in orgs}
    ref = store.reference()
    units = [o for o in orgs if o["kind"] in ("enterprise", "park")]
    energy = org_energy(store, year, units)
    all_rows = _latest(store, "energy_report", "(r.period = ? OR r.period LIKE ?)",
                       [str(year), f"{year}-__"], org_ids)
    annual_rows = [r for r in all_rows if len(r[2]) == 4]
    monthly_rows = [r for r in all_rows if len(r[2]) != 4]
    # received in packages and not decided yet (the review queue), the year's records only
    waiting = [r for r in review_queue(store.db)
               if r["org_id"] in org_ids and str(r["period"] or "").startswith(str(year))]
    totals = [
        Figure("orgs", "单位数", "Organisations", len(orgs), "个", "", org_ids=sorted(org_ids)),
        Figure("enterprises", "企业数", "Enterprises",
               sum(1 for o in orgs if o["kind"] == "enterprise"), "家", "",
               org_ids=[o["org_id"] for o in orgs if o["kind"] == "enterprise"]),
        Figure("parks", "园区数", "Parks", sum(1 for o in orgs if o["kind"] == "park"), "个", "",
               org_ids=[o["org_id"] for o in orgs if o["kind"] == "park"]),
        Figure("annual_reports", "能源年报", "Annual energy reports", len(annual_rows), "份", "",
               record_ids=[r[0] for r in annual_rows]),
        Figure("monthly_reports", "能源月报", "Monthly energy reports", len(monthly_rows), "份", "",
               record_ids=[r[0] for r in monthly_rows]),
        Figure("to_review", "待审核", "To review", len(waiting), "份", "",
               record_ids=[r["record_id"] for r in waiting]),
        Figure("total_tce", "综合能源消费量", "Total energy", round(sum(e.tce for e in energy), 2),
               "吨标准煤", "tce", record_ids=[r for e in energy for r in e.record_ids]),
        Figure("total_co2", "二氧化碳排放量", "Total CO2", round(sum(e.co2_t for e in energy), 2),
               "吨CO2", "tCO2", record_ids=[r for e in energy for r in e.record_ids]),
    ]
    key_energy = [e for e in energy if e.tce >= ref.threshold("key_energy_unit_tce")]
    key_emitting = [e for e in energy if e.co2_t >= ref.threshold("key_emitting_unit_tco2")]
    key_units = [
        Figure("key_energy", "重点用能单位", "Key energy-consuming units", len(key_energy), "家", "",
               record_ids=[r for e in key_energy for r in e.record_ids],
               org_ids=[e.org_id for e in key_energy]),
        Figure("key_emitting", "重点排放单位", "Key emitting units", len(key_emitting), "家", "",
               record_ids=[r for e in key_emitting for r in e.record_ids],
               org_ids=[e.org_id for e in key_emitting]),
    ]
    budget_rows = _latest(store, "energy_budget", "r.period = ?", [str(year)], org_ids)
    status = _computed(store, [r[0] for r in budget_rows], "status")
    budgets = []
    for key, zh, en in (("ok", "正常", "OK"), ("alert", "预警（≥80%）", "Alert (≥80 %)"),
                        ("exceeded", "超出（>100%）", "Exceeded (>100 %)"),
                        (None, "无实际数据", "No actuals yet")):
        ids = [r[0] for r in budget_rows if status.get(r[0]) == key]
        budgets.append(Figure(f"budget_{key or 'none'}", zh, en, len(ids), "份", "", record_ids=ids))
    audit_rows = _latest(store, "cp_audit", "r.period = ?", [str(year)], org_ids)
    stage = _computed(store, [r[0] for r in audit_rows], "stage_reached")
    audits = []
    for option in get_form("cp_audit").enums["stage"]:
        ids = [r[0] for r in audit_rows if stage.get(r[0]) == option.value]
        audits.append(Figure(f"audit_{option.value}", option.zh, option.en, len(ids), "家", "",
                             record_ids=ids))
    ids = [r[0] for r in audit_rows if stage.get(r[0]) is None]
    audits.append(Figure("audit_not_started", "未开始", "Not started", len(ids), "家", "",
                         record_ids=ids))
    pilot_rows = _latest(store, "pilot_application", "1 = 1", [], org_ids)
    pilots = []
    for state, (zh, en) in STATE_LABELS.items():
        ids = [r[0] for r in pilot_rows if r[3] == state]
        pilots.append(Figure(f"pilot_{state}", zh, en, len(ids), "份", "", record_ids=ids))
    # the roll-up's rule (reports.rollup_data): missing = no energy report of the year at all
    reported = {e.org_id for e in energy}
    missing_orgs = [o["org_id"] for o in orgs if o["kind"] == "enterprise"
                    and o["org_id"] not in reported]
    missing = Figure("missing", "缺少本年度能源报表的企业", "Enterprises with no report this year",
                     len(missing_orgs), "家", "", org_ids=missing_orgs,
                     record_ids=[r for e in energy if e.org_id in set(missing_orgs)
                                 for r in e.record_ids])
    return Overview(year, admin_code, totals, key_units, budgets, audits, pilots, missing, energy)


def years_with_data(store: Store) -> list[int]:
    """Years that have any record, newest first."""
    years = {int(p[:4]) for (p,) in store.db.execute(
        "SELECT DISTINCT period FROM records WHERE period IS NOT NULL") if p[:4].isdigit()}
    return sorted(years, reverse=True)
