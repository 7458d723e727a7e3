"""Whether a record's stored computed values follow from its entered values.

A received record's computed values are the sender's, covered by its signature, and are not
recomputed at import (docs/security.md, "Computed values"). Before an office accepts a record,
its figures are worked out again here from the entered values with the record's form version
and reference data: a record whose figures do not follow (a modified or broken program at the
sender) cannot be accepted, only returned. One record costs a few milliseconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .evaluate import evaluate
from .forms import FormDef
from .jsontypes import JsonObject
from .reference import ReferenceData


def same_values(a: object, b: object) -> bool:
    """Equal as JSON values, numbers within 1e-9 (relative) and empty lists equal to null."""
    return _first_difference(a, b, "") is None


@dataclass(frozen=True)
class FigureMismatch:
    """The first computed value that differs: its path (``total_tce``, ``lines[1].line_tce``),
    the stored value and the recomputed one."""

    path: str
    stored: object
    recomputed: object

    def label(self, form: FormDef, lang: str = "zh") -> str:
        """The value's label as the form names it, with its path (``综合能源消费量 (total_tce)``)."""
        last = self.path.rsplit(".", 1)[-1].split("[", 1)[0]
        try:
            name = form.computed_def(last).label(lang)
        except KeyError:
            return self.path
        return f"{name} ({self.path})"


def _numbers(a: object, b: object) -> bool:
    return (isinstance(a, int | float) and isinstance(b, int | float)
            and not isinstance(a, bool) and not isinstance(b, bool))


def _first_difference(a: object, b: object, path: str) -> FigureMismatch | None:
    if a in (None, []) and b in (None, []):
        return None
    if isinstance(a, bool) or isinstance(b, bool):
        return None if a is b else FigureMismatch(path, a, b)
    if _numbers(a, b):
        try:
            same = math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)  # type: ignore[arg-type]
        except OverflowError:  # an integer beyond the float range is never a stored value
            same = False
        return None if same else FigureMismatch(path, a, b)
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            found = _first_difference(a.get(key), b.get(key), f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return FigureMismatch(path, a, b)
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _first_difference(x, y, f"{path}[{index + 1}]")
            if found is not None:
                return found
        return None
    return None if type(a) is type(b) and a == b else FigureMismatch(path, a, b)


def figure_mismatch(form: FormDef, data: JsonObject, computed: JsonObject, org: JsonObject | None,
                    ref: ReferenceData) -> FigureMismatch | None:
    """The first stored computed value of a record that its entered values, its organisation
    and ``ref`` do not give (None when every value follows)."""
    result = evaluate(form.id, data, org=org, ref=ref, version=form.version, rules=False)
    return _first_difference(computed, result.computed, "")
