"""Explain this number: how each computed value of a record was obtained.

The explanation is the traced computation itself (``compute/trace.py``): the same terms whose
values are stored. This module only picks the terms of a record and puts them into words —
the formula, the entered values with their labels and units, the reference factors with their
source and the reference-data version, the intermediate results and the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from .compute import compute_terms
from .compute.trace import Parts, Term, as_json, parts
from .errors import InputError
from .forms import ComputedDef, FormDef, get_form
from .jsontypes import JsonObject, RecordData, Terms
from .labels import YES_NO, computed_text, field_label, parse_path, unit_text
from .normalise import normalise
from .reference import ReferenceData

EMPTY = {"zh": "（空）", "en": "(empty)"}
WRAPPERS = ("round", "num")  # shown as their argument: rounding happens once, at the end
ZERO_WHEN_EMPTY = ("num", "sum", "sub", "max0")


@dataclass(frozen=True)
class Explanation:
    """One computed value of a record and the term it was computed as."""

    path: str  # "total_tce", "lines[0].line_tce"
    spec: ComputedDef
    term: Term
    reference_version: str

    @property
    def value(self) -> object:
        return self.term.value


def computed_paths(form: FormDef, terms: Terms) -> list[tuple[str, ComputedDef, Term]]:
    """Every computed value of the record in the form's order: record-level, then per item."""
    found: list[tuple[str, ComputedDef, Term]] = []
    for spec in form.computed_for("record"):
        if isinstance(terms.get(spec.id), Term):
            found.append((spec.id, spec, terms[spec.id]))
    scopes = [s for s in dict.fromkeys(c.scope for c in form.computed) if s != "record"]
    for scope in scopes:
        for index, item in enumerate(terms.get(scope) or []):
            for spec in form.computed_for(scope):
                if isinstance(item.get(spec.id), Term):
                    found.append((f"{scope}[{index}].{spec.id}", spec, item[spec.id]))
    return found


def explain(form_id: str, data: RecordData, ref: ReferenceData, version: int | None = None,
            field: str | None = None) -> list[Explanation]:
    """The explanations of a record's computed values (clean data), or of the one at ``field``.

    ``field`` is a computed id (``total_tce``; for a per-item value every item's) or a path
    (``lines[0].line_tce``); one the form does not compute is refused naming it.
    """
    form = get_form(form_id, version)
    found = [Explanation(path, spec, term, ref.version)
             for path, spec, term in computed_paths(form, compute_terms(form, data, ref))]
    if field:
        chosen = [e for e in found if e.path == field or e.spec.id == field]
        if not chosen and not any(c.id in (parse_path(field)[2], field) for c in form.computed if not c.internal):
            raise InputError(f"--field {field}：表单 {form.id} 没有这个计算值",
                             f"--field {field}: form {form.id} computes no such value", subject=field)
        return chosen
    return found


# --- words ----------------------------------------------------------------------------

def number_text(value: object, digits: int = 6, lang: str = "zh") -> str:
    """A number with thousands separators and no trailing zeros; yes/no; anything else as it is."""
    if isinstance(value, bool):
        return YES_NO["en" if lang == "en" else "zh"][0 if value else 1]
    if not isinstance(value, (int, float)):
        return str(value)
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _with_unit(text: str, term: Term, lang: str) -> str:
    unit = unit_text(term.unit(lang))
    return f"{text} {unit}" if unit else text


def _leaf_text(term: Term, lang: str, zero_if_empty: bool) -> str:
    if term.value is None:
        return "0" if zero_if_empty else EMPTY[lang]
    text = _with_unit(number_text(term.value), term, lang)
    if term.op == "factor" and term.source is not None and isinstance(term.value, (int, float)):
        text += f" ({term.source.label(lang)})"
    return text


def expression(term: Term, lang: str = "zh", top: bool = True, zero_if_empty: bool = False) -> str:
    """``term`` in symbols with its numbers: ``1,100 t × 0.7143 tce/t (GB/T 2589-2020 …)``.

    A named intermediate result inside another term shows as its value (it is explained on a
    line of its own).
    """
    if term.is_leaf:
        return _leaf_text(term, lang, zero_if_empty)
    if term.op in WRAPPERS:
        return expression(term.args[0], lang, top, zero_if_empty or term.op == "num")
    if not top and term.label(lang):
        return _with_unit(number_text(term.value, 4), term, lang) if term.value is not None else EMPTY[lang]
    zero = term.op in ZERO_WHEN_EMPTY
    args = [expression(a, lang, False, zero) for a in term.args]
    en = lang == "en"
    match term.op:
        case "sum":
            return " + ".join(args) if args else "0"
        case "sub":
            return f"({args[0]} − {args[1]})"
        case "mul":
            return " × ".join(args)
        case "div" | "ratio":
            return f"{args[0]} ÷ {args[1]}"
        case "max0":
            return f"max({args[0].removeprefix('(').removesuffix(')')}, 0)"
        case "ge":
            return f"{args[0]} ≥ {args[1]}"
        case "status":
            return (f"{args[0]} vs alert {args[1]}, exceeded {args[2]}" if en
                    else f"{args[0]}，预警线 {args[1]}，超限线 {args[2]}")
        case "present":
            return args[0]
        case "when":
            if term.args[0].value:
                return args[1]
            return "not applicable" if en else "不适用"
        case "or":
            return (" or else " if en else " 否则 ").join(args)
        case "any":
            return "(" + (" or " if en else " 或 ").join(args) + ")"
        case "all":
            return (" and " if en else " 且 ").join(args)
        case "is_annual":
            return (f"period {args[0]} is a year" if en else f"报告期 {args[0]} 为年度")
        case "count" | "count_given":
            return (f"count of {len(args)}" if en else f"共 {len(args)} 项")
        case "last":
            return args[-1] if args else EMPTY[lang]
        case "days":
            return f"{args[1]} − {args[0]}"
        case "synergy_class":
            return (f"CO2 cut {args[0]}, equivalents cut {args[1]}" if en
                    else f"二氧化碳减排量 {args[0]}，污染当量削减量 {args[1]}")
    return f"{term.op}({', '.join(args)})"


def _formula_term(term: Term) -> Term:
    """The first term below the wrappers that carries the formula in words."""
    node = term
    while not node.words_zh and node.args and node.op in (*WRAPPERS, "when"):
        node = node.args[-1]
    return node


def _parts(expl: Explanation) -> Parts:
    """Inputs, factors and intermediate results, leaving out the result's own formula term."""
    found = parts(expl.term)
    formula = _formula_term(expl.term)
    found.steps = [s for s in found.steps if s is not formula]
    return found


def _value_text(form: FormDef, spec: ComputedDef, value: object, lang: str, ref: ReferenceData) -> str:
    if value is None:
        return EMPTY[lang]
    if spec.type == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        text = number_text(value)
    else:
        text = computed_text(form, spec, value, lang, ref)
    unit = unit_text(spec.unit(lang))
    return f"{text} {unit}" if unit else text


def describe_input(form: FormDef, term: Term, lang: str, data: RecordData, ref: ReferenceData) -> str:
    """``第 1 行 原煤 · 消费量 = 1,100 吨``: an entered value by the label the editor shows."""
    label = field_label(form, term.path, lang, data, ref) if term.path else ""
    value = EMPTY[lang] if term.value is None else _with_unit(number_text(term.value), term, lang)
    extra = f" — {term.label(lang)}" if term.label(lang) else ""
    return f"{label} ({term.path}) = {value}{extra}"


def describe_factor(term: Term, lang: str) -> str:
    """``原煤折标系数 0.7143 吨标准煤/吨 — 《综合能耗计算通则》（GB/T 2589-2020）附录A
    (energy_coefficients: raw_coal)``: the source in ``lang`` (the set's ``source_zh`` in Chinese)."""
    value = _with_unit(number_text(term.value), term, lang)
    source = term.source
    where = f"{source.table}: {source.key}" if source else ""
    return f"{term.label(lang)} {value} — {source.label(lang) if source else ''} ({where})"


@dataclass(frozen=True)
class Part:
    """One headed part of an explanation in words: the formula or the working (one line, shown
    beside the heading), or a list — intermediate results, entered values, reference data."""

    key: str  # formula | working | steps | inputs | factors
    heading: str
    lines: tuple[str, ...]

    @property
    def inline(self) -> bool:
        return self.key in ("formula", "working")


@dataclass(frozen=True)
class ExplanationText:
    """An explanation in words: what it explains, its result, and its parts in reading order."""

    label: str  # 第 1 行 原煤 · 折标准煤
    path: str  # lines[0].line_tce
    value: str  # 785.73 吨标准煤: the stored value as the explanation prints it
    parts: tuple[Part, ...]


def explanation_text(expl: Explanation, form: FormDef, data: RecordData, ref: ReferenceData,
                     lang: str = "zh") -> ExplanationText:
    """The explanation in words, in parts (the PDF appendix lays them out; ``text_lines`` prints them)."""
    en = lang == "en"
    value = _value_text(form, expl.spec, expl.value, lang, ref)
    parts: list[Part] = []
    formula = _formula_term(expl.term)
    if formula.words(lang):
        symbols = f"  [{formula.symbols}]" if formula.symbols else ""
        parts.append(Part("formula", "formula" if en else "公式", (f"{formula.words(lang)}{symbols}",)))
    parts.append(Part("working", "working" if en else "计算", (f"{expression(expl.term, lang)} = {value}",)))
    found = _parts(expl)
    if found.steps:
        steps = []
        for step in found.steps:
            result = (EMPTY[lang] if step.value is None
                      else _with_unit(number_text(step.value, 4, lang), step, lang))
            steps.append(f"{step.label(lang)} = {expression(step, lang)} = {result}")
        parts.append(Part("steps", "intermediate results" if en else "中间结果", tuple(steps)))
    if found.inputs:
        parts.append(Part("inputs", "entered values" if en else "填报值",
                          tuple(describe_input(form, t, lang, data, ref) for t in found.inputs)))
    if found.factors:
        heading = (f"reference data (version {expl.reference_version})" if en
                   else f"参考数据（版本 {expl.reference_version}）")
        parts.append(Part("factors", heading, tuple(describe_factor(t, lang) for t in found.factors)))
    return ExplanationText(field_label(form, expl.path, lang, data, ref), expl.path, value, tuple(parts))


def text_lines(expl: Explanation, form: FormDef, data: RecordData, ref: ReferenceData,
               lang: str = "zh") -> list[str]:
    """The explanation as lines a person reads (the CLI prints them, the window shows them)."""
    text = explanation_text(expl, form, data, ref, lang)
    lines = [f"{text.label} ({text.path}) = {text.value}"]
    for part in text.parts:
        if part.inline:
            lines.append(f"  {part.heading}: {part.lines[0]}")
        else:
            lines.append(f"  {part.heading}:")
            lines.extend(f"    {line}" for line in part.lines)
    return lines


def as_dict(expl: Explanation, form: FormDef, data: RecordData, ref: ReferenceData,
            lang: str = "zh") -> JsonObject:
    """The explanation as JSON: the value, the words, and the whole term tree (``expression``),
    which ``trace.reevaluate`` works out again to the stored value."""
    formula = _formula_term(expl.term)
    found = _parts(expl)
    return {
        "path": expl.path,
        "label": field_label(form, expl.path, lang, data, ref),
        "value": expl.value,
        "unit": expl.spec.unit(lang),
        "reference_data_version": expl.reference_version,
        "formula": formula.words(lang),
        "symbols": formula.symbols,
        "working": expression(expl.term, lang),
        "inputs": [{"path": t.path, "label": field_label(form, t.path, lang, data, ref),
                    "value": t.value, "unit": t.unit(lang)} for t in found.inputs],
        "factors": [{"label": t.label(lang), "value": t.value, "unit": t.unit(lang),
                     "source": t.source.as_json() if t.source else None,
                     "source_text": t.source.label(lang) if t.source else ""} for t in found.factors],
        "steps": [{"label": t.label(lang), "value": t.value, "unit": t.unit(lang),
                   "working": expression(t, lang)} for t in found.steps],
        "expression": as_json(expl.term),
    }


def explain_record(doc: JsonObject, ref: ReferenceData, field: str | None = None) -> tuple[FormDef, RecordData, list[Explanation]]:
    """The explanations of a stored record (``Store.get_record``) with the reference set it was
    computed with: its form version, its clean data and the explanations."""
    form = get_form(doc["form"], doc.get("form_version"))
    clean, _problems = normalise(form, doc.get("data") or {}, ref)
    return form, clean, explain(form.id, clean, ref, form.version, field)
