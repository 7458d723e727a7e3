"""Computed values of each form: pure functions of the entered data and the reference set.

``compute/<form>.py`` registers its function with ``@computes("<form>", produces=…)``; this
package imports every module in it, and a module added later is found by its name
(``domain/registry.py``). A record gets exactly the computed values its form version declares:
a record of an older version never gains the values a newer version added.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..jsontypes import Computed, RecordData, Terms
from ..reference import ReferenceData
from ..registry import computation_for, load_package_modules
from .trace import values

if TYPE_CHECKING:  # the engine itself is not needed to compute (``convert`` starts faster)
    from ..forms import FormDef


def _declared_only(form: FormDef, terms: Terms) -> Terms:
    """``terms`` cut to the ids ``form`` declares: record-level ones, and per item of a group
    the ids declared for that group."""
    scopes: dict[str, set[str]] = {}
    for spec in form.computed:
        scopes.setdefault(spec.scope, set()).add(spec.id)
    record = scopes.pop("record", set())
    kept = {key: value for key, value in terms.items() if key in record}
    for scope, ids in scopes.items():
        items = terms.get(scope)
        if isinstance(items, list):
            kept[scope] = [{k: v for k, v in item.items() if k in ids} for item in items]
    return kept


def compute_terms(form: FormDef, data: RecordData, ref: ReferenceData) -> Terms:
    """The computed values of a record of ``form`` (one version) as traced terms
    (``trace.Term``), nested like ``compute``: only the ids that version declares."""
    computation = computation_for(form.id, form.version)
    if computation is None:
        return {}
    return _declared_only(form, computation.function(form, data, ref))


def compute(form: FormDef, data: RecordData, ref: ReferenceData) -> Computed:
    """The computed values of a record of ``form`` (``{}`` for forms with none): the values of
    the terms ``compute_terms`` builds, so a value and its explanation are one computation."""
    computed: Computed = values(compute_terms(form, data, ref))
    return computed


load_package_modules(sys.modules[__name__])
