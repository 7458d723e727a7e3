"""Rules a form version declares in its file (``[[rule]]``), turned into ``Rule`` objects.

A new version can so add a comparison between two values, or make a field required when
another one is given, without code; its records get the rule, older versions' records do not.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

from ..forms import FormDef, FormFileError, RuleSpec
from .base import Finding, Rule, RuleContext, fmt, rules_for

# operands are whatever the form file names (numbers, texts): unlike ones raise TypeError
_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "==": operator.eq, "!=": operator.ne,
}


def _value(ctx: RuleContext, name: str) -> object:
    value = ctx.data.get(name)
    return ctx.computed.get(name) if value is None else value


def _shown(value: object) -> str:
    return fmt(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _check(spec: RuleSpec) -> Callable[[RuleContext], Iterator[Finding]]:
    def compare(ctx: RuleContext) -> Iterator[Finding]:
        left = _value(ctx, spec.field)
        right = _value(ctx, spec.than_field) if spec.than_field else spec.than_value
        if left is None or right is None:
            return
        try:
            holds = _OPERATORS[spec.op](left, right)
        except TypeError:  # text against a number: the form file compares unlike things
            holds = False
        if not holds:
            yield Finding(spec.field, f"{spec.message_zh}（{_shown(left)} {spec.op} {_shown(right)} 不成立）",
                          f"{spec.message_en} ({_shown(left)} {spec.op} {_shown(right)} does not hold)")

    def required_if(ctx: RuleContext) -> Iterator[Finding]:
        if _value(ctx, spec.if_field) is not None and _value(ctx, spec.field) is None:
            yield Finding(spec.field, spec.message_zh, spec.message_en)

    return compare if spec.check == "compare" else required_if


def form_rules(form: FormDef) -> list[Rule]:
    """Every rule that applies to records of this form version: the code's, then the declared."""
    coded = rules_for(form.id)
    taken = {r.id for r in coded}
    declared = []
    for spec in form.rules:
        if spec.id in taken:
            raise FormFileError(f"{form.source}: rule {spec.id} is also a rule of the program's code")
        declared.append(Rule(spec.id, form.id, spec.severity, spec.summary_zh or spec.message_zh,
                             spec.summary_en or spec.message_en, _check(spec)))
    return [*coded, *declared]
