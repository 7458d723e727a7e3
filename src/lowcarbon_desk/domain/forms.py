"""Declarative form definitions (``forms/<form>.v<version>.toml``) loaded into dataclasses.

The window generates its editors from these; storage derives its tables from them; the
import and export code matches columns by the field ids they declare.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..paths import forms_dir
from .errors import InputError
from .reference import ReferenceData

FORM_IDS = ("org", "energy_report", "energy_budget", "cp_audit", "pilot_application")
RECORD_FORMS = FORM_IDS[1:]
SCALAR_TYPES = {"text", "number", "int", "year", "period", "date", "enum", "bool"}
CONTAINER_TYPES = {"group", "set", "months", "attachments"}
DEFAULT_MAX_TEXT = 2000
MAX_NUMBER = 1e12
MONTHS = 12


@dataclass(frozen=True)
class EnumOption:
    value: str
    zh: str
    en: str

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class FieldDef:
    """A field of a form, or a column of a repeating group."""

    id: str
    type: str
    label_zh: str
    label_en: str
    unit_zh: str = ""
    unit_en: str = ""
    unit_from: str = ""  # "@energy": the unit comes with the line's energy code
    required: bool = False
    min: float | None = None
    max: float | None = None
    gt: float | None = None
    signed: bool = False
    max_length: int = DEFAULT_MAX_TEXT
    pattern: str = ""
    pattern_zh: str = ""
    pattern_en: str = ""
    enum: str = ""
    default: object = None
    help_zh: str = ""
    help_en: str = ""
    multiline: bool = False
    table: str = ""
    columns: tuple[FieldDef, ...] = ()
    min_items: int = 0
    max_items: int = 10_000
    unique: str = ""
    fixed_key: str = ""
    item_label_zh: str = ""
    item_label_en: str = ""
    allowed_types: tuple[str, ...] = ()
    max_bytes: int = 0

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh

    def unit(self, lang: str = "zh") -> str:
        return self.unit_en if lang == "en" else self.unit_zh

    def column(self, column_id: str) -> FieldDef:
        for column in self.columns:
            if column.id == column_id:
                return column
        raise KeyError(column_id)

    @property
    def is_container(self) -> bool:
        return self.type in CONTAINER_TYPES

    @property
    def compiled_pattern(self) -> re.Pattern | None:
        return re.compile(self.pattern) if self.pattern else None


@dataclass(frozen=True)
class ComputedDef:
    """A value the program computes and stores with the record (never typed)."""

    id: str
    label_zh: str
    label_en: str
    type: str = "number"
    scope: str = "record"  # or the id of the group whose items carry it
    unit_zh: str = ""
    unit_en: str = ""
    decimals: int = 2
    enum: str = ""

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh

    def unit(self, lang: str = "zh") -> str:
        return self.unit_en if lang == "en" else self.unit_zh


@dataclass(frozen=True)
class SectionDef:
    id: str
    label_zh: str
    label_en: str
    fields: tuple[FieldDef, ...]

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh


@dataclass(frozen=True)
class FormDef:
    """One version of one form."""

    id: str
    version: int
    title_zh: str
    title_en: str
    table: str
    sections: tuple[SectionDef, ...]
    computed: tuple[ComputedDef, ...]
    enums: dict[str, tuple[EnumOption, ...]] = field(default_factory=dict)
    period_field: str = ""
    org_kinds: tuple[str, ...] = ()
    form_code: str = ""
    source: str = ""

    def title(self, lang: str = "zh") -> str:
        return self.title_en if lang == "en" else self.title_zh

    @property
    def fields(self) -> tuple[FieldDef, ...]:
        return tuple(f for s in self.sections for f in s.fields)

    def field(self, field_id: str) -> FieldDef:
        for candidate in self.fields:
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)

    def has_field(self, field_id: str) -> bool:
        return any(f.id == field_id for f in self.fields)

    def scalar_fields(self) -> tuple[FieldDef, ...]:
        return tuple(f for f in self.fields if not f.is_container)

    def container_fields(self) -> tuple[FieldDef, ...]:
        return tuple(f for f in self.fields if f.is_container)

    def computed_for(self, scope: str = "record") -> tuple[ComputedDef, ...]:
        return tuple(c for c in self.computed if c.scope == scope)

    def computed_def(self, computed_id: str) -> ComputedDef:
        for candidate in self.computed:
            if candidate.id == computed_id:
                return candidate
        raise KeyError(computed_id)

    def enum_options(self, enum_name: str, ref: ReferenceData | None = None) -> tuple[EnumOption, ...]:
        """Options of a named enumeration; ``@energy`` and ``@grid_factors`` come from ``ref``."""
        if enum_name == "@energy":
            if ref is None:
                raise ValueError("reference data needed for @energy")
            return tuple(EnumOption(e.code, e.name_zh, e.name_en) for e in ref.energy.values())
        if enum_name == "@grid_factors":
            if ref is None:
                raise ValueError("reference data needed for @grid_factors")
            return tuple(EnumOption(g.id, g.label_zh, g.label_en) for g in ref.grid.values())
        return self.enums[enum_name]

    def enum_label(self, enum_name: str, value: object, lang: str = "zh",
                   ref: ReferenceData | None = None) -> str:
        """The label of an enumeration value, or the value itself when unknown."""
        if value is None:
            return ""
        for option in self.enum_options(enum_name, ref):
            if option.value == value:
                return option.label(lang)
        return str(value)

    def describe(self, path: str, lang: str = "zh") -> str:
        """A human description of a field path that still names the field id.

        ``lines[1].feedstock_use`` → ``能源消费明细 第 2 行「用作原材料」(lines[1].feedstock_use)``.
        """
        match = re.fullmatch(r"(\w+)(?:\[(\d+)\](?:\.(\w+))?)?", path or "")
        if not match:
            return path
        name, index, column = match.groups()
        try:
            top = self.field(name)
        except KeyError:
            return path
        if index is None:
            return (f"{top.label_en} ({path})" if lang == "en" else f"「{top.label_zh}」({path})")
        row = int(index) + 1
        if column:
            try:
                col = top.column(column)
                col_zh, col_en = col.label_zh, col.label_en
            except KeyError:
                col_zh = col_en = column
            if lang == "en":
                return f"{top.label_en} row {row}, {col_en} ({path})"
            return f"{top.label_zh} 第 {row} 行「{col_zh}」({path})"
        if lang == "en":
            return f"{top.label_en} row {row} ({path})"
        return f"{top.label_zh} 第 {row} 行 ({path})"


# --- loading ---------------------------------------------------------------------------

_FIELD_KEYS = {f for f in FieldDef.__dataclass_fields__} | {"column", "unit"}


def _field_from(raw: dict, source: str) -> FieldDef:
    unknown = set(raw) - _FIELD_KEYS
    if unknown:
        raise ValueError(f"{source}: unknown keys {sorted(unknown)} in field {raw.get('id')}")
    if raw.get("type") not in SCALAR_TYPES | CONTAINER_TYPES:
        raise ValueError(f"{source}: field {raw.get('id')} has unknown type {raw.get('type')}")
    values = {k: v for k, v in raw.items() if k not in {"column", "unit"}}
    if raw.get("unit"):
        values["unit_from"] = raw["unit"]
    values["columns"] = tuple(_field_from(c, source) for c in raw.get("column", []))
    values["allowed_types"] = tuple(raw.get("allowed_types", ()))
    return FieldDef(**values)


def load_form_file(path: Path) -> FormDef:
    """Parse one form definition file."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    enums = {name: tuple(EnumOption(**o) for o in spec["options"])
             for name, spec in raw.get("enums", {}).items()}
    sections = tuple(
        SectionDef(s["id"], s["label_zh"], s["label_en"],
                   tuple(_field_from(f, path.name) for f in s.get("field", [])))
        for s in raw.get("section", [])
    )
    computed = tuple(ComputedDef(**c) for c in raw.get("computed", []))
    form = FormDef(id=raw["form"], version=int(raw["version"]), title_zh=raw["title_zh"],
                   title_en=raw["title_en"], table=raw["table"], sections=sections,
                   computed=computed, enums=enums, period_field=raw.get("period_field", ""),
                   org_kinds=tuple(raw.get("org_kinds", ())), form_code=raw.get("form_code", ""),
                   source=path.name)
    _check_enums(form)
    return form


def _check_enums(form: FormDef) -> None:
    for f in form.fields:
        for item in (f, *f.columns):
            if item.enum and not item.enum.startswith("@") and item.enum not in form.enums:
                raise ValueError(f"{form.source}: field {item.id} names unknown enum {item.enum}")


@cache
def _all_forms(folder: str) -> dict[tuple[str, int], FormDef]:
    forms: dict[tuple[str, int], FormDef] = {}
    for path in sorted(Path(folder).glob("*.v*.toml")):
        form = load_form_file(path)
        forms[(form.id, form.version)] = form
    return forms


def all_forms() -> dict[tuple[str, int], FormDef]:
    """Every form version shipped, keyed by (form id, version)."""
    return _all_forms(str(forms_dir()))


def get_form(form_id: str, version: int | None = None) -> FormDef:
    """A form definition: the given version, or the newest one."""
    forms = all_forms()
    if version is not None:
        try:
            return forms[(form_id, int(version))]
        except (KeyError, TypeError, ValueError):
            raise InputError(f"未知的表单或版本：{form_id} v{version}",
                             f"unknown form or version: {form_id} v{version}",
                             subject="form") from None
    versions = [v for (fid, v) in forms if fid == form_id]
    if not versions:
        known = "、".join(RECORD_FORMS)
        raise InputError(f"未知的表单：{form_id!r}（可用：{known}）",
                         f"unknown form: {form_id!r} (known: {', '.join(RECORD_FORMS)})",
                         subject="form")
    return forms[(form_id, max(versions))]
