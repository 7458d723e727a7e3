"""Computed values of each form: pure functions of the entered data and the reference set.

``compute/<form>.py`` registers its function with ``@computes("<form>")``; this package imports
every module in it, and a module added later is found by its name (``domain/registry.py``).
"""

from __future__ import annotations

import sys

from ..reference import ReferenceData
from ..registry import computer_for, load_package_modules
from .trace import values


def compute_terms(form_id: str, data: dict, ref: ReferenceData) -> dict:
    """The computed values of a record as traced terms (``trace.Term``), nested like ``compute``."""
    computer = computer_for(form_id)
    return computer(data, ref) if computer else {}


def compute(form_id: str, data: dict, ref: ReferenceData) -> dict:
    """The computed values of a record of ``form_id`` (``{}`` for forms with none): the values of
    the terms ``compute_terms`` builds, so a value and its explanation are one computation."""
    return values(compute_terms(form_id, data, ref))


load_package_modules(sys.modules[__name__])
