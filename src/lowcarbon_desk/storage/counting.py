"""Which record counts: the one rule behind the county overview, the roll-up and the queue.

Per organisation, form and period the record that counts is the newest revision that is not a
draft (submitted, accepted or returned: what the office has actually received), and only when
there is none the newest draft, which is then flagged. "Newest" goes by lineage and revision,
never by ``updated_at`` (a decision or an edit must not change which record counts):

- among the received records the one submitted last (``submitted_at``), then the higher revision;
- among drafts the one whose lineage began last, then the higher revision.

Equal times go to the lineage that began later (its earliest ``created_at``), then the higher
revision, then the larger record id: ``ordering.newest_first`` in SQL, ``ranking`` in Python
(here: every candidate of a county is read once as a tuple and the newest of each organisation
and period picked in one pass; a lineage's start is read only where two records compete).

So a second annual draft for an enterprise that already submitted does not displace the
submitted report, and a draft revision of a returned report leaves the returned one counting.

Energy of a year: the counting annual report (period ``YYYY``) where there is one, else the
counting monthly reports (``YYYY-MM``) added up; ``YearEnergy`` says which, how many months and
which drafts lie behind it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from .figures import figure_rows
from .id_chunks import id_chunks
from .ordering import ORGS_ORDER
from .ranking import RANK_COLUMNS, newest_per_period, sorted_keys
from .rows import DbRow

if TYPE_CHECKING:
    from .store import Store

# Every candidate of the county, read once as tuples; ``ranking`` picks the newest of each
# organisation and period (``ordering.newest_first``'s order). The organisations drive the query
# (CROSS JOIN keeps them the outer loop), so each look-up of ``records`` is a seek on its
# (form, org_id, period) index, never a scan of a whole form.
_CANDIDATES = f"""
SELECT {", ".join("r." + c for c in RANK_COLUMNS)}
FROM organisations o CROSS JOIN records r
WHERE {{orgs}} AND r.form = :form AND r.org_id = o.org_id AND ({{where}})
"""


class Counted(NamedTuple):
    """The record that counts for one organisation, form and period (a named tuple: a county
    has tens of thousands of them, made faster so than as a frozen dataclass)."""

    record_id: str
    lineage_id: str
    revision: int
    org_id: str
    period: str
    state: str
    updated_at: str
    submitted_at: str | None

    @property
    def draft(self) -> bool:
        return self.state == "draft"


def _orgs_clause(admin_code: str | None, alias: str = "o") -> str:
    return f"{alias}.admin_code = :county" if admin_code else "1 = 1"


def counting_records(store: Store, form: str, *, admin_code: str | None = None,
                     period: str | None = None, year: int | None = None,
                     up_to_year: int | None = None) -> list[Counted]:
    """The counting record of ``form`` per organisation and period, for the organisations of
    ``admin_code`` (all when None): of exactly ``period``, of ``year`` (``YYYY`` and its months
    ``YYYY-MM``), of every period up to ``up_to_year``, or of every period."""
    params: dict[str, str | int | None] = {"form": form, "county": admin_code}
    where = _periods(params, period, year, up_to_year)
    return _counting(store, admin_code, where, params)


def _periods(params: dict[str, str | int | None], period: str | None = None, year: int | None = None,
             up_to_year: int | None = None, suffix: str = "") -> str:
    """The condition on ``r.period`` (its parameters added to ``params``, their names ending
    in ``suffix``)."""
    if period is not None:
        params[f"period{suffix}"] = str(period)
        return f"r.period = :period{suffix}"
    if year is not None:
        y = str(int(year))
        # one range from "YYYY" up to "YYYY." keeps the index seek on the period for both the
        # year and its months ("." sorts right after "-"); the rest only filters within it
        params.update({f"year{suffix}": y, f"prefix{suffix}": f"{y}-", f"after{suffix}": f"{y}.",
                       f"month{suffix}": f"{y}-__"})
        return (f"r.period >= :year{suffix} AND r.period < :after{suffix} AND (r.period = :year{suffix} OR "
                f"(r.period >= :prefix{suffix} AND r.period LIKE :month{suffix}))")
    if up_to_year is not None:
        params[f"up_to{suffix}"] = int(up_to_year)
        return f"CAST(r.period AS INTEGER) <= :up_to{suffix}"
    return "1 = 1"


def counting_forms(store: Store, admin_code: str | None,
                   filters: dict[str, dict[str, str | int]]) -> dict[str, list[Counted]]:
    """``counting_records`` of several forms, each with its own filters (``period``, ``year`` or
    ``up_to_year``, as ``counting_records`` takes them): a county roll-up reads four forms."""
    # One statement per form, each one seek per organisation on the counting index
    # (form, org_id, period, …), which holds every column read. One statement with the four
    # forms OR-ed together let SQLite seek the (org_id, origin) index instead and visit each
    # organisation's every record row: 14 ms against 10 ms at 2,000 enterprises.
    out: dict[str, list[Counted]] = {}
    for form, kwargs in filters.items():
        out[form] = counting_records(store, form, admin_code=admin_code, **kwargs)  # type: ignore[arg-type]
    return out


def _counting(store: Store, admin_code: str | None, where: str, params: dict[str, str | int | None]) -> list[Counted]:
    sql = _CANDIDATES.format(orgs=_orgs_clause(admin_code), where=where)
    newest = newest_per_period(store.db, store.db.execute(sql, params).fetchall())
    # the rows are Counted's fields in order: made straight from them (no field by field copy)
    return [tuple.__new__(Counted, newest[key]) for key in sorted_keys(newest)]


def newest_per_org(counted: Iterable[Counted]) -> dict[str, Counted]:
    """Per organisation the counting record of the latest period (an audit up to a year)."""
    out: dict[str, Counted] = {}
    for c in counted:
        if c.org_id not in out or c.period > out[c.org_id].period:
            out[c.org_id] = c
    return out


def computed_values(store: Store, record_ids: Iterable[str], key: str) -> dict[str, str | float | None]:
    """A computed value of each record (text or number; records without it left out)."""
    out: dict[str, str | float | None] = {}
    for chunk, marks in id_chunks(record_ids):
        for record_id, num, text in store.db.execute(
                f"SELECT record_id, value_num, value_text FROM record_computed "
                f"WHERE key = ? AND record_id IN ({marks})", [key, *chunk]):
            out[record_id] = text if text is not None else num
    return out


def computed_rows(store: Store, record_ids: Iterable[str], keys: tuple[str, ...]) -> dict[str, dict[str, str | float | None]]:
    """``computed_values`` of several keys in one pass: per record the keys it has."""
    out: dict[str, dict[str, str | float | None]] = {}
    key_marks = ", ".join("?" * len(keys))
    for chunk, marks in id_chunks(record_ids):
        for record_id, key, num, text in store.db.execute(
                f"SELECT record_id, key, value_num, value_text FROM record_computed "
                f"WHERE key IN ({key_marks}) AND record_id IN ({marks})", [*keys, *chunk]):
            out.setdefault(record_id, {})[key] = text if text is not None else num
    return out


def computed_numbers(store: Store, record_ids: Iterable[str], key: str) -> dict[str, float | None]:
    """A numeric computed value of each record (records without it left out); a value stored
    as text is no number and counts as missing."""
    return {r: v if isinstance(v, (int, float)) else None
            for r, v in computed_values(store, record_ids, key).items()}


def typed_values(store: Store, table: str, record_ids: Iterable[str],
                 columns: tuple[str, ...]) -> dict[str, DbRow]:
    """Columns of a form's typed table for each record (``table`` and ``columns`` come from
    the caller's code, never from input)."""
    out: dict[str, DbRow] = {}
    names = ", ".join(columns)
    for chunk, marks in id_chunks(record_ids):
        # plain tuples zipped with the names: what ``db.query`` gives, without its per-row generator
        for record_id, *row in store.db.execute(f"SELECT record_id, {names} FROM [{table}] "
                                                f"WHERE record_id IN ({marks})", chunk):
            out[record_id] = dict(zip(columns, row, strict=True))
    return out


@dataclass
class YearEnergy:
    """An organisation's energy of one year and the records behind it."""

    org_id: str
    source: str  # "annual" | "monthly"
    months: int
    records: list[Counted]
    total_tce: float | None
    total_co2_t: float | None
    value_added_10k_yuan: float | None
    drafts: list[Counted] = field(default_factory=list)

    @property
    def record_ids(self) -> list[str]:
        return [r.record_id for r in self.records]

    @property
    def updated_at(self) -> str:
        return max(r.updated_at for r in self.records)


# the annual reports of ``year``, and each organisation without one as a row of NULLs ending in
# its code (LEFT JOIN: the same seek per organisation tells both)
_ANNUAL = f"""
SELECT {", ".join("r." + c for c in RANK_COLUMNS)}, o.org_id
FROM organisations o LEFT JOIN records r ON r.form = :form AND r.org_id = o.org_id AND r.period = :year
WHERE {{orgs}}
"""
# the months of ``year`` of the organisations listed (those without an annual report)
_MONTHS = f"""
SELECT {", ".join("r." + c for c in RANK_COLUMNS)} FROM records r
WHERE r.form = ? AND r.org_id IN ({{marks}}) AND r.period >= ? AND r.period < ? AND r.period LIKE ?
"""


def _annual_and_without(store: Store, admin_code: str | None, year: str) -> tuple[list[Counted], list[str]]:
    """The counting annual reports of ``year`` and the organisations without any annual report
    of it."""
    rows = store.db.execute(_ANNUAL.format(orgs=_orgs_clause(admin_code)),
                            {"form": "energy_report", "year": year, "county": admin_code}).fetchall()
    ranked = newest_per_period(store.db, [row[:-1] for row in rows if row[0] is not None])
    return [tuple.__new__(Counted, ranked[key]) for key in sorted_keys(ranked)], [row[-1] for row in rows
                                                                                 if row[0] is None]


def _months_of(store: Store, year: str, org_ids: list[str]) -> list[Counted]:
    """The counting monthly reports of ``year`` of the organisations ``org_ids``."""
    months: list[tuple[Any, ...]] = []
    for chunk, marks in id_chunks(org_ids):
        months += store.db.execute(_MONTHS.format(marks=marks),
                                   ["energy_report", *chunk, f"{year}-", f"{year}.", f"{year}-__"]).fetchall()
    ranked = newest_per_period(store.db, months)
    return [tuple.__new__(Counted, ranked[key]) for key in sorted_keys(ranked)]


# an energy report's figures (``figures.py``): the totals as numbers, the value added as stored
_ENERGY = ("total_tce", "total_co2_t", "value_added_10k_yuan")
_ENERGY_NUMBERS = frozenset(("total_tce", "total_co2_t"))


def _months_total(values: list[float | None]) -> float:
    # months without the figure count as 0 (an annual figure that is not there stays None)
    return sum(v or 0 for v in values)


def year_energy(store: Store, year: int, *, admin_code: str | None = None) -> dict[str, YearEnergy]:
    """Each organisation's energy for ``year``: the counting annual report, else its counting
    monthly reports added up (organisations with neither are left out)."""
    annual, without = _annual_and_without(store, admin_code, str(int(year)))
    return energy_of_year(store, year, annual, without)


def energy_of_year(store: Store, year: int, annual: list[Counted], without: list[str]) -> dict[str, YearEnergy]:
    """``year_energy`` from the counting annual reports of ``year`` already read (``annual``, in
    their order) and the organisations without any annual report of it (``without``): only
    their months are read."""
    months = _months_of(store, str(int(year)), without)
    ids = [c.record_id for c in annual] + [c.record_id for c in months]
    figures = figure_rows(store, ids, _ENERGY, _ENERGY_NUMBERS)
    none = (None, None, None, None)
    out: dict[str, YearEnergy] = {}
    for c in annual:  # most organisations: one record, its figures as they are
        _, tce, co2, va = figures.get(c.record_id, none)
        out[c.org_id] = YearEnergy(c.org_id, "annual", 12, [c], tce, co2, va, [c] if c.state == "draft" else [])
    if not months:
        return out
    monthly: dict[str, list[Counted]] = {}
    for c in months:
        monthly.setdefault(c.org_id, []).append(c)
    for org, records in monthly.items():
        rows = [figures.get(c.record_id, none) for c in records]
        out[org] = YearEnergy(
            org, "monthly", len(records), records, _months_total([r[1] for r in rows]),
            _months_total([r[2] for r in rows]), _months_total([r[3] for r in rows]),
            [c for c in records if c.draft])
    return {org: out[org] for org in sorted(out)}


def has_county(store: Store, admin_code: str) -> bool:
    """Whether any organisation has the division code ``admin_code``."""
    return store.db.execute("SELECT 1 FROM organisations WHERE admin_code = ? LIMIT 1",
                            [admin_code]).fetchone() is not None


class CountyOrg(NamedTuple):
    """What a roll-up row shows of an organisation."""

    org_id: str
    name: str
    kind: str
    industry_code: str | None


def county_orgs(store: Store, admin_code: str) -> list[CountyOrg]:
    """The organisations of ``admin_code`` in ``list_orgs``' order, only the columns a roll-up
    row shows (a county has thousands: no whole rows as dicts)."""
    return [tuple.__new__(CountyOrg, row) for row in store.db.execute(
        f"SELECT org_id, name, kind, industry_code FROM organisations WHERE admin_code = ? "
        f"ORDER BY {ORGS_ORDER}", [admin_code])]


def county_codes(store: Store) -> list[str]:
    """Every division code among the organisations, sorted."""
    return [r[0] for r in store.db.execute(
        "SELECT DISTINCT admin_code FROM organisations ORDER BY admin_code")]
