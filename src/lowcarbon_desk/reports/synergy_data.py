"""The county's co-benefits of measures for one year (减污降碳协同, data-standard §8).

Measures: the options the totals count (implemented) of the cleaner-production audits whose
``audit_year`` is the year, and every project of the pilot applications whose baseline year is
the year; per organisation and period the record that counts (``storage.counting``, the rule of
the rest of the roll-up). Only records of a form version with co-benefits contribute measures;
the cuts of older records are summed apart, for reference (a version-1 audit's implemented
cuts, a version-1 pilot's CO2 cut).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.forms import get_form
from ..domain.jsontypes import Row
from ..domain.synergy import CLASSES, MEASURES, POLLUTANTS, SYNERGY_SINCE, MeasureColumns
from ..domain.text import printable
from ..storage import Store
from ..storage.counting import Counted, counting_records, typed_values
from ..storage.group_items import counting_items, item_values
from ..storage.identity import home_of

TOP_N = 10
ITEM_VALUES = ("equivalents_cut", "synergy_class", "co_control_ratio")  # a measure's computed values


@dataclass(frozen=True, slots=True)
class Measure:
    """One measure of a record: its cuts as entered and its computed co-benefits."""

    org_id: str
    org_name: str
    form: str
    record_id: str
    name: str
    co2_t: float
    cuts_t: dict[str, float | None]
    equivalents: float | None
    synergy_class: str | None
    co_control_ratio: float | None
    draft: bool


@dataclass
class SynergyRollup:
    """Measures of the year, their totals by pollutant and counts by class."""

    year: int
    measures: list[Measure] = field(default_factory=list)
    older_cuts_t: dict[str, float] = field(default_factory=dict)  # "co2" and each pollutant
    older_records: int = 0

    @property
    def co2_total_t(self) -> float:
        return sum(m.co2_t for m in self.measures)

    def pollutant_total_t(self, pollutant: str) -> float:
        """Σ of one pollutant's cut (t per year) over the measures."""
        return sum(m.cuts_t.get(pollutant) or 0 for m in self.measures)

    @property
    def equivalents_total(self) -> float:
        return sum(m.equivalents or 0 for m in self.measures)

    def class_counts(self) -> dict[str, int]:
        """The number of measures of each synergy class (every class, zeros included)."""
        return {c: sum(1 for m in self.measures if m.synergy_class == c) for c in CLASSES}

    def top_by_co2(self, n: int = TOP_N) -> list[Measure]:
        """The ``n`` measures with the largest CO2 cut (ties by organisation and name)."""
        return sorted(self.measures, key=lambda m: (-m.co2_t, m.org_id, m.name))[:n]

    def top_by_equivalents(self, n: int = TOP_N) -> list[Measure]:
        """The ``n`` measures with the largest equivalents cut."""
        return sorted(self.measures, key=lambda m: (-(m.equivalents or 0), m.org_id, m.name))[:n]


def _versions(store: Store, counted: list[Counted]) -> dict[str, int]:
    """Each record's form version (from the records table, through the storage reader)."""
    rows = typed_values(store, "records", [c.record_id for c in counted], ("form_version",))
    return {record_id: row["form_version"] for record_id, row in rows.items()}


def _measure_rows(store: Store, form_id: str, columns: MeasureColumns, counted: list[Counted],
                  versions: dict[str, int]) -> tuple[dict[str, list[tuple[int, Row]]], dict[tuple[str, int], Row]]:
    """The measure columns of each record's items that count, with their places (one query per
    form version), and the per-item computed values of those of the records with co-benefits:
    only what the roll-up prints."""
    by_version: dict[int, list[str]] = {}
    for record in counted:
        by_version.setdefault(versions[record.record_id], []).append(record.record_id)
    wanted = (columns.name, columns.co2, *columns.pollutants.values(), "status")
    status = ("status", columns.counted_status) if columns.counted_status else None
    items: dict[str, list[tuple[int, Row]]] = {}
    for version, ids in by_version.items():
        form = get_form(form_id, version)
        if form.has_field(columns.group):
            items.update(counting_items(store, form, columns.group, wanted, ids, status))
    newer = {i: [place for place, _ in items.get(i, [])]
             for v, ids in by_version.items() if v >= SYNERGY_SINCE[form_id] for i in ids}
    return items, item_values(store, columns.group, ITEM_VALUES, newer)


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def synergy_rollup(store: Store, year: int, admin_code: str | None = None,
                   names: dict[str, str] | None = None,
                   counted: dict[str, list[Counted]] | None = None) -> SynergyRollup:
    """The co-benefits for ``year`` of the county ``admin_code`` (every organisation of this
    database's division when None; organisations outside it never count). ``names``: the
    organisations counted, code to name as printed (default: the division's, from the store).
    ``counted``: per form of ``MEASURES`` its counting records of the year, when the caller
    has read them already (``counting_records(store, form, admin_code=..., period=year)``)."""
    if names is None:
        home = home_of(store)
        names = {o["org_id"]: printable(o["name"]) for o in store.list_orgs(admin_code=admin_code)
                 if home.covers(o["admin_code"])}
    out = SynergyRollup(int(year))
    for form_id, columns in MEASURES.items():
        records = (counted[form_id] if counted is not None else
                   counting_records(store, form_id, admin_code=admin_code, period=str(int(year))))
        records = [c for c in records if c.org_id in names]
        versions = _versions(store, records)
        items, per_items = _measure_rows(store, form_id, columns, records, versions)
        for record in records:
            version = versions[record.record_id]
            form = get_form(form_id, version)
            record_items = items.get(record.record_id, [])  # the items that count
            if version < SYNERGY_SINCE[form_id]:
                out.older_records += 1
                for _, item in record_items:
                    for key, column in (("co2", columns.co2), *columns.pollutants.items()):
                        if any(c.id == column for c in form.field(columns.group).columns):
                            out.older_cuts_t[key] = out.older_cuts_t.get(key, 0.0) + _number(item.get(column))
                continue
            for place, item in record_items:
                values = per_items.get((record.record_id, place), {})
                out.measures.append(Measure(
                    record.org_id, names[record.org_id], form_id, record.record_id,
                    str(item.get(columns.name) or ""), _number(item.get(columns.co2)),
                    {p: item.get(c) for p, c in columns.pollutants.items()},
                    values.get("equivalents_cut"), values.get("synergy_class"),
                    values.get("co_control_ratio"), record.draft))
    for key in ("co2", *POLLUTANTS):
        out.older_cuts_t.setdefault(key, 0.0)
    return out
