"""One record inside a package: writing its file and checking a received one.

A submission record file (``records/<record_id>.json``, canonical JSON) holds::

    form, form_version, record_id, lineage_id, revision, previous_record_id, org_id, period,
    state, decision_comment, reference_data_version, created_at, submitted_at, decided_at,
    operator, data (entered values), computed (computed values), justifications, audit_log,
    org (the organisation's profile, so rules such as the pilot type can be checked without a
    database)

It does not carry ``issues``: they are derived, and the receiver runs the rules that decide
acceptance on the data, the computed values, the organisation and the named reference-data
version. A received record must validate with no error, a justification for every warning, and
computed values of exactly the shape its form version declares (``verify_record``: the values
themselves are the sender's, covered by its signature, and are not recomputed).

Every record file must be exactly the canonical JSON of what it holds (the bytes equal
``canonical_json`` of the parsed value), so one content has one file and one hash.

A decision record file holds only ``record_id``, ``lineage_id``, ``revision``, ``state``
(``accepted`` or ``returned``) and ``comment``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from ..domain.evaluate import Evaluation, evaluate_org
from ..domain.forms import FormDef, UnknownFormError, require_known_version
from ..domain.issues import ERROR, WARNING
from ..domain.recompute import same_values
from ..domain.records import canonical_json, record_period
from ..domain.reference import ReferenceCatalog
from ..domain.text import is_clean
from .errors import RecordFileError
from .jsondoc import JsonProblem, load_canonical_object, load_json_object
from .layout import RECORD_ID, SHA256_HEX
from .verify_record import receiver_evaluation

ORG_FIELDS = ("org_id", "kind", "name", "admin_code", "industry_code", "contact_name",
              "contact_phone", "address")
HEADER_KEYS = ("form", "form_version", "record_id", "lineage_id", "revision", "previous_record_id",
               "org_id", "period", "state", "decision_comment", "reference_data_version",
               "created_at", "submitted_at", "decided_at", "operator")
JUSTIFICATION_KEYS = ("rule", "field", "text", "operator", "created_at")
AUDIT_KEYS = ("at", "operator", "action", "field_path", "old_value", "new_value")
SUBMISSION_KEYS = frozenset((*HEADER_KEYS, "data", "computed", "justifications", "audit_log", "org"))
DECISION_KEYS = frozenset(("record_id", "lineage_id", "revision", "state", "comment"))
SENDABLE_STATES = ("submitted", "accepted")
DECISIONS = ("accepted", "returned")
MAX_TEXT = 20_000
MAX_REVISION = 1_000_000  # far beyond any real lineage; an SQLite integer holds it


def submission_record_file(doc: dict, org: dict) -> dict:
    """The package file of a stored record document (``Store.get_record(..., with_audit=True)``)."""
    return {
        **{k: doc.get(k) for k in HEADER_KEYS},
        "data": doc["data"],
        "computed": doc["computed"],
        "justifications": [{k: j.get(k) for k in JUSTIFICATION_KEYS} for j in doc["justifications"]],
        "audit_log": [{k: e.get(k) for k in AUDIT_KEYS} for e in doc.get("audit_log", [])],
        "org": {k: org.get(k) for k in ORG_FIELDS},
    }


def decision_record_file(row: dict) -> dict:
    """The package file of one decision (a records row in state accepted or returned)."""
    return {"record_id": row["record_id"], "lineage_id": row["lineage_id"], "revision": row["revision"],
            "state": row["state"], "comment": row.get("decision_comment")}


@dataclass(frozen=True)
class SubmittedRecord:
    """A received record file that validated against its form."""

    doc: dict
    form: FormDef
    evaluation: Evaluation
    org: dict

    @property
    def record_id(self) -> str:
        return self.doc["record_id"]

    @property
    def attachment_hashes(self) -> list[str]:
        return [a["sha256"] for a in self.evaluation.data.get("attachments") or []]


@dataclass(frozen=True)
class DecisionRecord:
    """A received decision: the upper level accepted or returned one record revision."""

    record_id: str
    lineage_id: str
    revision: int
    state: str
    comment: str | None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _optional_text(value: object) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= MAX_TEXT and is_clean(value))


class _Checker:
    def __init__(self, member: str, label: str):
        self.member = member
        self.label = label

    def fail(self, zh: str, en: str, reason: str = "record_invalid") -> RecordFileError:
        return RecordFileError(reason, f"{self.label}：{self.member} {zh}", f"{self.label}: {self.member} {en}",
                               subject=self.member)


def _parse(content: bytes, check: _Checker, max_depth: int) -> dict:
    """The parsed file, which must be exactly its canonical JSON (package.md, "Layout"); a
    number no record can hold, a key twice, a lone surrogate or deep nesting is refused naming
    the field."""
    doc = load_canonical_object(content, max_depth)
    if doc is not None:  # the usual file, read once
        return doc
    try:
        doc = load_json_object(content, max_depth)
    except JsonProblem as problem:
        if problem.path:
            raise check.fail(f"的字段 {problem.path}：{problem.zh}", f"field {problem.path}: {problem.en}",
                             "record_field") from None
        raise check.fail(f"无法解析：{problem.zh}", f"cannot be parsed: {problem.en}") from None
    # load_json_object admits only finite numbers, so the dump needs no check of its own
    if json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8") != content:
        raise RecordFileError("record_not_canonical",
                              f"{check.label}：{check.member}：记录文件不是规范 JSON（应为 UTF-8、键按序排列、无多余空白）",
                              f"{check.label}: {check.member}: record file is not canonical JSON (UTF-8, keys "
                              "sorted, no insignificant white space)", subject=check.member)
    return doc


def _check_header(doc: dict, check: _Checker) -> None:
    for key in ("record_id", "lineage_id"):
        if not isinstance(doc.get(key), str) or not RECORD_ID.fullmatch(doc[key]):
            raise check.fail(f"的 {key} 无效", f"has an invalid {key}")
    if not _is_int(doc.get("revision")) or not 1 <= doc["revision"] <= MAX_REVISION:
        raise check.fail("的 revision 应为正整数", "revision must be a positive integer")
    previous = doc.get("previous_record_id")
    if previous is not None and not (isinstance(previous, str) and RECORD_ID.fullmatch(previous)):
        raise check.fail("的 previous_record_id 无效", "has an invalid previous_record_id")
    if not isinstance(doc.get("form"), str) or not _is_int(doc.get("form_version")):  # unknown: see below
        raise check.fail(f"的表单 {doc.get('form')!r} 未知", f"has an unknown form {doc.get('form')!r}")
    for key in ("org_id", "reference_data_version"):
        if not isinstance(doc.get(key), str) or not doc[key]:
            raise check.fail(f"缺少 {key}", f"has no {key}")
    for key in ("period", "decision_comment", "created_at", "submitted_at", "decided_at", "operator"):
        if not _optional_text(doc.get(key)):
            raise check.fail(f"的 {key} 应为文本", f"{key} must be text")
    if doc.get("state") not in SENDABLE_STATES:
        raise check.fail(f"的状态 {doc.get('state')!r} 不能报送（只能是已提交或已接收）",
                         f"has state {doc.get('state')!r}, which cannot be sent (only submitted or accepted)")
    if not isinstance(doc.get("data"), dict) or not isinstance(doc.get("computed"), dict):
        raise check.fail("缺少 data 或 computed", "has no data or computed values")


def _justifications(doc: dict, check: _Checker) -> dict[str, str]:
    items = doc.get("justifications")
    if not isinstance(items, list):
        raise check.fail("的 justifications 应为列表", "justifications must be a list")
    texts: dict[str, str] = {}
    for item in items:
        if not (isinstance(item, dict) and set(item) == set(JUSTIFICATION_KEYS)
                and isinstance(item["rule"], str) and isinstance(item["text"], str) and item["text"].strip()
                and all(_optional_text(item[k]) for k in JUSTIFICATION_KEYS)):
            raise check.fail("含格式错误的说明", "holds a malformed justification")
        texts[f"{item['rule']}@{item['field']}"] = item["text"]
    return texts


def _check_audit_log(doc: dict, check: _Checker) -> None:
    items = doc.get("audit_log")
    if not isinstance(items, list):
        raise check.fail("的 audit_log 应为列表", "audit_log must be a list")
    for item in items:
        if not (isinstance(item, dict) and set(item) == set(AUDIT_KEYS)
                and isinstance(item["at"], str) and isinstance(item["action"], str)
                and all(item[k] is None or (isinstance(item[k], str) and is_clean(item[k]))
                        for k in AUDIT_KEYS)):
            raise check.fail("含格式错误的修改记录", "holds a malformed audit-log entry")


@lru_cache(maxsize=256)
def _evaluate_org(profile: bytes) -> Evaluation:
    """An organisation profile checked once, however many records of a package carry it."""
    return evaluate_org(json.loads(profile))


def _org(doc: dict, check: _Checker) -> dict:
    raw = doc.get("org")
    if not isinstance(raw, dict) or set(raw) != set(ORG_FIELDS):
        raise check.fail("缺少单位信息 org", "has no organisation profile (org)")
    try:
        result = _evaluate_org(canonical_json(raw))
    except (ArithmeticError, ValueError, RecursionError) as exc:
        raise check.fail(f"的单位信息无法读取（{exc}）", f"has an organisation profile that cannot be read ({exc})",
                         "record_validation") from None
    if result.errors:
        raise check.fail("的单位信息有误：" + "；".join(i.message_zh for i in result.errors),
                         "has a wrong organisation profile: " + "; ".join(i.message_en for i in result.errors),
                         "record_validation")
    org = {k: result.data.get(k) for k in ORG_FIELDS}
    if org["org_id"] != doc["org_id"]:
        raise check.fail("的单位信息与记录的单位不一致", "has an organisation profile of another organisation")
    return org


def parse_submission_record(content: bytes, member: str, label: str,
                            catalog: ReferenceCatalog, max_depth: int = 32) -> SubmittedRecord:
    """Parse a record file and validate it against its form; raises ``RecordFileError``."""
    check = _Checker(member, label)
    doc = _parse(content, check, max_depth)
    if set(doc) != SUBMISSION_KEYS:
        extra, missing = sorted(set(doc) - SUBMISSION_KEYS), sorted(SUBMISSION_KEYS - set(doc))
        raise check.fail(f"的键不对（多出 {extra}，缺少 {missing}）",
                         f"has the wrong keys (extra {extra}, missing {missing})")
    _check_header(doc, check)
    texts = _justifications(doc, check)
    _check_audit_log(doc, check)
    org = _org(doc, check)
    try:  # a form or version this installation lacks (a newer program's): "update the program"
        form = require_known_version(doc["form"], doc["form_version"])
    except UnknownFormError as exc:
        raise check.fail(exc.message_zh, exc.message_en, "form_version_unknown") from None
    try:
        ref = catalog.get(doc["reference_data_version"])
    except Exception:
        raise check.fail(f"使用的参考数据版本 {doc['reference_data_version']} 本机没有，请先导入该因子集",
                         f"uses reference data version {doc['reference_data_version']}, not known here; add that factor set first",
                         "reference_unknown") from None
    try:
        result, shape = receiver_evaluation(form, doc["data"], doc["computed"], org, ref, texts)
    # the domain refuses out-of-range values by value; whatever still fails on a hostile record
    # (a rule reading the sender's computed values included) is this record file's fault, not a crash
    except (ArithmeticError, ValueError, RecursionError, TypeError, LookupError, AttributeError) as exc:
        raise check.fail(f"的填报值无法计算（{exc}）", f"holds values that cannot be computed ({exc})",
                         "record_validation") from None
    if result.input_problems:
        raise check.fail("的填报值有误：" + "；".join(i.message_zh for i in result.input_problems[:5]),
                         "has malformed values: " + "; ".join(i.message_en for i in result.input_problems[:5]),
                         "record_validation")
    if shape is not None:
        raise check.fail(f"的计算值 computed.{shape} 不符合表单第 {form.version} 版的定义（缺少、多出或类型不对）",
                         f"has computed values that do not match version {form.version} of its form at "
                         f"computed.{shape} (missing, extra or of the wrong type)", "record_computed")
    errors = [i for i in result.issues if i.severity == ERROR]
    if errors:
        raise check.fail("未通过校验：" + "；".join(i.message_zh for i in errors[:5]),
                         "does not validate: " + "; ".join(i.message_en for i in errors[:5]),
                         "record_validation")
    unjustified = [i for i in result.issues if i.severity == WARNING and not (i.justification or "").strip()]
    if unjustified:
        raise check.fail("有未说明的警告：" + "；".join(i.message_zh for i in unjustified[:5]),
                         "has warnings without a justification: " + "; ".join(i.message_en for i in unjustified[:5]),
                         "record_validation")
    if doc["data"] != result.data and not same_values(doc["data"], result.data):
        raise check.fail("的填报值不是规范形式", "holds entered values that are not in normal form",
                         "record_validation")
    if doc["period"] != record_period(form.id, result.data):
        raise check.fail("的报告期与填报内容不一致", "has a period that does not match its content")
    for item in result.data.get("attachments") or []:
        if not SHA256_HEX.fullmatch(str(item.get("sha256"))):
            raise check.fail("的附件哈希无效", "has an attachment with an invalid hash")
    return SubmittedRecord(doc, form, result, org)


def parse_decision_record(content: bytes, member: str, label: str, max_depth: int = 32) -> DecisionRecord:
    """Parse one decision record file; raises ``RecordFileError``."""
    check = _Checker(member, label)
    doc = _parse(content, check, max_depth)
    if set(doc) != DECISION_KEYS:
        raise check.fail("不是审核结论（只应含 record_id、lineage_id、revision、state、comment）",
                         "is not a decision (only record_id, lineage_id, revision, state, comment)")
    for key in ("record_id", "lineage_id"):
        if not isinstance(doc[key], str) or not RECORD_ID.fullmatch(doc[key]):
            raise check.fail(f"的 {key} 无效", f"has an invalid {key}")
    if not _is_int(doc["revision"]) or not 1 <= doc["revision"] <= MAX_REVISION:
        raise check.fail("的 revision 应为正整数", "revision must be a positive integer")
    if doc["state"] not in DECISIONS:
        raise check.fail(f"的结论 {doc['state']!r} 无效（只能是 accepted 或 returned）",
                         f"has an invalid decision {doc['state']!r} (accepted or returned only)")
    comment = doc["comment"]
    if not _optional_text(comment):
        raise check.fail("的意见应为文本", "comment must be text")
    comment = (comment or "").strip() or None
    if doc["state"] == "returned" and not comment:
        raise check.fail("退回却没有意见", "returns a record without a comment", "record_validation")
    return DecisionRecord(doc["record_id"], doc["lineage_id"], doc["revision"], doc["state"], comment)
