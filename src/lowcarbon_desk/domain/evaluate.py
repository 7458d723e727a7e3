"""The one entry point that checks a record: input problems, computed values and rule issues."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .compute import compute
from .forms import FormDef, get_form
from .history import NO_HISTORY, History
from .issues import ERROR, INFO, WARNING, Issue, blocking, sort_issues
from .jsontypes import Computed, JsonObject, RecordData
from .normalise import normalise
from .reference import ReferenceData, shipped_reference
from .rules import Rule, RuleContext, form_rules


@dataclass
class Evaluation:
    """Everything known about a record's content after checking it."""

    form: FormDef
    data: RecordData
    computed: Computed
    issues: list[Issue] = field(default_factory=list)
    input_problems: list[Issue] = field(default_factory=list)

    def by_severity(self, severity: str) -> list[Issue]:
        return [i for i in self.issues if i.severity == severity]

    @property
    def errors(self) -> list[Issue]:
        return self.by_severity(ERROR)

    @property
    def warnings(self) -> list[Issue]:
        return self.by_severity(WARNING)

    @property
    def infos(self) -> list[Issue]:
        return self.by_severity(INFO)

    @property
    def blocking(self) -> list[Issue]:
        """What stops submission: errors and unjustified warnings."""
        return blocking(self.issues)


def run_rules(form: FormDef, data: RecordData, computed: Computed, org: JsonObject | None,
              ref: ReferenceData, history: History | None = None,
              which: Callable[[Rule], bool] | None = None) -> list[Issue]:
    """Every rule of ``form`` against clean data, as issues naming their fields; ``history``
    (the previous report, the peers) lets the plausibility rules compare. ``which`` runs only
    the rules it accepts (submitting needs only the blocking ones, justifying only one rule);
    the others are not run at all, so what they would read is never looked up."""
    ctx = RuleContext(form, data, computed, org, ref, history or NO_HISTORY)
    issues = []
    for rule in form_rules(form):
        if which is not None and not which(rule):
            continue
        for finding in rule.check(ctx):
            where_zh = form.describe(finding.field, "zh") if finding.field else form.title_zh
            where_en = form.describe(finding.field, "en") if finding.field else form.title_en
            issues.append(Issue(rule.id, rule.severity, finding.field,
                                f"{where_zh}：{finding.zh}", f"{where_en}: {finding.en}"))
    return issues


def apply_justifications(issues: list[Issue], justifications: dict[str, str] | None) -> list[Issue]:
    """Attach each stored justification (keyed ``rule@field``) to its warning."""
    if not justifications:
        return issues
    out = []
    for issue in issues:
        text = justifications.get(issue.key)
        if issue.severity == WARNING and text:
            issue = Issue(issue.rule, issue.severity, issue.field, issue.message_zh,
                          issue.message_en, text)
        out.append(issue)
    return out


def with_org_values(form: FormDef, clean: JsonObject, org: JsonObject | None) -> JsonObject:
    """``clean`` with every empty field that names ``from_org`` filled from the organisation."""
    filled = dict(clean)
    profile = org or {}
    for section in form.sections:
        for spec in section.fields:
            if spec.from_org and filled.get(spec.id) in (None, "") and profile.get(spec.from_org):
                filled[spec.id] = profile[spec.from_org]
    return filled


def evaluate(form_id: str, data: object, *, org: JsonObject | None = None,
             ref: ReferenceData | None = None, justifications: dict[str, str] | None = None,
             version: int | None = None, history: History | None = None,
             rules: bool = True) -> Evaluation:
    """Check and compute a record of ``form_id``: input problems first, then rules.

    ``history`` is the context the database gives (``storage/history.py``): without it the
    plausibility rules that compare with other records stay silent. ``rules=False`` stops after
    the input problems and the computed values (storing a record needs no more; its rules run
    when it is checked with its history)."""
    form = get_form(form_id, version)
    ref = ref or shipped_reference()
    clean, problems = normalise(form, data, ref)
    clean = with_org_values(form, clean, org)
    computed = compute(form, clean, ref)
    if not rules:
        return Evaluation(form, clean, computed, sort_issues(list(problems)), problems)
    malformed = {p.field for p in problems}
    # a value that could not be read is already reported; "required" would only repeat it
    rule_issues = [i for i in run_rules(form, clean, computed, org, ref, history)
                   if not (i.rule == "field.required" and i.field in malformed)]
    issues = problems + rule_issues
    issues = apply_justifications(sort_issues(issues), justifications)
    return Evaluation(form, clean, computed, issues, problems)


def evaluate_org(data: object, ref: ReferenceData | None = None) -> Evaluation:
    """Check an organisation profile; every error blocks storing it."""
    return evaluate("org", data, ref=ref)
