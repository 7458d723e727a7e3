"""What a receiver checks of a record's content, without recomputing what the signature proves.

The signature covers ``manifest.json``, whose SHA-256 of each record file covers the record's
computed values: they are the sender's, as the sender's program computed them, and a sender who
signs other figures is identified by its pinned key. So the receiver does not run the forms
engine's computations again. It checks what it relies on instead:

- the entered values read in the form's normal form (``normalise``: types, enumerations,
  ranges), with the organisation's values filled in as the sender's program fills them;
- the computed values have exactly the shape the form version declares (``computed_problem``):
  every declared id there and nothing else, each item of a group for each entered item, each
  value of its type (a finite number, an integer, a boolean, a text) or empty;
- the rules that decide acceptance (errors, and warnings with their justification) run on those
  entered and computed values, as the receiver will see them when it reviews the record.
  Rules that only inform (severity ``info``) are not run here: nothing depends on them until the
  record is shown, where they run with the receiver's history.
"""

from __future__ import annotations

from ..domain.evaluate import Evaluation, apply_justifications, run_rules, with_org_values
from ..domain.forms import FormDef
from ..domain.issues import ERROR, WARNING, sort_issues
from ..domain.jsontypes import Computed, JsonObject, RecordData
from ..domain.normalise import normalise
from ..domain.reference import ReferenceData
from ..domain.rules import Rule

DECIDING = (ERROR, WARNING)


def _deciding(rule: Rule) -> bool:
    return rule.severity in DECIDING


def _type_problem(kind: str, value: object) -> bool:
    """True when ``value`` is not empty and not of the computed type ``kind``."""
    if value is None:
        return False
    if kind == "bool":
        return not isinstance(value, bool)
    if isinstance(value, bool):
        return True
    if kind == "number":
        return not isinstance(value, int | float)  # finite: the package reader refuses others
    if kind == "int":
        return not (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))
    return not isinstance(value, str)  # text, enum


def computed_problem(form: FormDef, data: RecordData, computed: Computed) -> str | None:
    """The first way ``computed`` differs from the shape ``form`` declares, as a field path
    (``lines[1].line_tce``, ``lines``), or ``None`` when it has exactly that shape."""
    scopes: dict[str, dict[str, str]] = {}
    for spec in form.computed:
        scopes.setdefault(spec.scope, {})[spec.id] = spec.type
    record = scopes.pop("record", {})
    for key in computed:
        if key not in record and key not in scopes:
            return key
    for key, kind in record.items():
        if key not in computed or _type_problem(kind, computed[key]):
            return key
    for scope, ids in scopes.items():
        items = computed.get(scope)
        entered = data.get(scope) or []
        if items is None and not entered:
            continue
        if not isinstance(items, list) or len(items) != len(entered):
            return scope
        for index, item in enumerate(items):
            if not isinstance(item, dict) or set(item) != set(ids):
                return f"{scope}[{index}]"
            for key, kind in ids.items():
                if _type_problem(kind, item[key]):
                    return f"{scope}[{index}].{key}"
    return None


def receiver_evaluation(form: FormDef, data: object, computed: Computed, org: JsonObject,
                        ref: ReferenceData, justifications: dict[str, str]
                        ) -> tuple[Evaluation, str | None]:
    """The record as the receiver sees it: its entered values in normal form, the sender's
    computed values, and the issues of the deciding rules with the justifications attached.
    The second value is the computed values' shape problem (``computed_problem``); when there
    is one, or the entered values do not read, no rule runs (``input_problems`` says why)."""
    clean, problems = normalise(form, data, ref)
    clean = with_org_values(form, clean, org)
    if problems:
        return Evaluation(form, clean, computed, sort_issues(list(problems)), problems), None
    problem = computed_problem(form, clean, computed)
    if problem is not None:
        return Evaluation(form, clean, computed, [], []), problem
    issues = run_rules(form, clean, computed, org, ref, which=_deciding)
    return Evaluation(form, clean, computed, apply_justifications(sort_issues(issues), justifications), []), None


__all__ = ["DECIDING", "computed_problem", "receiver_evaluation"]
