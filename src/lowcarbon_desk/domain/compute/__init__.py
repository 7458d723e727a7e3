"""Computed values of each form: pure functions of the entered data and the reference set."""

from __future__ import annotations

from collections.abc import Callable

from ..reference import ReferenceData
from .cp_audit import compute_cp_audit
from .energy_budget import compute_energy_budget
from .energy_report import compute_energy_report
from .pilot_application import compute_pilot_application

COMPUTERS: dict[str, Callable[[dict, ReferenceData], dict]] = {
    "energy_report": compute_energy_report,
    "energy_budget": compute_energy_budget,
    "cp_audit": compute_cp_audit,
    "pilot_application": compute_pilot_application,
}


def compute(form_id: str, data: dict, ref: ReferenceData) -> dict:
    """The computed values of a record of ``form_id`` (``{}`` for forms with none)."""
    computer = COMPUTERS.get(form_id)
    return computer(data, ref) if computer else {}
