"""The audit log and record ids as people read them: actions, fields and values by their
labels (``record.update`` → 修改; ``lines[0].energy`` → 第 1 行 原煤 · 能源名称; ``"raw_coal"`` →
原煤), a record id as a short reference (its full text on demand). The stored log keeps its
ids and JSON: this module only words them for the window and ``record show``.
"""

from __future__ import annotations

import json

from .forms import FieldDef, FormDef
from .labels import field_label, parse_path
from .records import state_label
from .reference import ReferenceData
from .rounding import format_number

SHORT_REF = 8  # a record id's first characters: as many as a package file names it by

ACTIONS = {
    "record.create": ("新建", "Created"),
    "record.update": ("修改", "Changed"),
    "record.justify": ("填写说明", "Justified"),
    "record.submitted": ("提交", "Submitted"),
    "record.accepted": ("接收", "Accepted"),
    "record.returned": ("退回", "Returned"),
    "record.revise": ("修订（新版本）", "Revised (new revision)"),
    "record.form_version": ("改用新表单版本", "Moved to a new form version"),
    "record.delete": ("删除草稿", "Draft deleted"),
    "record.import": ("从数据包或工作簿导入", "Imported from a package or workbook"),
    "package.import": ("导入数据包", "Package imported"),
    "org.create": ("新建单位", "Organisation added"),
    "org.update": ("修改单位", "Organisation changed"),
    "key.pin": ("登记密钥指纹", "Key fingerprint registered"),
}
# the record's own columns an audit entry may name (the rest are the form's fields)
RECORD_PATHS = {
    "data": ("全部填报内容", "All entered values"),
    "state": ("状态", "State"),
    "decision_comment": ("审核意见", "Review comment"),
    "reference_data_version": ("参考数据版本", "Reference data version"),
    "form_version": ("表单版本", "Form version"),
    "revision": ("版本", "Revision"),
    "previous_record_id": ("上一版本", "Previous revision"),
    "justifications": ("警告的说明", "Justification of a warning"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def short_ref(record_id: str | None) -> str:
    """A record id as people quote it: its first ``SHORT_REF`` characters."""
    return (record_id or "")[:SHORT_REF]


def action_label(action: str, lang: str = "zh") -> str:
    """An audit action by its name in ``lang`` (an unknown one as it is stored)."""
    pair = ACTIONS.get(action)
    return _pick(pair, lang) if pair else action


def path_label(form: FormDef | None, path: str | None, lang: str = "zh",
               ref: ReferenceData | None = None) -> str:
    """The field an audit entry names, by its label."""
    if not path:
        return ""
    head = path.split(".", 1)[0]
    if head in RECORD_PATHS:
        return _pick(RECORD_PATHS[head], lang)
    return field_label(form, path, lang, None, ref) if form is not None else path


def value_text(form: FormDef | None, path: str | None, stored: str | None, lang: str = "zh",
               ref: ReferenceData | None = None) -> str:
    """An audit entry's stored value (JSON text) as people read it: an enumeration's label, a
    state's name, a number with separators; a whole record or table row by its size."""
    if stored is None:
        return ""
    try:
        value = json.loads(stored)
    except ValueError:
        return stored
    if isinstance(value, dict):
        return (f"({len(value)} values)" if lang == "en" else f"（{len(value)} 项内容）")
    if isinstance(value, list):
        return (f"({len(value)} items)" if lang == "en" else f"（{len(value)} 项）")
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    if isinstance(value, (int, float)):
        return format_number(value, None) if isinstance(value, float) else f"{value:,}"
    text = str(value)
    if path in ("state",):
        return state_label(text, lang)
    if path == "previous_record_id":
        return short_ref(text)
    spec = _field_spec(form, path)
    if spec is not None and spec.enum and form is not None:
        return form.enum_label(spec.enum, text, lang, ref)
    return text


def _field_spec(form: FormDef | None, path: str | None) -> FieldDef | None:
    """The field (or table column) a path names, if the form has it."""
    if form is None or not path:
        return None
    name, _index, column = parse_path(path)
    try:
        top = form.field(name)
    except KeyError:
        return None
    if column:
        try:
            return top.column(column)
        except KeyError:
            return None
    return top
