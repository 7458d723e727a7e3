"""Which version of each form the demo writes, and what that version adds: one function per
form version, the only place the demo's data depends on a form's version.

A new form version (the energy report's pollutants, the synergy of audit measures) is one new
function here (``energy_report_v2(data, extra)``: add ``pollutants``, each line's
``sulfur_pct`` …) and one changed entry of ``WRITTEN``. ``extra`` is a random source of its
own per record (seeded by the demo's seed, the organisation and the period), so data a new
version adds never shifts the numbers every other record is drawn from: the demo stays the
same for a seed, apart from what the new version adds.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

Shape = Callable[[dict, random.Random], dict]


def energy_report_v1(data: dict, extra: random.Random) -> dict:
    """Version 1 of the energy report: the lines and value added as drawn."""
    return data


def energy_budget_v1(data: dict, extra: random.Random) -> dict:
    """Version 1 of the energy-use budget."""
    return data


def cp_audit_v1(data: dict, extra: random.Random) -> dict:
    """Version 1 of the cleaner-production audit (no synergy of measures)."""
    return data


def pilot_application_v1(data: dict, extra: random.Random) -> dict:
    """Version 1 of the pilot application (no synergy of measures)."""
    return data


@dataclass(frozen=True)
class Written:
    """The version of a form the demo stores and the function that completes its data."""

    version: int
    shape: Shape


WRITTEN: dict[str, Written] = {
    "energy_report": Written(1, energy_report_v1),
    "energy_budget": Written(1, energy_budget_v1),
    "cp_audit": Written(1, cp_audit_v1),
    "pilot_application": Written(1, pilot_application_v1),
}


def shaped(form: str, data: dict, seed: int, org_id: str) -> tuple[int, dict]:
    """The form version to store and the record's data for it."""
    written = WRITTEN[form]
    period = str(data.get("period") or data.get("year") or data.get("audit_year") or data.get("baseline_year") or "")
    extra = random.Random(f"{seed}/{org_id}/{form}/{period}")
    return written.version, written.shape(data, extra)
