"""Key-unit tests: a key energy-consuming unit (≥ 10,000 tce) and a key emitting unit
(≥ 26,000 tCO2), with the thresholds of the reference data.

The county overview and the roll-up ask here. The energy report's computation states the same
comparison as a traced term (``compute/energy_report.py``, so the explanation can show it);
``tests/reports/test_counting_agreement.py`` checks that a stored flag agrees with this.
"""

from __future__ import annotations

from .reference import ReferenceData

ENERGY_THRESHOLD = "key_energy_unit_tce"
EMITTING_THRESHOLD = "key_emitting_unit_tco2"


def is_key_energy_unit(total_tce: float | None, ref: ReferenceData) -> bool:
    """Whether a year's total energy makes a key energy-consuming unit (none given: no)."""
    return total_tce is not None and total_tce >= ref.threshold(ENERGY_THRESHOLD)


def is_key_emitting_unit(total_co2_t: float | None, ref: ReferenceData) -> bool:
    """Whether a year's CO2 makes a key emitting unit (none given: no)."""
    return total_co2_t is not None and total_co2_t >= ref.threshold(EMITTING_THRESHOLD)
