"""Who must report greenhouse gases (reference-data.md §4, §6; Henan plan task 19): an
organisation in one of the listed sectors (by its industry code's prefix) whose year reaches
the CO2 threshold (26,000 tCO2) or the energy threshold (10,000 tce).

One definition, as a traced term: the energy report (version 2 on) stores and explains it, and
``key_units.must_report_ghg`` asks the same term for records that only have stored totals.
"""

from __future__ import annotations

from ..reference import ReferenceData
from .energy_report import threshold_term
from .trace import Source, Term, factor, op

SECTOR_LABEL = ("须报告温室气体的行业", "sector that must report greenhouse gases")


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
    return factor(f"{sector.id} ({sector.name_zh}/{sector.name_en}: {' '.join(sector.prefixes)})",
                  Source(sector.source, "ghg_sectors", sector.id, ref.version, sector.source_text("zh")),
                  SECTOR_LABEL)


def must_report_ghg_term(total_tce: Term, total_co2: Term, industry_code: Term, annual: Term,
                         ref: ReferenceData) -> Term:
    """``annual ∧ listed sector ∧ (CO2 ≥ 26,000 ∨ energy ≥ 10,000)`` with the reference data's
    thresholds; empty (not applicable) on a monthly report."""
    # "last": the sector found, with the entered industry code kept in the tree as its input
    in_sector = op("last", industry_code, sector_term(industry_code, ref))
    large = op("any", op("ge", total_co2, threshold_term(ref.thresholds["key_emitting_unit_tco2"], ref)),
               op("ge", total_tce, threshold_term(ref.thresholds["key_energy_unit_tce"], ref)))
    return op("when", annual, op("all", in_sector, large)).named(
        words=("年报、属所列行业，且排放总量 ≥ 排放门槛或综合能源消费量 ≥ 用能门槛",
               "annual report, in a listed sector, and total CO2 ≥ its threshold or total energy ≥ its threshold"),
        symbols="S ∧ (C ≥ C_key ∨ E ≥ E_key)")
