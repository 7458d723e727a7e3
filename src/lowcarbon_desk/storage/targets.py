"""Stored targets (table ``targets``) and the division's figures per year they are judged by.

Who may set which division's target: a county database its own code, the province its own and
its counties' (codes with its 2-digit prefix); a database whose identity is not known yet (a
county and its enterprises entered, nothing reported) the codes of its county organisations;
an enterprise's database none. Every change is one transaction with its audit-log entries
(action ``target.set``, ``org_id`` the division, one entry per changed value).

The figures are the sums over the energy reports that count (``counting.year_energy``, the
records the roll-up counts) of the division's enterprises and parks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..domain.errors import InputError
from ..domain.targets import Target, TargetProgress, YearFigures, guidance_share, progress
from . import audit
from .counting import computed_values, year_energy
from .identity import COUNTY, PROVINCE, UNKNOWN, home_of, is_province_code
from .rows import DbRow
from .tables import table

if TYPE_CHECKING:
    from .store import Store

COLUMNS = ("division", "year", "base_year", "co2_intensity_cut_pct", "energy_intensity_cut_pct",
           "energy_cap_tce", "non_fossil_share_pct", "set_by", "set_at")
REPORTING_KINDS = ("enterprise", "park")


def settable_divisions(store: Store) -> tuple[str, ...] | None:
    """The division codes this database may set targets for (``None``: the province's own code
    and every code with its prefix, see ``may_set``)."""
    home = home_of(store)
    if home.kind == PROVINCE:
        return None
    if home.kind == COUNTY:
        return home.codes
    if home.kind == UNKNOWN:
        return tuple(r[0] for r in store.db.execute(
            "SELECT DISTINCT admin_code FROM organisations WHERE kind = 'county' ORDER BY admin_code"))
    return ()


def may_set(store: Store, division: str) -> bool:
    """Whether this database may set ``division``'s targets."""
    allowed = settable_divisions(store)
    if allowed is None:
        home = home_of(store)
        return any(code == division or (is_province_code(code) and division[:2] == code[:2])
                   for code in home.codes)
    return division in allowed


def require_settable(store: Store, division: str, option: tuple[str, str] = ("行政区划代码", "division code")) -> None:
    """``InputError`` naming ``option`` unless this database may set ``division``'s targets."""
    if may_set(store, division):
        return
    allowed = settable_divisions(store)
    home = home_of(store)
    if allowed == ():
        raise InputError(f"{option[0]}：{division} 不能在本库设定目标：只有县或省的数据库设定目标",
                         f"{option[1]}: {division} cannot be set here: only a county's or the province's "
                         "database sets targets", subject="division")
    mine = "、".join(allowed) if allowed else (home.code or "（无）")
    raise InputError(f"{option[0]}：{division} 不在本库辖区内（县设定本县的目标，省设定本省及所辖县的目标；本库：{mine}）",
                     f"{option[1]}: {division} is outside this database's division (a county sets its own "
                     f"targets, the province its own and its counties'; this database: {', '.join(allowed or ()) or home.code or 'none'})",
                     subject="division")


def _target(row: DbRow) -> Target:
    return Target(**{k: row[k] for k in COLUMNS})


def get_target(store: Store, division: str, year: int) -> Target | None:
    """The stored target of ``division`` for target year ``year``."""
    rows = list(store.db.query("SELECT * FROM targets WHERE division = ? AND year = ?", [division, int(year)]))
    return _target(rows[0]) if rows else None


def list_targets(store: Store, division: str | None = None) -> list[Target]:
    """Stored targets by division and year (of one ``division`` when given)."""
    where, params = ("WHERE division = ?", [division]) if division else ("", [])
    return [_target(r) for r in store.db.query(f"SELECT * FROM targets {where} ORDER BY division, year", params)]


def _store_one(store: Store, target: Target, operator: str, at: str) -> bool:
    old = get_target(store, target.division, target.year)
    new = {**target.as_dict(), "set_at": at}
    values = {k: v for k, v in new.items() if k not in ("set_by", "set_at")}
    before = {k: v for k, v in old.as_dict().items() if k not in ("set_by", "set_at")} if old else {}
    changes = [(f"targets[{target.division}/{target.year}].{k}", before.get(k), v)
               for k, v in values.items() if k not in ("division", "year") and before.get(k) != v]
    if old is not None and not changes and old.set_by == target.set_by:
        return False
    table(store.db, "targets").upsert(new, pk=("division", "year"))
    audit.log(store.db, operator=operator, action="target.set", org_id=target.division, at=at,
              changes=changes or [(f"targets[{target.division}/{target.year}].set_by", old.set_by if old else None,
                                   target.set_by)])
    return True


def set_target(store: Store, target: Target, operator: str) -> Target:
    """Store ``target`` (checked by ``domain.targets.check_target``) after checking the
    division; ``set_by`` defaults to ``operator``. Returns the stored target."""
    require_settable(store, target.division)
    stored = replace(target, set_by=target.set_by or operator)
    with store.transaction():
        _store_one(store, stored, operator, audit.now_iso())
    return get_target(store, target.division, target.year) or stored


def store_received(store: Store, targets: Iterable[Target], sender: str, operator: str) -> int:
    """Store targets a county's package carried (the caller holds the import's transaction and
    has checked that each is the sender's own division), ``set_by`` the sending county;
    returns how many changed."""
    at = audit.now_iso()
    return sum(_store_one(store, replace(t, set_by=sender), operator, at) for t in targets)


def _division_clause(division: str) -> tuple[str, list[str]]:
    if is_province_code(division):
        return "substr(admin_code, 1, 2) = ? AND length(admin_code) = 6", [division[:2]]
    return "admin_code = ?", [division]


def division_figures(store: Store, division: str, years: Iterable[int]) -> dict[int, YearFigures]:
    """The division's sums per year over the energy reports that count: a county's
    enterprises and parks, or the province's over all its counties."""
    clause, params = _division_clause(division)
    orgs = {r[0] for r in store.db.execute(
        f"SELECT org_id FROM organisations WHERE {clause} AND kind IN ('enterprise', 'park')", params)}
    out: dict[int, YearFigures] = {}
    for year in sorted(set(int(y) for y in years)):
        scope = division if not is_province_code(division) else None
        energies = [e for org, e in year_energy(store, year, admin_code=scope).items() if org in orgs]
        counted = [e for e in energies if e.total_tce is not None]
        ids = [rid for e in counted for rid in e.record_ids]
        non_fossil = computed_values(store, ids, "non_fossil_tce")
        nf_tce = nf_basis = None
        for e in counted:
            carried = [v for v in (non_fossil.get(r) for r in e.record_ids) if isinstance(v, (int, float))]
            if carried and len(carried) == len(e.record_ids):  # a year wholly on reports that carry it
                nf_tce = (nf_tce or 0.0) + sum(carried)
                nf_basis = (nf_basis or 0.0) + (e.total_tce or 0.0)
        out[year] = YearFigures(
            year, total_tce=sum(e.total_tce or 0.0 for e in counted),
            total_co2_t=sum(e.total_co2_t or 0.0 for e in counted),
            value_added_10k_yuan=sum(e.value_added_10k_yuan or 0.0 for e in counted),
            reports=sum(len(e.records) for e in counted), non_fossil_tce=nf_tce, non_fossil_basis_tce=nf_basis)
    return out


@dataclass(frozen=True)
class DivisionProgress:
    """One target of a division at a year: the progress and the figures of every year from
    the base year up to that year (the chart's actual line)."""

    progress: TargetProgress
    figures: dict[int, YearFigures]

    @property
    def target(self) -> Target:
        return self.progress.target

    def series(self, key: str) -> list[tuple[int, float | None]]:
        """Per year the actual value of an indicator (``co2_intensity``, ``energy_intensity``,
        ``total_tce``, ``non_fossil_share_pct``), None where there is none."""
        out = []
        for year, f in sorted(self.figures.items()):
            value = getattr(f, key)
            out.append((year, value if f.has_energy or key == "non_fossil_share_pct" else None))
        return out


def division_progress(store: Store, division: str, year: int) -> list[DivisionProgress]:
    """Every stored target of ``division`` judged at ``year`` (by target year), with the
    Hunan plan's non-fossil guidance of the reference data beside an empty share target."""
    targets = list_targets(store, division)
    if not targets:
        return []
    first = min(t.base_year for t in targets)
    figures = division_figures(store, division, range(min(first, year), max(first, year) + 1))
    thresholds = {k: v.value for k, v in store.reference().thresholds.items()}
    out = []
    for target in targets:
        base, now = figures.get(target.base_year), figures.get(year)
        own = {y: f for y, f in figures.items() if target.base_year <= y <= year}
        out.append(DivisionProgress(progress(target, base, now, year, guidance_share(thresholds, target.year)), own))
    return out


def overview_targets(store: Store, year: int) -> list[DivisionProgress]:
    """Every stored target of this database's division (a county's own; the province's own
    and its counties') judged at ``year``, by division and target year."""
    home = home_of(store)
    divisions = [d for (d,) in store.db.execute("SELECT DISTINCT division FROM targets ORDER BY division")
                 if d in home.codes or home.covers(d) or may_set(store, d)]
    return [p for d in divisions for p in division_progress(store, d, year)]


__all__ = [
    "DivisionProgress",
    "division_figures",
    "division_progress",
    "get_target",
    "list_targets",
    "may_set",
    "overview_targets",
    "require_settable",
    "set_target",
    "settable_divisions",
    "store_received",
]
