"""Stored values as people read them, generic over the form definitions.

Labels, units, enumeration names and number precision all come from the ``FormDef`` (and the
reference data for energy codes and grid factors), so a new form version needs no new code.
"""

from __future__ import annotations

from ..domain.forms import ComputedDef, FieldDef, FormDef
from ..domain.reference import ReferenceData
from ..domain.rounding import format_number

YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}
LIST_SEPARATOR = "；"
UNIT_ENERGY = "@energy"


def fmt_number(value: object, decimals: int | None = None) -> str:
    """A number with thousands separators; ``decimals`` fixed (rounded half up), else as
    entered (≤ 6 places)."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    return format_number(value, decimals)


def with_unit(label: str, unit: str) -> str:
    """``label（unit）`` or just the label."""
    return f"{label}（{unit}）" if unit else label


def energy_key(spec: FieldDef) -> str | None:
    """The column of a group whose energy code gives other columns their unit, if any."""
    if not any(c.unit_from == UNIT_ENERGY for c in spec.columns):
        return None
    for column in spec.columns:
        if column.enum == UNIT_ENERGY:
            return column.id
    return None


def row_unit(spec: FieldDef, column: FieldDef, row: dict, ref: ReferenceData,
             lang: str = "zh") -> str:
    """The unit of ``column`` in one group row (the energy's unit for ``@energy`` columns)."""
    if column.unit_from == UNIT_ENERGY:
        key = energy_key(spec)
        code = row.get(key) if key else None
        energy = ref.energy.get(code) if isinstance(code, str) else None
        return energy.unit(lang) if energy else ""
    return column.unit(lang)


def column_unit(column: FieldDef, lang: str = "zh") -> str:
    """The unit shown in a column header (``按能源品种`` when it depends on the row)."""
    if column.unit_from == UNIT_ENERGY:
        return "按能源品种计量单位" if lang == "zh" else "unit of the energy"
    return column.unit(lang)


def enum_text(form: FormDef, enum: str, value: object, ref: ReferenceData, lang: str = "zh") -> str:
    """The label of an enumeration value."""
    return form.enum_label(enum, value, lang, ref)


def field_text(form: FormDef, spec: FieldDef, value: object, ref: ReferenceData,
               lang: str = "zh") -> str:
    """An entered value (scalar or set) as text, without its unit."""
    if value is None:
        return ""
    if spec.type == "set":
        return LIST_SEPARATOR.join(enum_text(form, spec.enum, v, ref, lang)
                                   for v in (value if isinstance(value, list) else [value]))
    if spec.type == "enum":
        return enum_text(form, spec.enum, value, ref, lang)
    if spec.type == "bool":
        yes, no = YES_NO[lang]
        return yes if value else no
    if spec.type in ("year", "period", "date", "text"):
        return str(value)
    return fmt_number(value)


def computed_text(form: FormDef, spec: ComputedDef, value: object, ref: ReferenceData,
                  lang: str = "zh") -> str:
    """A computed value as text, rounded to the form's declared decimals."""
    if value is None:
        return ""
    if spec.type == "bool":
        yes, no = YES_NO[lang]
        return yes if value else no
    if spec.type == "enum":
        return enum_text(form, spec.enum, value, ref, lang)
    if spec.type == "text":
        if isinstance(value, str) and value in ref.grid:
            return ref.grid[value].label(lang)
        return str(value)
    if spec.type == "int":
        return fmt_number(value)
    return fmt_number(value, spec.shown_decimals)


def number_format(decimals: int | None, kind: str = "number") -> str:
    """An Excel number format for a field or computed value."""
    if kind == "year":
        return "0"
    if kind == "int":
        return "#,##0"
    if decimals is None:
        return "#,##0.00####"
    if decimals == 0:
        return "#,##0"
    return "#,##0." + "0" * decimals
