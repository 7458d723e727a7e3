"""Moving a record from one version of its form to another: what changed, what carries over.

Values carry over by field id (and, inside a repeating list, by column id). A field the new
version no longer has is dropped; the old revision keeps it, and the caller reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .forms import FieldDef, FormDef
from .jsontypes import RecordData, Row


@dataclass(frozen=True)
class FieldChange:
    """One field (or list column) that is new, gone, or labelled differently in the new version."""

    path: str  # "employees" or "lines[].co2_factor"
    label_zh: str
    label_en: str
    old_label_zh: str = ""
    old_label_en: str = ""

    def describe(self, lang: str = "zh") -> str:
        if self.old_label_zh or self.old_label_en:
            if lang == "en":
                return f"{self.path}: “{self.old_label_en}” → “{self.label_en}”"
            return f"{self.path}：「{self.old_label_zh}」→「{self.label_zh}」"
        return f"{self.label_en} ({self.path})" if lang == "en" else f"「{self.label_zh}」({self.path})"


@dataclass(frozen=True)
class VersionChanges:
    """The differences between two versions of a form that a user moving a record should know."""

    form_id: str
    from_version: int
    to_version: int
    added: tuple[FieldChange, ...]
    removed: tuple[FieldChange, ...]
    relabelled: tuple[FieldChange, ...]

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.relabelled)

    def lines(self, lang: str = "zh") -> list[str]:
        """One line per kind of change, for the command line or a dialog."""
        out = []
        for items, zh, en in ((self.added, "新增字段", "new fields"),
                              (self.removed, "删除的字段（值不再带入）", "removed fields (values not carried over)"),
                              (self.relabelled, "名称改变的字段", "renamed labels")):
            if items:
                joined = ("; " if lang == "en" else "；").join(i.describe(lang) for i in items)
                out.append(f"{en}: {joined}" if lang == "en" else f"{zh}：{joined}")
        return out


def _label_changed(old: FieldDef, new: FieldDef) -> bool:
    return (old.label_zh, old.label_en) != (new.label_zh, new.label_en)


def _change(path: str, new: FieldDef, old: FieldDef | None = None, prefix: FieldDef | None = None) -> FieldChange:
    zh = f"{prefix.label_zh}「{new.label_zh}」" if prefix else new.label_zh
    en = f"{prefix.label_en}: {new.label_en}" if prefix else new.label_en
    if old is None:
        return FieldChange(path, zh, en)
    old_zh = f"{prefix.label_zh}「{old.label_zh}」" if prefix else old.label_zh
    old_en = f"{prefix.label_en}: {old.label_en}" if prefix else old.label_en
    return FieldChange(path, zh, en, old_zh, old_en)


def version_changes(old: FormDef, new: FormDef) -> VersionChanges:
    """Fields and list columns added, removed and relabelled from ``old`` to ``new``."""
    old_fields = {f.id: f for f in old.fields}
    new_fields = {f.id: f for f in new.fields}
    added: list[FieldChange] = []
    removed: list[FieldChange] = []
    relabelled: list[FieldChange] = []
    for field_id, spec in new_fields.items():
        before = old_fields.get(field_id)
        if before is None:
            added.append(_change(field_id, spec))
            continue
        if _label_changed(before, spec):
            relabelled.append(_change(field_id, spec, before))
        if spec.type == "group" and before.type == "group":
            old_columns = {c.id: c for c in before.columns}
            new_columns = {c.id: c for c in spec.columns}
            for column_id, column in new_columns.items():
                path = f"{field_id}[].{column_id}"
                if column_id not in old_columns:
                    added.append(_change(path, column, prefix=spec))
                elif _label_changed(old_columns[column_id], column):
                    relabelled.append(_change(path, column, old_columns[column_id], prefix=spec))
            removed.extend(_change(f"{field_id}[].{c.id}", c, prefix=before)
                           for c_id, c in old_columns.items() if c_id not in new_columns)
    removed.extend(_change(field_id, spec) for field_id, spec in old_fields.items() if field_id not in new_fields)
    return VersionChanges(new.id, old.version, new.version, tuple(added), tuple(removed), tuple(relabelled))


def _empty(value: object) -> bool:
    return value is None or value == [] or (isinstance(value, list) and all(v is None for v in value))


def carry_over(old: FormDef, new: FormDef, data: RecordData) -> tuple[RecordData, list[tuple[str, object]]]:
    """``data`` of an ``old`` record as a record of ``new``: values kept by field and column id.

    Returns the carried data and the ``(path, value)`` pairs dropped because the new version
    has no such field or column.
    """
    carried: Row = {}
    dropped: list[tuple[str, object]] = []
    new_fields = {f.id: f for f in new.fields}
    for spec in old.fields:
        value = data.get(spec.id)
        target = new_fields.get(spec.id)
        if target is None:
            if not _empty(value):
                dropped.append((spec.id, value))
            continue
        if spec.type == "group" and target.type == "group" and isinstance(value, list):
            keep = {c.id for c in target.columns}
            items = []
            for index, item in enumerate(value):
                items.append({k: v for k, v in item.items() if k in keep})
                dropped.extend((f"{spec.id}[{index}].{k}", v) for k, v in item.items()
                               if k not in keep and v is not None)
            value = items
        carried[spec.id] = value
    return carried, dropped


@dataclass(frozen=True)
class VersionMove:
    """A record moved onto the newest version of its form (``Store.revise_to_latest``).

    ``record_id`` is the moved record: the same draft, or the new draft revision of a record that
    was submitted, accepted or returned (then ``previous_record_id`` is the one it came from).
    ``dropped`` holds the ``(path, value)`` pairs not carried over; the earlier revision (or,
    for a draft, the audit log) keeps them.
    """

    record_id: str
    previous_record_id: str | None
    changes: VersionChanges
    dropped: tuple[tuple[str, object], ...]

    def lines(self, lang: str = "zh") -> list[str]:
        """What the user should be told: the version step, the field changes, the values dropped."""
        c = self.changes
        out = [f"{c.form_id}: version {c.from_version} → {c.to_version}" if lang == "en"
               else f"{c.form_id}：第 {c.from_version} 版 → 第 {c.to_version} 版"]
        out.extend(c.lines(lang))
        if self.dropped:
            joined = ", ".join(f"{p}={v!r}" for p, v in self.dropped)
            out.append(f"values not carried over: {joined}" if lang == "en" else f"未带入的值：{joined}")
        return out


_PATH = re.compile(r"(\w+)(?:\[(\d+)\](?:\.(\w+))?)?")


def pop_path(form: FormDef, data: RecordData, path: str) -> tuple[str, object] | None:
    """Remove the value at a field path of ``form`` from ``data``: a field, a list column
    (``lines[2].energy``), a month (``monthly_actual_tce[3]``); any other item of a list takes
    the whole field. Returns the ``(path, value)`` removed, ``None`` when nothing was there."""
    match = _PATH.fullmatch(path or "")
    if not match or match.group(1) not in data:
        return None
    name, index, column = match.groups()
    items = data.get(name)
    if index is not None and isinstance(items, list) and int(index) < len(items):
        position = int(index)
        item = items[position]
        if column is not None and isinstance(item, dict):
            return (path, item.pop(column)) if column in item else None
        if column is None and form.has_field(name) and form.field(name).type == "months":
            items[position] = None
            return path, item
    return name, data.pop(name)
