"""Input checking: turn what was typed or imported into a clean record ``data`` dict.

A present value must be well-formed to be stored at all (type, range, enumeration, pattern,
length, repeated keys); completeness and consistency are the rules' job later, so a draft may
be incomplete but never malformed.
"""

from __future__ import annotations

import re
import unicodedata

from .forms import MONTHS, FieldDef, FormDef
from .issues import ERROR, Issue
from .jsontypes import RecordData, Row
from .reference import ReferenceData
from .text import echo, shown
from .values import (
    ValueProblem,
    check_text,
    is_blank,
    read_date,
    read_int,
    read_number,
    read_period,
    read_text,
    read_year,
)


class _Collector:
    def __init__(self, form: FormDef):
        self.form = form
        self.problems: list[Issue] = []

    def add(self, rule: str, path: str, zh: str, en: str) -> None:
        where_zh = self.form.describe(path, "zh") if path else self.form.title_zh
        where_en = self.form.describe(path, "en") if path else self.form.title_en
        self.problems.append(Issue(rule, ERROR, path, f"{where_zh}：{zh}", f"{where_en}: {en}"))


def _enum_value(form: FormDef, spec: FieldDef, value: object, ref: ReferenceData) -> str:
    options = form.enum_options(spec.enum, ref)
    if isinstance(value, str):
        text = value.strip()
        check_text(text)
        for option in options:
            if text in (option.value, option.zh, option.en):
                return option.value
    # people pick from the list by name (a workbook's drop-down, the window): name the choices
    # as they read them; the codes a JSON file may use still follow in English
    allowed_zh = "、".join(o.zh for o in options)
    allowed_en = ", ".join(f"{o.en} ({o.value})" if o.en != o.value else o.value for o in options)
    said = echo(value)
    said_zh = said[1:-1] if isinstance(value, str) else said
    raise ValueProblem("field.enum", f"“{said_zh}”不是允许的取值，请从列表中选择：{allowed_zh}",
                       f"{said} is not one of the allowed values; choose from the list: {allowed_en}")


def read_scalar(form: FormDef, spec: FieldDef, value: object, ref: ReferenceData) -> object:
    """One scalar value of ``spec`` read and range-checked; raises ``ValueProblem``."""
    kind = spec.type
    multiline = kind == "text" and spec.multiline
    if isinstance(value, str) and not multiline:
        check_text(value.strip(), multiline=False)  # every kind: a date or code is text too
    if kind == "text":
        text = read_text(value, spec.max_length, multiline)
        if spec.pattern and text:
            # codes and phone numbers: full-width input becomes ASCII, and \d means 0-9 only
            text = unicodedata.normalize("NFKC", text)
        if spec.pattern and text and not re.fullmatch(spec.pattern, text, re.ASCII):
            raise ValueProblem("field.pattern", f"“{text}”格式不对，应为{spec.pattern_zh or spec.pattern}",
                               f"{text!r} is malformed: expected {spec.pattern_en or spec.pattern}")
        return text or None
    if kind == "enum":
        return _enum_value(form, spec, value, ref)
    if kind == "date":
        return read_date(value)
    if kind == "period":
        return read_period(value)
    if kind == "year":
        return read_year(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        raise ValueProblem("field.bool", "应为是或否", "must be true or false")
    number = read_int(value) if kind == "int" else read_number(value)
    _check_range(spec, number)
    return number


def _check_range(spec: FieldDef, number: float) -> None:
    lower = spec.min if spec.min is not None else (None if spec.signed else 0)
    if lower is not None and number < lower:
        if lower == 0:
            raise ValueProblem("field.negative", f"不能为负数（{number}）", f"must not be negative ({number})")
        raise ValueProblem("field.range", f"{number} 小于下限 {lower:g}", f"{number} is below the minimum {lower:g}")
    if spec.gt is not None and number <= spec.gt:
        raise ValueProblem("field.range", f"必须大于 {spec.gt:g}（现为 {number}）",
                           f"must be greater than {spec.gt:g} (is {number})")
    if spec.max is not None and number > spec.max:
        raise ValueProblem("field.range", f"{number} 超过上限 {spec.max:g}",
                           f"{number} is above the maximum {spec.max:g}")


def _read_into(out: Row, key: str, form: FormDef, spec: FieldDef, value: object,
               path: str, ref: ReferenceData, sink: _Collector) -> None:
    if is_blank(value):
        out[key] = None
        return
    try:
        out[key] = read_scalar(form, spec, value, ref)
    except ValueProblem as problem:
        out[key] = None
        sink.add(problem.rule, path, problem.zh, problem.en)


def _read_group(form: FormDef, spec: FieldDef, value: object, ref: ReferenceData,
                sink: _Collector) -> list[Row]:
    if value is None:
        items: list[object] = []
    elif not isinstance(value, list):
        sink.add("field.list", spec.id, "应为列表", "must be a list")
        return []
    else:
        items = value
    if len(items) > spec.max_items:
        sink.add("field.max_items", spec.id, f"最多 {spec.max_items} 项（现有 {len(items)} 项）",
                 f"at most {spec.max_items} items ({len(items)} given)")
        return []
    known = {c.id for c in spec.columns}
    rows: list[Row] = []
    for index, item in enumerate(items):
        path = f"{spec.id}[{index}]"
        if not isinstance(item, dict):
            sink.add("field.item", path, "每一项应为一个对象", "each item must be an object")
            continue
        for extra in sorted(set(item) - known):
            sink.add("field.unknown", f"{path}.{shown(str(extra))}", f"未知的栏目 {shown(str(extra))}",
                     f"unknown column {shown(str(extra))}")
        row: Row = {}
        for column in spec.columns:
            _read_into(row, column.id, form, column, item.get(column.id), f"{path}.{column.id}",
                       ref, sink)
        rows.append(row)
    if spec.unique:
        _check_unique(spec, rows, sink)
    if spec.fixed_key:
        rows = _fixed_rows(form, spec, rows, ref, sink)
    return rows


def _check_unique(spec: FieldDef, rows: list[Row], sink: _Collector) -> None:
    seen: dict[object, int] = {}
    for index, row in enumerate(rows):
        key = row.get(spec.unique)
        if key is None:
            continue
        if key in seen:
            sink.add(f"{spec.id}.duplicate", f"{spec.id}[{index}].{spec.unique}",
                     f"“{key}”与第 {seen[key] + 1} 行重复，同一{spec.item_label_zh or '项目'}只能填一行",
                     f"{key!r} repeats row {seen[key] + 1}: each {spec.item_label_en or 'item'} once")
        else:
            seen[key] = index


def _fixed_rows(form: FormDef, spec: FieldDef, rows: list[Row], ref: ReferenceData,
                sink: _Collector) -> list[Row]:
    order = [o.value for o in form.enum_options(spec.column(spec.fixed_key).enum, ref)]
    by_key: dict[str, Row] = {}
    for index, row in enumerate(rows):
        key = row.get(spec.fixed_key)
        if key in by_key:
            sink.add(f"{spec.id}.duplicate", f"{spec.id}[{index}].{spec.fixed_key}",
                     f"“{key}”重复", f"{key!r} appears twice")
        elif key is not None:
            by_key[key] = row
    blank = {c.id: None for c in spec.columns}
    return [by_key.get(key, {**blank, spec.fixed_key: key}) for key in order]


def _read_set(form: FormDef, spec: FieldDef, value: object, ref: ReferenceData,
              sink: _Collector) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        sink.add("field.list", spec.id, "应为列表", "must be a list")
        return []
    chosen: list[str] = []
    for index, item in enumerate(value):
        try:
            option = _enum_value(form, spec, item, ref)
        except ValueProblem as problem:
            sink.add(problem.rule, f"{spec.id}[{index}]", problem.zh, problem.en)
            continue
        if option in chosen:
            sink.add(f"{spec.id}.duplicate", f"{spec.id}[{index}]", f"“{option}”重复",
                     f"{option!r} appears twice")
        else:
            chosen.append(option)
    order = [o.value for o in form.enum_options(spec.enum, ref)]
    return sorted(chosen, key=order.index)


def _read_months(form: FormDef, spec: FieldDef, value: object, ref: ReferenceData,
                 sink: _Collector) -> list[object]:
    if value is None:
        return [None] * MONTHS
    if not isinstance(value, list) or len(value) != MONTHS:
        sink.add("field.months", spec.id, "应为 12 个月的数值列表（未报月份填 null）",
                 "must be a list of 12 monthly values (null for a month not reported)")
        return [None] * MONTHS
    months: list[object] = []
    for index, item in enumerate(value):
        holder: Row = {}
        _read_into(holder, "v", form, spec, item, f"{spec.id}[{index}]", ref, sink)
        months.append(holder["v"])
    return months


def _read_attachments(spec: FieldDef, value: object, sink: _Collector) -> list[Row]:
    if value is None:
        return []
    if not isinstance(value, list):
        sink.add("field.list", spec.id, "应为列表", "must be a list")
        return []
    out = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not {"name", "size", "sha256"} <= set(item):
            sink.add("attachment.metadata", f"{spec.id}[{index}]", "附件须有 name、size、sha256",
                     "an attachment needs name, size and sha256")
            continue
        path = f"{spec.id}[{index}]"
        try:
            clean = {"name": read_text(item["name"], 255), "size": read_int(item["size"]),
                     "sha256": read_text(item["sha256"], 64)}
            if "media_type" in item:
                media = item["media_type"]
                clean["media_type"] = None if media is None else read_text(media, 255)
        except ValueProblem as problem:
            sink.add(problem.rule, path, problem.zh, problem.en)
            continue
        out.append(clean)
    return out


def normalise(form: FormDef, data: object, ref: ReferenceData) -> tuple[RecordData, list[Issue]]:
    """Read ``data`` against ``form``: the clean dict and every input problem found."""
    sink = _Collector(form)
    if not isinstance(data, dict):
        sink.add("record.data", "", "记录数据应为 JSON 对象", "record data must be a JSON object")
        return {}, sink.problems
    known = {f.id for f in form.fields}
    for extra in sorted(set(data) - known):
        name = shown(str(extra))
        sink.add("field.unknown", name, f"表单 {form.id} 没有字段 {name}", f"form {form.id} has no field {name}")
    clean: RecordData = {}
    for spec in form.fields:
        value = data.get(spec.id)
        if spec.type == "group":
            clean[spec.id] = _read_group(form, spec, value, ref, sink)
        elif spec.type == "set":
            clean[spec.id] = _read_set(form, spec, value, ref, sink)
        elif spec.type == "months":
            clean[spec.id] = _read_months(form, spec, value, ref, sink)
        elif spec.type == "attachments":
            clean[spec.id] = _read_attachments(spec, value, sink)
        else:
            if is_blank(value) and spec.default is not None:
                value = spec.default
            _read_into(clean, spec.id, form, spec, value, spec.id, ref, sink)
    return clean, sink.problems
