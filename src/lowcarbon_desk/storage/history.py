"""What the plausibility rules compare a record with: the previous year's report and the peers.

``record_history`` fills the domain's ``History`` for one record from this database;
``intensity_positions`` gives the county reviewer, per enterprise of a year, where its energy
intensity sits among its industry class (the figure behind ``energy_report.intensity_outlier``);
``positions_of_records`` the same for the records of a list (the review queue). ``org_trend`` is an
organisation's energy, CO2 and intensity over every year in the database (its page and the
record PDF's trend chart).
Only non-draft records count: a draft is still being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..domain.forms import get_form
from ..domain.history import NO_HISTORY, History, Peers, PreviousReport
from ..domain.history_peers import PeerGroup
from ..domain.jsontypes import JsonObject
from ..domain.plausibility import industry_class
from ..domain.reference import ReferenceData
from .id_chunks import id_chunks
from .ordering import newest_first
from .ranking import RANK_COLUMNS, newest_per_period, sorted_keys
from .record_io import read_computed, read_content
from .rows import DbRow

if TYPE_CHECKING:
    from .base import StoreBase

REPORT = "energy_report"

# The non-draft annual energy reports of a year with their organisation and energy intensity,
# as tuples (``ranking.RANK_COLUMNS`` first); ``_newest_reports`` keeps the newest of each
# organisation (counting's order: by submission, never by ``updated_at``, which a decision
# changes). The organisations are the outer loop (CROSS JOIN), so every look-up of ``records``
# is a seek on its (form, org_id, period) index and the intensity one seek of ``record_computed``.
_REPORTS = f"""
    SELECT {", ".join("r." + c for c in RANK_COLUMNS)}, r.form_version, o.industry_code, o.admin_code,
           c.value_num
    FROM organisations o CROSS JOIN records r ON r.org_id = o.org_id AND r.form = 'energy_report'
         AND r.period = :period AND r.state != 'draft'
    LEFT JOIN record_computed c ON c.record_id = r.record_id AND c.key = 'energy_intensity'
    WHERE {{orgs}}
"""
_ALL_ORGS = "1 = 1"
_COUNTY = "o.admin_code = :county"
# one county's industry class: the look-up for one record's peers, which must not read the
# whole year's reports each time (the demo county went from 23 s to 80 s for 2,000 enterprises
# when the filtering was done in Python)
_CLASS = "o.admin_code = :county AND upper(substr(trim(o.industry_code), 1, :length)) = :class"
_REPORT_FIELDS = ("form_version", "industry_code", "admin_code", "intensity")


def _newest_reports(store: StoreBase, orgs: str, params: dict[str, object]) -> list[DbRow]:
    """The newest non-draft annual energy report of each organisation among ``orgs``, by
    organisation: ``record_id``, ``org_id``, ``form_version``, ``industry_code``,
    ``admin_code`` and ``intensity``."""
    width = len(RANK_COLUMNS)
    newest = newest_per_period(store.db, store.db.execute(_REPORTS.format(orgs=orgs), params).fetchall())
    return [{"record_id": row[0], "org_id": row[3], **dict(zip(_REPORT_FIELDS, row[width:], strict=True))}
            for row in map(newest.__getitem__, sorted_keys(newest))]


def newest_reports(store: StoreBase, year: int | str, admin_code: str | None = None) -> list[DbRow]:
    """Per organisation (of the county ``admin_code``, or all) its newest non-draft annual
    energy report of ``year``, with the organisation's county and industry code and the
    report's energy intensity, sorted by organisation."""
    if admin_code is None:
        return _newest_reports(store, _ALL_ORGS, {"period": str(year)})
    return _newest_reports(store, _COUNTY, {"period": str(year), "county": admin_code})


def _class_reports(store: StoreBase, period: str, admin_code: object, length: int,
                   own_class: str) -> list[DbRow]:
    return _newest_reports(store, _CLASS, {"period": period, "county": admin_code, "length": length,
                                           "class": own_class})


def previous_report(store: StoreBase, org_id: str, period: str) -> PreviousReport | None:
    """The organisation's newest non-draft annual report of the year before ``period``."""
    db = store.db
    if len(period or "") != 4 or not period.isdigit():
        return None
    before = str(int(period) - 1)
    row = db.execute(
        "SELECT record_id, form_version FROM records r WHERE form = ? AND org_id = ? AND period = ?"
        f" AND state != 'draft' ORDER BY {newest_first('r')} LIMIT 1",
        [REPORT, org_id, before]).fetchone()
    if row is None:
        return None
    record_id, version = row
    data, computed = read_content(db, get_form(REPORT, version), record_id)
    consumption: dict[str, float] = {}
    for line in data.get("lines") or []:
        code, quantity = line.get("energy"), line.get("consumption_total")
        if code and isinstance(quantity, (int, float)):
            consumption[code] = consumption.get(code, 0.0) + float(quantity)
    return PreviousReport(record_id, before, computed.get("total_tce"), computed.get("total_co2_t"),
                          consumption)


def peers(store: StoreBase, org: DbRow | None, period: str, ref: ReferenceData) -> Peers | None:
    """Energy intensities of the other enterprises of the organisation's industry class and
    county for ``period`` (newest non-draft annual report each)."""
    if not org or org.get("kind") != "enterprise" or len(period or "") != 4:
        return None
    length = int(ref.threshold("intensity_peer_code_length"))
    own_class = industry_class(org.get("industry_code"), length)
    if not own_class:
        return None
    # by organisation, as the records index gave them before (the median does not care)
    rows = _class_reports(store, period, org.get("admin_code"), length, own_class)
    values = tuple(row["intensity"] for row in rows
                   if row["org_id"] != org["org_id"] and row["intensity"] is not None
                   and row["admin_code"] == org.get("admin_code")
                   and industry_class(row["industry_code"], length) == own_class)
    return Peers(own_class, values)


def record_history(store: StoreBase, row: DbRow, org: DbRow | None, ref: ReferenceData) -> History:
    """The ``History`` of a stored record (a ``records`` row): previous report and peers of an
    annual energy report; nothing for other forms."""
    if row.get("form") != REPORT:
        return NO_HISTORY
    return _StoredHistory(store, row["org_id"], str(row.get("period") or ""), org, ref)


class _StoredHistory(History):
    """A ``History`` whose parts are read from the database when a rule first asks for them:
    submitting runs only the blocking rules, and none of those compares with the peers."""

    _source: tuple[StoreBase, str, str, DbRow | None, ReferenceData]

    def __init__(self, store: StoreBase, org_id: str, period: str, org: DbRow | None,
                 ref: ReferenceData):
        object.__setattr__(self, "_source", (store, org_id, period, org, ref))

    @cached_property
    def previous_report(self) -> PreviousReport | None:
        store, org_id, period, _, _ = self._source
        return previous_report(store, org_id, period)

    @cached_property
    def peers(self) -> Peers | None:
        store, _, period, org, ref = self._source
        return peers(store, org, period, ref)


def history_for(store: StoreBase, doc: JsonObject, org: DbRow | None, ref: ReferenceData) -> History:
    """The same for a record document being edited (``form``, ``org_id``, and the period in
    the editor's data, which may differ from the stored one)."""
    form = get_form(doc["form"], doc.get("form_version"))
    period = (doc.get("data") or {}).get(form.period_field) if form.period_field else None
    return record_history(store, {"form": doc["form"], "org_id": doc["org_id"],
                               "period": period if period is not None else doc.get("period")}, org, ref)


@dataclass(frozen=True)
class IntensityPosition:
    """One enterprise's energy intensity of a year among its industry class in the county."""

    org_id: str
    record_id: str
    industry_class: str
    intensity: float
    median: float
    robust_sd: float
    distance_sd: float
    peers: int
    outlier: bool


def intensity_positions(store: StoreBase, year: int | str, ref: ReferenceData,
                        admin_code: str | None = None) -> list[IntensityPosition]:
    """Every enterprise with a non-draft annual report of ``year`` whose class has enough peers
    (``intensity_outlier_min_peers``) in its county, with its distance from their median in
    robust SDs; ``outlier`` when beyond ``intensity_outlier_sd``. Largest distance first."""
    return peer_positions(newest_reports(store, year, admin_code), ref, lambda row: row["admin_code"])


def peer_positions(rows: list[DbRow], ref: ReferenceData,
                   scope: Callable[[DbRow], object]) -> list[IntensityPosition]:
    """The position of each row's intensity among the other rows of its industry class and
    ``scope`` (a row's county, or one key for a whole province), for the rows with an intensity,
    a class and enough peers; largest distance first."""
    length = int(ref.threshold("intensity_peer_code_length"))
    min_peers = int(ref.threshold("intensity_outlier_min_peers"))
    limit = ref.threshold("intensity_outlier_sd")
    rows = [r for r in rows if r["intensity"] is not None and industry_class(r["industry_code"], length)]
    # each peer group is sorted once and every member's position found in it by bisection:
    # listing every row's others made this quadratic (x26 from 250 to 2,000 enterprises)
    members: dict[tuple[object, str], list[tuple[object, float]]] = {}
    for row in rows:
        key = (scope(row), industry_class(row["industry_code"], length))
        members.setdefault(key, []).append((row["org_id"], row["intensity"]))
    groups = {key: PeerGroup(values) for key, values in members.items()}
    out = []
    for row in rows:
        own = industry_class(row["industry_code"], length)
        position = _position(row, own, groups[(scope(row), own)], min_peers, limit)
        if position is not None:
            out.append(position)
    return sorted(out, key=lambda p: -abs(p.distance_sd))


def _position(row: DbRow, own: str, group: PeerGroup, min_peers: int,
              limit: float) -> IntensityPosition | None:
    # among the group less the row's organisation (itself, or its counting report)
    position = group.position(row["org_id"], row["intensity"], min_peers)
    if position is None:
        return None
    return IntensityPosition(row["org_id"], row["record_id"], own, row["intensity"], position.median,
                             position.robust_sd, position.distance_sd, position.peers,
                             abs(position.distance_sd) > limit)


# the listed annual energy reports with their organisation's county and industry code, looked
# up by record id (the unary + keeps SQLite from reading every energy report of the form's index
# instead, as it did: 25,000 rows for each chunk of the list at 2,000 enterprises)
_LISTED_REPORTS = """
    SELECT r.record_id, r.org_id, r.period, o.industry_code, o.admin_code, c.value_num AS intensity
    FROM records r JOIN organisations o ON o.org_id = r.org_id
    LEFT JOIN record_computed c ON c.record_id = r.record_id AND c.key = 'energy_intensity'
    WHERE +r.form = 'energy_report' AND r.record_id IN ({marks})
"""


def positions_of_records(store: StoreBase, record_ids: list[str],
                         ref: ReferenceData) -> dict[str, IntensityPosition]:
    """Where each listed annual energy report's intensity sits among the peers of its class and
    county, by record id: the figure ``intensity_positions`` gives for the counting report,
    computed here for the listed record itself (the one a reviewer is deciding) and only for
    the classes the list touches (a whole year takes 0.6 s for 2,000 enterprises). Records of
    other forms, monthly reports and those without enough peers are left out."""
    length = int(ref.threshold("intensity_peer_code_length"))
    min_peers = int(ref.threshold("intensity_outlier_min_peers"))
    limit = ref.threshold("intensity_outlier_sd")
    db = store.db
    listed: list[DbRow] = []
    for chunk, marks in id_chunks(record_ids):
        listed += db.query(_LISTED_REPORTS.format(marks=marks), chunk)
    groups: dict[tuple[str, str, str], list[DbRow]] = {}
    for row in listed:
        own = industry_class(row["industry_code"], length)
        if _is_year(row["period"]) and own and row["intensity"] is not None:
            groups.setdefault((row["period"], row["admin_code"], own), []).append(row)
    out: dict[str, IntensityPosition] = {}
    for (period, admin_code, own), rows in groups.items():
        group = PeerGroup((m["org_id"], m["intensity"])
                          for m in _class_reports(store, period, admin_code, length, own)
                          if m["intensity"] is not None and industry_class(m["industry_code"], length) == own)
        for row in rows:
            position = _position(row, own, group, min_peers, limit)
            if position is not None:
                out[row["record_id"]] = position
    return out


def _is_year(period: object) -> bool:
    text = str(period or "")
    return len(text) == 4 and text.isdigit()


@dataclass(frozen=True)
class TrendPoint:
    """One year of an organisation's trend: the figures of its counting annual energy report."""

    year: int
    record_id: str
    state: str
    total_tce: float | None
    total_co2_t: float | None
    energy_intensity: float | None


@dataclass(frozen=True)
class OrgTrend:
    """An organisation's annual energy reports over the years, oldest first. ``draft_years``:
    years that have only drafts, left out of ``points`` (a draft is still being typed and is
    not what the office received; the year-on-year rule leaves it out too)."""

    org_id: str
    points: tuple[TrendPoint, ...]
    draft_years: tuple[int, ...]

    def years(self) -> list[int]:
        return [p.year for p in self.points]


# Per year the counting non-draft annual report: the order of ``counting`` (by submission, the
# lineage's start and the revision; never by ``updated_at``, which a decision changes).
_TREND = f"""
WITH ranked AS (
  SELECT r.record_id, r.period, r.state,
         ROW_NUMBER() OVER (PARTITION BY r.period ORDER BY {newest_first('r')}) AS rn
  FROM records r
  WHERE r.form = 'energy_report' AND r.org_id = :org AND r.period GLOB '[0-9][0-9][0-9][0-9]'
    AND r.state != 'draft'
)
SELECT k.record_id, k.period, k.state, t.value_num AS tce, c.value_num AS co2, i.value_num AS intensity
FROM ranked k
LEFT JOIN record_computed t ON t.record_id = k.record_id AND t.key = 'total_tce'
LEFT JOIN record_computed c ON c.record_id = k.record_id AND c.key = 'total_co2_t'
LEFT JOIN record_computed i ON i.record_id = k.record_id AND i.key = 'energy_intensity'
WHERE k.rn = 1 ORDER BY k.period
"""

_DRAFT_YEARS = """
SELECT DISTINCT period FROM records
WHERE form = 'energy_report' AND org_id = :org AND period GLOB '[0-9][0-9][0-9][0-9]' AND state = 'draft'
"""


def org_trend(store: StoreBase, org_id: str) -> OrgTrend:
    """The organisation's total energy (tce), CO2 (t) and energy intensity (tce per 10⁴ yuan)
    per year: for each year its newest non-draft annual energy report, as ``counting`` picks it;
    monthly reports are left out (a year's months are not a year until the annual report)."""
    points = tuple(TrendPoint(int(row["period"]), row["record_id"], row["state"], row["tce"],
                              row["co2"], row["intensity"])
                   for row in store.db.query(_TREND, {"org": org_id}))
    counted = {p.year for p in points}
    drafts = sorted(int(p) for (p,) in store.db.execute(_DRAFT_YEARS, {"org": org_id}) if int(p) not in counted)
    return OrgTrend(org_id, points, tuple(drafts))


__all__ = ["IntensityPosition", "OrgTrend", "TrendPoint", "history_for", "intensity_positions", "newest_reports",
           "org_trend",
           "peer_positions", "peers", "positions_of_records", "previous_report", "read_computed", "record_history"]
