"""Key-unit tests: a key energy-consuming unit (≥ 10,000 tce) and who must report greenhouse
gases (a listed sector and 26,000 tCO2 or 10,000 tce), with the reference data. Version 1 of
the energy report stores a sector-blind CO2 flag of its own; nothing counts it any more.

The county overview and the roll-up ask here. The energy report's computation states the same
comparison as a traced term (``compute/energy_report.py``, so the explanation can show it);
``tests/reports/test_counting_agreement.py`` checks that a stored flag agrees with this.
"""

from __future__ import annotations

from .compute.ghg import must_report_ghg_value
from .reference import ReferenceData

ENERGY_THRESHOLD = "key_energy_unit_tce"


def is_key_energy_unit(total_tce: float | None, ref: ReferenceData) -> bool:
    """Whether a year's total energy makes a key energy-consuming unit (none given: no)."""
    return total_tce is not None and total_tce >= ref.threshold(ENERGY_THRESHOLD)


def must_report_ghg(total_tce: float | None, total_co2_t: float | None, industry_code: str | None,
                    ref: ReferenceData) -> bool:
    """Whether a year's totals and the organisation's industry code (GB/T 4754-2017) make it
    report greenhouse gases: the value of the very term the energy report (version 2) stores
    (``compute/ghg.py``, worked out without its tree), so a version-1 record's stored totals
    give the same answer. A reference set without the sector table
    (before 2026.1) lists no sector: no."""
    return bool(must_report_ghg_value(total_tce, total_co2_t, industry_code, True, ref))
