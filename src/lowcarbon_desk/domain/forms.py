"""Declarative form definitions (``forms/<form>.v<version>.toml``) loaded into dataclasses.

The window generates its editors from these; storage derives its tables from them; the
import and export code matches columns by the field ids they declare. Which forms exist, in
which order they are shown, their period field and their chart all come from these files:
nothing else lists the forms (see "What a new form needs" in ``docs/architecture.md``).

``LOWCARBON_DESK_FORMS_DIR`` (one or more folders, separated by ``os.pathsep``) replaces the
shipped folder: the tests use it to add a form version or a whole form without touching the
program's own files.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import overload

from ..paths import forms_dir
from .errors import InputError, LowcarbonError
from .form_id import FORM_ID
from .jsontypes import JsonObject
from .periods import PERIOD_DEFAULTS
from .reference import ReferenceData

FORMS_DIR_ENV = "LOWCARBON_DESK_FORMS_DIR"
RECORD_KIND = "record"
ORGANISATION_KIND = "organisation"
SCALAR_TYPES = {"text", "number", "int", "year", "period", "date", "enum", "bool"}
CONTAINER_TYPES = {"group", "set", "months", "attachments"}
DEFAULT_MAX_TEXT = 2000
MONTHS = 12


@dataclass(frozen=True)
class EnumOption:
    value: str
    zh: str
    en: str

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


# the enumerations a reference-data set holds: its energy types and its grid factors
_REFERENCE_ENUMS: dict[str, Callable[[ReferenceData], tuple[EnumOption, ...]]] = {
    "@energy": lambda ref: tuple(EnumOption(e.code, e.name_zh, e.name_en) for e in ref.energy.values()),
    "@grid_factors": lambda ref: tuple(EnumOption(g.id, g.label_zh, g.label_en) for g in ref.grid.values()),
}


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
    # a field of the organisation profile whose value fills this field when it is left empty
    # (energy report v2's industry_code): the record keeps the value it was computed with
    from_org: str = ""
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
    # display only, for a column of a group: the band over neighbouring columns in a two-row
    # table header (205-1's "购进量" over "实物量" and "金额") and the column's label under it
    header_group_zh: str = ""
    header_group_en: str = ""
    header_label_zh: str = ""
    header_label_en: str = ""

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh

    def header_group(self, lang: str = "zh") -> str:
        return self.header_group_en if lang == "en" else self.header_group_zh

    def header_label(self, lang: str = "zh") -> str:
        """The label under the column's header band (its own label when it sets none)."""
        own = self.header_label_en if lang == "en" else self.header_label_zh
        return own or self.label(lang)

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
    def compiled_pattern(self) -> re.Pattern[str] | None:
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
    # a coefficient or factor: shown as the computation applied it (0.03412, not 0.0341),
    # never rounded to ``decimals``
    exact: bool = False
    # stored with the record for the rules (an energy line's CO2 basis), never shown
    internal: bool = False

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh

    def unit(self, lang: str = "zh") -> str:
        return self.unit_en if lang == "en" else self.unit_zh

    @property
    def shown_decimals(self) -> int | None:
        """The places people read: ``decimals``, or None (as applied) for an exact value."""
        return None if self.exact else self.decimals


@dataclass(frozen=True)
class SectionDef:
    id: str
    label_zh: str
    label_en: str
    fields: tuple[FieldDef, ...]

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh


RULE_SEVERITIES = ("error", "warning", "info")
RULE_CHECKS = ("compare", "required_if")
COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")


@dataclass(frozen=True)
class RuleSpec:
    """A cross-field rule declared in the form file (``[[rule]]``), so a version can add one
    without code.

    ``check = "compare"``: ``field`` ``op`` ``than_field`` (or ``than_value``) must hold; it is
    not checked while either side is empty. ``check = "required_if"``: ``field`` must be given
    when ``if_field`` is. Fields are record-level fields or computed values of the form.
    """

    id: str
    severity: str
    check: str
    field: str
    message_zh: str
    message_en: str
    summary_zh: str = ""
    summary_en: str = ""
    op: str = ""
    than_field: str = ""
    than_value: float | None = None
    if_field: str = ""


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
    kind: str = RECORD_KIND  # or "organisation" (the profile form, stored in its own table)
    order: int = 1000  # position among the forms in lists, menus and workbooks
    chart: str = ""  # the record PDF's chart kind (reports.record_pdf.CHART_KINDS), if any
    rules: tuple[RuleSpec, ...] = ()
    period_default: str = "reporting_year"  # the year a new record is for (domain/periods.py)
    # the paper form's header block, (label, value) pairs printed top right as the paper form
    # has them (205-1: 表号, 制定机关, 文号, 有效期至); an empty value prints a blank to fill
    paper_header: tuple[tuple[str, str], ...] = ()
    # the record's key figures, in the order the editor and the summaries show them: ids of
    # record-level computed numbers (``headline = ["total_tce", "total_co2_t"]``)
    headline: tuple[str, ...] = ()

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

    def computed_for(self, scope: str = "record", internal: bool = False) -> tuple[ComputedDef, ...]:
        """The computed values of ``scope`` that are shown (with ``internal``, also the ones
        stored only for the rules)."""
        return tuple(c for c in self.computed if c.scope == scope and (internal or not c.internal))

    def headline_defs(self) -> tuple[ComputedDef, ...]:
        """The record's key figures (``headline``), in their declared order."""
        return tuple(self.computed_def(computed_id) for computed_id in self.headline)

    def computed_def(self, computed_id: str) -> ComputedDef:
        for candidate in self.computed:
            if candidate.id == computed_id:
                return candidate
        raise KeyError(computed_id)

    def enum_options(self, enum_name: str, ref: ReferenceData | None = None) -> tuple[EnumOption, ...]:
        """Options of a named enumeration; ``@energy`` and ``@grid_factors`` come from ``ref``."""
        make = _REFERENCE_ENUMS.get(enum_name)
        if make is None:
            return self.enums[enum_name]
        if ref is None:
            raise ValueError(f"reference data needed for {enum_name}")
        return ref.derived(enum_name, make)

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


def _field_from(raw: JsonObject, source: str) -> FieldDef:
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


_FORM_KEYS = {"form", "version", "title_zh", "title_en", "table", "period_field", "org_kinds",
              "form_code", "kind", "order", "chart", "enums", "section", "computed", "rule",
              "period_default", "paper_header", "headline"}
_RULE_KEYS = set(RuleSpec.__dataclass_fields__)


class FormFileError(LowcarbonError, ValueError):
    """A form definition file is malformed, or does not fit the other versions of its form.

    The program's own files are wrong (a maintainer dropped in a broken version): one clear
    line naming the file, never a traceback.
    """

    def __init__(self, detail: str, detail_zh: str = ""):
        super().__init__(f"表单定义文件有误（请检查程序的 forms 文件夹）：{detail_zh or detail}",
                         f"a form definition file is wrong (check the program's forms folder): {detail}",
                         subject="forms")
        self.detail = detail


def load_form_file(path: Path) -> FormDef:
    """Parse one form definition file; a mistake in it raises ``FormFileError`` naming the file."""
    try:
        return _load_form_file(path)
    except FormFileError:
        raise
    except KeyError as exc:
        raise FormFileError(f"{path.name}: missing key {exc}") from None
    except (ValueError, TypeError, OSError, tomllib.TOMLDecodeError) as exc:
        detail = str(exc)
        raise FormFileError(detail if detail.startswith(path.name) else f"{path.name}: {detail}") from None


def _load_form_file(path: Path) -> FormDef:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(raw) - _FORM_KEYS
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    if not FORM_ID.fullmatch(str(raw.get("form", ""))):
        raise ValueError(f"{path.name}: form id {raw.get('form')!r} must be lower-case letters, digits and _")
    enums = {name: tuple(EnumOption(**o) for o in spec["options"])
             for name, spec in raw.get("enums", {}).items()}
    sections = tuple(
        SectionDef(s["id"], s["label_zh"], s["label_en"],
                   tuple(_field_from(f, path.name) for f in s.get("field", [])))
        for s in raw.get("section", [])
    )
    computed = tuple(_computed_from(c, path.name) for c in raw.get("computed", []))
    rules = tuple(_rule_from(r, path.name) for r in raw.get("rule", []))
    form = FormDef(id=raw["form"], version=int(raw["version"]), title_zh=raw["title_zh"],
                   title_en=raw["title_en"], table=raw["table"], sections=sections,
                   computed=computed, enums=enums, period_field=raw.get("period_field", ""),
                   org_kinds=tuple(raw.get("org_kinds", ())), form_code=raw.get("form_code", ""),
                   source=path.name, kind=raw.get("kind", RECORD_KIND), order=int(raw.get("order", 1000)),
                   chart=raw.get("chart", ""), rules=rules,
                   period_default=raw.get("period_default", "reporting_year"),
                   paper_header=_paper_header(raw.get("paper_header", []), path.name),
                   headline=tuple(raw.get("headline", ())))
    if form.period_default not in PERIOD_DEFAULTS:
        raise ValueError(f"{path.name}: period_default must be one of {PERIOD_DEFAULTS}")
    if form.kind not in (RECORD_KIND, ORGANISATION_KIND):
        raise ValueError(f"{path.name}: kind must be {RECORD_KIND!r} or {ORGANISATION_KIND!r}")
    if path.name != f"{form.id}.v{form.version}.toml":
        raise ValueError(f"{path.name}: a file holding {form.id} version {form.version} must be named "
                         f"{form.id}.v{form.version}.toml")
    if form.period_field and not form.has_field(form.period_field):
        raise ValueError(f"{path.name}: period_field {form.period_field} is not a field of the form")
    _check_enums(form)
    _check_rules(form)
    _check_headline(form)
    check_computation(form)
    return form


_COMPUTED_KEYS = set(ComputedDef.__dataclass_fields__)


def _computed_from(raw: JsonObject, source: str) -> ComputedDef:
    unknown = set(raw) - _COMPUTED_KEYS
    if unknown:
        raise ValueError(f"{source}: unknown keys {sorted(unknown)} in computed {raw.get('id')}")
    return ComputedDef(**raw)


def _check_headline(form: FormDef) -> None:
    """Each headline id names a shown record-level number of the form, once."""
    ids = {c.id: c for c in form.computed_for("record")}
    for computed_id in form.headline:
        spec = ids.get(computed_id)
        if spec is None or spec.type not in ("number", "int"):
            raise ValueError(f"{form.source}: headline {computed_id} is not a record-level computed number "
                             "of the form")
    if len(set(form.headline)) != len(form.headline):
        raise ValueError(f"{form.source}: headline names a value twice")


def check_computation(form: FormDef) -> None:
    """``FormFileError`` unless the ``[[computed]]`` ids of this version are exactly the ids its
    computation produces (``domain/registry.py``): a declared value no code computes would stay
    blank, a computed value the version does not declare would be stored unlabelled."""
    from .registry import computation_for  # the registry imports this module

    declared = [c.id for c in form.computed]
    if len(set(declared)) != len(declared):
        raise ValueError(f"{form.source}: a computed id is declared twice")
    computation = computation_for(form.id, form.version)
    produced = computation.produces if computation else frozenset()
    where_en = f"{form.source}: {form.id} version {form.version}"
    where_zh = f"{form.source}：{form.id} 第 {form.version} 版"
    for computed_id in declared:
        if computed_id not in produced:
            by = f" ({computation.name}, from version {computation.since}, does not)" if computation else ""
            raise FormFileError(
                f"{where_en}: computed value {computed_id} ([[computed]]) is produced by no computation{by}; "
                f"register a computation for it in domain/compute/{form.id}.py",
                f"{where_zh}：计算值 {computed_id}（[[computed]]）没有任何计算函数产生，"
                f"须在 domain/compute/{form.id}.py 中登记计算")
    undeclared = sorted(produced - set(declared))
    if undeclared and computation is not None:  # without a computation nothing is produced
        computed_id = undeclared[0]
        raise FormFileError(
            f"{where_en}: the computation {computation.name} produces {computed_id}, which this version "
            "does not declare ([[computed]])",
            f"{where_zh}：计算函数 {computation.name} 产生计算值 {computed_id}，但本版本未声明（[[computed]]）")


def _paper_header(raw: list[object], source: str) -> tuple[tuple[str, str], ...]:
    """``[[paper_header]]`` entries (``label``, ``value``) as pairs."""
    pairs = []
    for entry in raw:
        if not isinstance(entry, dict) or set(entry) - {"label", "value"} or not entry.get("label"):
            raise ValueError(f"{source}: each [[paper_header]] needs a label and may have a value, nothing else")
        pairs.append((str(entry["label"]), str(entry.get("value", ""))))
    return tuple(pairs)


def _rule_from(raw: JsonObject, source: str) -> RuleSpec:
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise ValueError(f"{source}: unknown keys {sorted(unknown)} in rule {raw.get('id')}")
    try:
        return RuleSpec(**raw)
    except TypeError as exc:
        raise ValueError(f"{source}: rule {raw.get('id')}: {exc}") from None


def _check_rules(form: FormDef) -> None:
    names = {f.id for f in form.scalar_fields()} | {c.id for c in form.computed_for("record")}
    for spec in form.rules:
        where = f"{form.source}: rule {spec.id}"
        if not spec.id.startswith(f"{form.id}."):
            raise ValueError(f"{where}: a rule id starts with the form id ({form.id}.)")
        if spec.severity not in RULE_SEVERITIES or spec.check not in RULE_CHECKS:
            raise ValueError(f"{where}: severity must be one of {RULE_SEVERITIES}, check one of {RULE_CHECKS}")
        referenced = [spec.field, spec.than_field if spec.check == "compare" else spec.if_field]
        for name in referenced:
            if name and name not in names:
                raise ValueError(f"{where}: {name} is not a field or computed value of the form")
        if spec.check == "compare" and (spec.op not in COMPARISONS
                                        or bool(spec.than_field) == (spec.than_value is not None)):
            raise ValueError(f"{where}: compare needs op (one of {COMPARISONS}) and than_field or than_value")
        if spec.check == "required_if" and not spec.if_field:
            raise ValueError(f"{where}: required_if needs if_field")
    if len({spec.id for spec in form.rules}) != len(form.rules):
        raise ValueError(f"{form.source}: rule ids must be unique")


def _check_enums(form: FormDef) -> None:
    for f in form.fields:
        for item in (f, *f.columns):
            if item.type in ("enum", "set") and not item.enum:
                raise ValueError(f"{form.source}: field {item.id} of type {item.type} names no enum")
            if item.type in ("group", "set", "months", "attachments") and not item.table:
                raise ValueError(f"{form.source}: field {item.id} of type {item.type} names no table")
            if item.enum and not item.enum.startswith("@") and item.enum not in form.enums:
                raise ValueError(f"{form.source}: field {item.id} names unknown enum {item.enum}")


@cache
def _shipped_forms_dir() -> str:
    return str(forms_dir())  # resolving the bundle folder touches the file system: once


def _folders() -> tuple[str, ...]:
    override = os.environ.get(FORMS_DIR_ENV, "").strip()
    if override:
        return tuple(p for p in override.split(os.pathsep) if p.strip())
    return (_shipped_forms_dir(),)


def forms_dirs() -> tuple[Path, ...]:
    """The folders holding the form definitions: ``LOWCARBON_DESK_FORMS_DIR``, else the shipped one."""
    return tuple(Path(p) for p in _folders())


@cache
def _all_forms(folders: tuple[str, ...]) -> dict[tuple[str, int], FormDef]:
    forms: dict[tuple[str, int], FormDef] = {}
    for folder in folders:
        for path in sorted(Path(folder).glob("*.v*.toml")):
            form = load_form_file(path)
            if (form.id, form.version) in forms:
                raise FormFileError(f"{path}: {form.id} version {form.version} is defined twice")
            forms[(form.id, form.version)] = form
    kinds: dict[str, str] = {}
    for (form_id, _version), form in sorted(forms.items()):
        if kinds.setdefault(form_id, form.kind) != form.kind:
            raise FormFileError(f"{form.source}: the kind of a form cannot change between versions")
    return dict(sorted(forms.items()))


def load_forms(*folders: Path) -> dict[tuple[str, int], FormDef]:
    """Every form version in ``folders`` (later folders add versions), keyed by (form id,
    version), sorted; ``FormFileError`` for the first file that is wrong. ``all_forms`` is this
    for the folders of this installation."""
    return _all_forms(tuple(str(folder) for folder in folders))


def all_forms() -> dict[tuple[str, int], FormDef]:
    """Every form version of this installation, keyed by (form id, version), sorted."""
    return _all_forms(_folders())


def form_versions(form_id: str) -> tuple[int, ...]:
    """The versions of ``form_id`` this installation knows, oldest first."""
    return tuple(v for (f, v) in all_forms() if f == form_id)


@cache
def _latest(folders: tuple[str, ...], kind: str | None) -> tuple[FormDef, ...]:
    newest: dict[str, FormDef] = {}
    for (form_id, _version), form in _all_forms(folders).items():
        newest[form_id] = form  # sorted by version: the last one is the newest
    chosen = [f for f in newest.values() if kind is None or f.kind == kind]
    return tuple(sorted(chosen, key=lambda f: (f.order, f.id)))


def latest_forms(kind: str | None = RECORD_KIND) -> tuple[FormDef, ...]:
    """The newest version of every form (of one ``kind``; ``None`` for all), in display order."""
    return _latest(_folders(), kind)


def record_form_ids() -> tuple[str, ...]:
    """The ids of the record forms (not the organisation profile), in display order."""
    return tuple(f.id for f in _latest(_folders(), RECORD_KIND))


class _RecordFormIds(Sequence[str]):
    """``RECORD_FORMS``: the record form ids, read from the form files when used (so a form
    folder set by ``LOWCARBON_DESK_FORMS_DIR`` after import is seen)."""

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        return record_form_ids()[index]

    def __len__(self) -> int:
        return len(record_form_ids())

    def __iter__(self) -> Iterator[str]:
        return iter(record_form_ids())

    def __contains__(self, value: object) -> bool:
        return value in record_form_ids()

    def __repr__(self) -> str:
        return repr(record_form_ids())


RECORD_FORMS: Sequence[str] = _RecordFormIds()


class UnknownFormError(InputError):
    """A record, package or workbook names a form or form version this installation does not
    know: made by a newer program (update this one) or not a form of this program at all."""

    def __init__(self, form_id: object, version: object, where: str = ""):
        prefix_zh = f"{where}：" if where else ""
        prefix_en = f"{where}: " if where else ""
        if isinstance(form_id, str) and form_versions(form_id):
            known = "、".join(f"v{v}" for v in form_versions(form_id))
            zh = (f"{prefix_zh}表单 {form_id} 第 {version} 版：本程序不认识（本程序只有 {known}），"
                  "可能来自更新版本的程序，请更新程序；未做任何改动")
            en = (f"{prefix_en}form {form_id} version {version} is not known to this program (it has "
                  f"{', '.join(f'v{v}' for v in form_versions(form_id))}); it may come from a newer "
                  "version of the program: update the program. Nothing was changed")
        else:
            known = ", ".join(record_form_ids())
            zh = (f"{prefix_zh}表单 {form_id!r}（第 {version} 版）：本程序不认识（可用：{'、'.join(record_form_ids())}），"
                  "可能来自更新版本的程序，请更新程序；未做任何改动")
            en = (f"{prefix_en}form {form_id!r} (version {version}) is not known to this program (known: "
                  f"{known}); it may come from a newer version of the program: update the program. "
                  "Nothing was changed")
        super().__init__(zh, en, subject="form_version")
        self.form_id = form_id
        self.version = version


def _version_number(version: object) -> int | None:
    if isinstance(version, bool):
        return None
    if isinstance(version, int):
        return version
    if isinstance(version, str) and version.strip().isdigit():
        return int(version)
    return None


def require_known_version(form_id: object, version: object, where: str = "") -> FormDef:
    """The definition of ``form_id`` version ``version``; ``UnknownFormError`` ("update the
    program", naming form and version and, when given, ``where``) if this installation lacks it."""
    number = _version_number(version)
    form = all_forms().get((form_id, number)) if isinstance(form_id, str) and number is not None else None
    if form is None:
        raise UnknownFormError(form_id, version, where)
    return form


def get_form(form_id: str, version: int | None = None) -> FormDef:
    """A form definition: the given version, or the newest one."""
    if version is not None:
        return require_known_version(form_id, version)
    versions = form_versions(form_id)
    if not versions:
        known = "、".join(RECORD_FORMS)
        raise InputError(f"未知的表单：{form_id!r}（可用：{known}）",
                         f"unknown form: {form_id!r} (known: {', '.join(RECORD_FORMS)})",
                         subject="form")
    return all_forms()[(form_id, versions[-1])]
