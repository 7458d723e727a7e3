"""Values that carry how they were computed: the one source of computed values and their explanation.

The compute functions (``domain/compute/``) build every computed value as a ``Term``: an entered
value (``given``), a reference-data coefficient or factor with its source (``factor``), a fixed
number (``const``) or an operation over other terms (``op``). A term's value is worked out when it
is built, by the same operation functions (``OPS``) that ``reevaluate`` applies to an explanation
read back from JSON; the stored computed value is ``term.value``. So an explanation cannot drift
from the number it explains: both are the same tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..jsontypes import JsonObject
from ..synergy import classify
from .numbers import num, ratio, rounded

Value = Any


@dataclass(frozen=True)
class Source:
    """Where a reference value comes from: the set's version, its table and row, the publication."""

    text: str
    table: str
    key: str
    version: str
    text_zh: str = ""  # the publication's Chinese name (the set's ``source_zh``)

    def label(self, lang: str = "zh") -> str:
        """The source in ``lang``: the Chinese name where the set gives one, else ``text``."""
        return (self.text_zh or self.text) if lang == "zh" else self.text

    def as_json(self) -> dict[str, str]:
        out = {"text": self.text, "table": self.table, "key": self.key, "version": self.version}
        if self.text_zh:
            out["text_zh"] = self.text_zh
        return out


@dataclass(frozen=True, init=False)
class Term:
    """One node of a computation: its value, how it was obtained, what it is called, its unit."""

    value: Value
    op: str  # "given" | "factor" | "const" | a key of OPS
    args: tuple[Term, ...] = ()
    path: str = ""  # a given value's field path; a computed value's id
    label_zh: str = ""
    label_en: str = ""
    unit_zh: str = ""
    unit_en: str = ""
    source: Source | None = None
    words_zh: str = ""  # the formula in words, on the terms that carry one
    words_en: str = ""
    symbols: str = ""

    def __init__(self, value: Value, op: str, args: tuple[Term, ...] = (), path: str = "",
                 label_zh: str = "", label_en: str = "", unit_zh: str = "", unit_en: str = "",
                 source: Source | None = None, words_zh: str = "", words_en: str = "",
                 symbols: str = ""):
        # an annual energy report builds about 85 terms: one dict update instead of the frozen
        # dataclass's object.__setattr__ per field (0.6 µs a term instead of 2.5 µs)
        self.__dict__.update(value=value, op=op, args=args, path=path, label_zh=label_zh,
                             label_en=label_en, unit_zh=unit_zh, unit_en=unit_en, source=source,
                             words_zh=words_zh, words_en=words_en, symbols=symbols)

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh

    def unit(self, lang: str = "zh") -> str:
        return self.unit_en if lang == "en" else self.unit_zh

    def words(self, lang: str = "zh") -> str:
        return self.words_en if lang == "en" else self.words_zh

    @property
    def is_leaf(self) -> bool:
        return self.op in LEAVES

    def named(self, label: tuple[str, str] = ("", ""), unit: tuple[str, str] | None = None,
              words: tuple[str, str] | None = None, symbols: str | None = None,
              path: str | None = None) -> Term:
        """The same term with a name, unit, formula in words or symbols attached."""
        return Term(self.value, self.op, self.args, self.path if path is None else path,
                    label[0] or self.label_zh, label[1] or self.label_en,
                    *(unit or (self.unit_zh, self.unit_en)), self.source,
                    *(words or (self.words_zh, self.words_en)),
                    self.symbols if symbols is None else symbols)


LEAVES = ("given", "factor", "const")


def _date(value: Value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _days(start: Value, end: Value) -> int | None:
    first, last = _date(start), _date(end)
    return None if first is None or last is None else (last - first).days


def _product(*values: Value) -> float | None:
    if any(v is None for v in values):
        return None
    result = 1.0
    for v in values:
        result *= v
    return result


def _status(pct: Value, alert: Value, exceeded: Value) -> str | None:
    if pct is None:
        return None
    if pct > exceeded:
        return "exceeded"
    if pct >= alert:
        return "alert"
    return "ok"


# Every operation a computation may use; a term's value is OPS[op](*values of its args).
OPS: dict[str, Callable[..., Value]] = {
    "round": rounded,
    "num": num,  # a missing value counts as zero
    "sum": lambda *values: sum(num(v) for v in values),
    "sub": lambda a, b: num(a) - num(b),
    "mul": _product,
    "div": lambda a, b: None if a is None or not b else a / b,
    "ratio": ratio,  # None when the denominator is missing or not positive
    "max0": lambda a: max(num(a), 0.0),
    "ge": lambda a, b: None if a is None or b is None else a >= b,
    "status": _status,
    "synergy_class": classify,  # data-standard §8: from a measure's CO2 and equivalents cut
    "present": lambda a: a is not None,
    "when": lambda condition, value: value if condition else None,
    "or": lambda *values: next((v for v in values if v), None),
    "any": lambda *values: any(bool(v) for v in values),
    "all": lambda *values: bool(values) and all(bool(v) for v in values),
    "is_annual": lambda period: len(str(period or "")) == 4,
    "count": lambda *values: len(values),
    "count_given": lambda *values: sum(1 for v in values if v is not None),
    "last": lambda *values: values[-1] if values else None,
    "days": _days,
}

SYMBOLS = {"sum": " + ", "sub": " − ", "mul": " × ", "div": " ÷ ", "ratio": " ÷ "}


# --- building terms -------------------------------------------------------------------

def given(value: Value, path: str, label: tuple[str, str] = ("", ""),
          unit: tuple[str, str] = ("", "")) -> Term:
    """An entered value (``None`` when the field is empty)."""
    return Term(value, "given", (), path, *label, *unit)


def factor(value: Value, source: Source, label: tuple[str, str] = ("", ""),
           unit: tuple[str, str] = ("", "")) -> Term:
    """A coefficient, factor or threshold taken from the reference data."""
    return Term(value, "factor", (), "", *label, *unit, source)


def const(value: Value, label: tuple[str, str] = ("", ""), unit: tuple[str, str] = ("", "")) -> Term:
    """A fixed number of the formula (12 months, 100 %)."""
    return Term(value, "const", (), "", *label, *unit)


def op(name: str, *args: Term, label: tuple[str, str] = ("", ""),
       unit: tuple[str, str] = ("", "")) -> Term:
    """The term ``OPS[name]`` applied to ``args``; its value is computed here, once."""
    return Term(OPS[name](*[a.value for a in args]), name, args, "", label[0], label[1], unit[0], unit[1])


def total(terms: Iterable[Term], label: tuple[str, str] = ("", ""),
          unit: tuple[str, str] = ("", "")) -> Term:
    """The sum of ``terms`` (0 for none)."""
    return op("sum", *terms, label=label, unit=unit)


def values(tree: Any) -> Any:
    """Plain values of a structure of terms (dicts and lists kept): what a record stores."""
    if isinstance(tree, Term):
        return tree.value
    if isinstance(tree, dict):
        return {k: values(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [values(v) for v in tree]
    return tree


# --- JSON and re-evaluation -----------------------------------------------------------

def as_json(term: Term) -> JsonObject:
    """The whole tree as plain JSON (values, operations, names, units, sources)."""
    out: JsonObject = {"op": term.op, "value": term.value}
    for key in ("path", "label_zh", "label_en", "unit_zh", "unit_en", "words_zh", "words_en",
                "symbols"):
        if getattr(term, key):
            out[key] = getattr(term, key)
    if term.source is not None:
        out["source"] = term.source.as_json()
    if term.args:
        out["args"] = [as_json(a) for a in term.args]
    return out


def reevaluate(node: JsonObject) -> Value:
    """Work a JSON explanation out again from its leaves, with the same operations."""
    if node["op"] in LEAVES:
        return node["value"]
    return OPS[node["op"]](*(reevaluate(a) for a in node.get("args", [])))


# --- reading a tree -------------------------------------------------------------------

@dataclass
class Parts:
    """What a reader wants listed beside a formula: inputs, reference values, intermediate results."""

    inputs: list[Term] = field(default_factory=list)
    factors: list[Term] = field(default_factory=list)
    steps: list[Term] = field(default_factory=list)


def parts(term: Term) -> Parts:
    """The given values, reference factors and named intermediate results under ``term``."""
    found = Parts()
    seen: set[int] = set()

    def walk(node: Term, top: bool) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if node.op == "given":
            found.inputs.append(node)
        elif node.op == "factor":
            found.factors.append(node)
        elif not top and (node.label_zh or node.label_en) and node.op != "const":
            found.steps.append(node)
        for arg in node.args:
            walk(arg, False)

    walk(term, True)
    return found
