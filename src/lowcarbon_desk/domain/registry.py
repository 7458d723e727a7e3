"""Where a form's code is found: ``domain/compute/<form>.py`` and ``domain/rules/<form>.py``.

A module registers what it provides (``@computes(form_id, produces=…)`` for computed values,
``@rule(…)`` for rules); the registry imports the modules of those packages by name, so adding
a form's modules needs no list edited anywhere. Forms without computed values have no compute
module; forms whose rules are all declared in the form file (``[[rule]]``) need no rules module.

A computation declares the computed ids it produces and the first form version it serves
(``since``): a version uses the computation with the highest ``since`` not above it, and the
form loader refuses a version whose ``[[computed]]`` ids differ from what that computation
produces (``forms.py``). So a new version that only adds entered fields needs no code, and one
that adds a computed value needs one new computation (usually the previous one plus a term).
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from .form_id import FORM_ID
from .jsontypes import RecordData, Terms
from .reference import ReferenceData

if TYPE_CHECKING:
    from .forms import FormDef

Computer = Callable[["FormDef", RecordData, ReferenceData], Terms]

COMPUTE_PACKAGE = "lowcarbon_desk.domain.compute"
RULES_PACKAGE = "lowcarbon_desk.domain.rules"


@dataclass(frozen=True)
class Computation:
    """A form's computation from version ``since`` on, and the computed ids it produces
    (record-level and per-item ids alike: a form's computed ids are unique across scopes)."""

    form_id: str
    since: int
    produces: frozenset[str]
    function: Computer

    @property
    def name(self) -> str:
        return f"{self.function.__module__}.{self.function.__name__}"


_COMPUTATIONS: dict[str, dict[int, Computation]] = {}
_LOOKED_UP: set[str] = set()  # module names searched for once (found or not)


def computes(form_id: str, produces: Iterable[str], since: int = 1) -> Callable[[Computer], Computer]:
    """Register the decorated function as the computation of ``form_id`` from version ``since``
    on; it is called with the version's ``FormDef``, the clean data and the reference set and
    produces exactly the ids of ``produces``."""
    ids = frozenset(produces)

    def register(function: Computer) -> Computer:
        versions = _COMPUTATIONS.setdefault(form_id, {})
        known = versions.get(since)
        if known is not None and known.function is not function:
            raise ValueError(f"{form_id} already has a computation from version {since} ({known.name})")
        versions[since] = Computation(form_id, since, ids, function)
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


def computation_for(form_id: str, version: int) -> Computation | None:
    """The computation serving ``form_id`` version ``version`` (the one with the highest
    ``since`` not above it), or ``None`` for a form without computed values."""
    if form_id not in _COMPUTATIONS:
        load_form_module(COMPUTE_PACKAGE, form_id)
    serving = [s for s in _COMPUTATIONS.get(form_id, {}) if s <= version]
    return _COMPUTATIONS[form_id][max(serving)] if serving else None
