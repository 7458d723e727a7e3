"""Which version of each form the demo writes, and what that version adds: one function per
form version, the only place the demo's data depends on a form's version.

A new form version is one new function here (``energy_report_v2(data, extra, owner)``: add
``pollutants``, each line's ``sulfur_pct`` …) and one changed entry of ``WRITTEN``. ``extra`` is
a random source of its own per record (seeded by the demo's seed, the organisation and the
period), so data a new version adds never shifts the numbers every other record is drawn from:
the demo stays the same for a seed, apart from what the new version adds. ``owner`` says whose
record it is (industry, county, and whether it is the enterprise that shows a failing check).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .energy_v2 import Owner, energy_report_v2
from .synergy_profiles import audit_option_v2, extra_county_projects, project_v2

Shape = Callable[[dict, random.Random, Owner], dict]


def energy_report_v1(data: dict, extra: random.Random, owner: Owner) -> dict:
    """Version 1 of the energy report: the lines and value added as drawn."""
    return data


def energy_budget_v1(data: dict, extra: random.Random, owner: Owner) -> dict:
    """Version 1 of the energy-use budget."""
    return data


def cp_audit_v1(data: dict, extra: random.Random, owner: Owner) -> dict:
    """Version 1 of the cleaner-production audit (no synergy of measures)."""
    return data


def cp_audit_v2(data: dict, extra: random.Random, owner: Owner) -> dict:
    """Version 2 of the audit: each option's CO2 and air-pollutant cuts after its kind, so the
    options fall in every synergy class (a negative CO2 cut for end-of-pipe treatment)."""
    return {**data, "options": [audit_option_v2(option, extra) for option in data["options"]]}


def pilot_application_v1(data: dict, extra: random.Random, owner: Owner) -> dict:
    """Version 1 of the pilot application (no synergy of measures)."""
    return data


def pilot_application_v2(data: dict, extra: random.Random, owner: Owner) -> dict:
    """Version 2 of the pilot application: each project's pollutant cuts; the county's own
    application adds a dust-control (pollution only) and an ultra-low-emission (trade-off)
    project."""
    projects = [project_v2(project, extra) for project in data["projects"]]
    if data.get("pilot_type") == "county":
        projects += extra_county_projects(int(data["baseline_year"]), extra)
    return {**data, "projects": projects}


@dataclass(frozen=True)
class Written:
    """The version of a form the demo stores and the function that completes its data."""

    version: int
    shape: Shape


WRITTEN: dict[str, Written] = {
    "energy_report": Written(2, energy_report_v2),
    "energy_budget": Written(1, energy_budget_v1),
    "cp_audit": Written(2, cp_audit_v2),
    "pilot_application": Written(2, pilot_application_v2),
}


def shaped(form: str, data: dict, seed: int, owner: Owner) -> tuple[int, dict]:
    """The form version to store and the record's data for it."""
    written = WRITTEN[form]
    period = str(data.get("period") or data.get("year") or data.get("audit_year") or data.get("baseline_year") or "")
    extra = random.Random(f"{seed}/{owner.org_id}/{form}/{period}")
    return written.version, written.shape(data, extra, owner)
