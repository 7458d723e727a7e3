"""The generated tables of ``docs/standard/``: fields, enumerations and computed values of every
form (from ``forms/``) and the reference-data tables (from the newest shipped set).

A generated table sits between ``<!-- generated:NAME -->`` and ``<!-- /generated -->``; the
prose around it is written by hand. ``test_standard_doc.py`` checks that every block still
equals what this module makes from the code and data. Run
``PYTHONPATH=src:tests python -m docs.standard_tables`` from the repository root to rewrite
the blocks in place after changing a form or a reference set.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from lowcarbon_desk.domain.forms import FieldDef, FormDef, all_forms
from lowcarbon_desk.domain.reference import ReferenceCatalog, ReferenceData

REPO = Path(__file__).resolve().parents[2]
STANDARD = REPO / "docs" / "standard"
BLOCK = re.compile(r"(<!-- generated:(?P<name>[\w:.-]+) -->\n)(?P<body>.*?)(<!-- /generated -->)", re.S)
REFERENCE_ENUMS = {"@energy": ("能源品种代码（参考数据 §1）", "energy code (reference data §1)"),
                   "@grid_factors": ("电网排放因子代码（参考数据 §3）", "grid factor id (reference data §3)")}


def cell(text: object) -> str:
    """Text made safe for one Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def code(text: object) -> str:
    return f"`{cell(text)}`"


def _number(value: float) -> str:
    return f"{value:g}"


def _both(zh: str, en: str) -> str:
    if zh and en and zh != en:
        return f"{zh} / {en}"
    return zh or en


def _range(form: FormDef, spec: FieldDef) -> str:
    """What values the field takes, in both languages where words are needed."""
    kind = spec.type
    if kind in ("number", "int"):
        parts = []
        lower = spec.min if spec.min is not None else (None if spec.signed else 0)
        if spec.gt is not None:
            parts.append(f"> {_number(spec.gt)}")
        elif lower is not None:
            parts.append(f"≥ {_number(lower)}")
        else:
            parts.append("可为负 / may be negative")
        if spec.max is not None:
            parts.append(f"≤ {_number(spec.max)}")
        return ", ".join(parts)
    if kind == "text":
        text = f"≤ {spec.max_length} 字 / chars"
        if spec.pattern:
            text += f"; {code(spec.pattern)} ({_both(spec.pattern_zh, spec.pattern_en)})"
        return text
    if kind == "year":
        return "2000–2100"
    if kind == "period":
        return "`YYYY` / `YYYY-MM`"
    if kind == "date":
        return "`YYYY-MM-DD`"
    if kind == "bool":
        return "true / false"
    if kind in ("enum", "set"):
        if spec.enum in REFERENCE_ENUMS:
            target = _both(*REFERENCE_ENUMS[spec.enum])
        else:
            target = f"{code(spec.enum)}: " + ", ".join(code(o.value) for o in form.enums[spec.enum])
        return target if kind == "enum" else f"集合 / set of {target}"
    if kind == "group":
        if spec.fixed_key:
            return (f"每个 {code(spec.fixed_key)} 一行，按固定顺序 / one row per {code(spec.fixed_key)}, "
                    "in the fixed order")
        rows = f"{spec.min_items}–{spec.max_items} 行 / rows"
        if spec.unique:
            rows += f"; {code(spec.unique)} 不重复 / unique"
        return rows
    if kind == "months":
        return "12 个值，未报为 null / 12 values, null = not reported; ≥ 0"
    if kind == "attachments":
        types = ", ".join(spec.allowed_types)
        return f"{types}; ≤ {spec.max_bytes // 1048576} MB"
    return ""


def _unit(spec: FieldDef) -> str:
    if spec.unit_from == "@energy":
        return "随能源品种 / the energy's unit"
    return _both(spec.unit_zh, spec.unit_en)


def _note(spec: FieldDef) -> str:
    parts = []
    if spec.default is not None:
        parts.append(f"默认 / default {code(spec.default)}")
    if spec.help_zh or spec.help_en:
        parts.append(_both(spec.help_zh, spec.help_en))
    return "; ".join(parts)


FIELD_HEAD = ("| id | 中文 | English | 类型 type | 单位 unit | 取值 values | 必填 required | 说明 note |\n"
              "| --- | --- | --- | --- | --- | --- | --- | --- |\n")


def _field_row(form: FormDef, spec: FieldDef) -> str:
    required = "✔" if spec.required or (spec.type == "group" and spec.min_items) else ""
    cells = (code(spec.id), cell(spec.label_zh), cell(spec.label_en), spec.type, cell(_unit(spec)),
             _range(form, spec), required,
             cell(_note(spec)))
    return "| " + " | ".join(cells) + " |\n"


def fields_table(form: FormDef) -> str:
    """Every field of the form, then the columns of each repeating group."""
    out = FIELD_HEAD + "".join(_field_row(form, spec) for spec in form.fields)
    for spec in form.fields:
        if spec.columns:
            out += (f"\n`{spec.id}` 每行的栏目 / columns of each `{spec.id}` row "
                    f"({cell(spec.label_zh)} / {cell(spec.label_en)}):\n\n")
            out += FIELD_HEAD + "".join(_field_row(form, column) for column in spec.columns)
    return out


def enums_table(form: FormDef) -> str:
    """Every enumeration the form defines, one row per value."""
    out = "| enum | value | 中文 | English |\n| --- | --- | --- | --- |\n"
    for name, options in form.enums.items():
        for option in options:
            out += f"| {code(name)} | {code(option.value)} | {cell(option.zh)} | {cell(option.en)} |\n"
    return out


def computed_table(form: FormDef) -> str:
    """Every computed value: where it sits, its labels, unit and stored precision."""
    out = ("| id | 位置 scope | 中文 | English | 类型 type | 单位 unit | 显示小数位 decimals |\n"
           "| --- | --- | --- | --- | --- | --- | --- |\n")
    for item in form.computed:
        scope = "record" if item.scope == "record" else f"`{item.scope}[i]`"
        decimals = str(item.decimals) if item.type == "number" else ""
        kind = f"enum `{item.enum}`" if item.enum else item.type
        out += (f"| {code(item.id)} | {scope} | {cell(item.label_zh)} | {cell(item.label_en)} | {kind} | "
                f"{cell(_both(item.unit_zh, item.unit_en))} | {decimals} |\n")
    return out


def _table(head: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    out = "| " + " | ".join(head) + " |\n| " + " | ".join("---" for _ in head) + " |\n"
    return out + "".join("| " + " | ".join(cell(v) for v in row) + " |\n" for row in rows)


def energy_table(ref: ReferenceData) -> str:
    return _table(("code", "中文", "English", "单位 unit", "tce / unit", "kind", "note", "source", "来源"),
                  [(f"`{e.code}`", e.name_zh, e.name_en, _both(e.unit_zh, e.unit_en), _number(e.tce_per_unit),
                    e.kind, e.note, e.source, e.source_zh) for e in ref.energy.values()])


def combustion_table(ref: ReferenceData) -> str:
    return _table(("code", "NCV", "tC/TJ", "oxidation %", "tCO2 / unit", "from the parameters", "guideline",
                   "来源"),
                  [(f"`{f.code}`", f"{_number(f.ncv)} {f.ncv_unit}", _number(f.carbon_content_tc_per_tj),
                    _number(f.oxidation_pct), _number(f.tco2_per_unit), f"{f.derived():.4f}", f.guideline,
                    f.source_zh) for f in ref.combustion.values()])


def grid_table(ref: ReferenceData) -> str:
    return _table(("id", "中文", "English", "tCO2/MWh", "tCO2 / 10^4 kWh", "year", "source", "来源"),
                  [(f"`{g.id}`" + (" (default)" if g.id == ref.default_grid_factor else ""), g.label_zh,
                    g.label_en, _number(g.tco2_per_mwh), f"{g.tco2_per_10k_kwh:g}", g.year, g.source,
                    g.source_zh)
                   for g in ref.grid.values()])


def heat_table(ref: ReferenceData) -> str:
    return _table(("id", "中文", "English", "tCO2/GJ", "source", "来源"),
                  [(f"`{h.id}`", h.label_zh, h.label_en, _number(h.tco2_per_gj), h.source, h.source_zh)
                   for h in ref.heat.values()])


def thresholds_table(ref: ReferenceData) -> str:
    return _table(("id", "value", "unit", "中文", "English", "source", "来源"),
                  [(f"`{t.id}`", _number(t.value), t.unit, t.label_zh, t.label_en, t.source, t.source_zh)
                   for t in ref.thresholds.values()])


def renewables_table(ref: ReferenceData) -> str:
    return _table(("code", "carrier", "tCO2 / unit", "certificates", "source", "来源"),
                  [(f"`{r.code}`", r.carrier, _number(r.tco2_per_unit), "yes" if r.certificates else "no",
                    r.source, r.source_zh) for r in ref.renewables.values()])


def grid_share_table(ref: ReferenceData) -> str:
    return _table(("year", "share %", "source", "来源"),
                  [(s.year, _number(s.share_pct), s.source, s.source_zh) for s in ref.grid_non_fossil.values()])


def pollutants_table(ref: ReferenceData) -> str:
    return _table(("id", "中文", "English", "kg / equivalent", "source", "来源"),
                  [(f"`{p.id}`", p.name_zh, p.name_en,
                    "—" if p.kg_per_equivalent is None else _number(p.kg_per_equivalent), p.source, p.source_zh)
                   for p in ref.pollutants.values()])


def pollutant_factors_table(ref: ReferenceData) -> str:
    return _table(("id", "value", "中文", "English", "source", "来源"),
                  [(f"`{t.id}`", _number(t.value), t.label_zh, t.label_en, t.source, t.source_zh)
                   for t in ref.pollutant_factors.values()])


def ghg_sectors_table(ref: ReferenceData) -> str:
    return _table(("id", "中文", "English", "industry-code prefixes", "source", "来源"),
                  [(f"`{g.id}`", g.name_zh, g.name_en, " ".join(g.prefixes), g.source, g.source_zh)
                   for g in ref.ghg_sectors.values()])


def versions_table(catalog: ReferenceCatalog) -> str:
    return _table(("version", "based on", "default grid factor", "中文", "English"),
                  [(f"`{d.version}`", d.based_on or "—", f"`{d.default_grid_factor}`", d.title_zh, d.title_en)
                   for d in (catalog.get(v) for v in catalog.versions())])


def _newest_forms() -> dict[str, FormDef]:
    newest: dict[str, FormDef] = {}
    for (form_id, _version), form in sorted(all_forms().items()):
        newest[form_id] = form
    return newest


def blocks() -> dict[str, str]:
    """Every generated block by name (``fields:energy_report``, ``reference:grid_factors`` …)."""
    made: dict[str, str] = {}
    for form_id, form in _newest_forms().items():
        made[f"fields:{form_id}"] = fields_table(form)
        if form.enums:
            made[f"enums:{form_id}"] = enums_table(form)
        if form.computed:
            made[f"computed:{form_id}"] = computed_table(form)
    catalog = ReferenceCatalog()
    ref = catalog.latest_shipped()
    tables: dict[str, Callable[[ReferenceData], str]] = {
        "energy_coefficients": energy_table, "combustion_factors": combustion_table,
        "grid_factors": grid_table, "heat_factors": heat_table, "thresholds": thresholds_table,
        "renewable_energy": renewables_table, "grid_non_fossil_share": grid_share_table,
        "pollutant_equivalents": pollutants_table, "pollutant_factors": pollutant_factors_table,
        "ghg_sectors": ghg_sectors_table}
    for name, build in tables.items():
        made[f"reference:{name}"] = build(ref)
    made["reference:versions"] = versions_table(catalog)
    # blank lines around each table, so no Markdown reader takes the markers for table rows
    return {name: f"\n{table}\n" for name, table in made.items()}


def document_blocks(text: str) -> dict[str, str]:
    """The generated blocks found in a document, by name."""
    return {m.group("name"): m.group("body") for m in BLOCK.finditer(text)}


def rewrite(text: str, made: dict[str, str]) -> str:
    """``text`` with every generated block replaced by its current content."""
    def replace(match: re.Match) -> str:
        name = match.group("name")
        if name not in made:
            raise KeyError(f"unknown generated block {name}")
        return match.group(1) + made[name] + match.group(4)

    return BLOCK.sub(replace, text)


def main() -> int:
    made = blocks()
    for path in sorted(STANDARD.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        new = rewrite(text, made)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
