"""Computed values of each form: pure functions of the entered data and the reference set.

``compute/<form>.py`` registers its function with ``@computes("<form>")``; this package imports
every module in it, and a module added later is found by its name (``domain/registry.py``).
"""

from __future__ import annotations

import sys

from ..reference import ReferenceData
from ..registry import computer_for, load_package_modules


def compute(form_id: str, data: dict, ref: ReferenceData) -> dict:
    """The computed values of a record of ``form_id`` (``{}`` for forms with none)."""
    computer = computer_for(form_id)
    return computer(data, ref) if computer else {}


load_package_modules(sys.modules[__name__])
