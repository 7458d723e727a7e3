"""Where a form's code is found: ``domain/compute/<form>.py`` and ``domain/rules/<form>.py``.

A module registers what it provides (``@computes(form_id)`` for computed values, ``@rule(…)``
for rules); the registry imports the modules of those packages by name, so adding a form's
modules needs no list edited anywhere. Forms without computed values have no compute module;
forms whose rules are all declared in the form file (``[[rule]]``) need no rules module.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Callable
from types import ModuleType

from .forms import FORM_ID
from .reference import ReferenceData

Computer = Callable[[dict, ReferenceData], dict]

COMPUTE_PACKAGE = "lowcarbon_desk.domain.compute"
RULES_PACKAGE = "lowcarbon_desk.domain.rules"

_COMPUTERS: dict[str, Computer] = {}
_LOOKED_UP: set[str] = set()  # module names searched for once (found or not)


def computes(form_id: str) -> Callable[[Computer], Computer]:
    """Register the decorated function as the computation of ``form_id``'s computed values."""

    def register(function: Computer) -> Computer:
        known = _COMPUTERS.get(form_id)
        if known is not None and known is not function:
            raise ValueError(f"{form_id} already has a computation ({known.__module__}.{known.__name__})")
        _COMPUTERS[form_id] = function
        return function

    return register


def load_package_modules(package: ModuleType) -> None:
    """Import every module of ``package``; each registers what it provides."""
    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{info.name}")


def load_form_module(package: str, form_id: str) -> bool:
    """Import ``<package>.<form_id>`` when it exists (a form added after start-up); ``True`` if loaded."""
    name = f"{package}.{form_id}"
    if name in sys.modules:
        return True
    if name in _LOOKED_UP or not FORM_ID.fullmatch(form_id):
        return False
    _LOOKED_UP.add(name)
    if importlib.util.find_spec(name) is None:
        return False
    importlib.import_module(name)
    return True


def computer_for(form_id: str) -> Computer | None:
    """The computation of ``form_id``'s computed values, or ``None`` for a form with none."""
    if form_id not in _COMPUTERS:
        load_form_module(COMPUTE_PACKAGE, form_id)
    return _COMPUTERS.get(form_id)
