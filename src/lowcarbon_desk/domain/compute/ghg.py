"""Who must report greenhouse gases (reference-data.md §4, §6; Henan plan task 19): an
organisation in one of the listed sectors (by its industry code's prefix) whose year reaches
the CO2 threshold (26,000 tCO2) or the energy threshold (10,000 tce).

One definition (``_rule``), read two ways: as a traced term, which the energy report (version 2
on) stores and explains, and as a plain value (``must_report_ghg_value``, the same operations of
``trace.OPS`` on plain values, no tree), which ``key_units.must_report_ghg`` asks for records
that only have stored totals: a county roll-up asks it for every enterprise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..reference import GhgSector, ReferenceData
from .energy_report import threshold_term
from .trace import OPS, Source, Term, Value, factor, op

SECTOR_LABEL = ("须报告温室气体的行业", "sector that must report greenhouse gases")
CO2_THRESHOLD = "key_emitting_unit_tco2"
ENERGY_THRESHOLD = "key_energy_unit_tce"


def _sector_value(sector: GhgSector | None) -> str | bool:
    return False if sector is None else f"{sector.id} ({sector.name_zh}/{sector.name_en}: {' '.join(sector.prefixes)})"


def sector_term(industry_code: Term, ref: ReferenceData) -> Term:
    """The listed sector the industry code falls in (its id and prefixes, with the table row as
    source), or ``False`` with a source saying it falls in none (the sector table is named)."""
    code = str(industry_code.value or "")
    sector = ref.ghg_sector(code)
    if sector is None:
        where = ", ".join(f"{s.id} {' '.join(s.prefixes)}" for s in ref.ghg_sectors.values()) or "—"
        en = (f"industry code {code or '(none)'} is in none of the listed sectors ({where})"
              if ref.ghg_sectors else "this reference set lists no sector")
        zh = (f"行业代码 {code or '（空）'} 不属所列行业（{where}）" if ref.ghg_sectors
              else "该版本参考数据未列行业")
        return factor(False, Source(en, "ghg_sectors", code or "—", ref.version, zh), SECTOR_LABEL)
    return factor(_sector_value(sector),
                  Source(sector.source, "ghg_sectors", sector.id, ref.version, sector.source_text("zh")),
                  SECTOR_LABEL)


def _rule(apply: Callable[..., Any], total_tce: Any, total_co2: Any, industry_code: Any, sector: Any,
          co2_threshold: Any, energy_threshold: Any, annual: Any) -> Any:
    """``annual ∧ listed sector ∧ (CO2 ≥ C_key ∨ energy ≥ E_key)`` with ``apply`` doing each
    operation: ``trace.op`` on terms, or ``OPS`` on plain values."""
    # "last": the sector found, with the entered industry code kept in the tree as its input
    in_sector = apply("last", industry_code, sector)
    large = apply("any", apply("ge", total_co2, co2_threshold), apply("ge", total_tce, energy_threshold))
    return apply("when", annual, apply("all", in_sector, large))


def must_report_ghg_term(total_tce: Term, total_co2: Term, industry_code: Term, annual: Term,
                         ref: ReferenceData) -> Term:
    """``annual ∧ listed sector ∧ (CO2 ≥ 26,000 ∨ energy ≥ 10,000)`` with the reference data's
    thresholds; empty (not applicable) on a monthly report."""
    term: Term = _rule(op, total_tce, total_co2, industry_code, sector_term(industry_code, ref),
                       threshold_term(ref.thresholds[CO2_THRESHOLD], ref),
                       threshold_term(ref.thresholds[ENERGY_THRESHOLD], ref), annual)
    return term.named(
        words=("年报、属所列行业，且排放总量 ≥ 排放门槛或综合能源消费量 ≥ 用能门槛",
               "annual report, in a listed sector, and total CO2 ≥ its threshold or total energy ≥ its threshold"),
        symbols="S ∧ (C ≥ C_key ∨ E ≥ E_key)")


def _apply(name: str, *values: Value) -> Value:
    return OPS[name](*values)


def must_report_ghg_value(total_tce: Value, total_co2: Value, industry_code: Value, annual: Value,
                          ref: ReferenceData) -> Value:
    """The value of ``must_report_ghg_term`` on plain values, without building its tree."""
    sector = _sector_value(ref.ghg_sector(str(industry_code or "")))
    return _rule(_apply, total_tce, total_co2, industry_code, sector, ref.threshold(CO2_THRESHOLD),
                 ref.threshold(ENERGY_THRESHOLD), annual)
