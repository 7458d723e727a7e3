"""The province roll-up for one year: one row per county, each the county's own roll-up.

Every county row is ``rollup_data.county_rollup`` of that county in the province database (the
records its package carried, counted by the same rule), so a county's totals at the province
equal the county's own roll-up. Beside them: the county's target status (its headline CO2
intensity target, ``storage.targets``), its missing reports, and the pollutant equivalents
its measures cut (the county roll-up's 减污降碳协同 section; "—" while no measure of the year
carries co-benefits). The province's own targets are judged over all its counties, and
enterprise intensities are compared with their industry class across the province.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.errors import InputError
from ..domain.targets import status_text
from ..domain.text import printable
from ..storage import Store
from ..storage.history import IntensityPosition
from ..storage.province import County, province_counties, province_intensity_positions, require_province
from ..storage.targets import DivisionProgress, division_progress
from .rollup_data import Rollup, county_rollup

NO_VALUE = "—"


def synergy_totals(rollup: Rollup) -> float | None:
    """The county's pollutant equivalents cut by its measures of the year (the county roll-up's
    减污降碳协同 section), or None while none of its measures carries co-benefits (version-1
    records only): never an estimate."""
    synergy = rollup.synergy
    if synergy is None or not any(m.equivalents is not None for m in synergy.measures):
        return None
    return synergy.equivalents_total


def headline_target(targets: list[DivisionProgress], year: int) -> DivisionProgress | None:
    """The target a row shows: the nearest target year from ``year`` on, else the latest."""
    if not targets:
        return None
    ahead = [t for t in targets if t.target.year >= year]
    return min(ahead, key=lambda t: t.target.year) if ahead else max(targets, key=lambda t: t.target.year)


def target_status(targets: list[DivisionProgress], year: int, lang: str = "zh") -> tuple[str, str]:
    """(status id, words) of the headline target's CO2 intensity: ``no_target`` without one."""
    shown = headline_target(targets, year)
    if shown is None:
        return "no_target", status_text("no_target", lang)
    status = shown.progress.indicator("co2_intensity").status
    words = status_text(status, lang)
    return status, (f"{shown.target.year} 年目标：{words}" if lang != "en" else f"{shown.target.year} target: {words}")


@dataclass
class CountyRow:
    """One county of the province roll-up: its own roll-up and what the province shows of it."""

    code: str
    name: str
    rollup: Rollup
    status: str
    status_text: str
    synergy_equivalents: float | None = None

    @property
    def totals(self) -> dict[str, float | None]:
        return self.rollup.totals()

    @property
    def missing(self) -> int:
        return len(self.rollup.missing)


@dataclass
class ProvinceRollup:
    """The roll-up of the province for one year."""

    year: int
    code: str
    name: str
    reference_version: str
    as_of: str
    counties: list[CountyRow]
    targets: list[DivisionProgress] = field(default_factory=list)  # the province's own
    positions: list[IntensityPosition] = field(default_factory=list)  # enough peers in the province
    names: dict[str, str] = field(default_factory=dict)  # org id → name, for the outliers

    @property
    def outliers(self) -> list[IntensityPosition]:
        return [p for p in self.positions if p.outlier]

    def totals(self) -> dict[str, float | None]:
        """The province's sums over its counties and the intensities of those sums."""
        rows = [c.totals for c in self.counties]

        def total(key: str) -> float:
            return sum(float(r.get(key) or 0) for r in rows)

        tce, co2 = total("total_tce"), total("total_co2_t")
        va = sum(sum(r.value_added_10k_yuan or 0 for r in c.rollup.reporting if r.total_tce is not None)
                 for c in self.counties)
        out: dict[str, float | None] = {key: total(key) for key in (
            "enterprises", "parks", "reported", "missing", "key_energy_units", "must_report_ghg_units", "drafts_used")}
        synergy = [c.synergy_equivalents for c in self.counties if c.synergy_equivalents is not None]
        out.update({"counties": len(self.counties), "total_tce": tce, "total_co2_t": co2,
                    "value_added_10k_yuan": va,
                    "energy_intensity": tce / va if va > 0 else None,
                    "carbon_intensity": co2 / va if va > 0 else None,
                    "synergy_equivalents": sum(synergy) if synergy else None})
        return out


def value_added(rollup: Rollup) -> float:
    """The value added behind a county's intensities (of the organisations with energy)."""
    return sum(r.value_added_10k_yuan or 0 for r in rollup.reporting if r.total_tce is not None)


def _county_row(store: Store, county: County, year: int) -> CountyRow:
    rollup = county_rollup(store, year, county.code)
    status, words = target_status(rollup.targets, year)
    return CountyRow(county.code, county.name, rollup, status, words, synergy_totals(rollup))


def province_rollup(store: Store, year: int) -> ProvinceRollup:
    """Compute the province roll-up of ``year`` (``InputError`` unless this database is the
    province's)."""
    if not 2000 <= int(year) <= 2100:
        raise InputError(f"年份 {year} 不在 2000～2100 之间", f"year {year} is not within 2000..2100",
                         subject="year")
    y = int(year)
    home = require_province(store)
    code = home.code
    own = store.get_org(code) or {}
    rows = [_county_row(store, county, y) for county in province_counties(store)]
    ref = store.reference()
    positions = province_intensity_positions(store, y, ref, code[:2])
    names = {o["org_id"]: printable(o["name"]) for o in store.list_orgs()}
    as_of = max((r.rollup.as_of for r in rows if r.rollup.as_of), default="")
    return ProvinceRollup(y, code, printable(own.get("name") or code), ref.version, as_of, rows,
                          division_progress(store, code, y), positions, names)


__all__ = ["NO_VALUE", "CountyRow", "ProvinceRollup", "headline_target", "province_rollup", "synergy_totals",
           "target_status", "value_added"]
