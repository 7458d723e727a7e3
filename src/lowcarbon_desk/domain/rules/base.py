"""What a rule is: a stable id, a severity, a check that yields findings about fields."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..forms import FormDef
from ..history import NO_HISTORY, History
from ..jsontypes import Computed, JsonObject, RecordData
from ..reference import ReferenceData
from ..registry import RULES_PACKAGE, load_form_module
from ..rounding import format_number


@dataclass(frozen=True)
class Finding:
    """A rule's finding: the field path and the reason (the field's name is added later)."""

    field: str
    zh: str
    en: str


@dataclass(frozen=True)
class RuleContext:
    form: FormDef
    data: RecordData
    computed: Computed
    org: JsonObject | None
    ref: ReferenceData
    history: History = NO_HISTORY  # the database's context (previous report, peers), if any

    @property
    def is_annual(self) -> bool:
        return len(str(self.data.get("period") or "")) == 4


Check = Callable[[RuleContext], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """One cross-field rule of the data standard."""

    id: str
    form: str  # a form id, or "*" for every record form
    severity: str
    summary_zh: str
    summary_en: str
    check: Check


REGISTRY: list[Rule] = []


def rule(rule_id: str, form: str, severity: str, summary_zh: str, summary_en: str) -> Callable[[Check], Check]:
    """Register the decorated check as a rule."""

    def register(check: Check) -> Check:
        REGISTRY.append(Rule(rule_id, form, severity, summary_zh, summary_en, check))
        return check

    return register


def rules_for(form_id: str) -> list[Rule]:
    """The rules of the code that apply to records of ``form_id`` (common ones first).

    ``rules/<form_id>.py`` is imported by name when the form's rules are first asked for. Rules
    a form version declares in its file are added by ``form_rules``.
    """
    load_form_module(RULES_PACKAGE, form_id)
    return [r for r in REGISTRY if r.form in ("*", form_id)]


def fmt(value: float | None, digits: int | None = 2) -> str:
    """A number for a message: thousands separators, rounded half up, trailing zeros dropped
    (``digits=None``: as applied, up to six places)."""
    if value is None:
        return "—"
    return format_number(value, digits, trim=True)
