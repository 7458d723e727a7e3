"""``manifest.json``: what a package holds, who sent it, and the SHA-256 of every file.

The manifest is canonical JSON (``canonical_json`` of what it holds, byte for byte, each key
once); its exact bytes are what ``manifest.sig`` signs. Besides the keys of package.md it
carries ``kind`` (``submission`` or ``decision``; missing means ``submission``) and, in
``sender``, the sender organisation's ``kind``, which must agree with the sender's code: a
6-digit division code is a county, a credit code an enterprise or a park.

Every text of the manifest is shown to the receiver (``package verify``, the window), so a
manifest is refused, naming the field, when ``created_at`` is not an ISO 8601 time with its
offset (``2026-03-01T09:30:00+08:00``) or a text holds a character a stored text may not
(``domain.text``: control characters C0, DEL, C1, lone surrogates, U+FFFE/U+FFFF). The program
never writes one: its stored names hold no such character, and ``check_operator`` refuses, in
``package create``, an operator name that would break either rule (every text at most
``MAX_TEXT`` characters).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..domain.creditcode import DIVISION_CODE, full_width_reason, has_full_width, is_valid_credit_code
from ..domain.errors import InputError
from ..domain.records import canonical_json
from ..domain.text import text_problem
from .errors import ManifestError
from .jsondoc import JsonProblem, load_json_object
from .keys import decode_public_key
from .layout import (
    FORMAT,
    FORMAT_VERSION,
    KIND_DECISION,
    KIND_SUBMISSION,
    KINDS,
    RECORD_ID,
    SHA256_HEX,
    is_listed_member,
)

RECORD_ENTRY_KEYS = ("record_id", "form", "form_version", "revision", "period", "state")
SENDER_KINDS = ("enterprise", "park", "county")
MANIFEST_KEYS = frozenset(("format", "format_version", "kind", "created_at", "app_version", "sender", "public_key",
                           "reference_data_version", "records", "files"))
SENDER_KEYS = frozenset(("org_id", "name", "operator", "kind"))
MAX_TEXT = 2000  # characters of any text of the manifest (sender name, operator, versions)
# ISO 8601 extended format, to the second (a fraction allowed), with the sender's offset
CREATED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})", re.ASCII)


@dataclass(frozen=True)
class Manifest:
    """A parsed, well-formed manifest."""

    raw: dict
    kind: str
    sender: dict
    public_key: bytes
    records: list[dict]
    files: dict[str, str]

    @property
    def sender_org_id(self) -> str:
        return self.sender["org_id"]

    @property
    def sender_is_county(self) -> bool:
        """A county sends under its 6-digit division code (data standard, ``org_id``)."""
        return is_division_code(self.sender["org_id"])


def is_division_code(org_id: object) -> bool:
    return isinstance(org_id, str) and DIVISION_CODE.fullmatch(org_id) is not None


def created_order(created_at: object) -> tuple:
    """A sort key for a manifest's ``created_at``: the instant when it reads as an ISO time
    (offsets honoured; a time without one is taken as local), else the text after all times."""
    if isinstance(created_at, str):
        try:
            return (0, dt.datetime.fromisoformat(created_at).timestamp(), created_at)
        except (ValueError, OverflowError, OSError):
            pass
    return (1, 0.0, str(created_at))


def _fail(label: str, zh: str, en: str, reason: str = "manifest_format") -> ManifestError:
    return ManifestError(reason, f"{label}：manifest.json {zh}", f"{label}: manifest.json {en}",
                         subject="manifest.json")


def _field_fail(label: str, field: str, zh: str, en: str, reason: str) -> ManifestError:
    return ManifestError(reason, f"{label}：manifest.json 的 {field} {zh}", f"{label}: manifest.json field {field}: {en}",
                         subject="manifest.json", field=field)


def created_at_valid(value: object) -> bool:
    """Whether ``value`` is an ISO 8601 time with an offset (``2026-03-01T09:30:00+08:00``)
    that exists (no month 13, no 30 February)."""
    if not isinstance(value, str) or CREATED_AT.fullmatch(value) is None:
        return False
    try:
        return dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _check_texts(doc: dict, label: str) -> None:
    """Refuse a manifest text the program would not write: a control character (named by its
    code point, never echoed) in any text, or a ``created_at`` that is not an ISO time with
    its offset."""
    sender = doc["sender"]
    texts = [("sender.name", sender["name"]), ("sender.operator", sender["operator"]),
             ("app_version", doc["app_version"]), ("reference_data_version", doc["reference_data_version"])]
    for index, entry in enumerate(doc["records"]):
        texts += [(f"records[{index}].{key}", entry[key]) for key in ("form", "period", "state")
                  if isinstance(entry[key], str)]
    for field, value in texts:
        problem = text_problem(value)
        if problem is not None:
            raise _field_fail(label, field, f"不可用：{problem.zh}", problem.en, "manifest_text")
    if not created_at_valid(doc["created_at"]):
        raise _field_fail(label, "created_at", f"不是带时区的 ISO 8601 时间（如 2026-03-01T09:30:00+08:00）：{shown(doc['created_at'])}",
                          f"not an ISO 8601 time with its offset (such as 2026-03-01T09:30:00+08:00): "
                          f"{shown(doc['created_at'])}", "manifest_created_at")


def check_operator(operator: str) -> None:
    """Refuse an operator name a package's manifest may not carry (``package create``, ``review
    -o``): a control character, or more than ``MAX_TEXT`` characters. Raises ``InputError``."""
    problem = text_problem(operator)
    if problem is not None:
        raise InputError(f"操作员姓名（--operator）不能用于数据包：{problem.zh}",
                         f"the operator name (--operator) cannot go into a package: {problem.en}", subject="operator")
    if len(operator) > MAX_TEXT:
        raise InputError(f"操作员姓名（--operator）有 {len(operator)} 个字符，数据包中最多 {MAX_TEXT} 个",
                         f"the operator name (--operator) has {len(operator)} characters; a package holds at most "
                         f"{MAX_TEXT}", subject="operator")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT


def shown(value: object, width: int = 40) -> str:
    """A value for a one-line message: its repr, cut to ``width`` characters."""
    text = repr(value)
    return text if len(text) <= width else text[:width - 1] + "…"


def parse_manifest(content: bytes, label: str, max_depth: int = 32) -> Manifest:
    """Parse and check the manifest's shape; raises ``ManifestError`` naming what is wrong."""
    try:
        doc = load_json_object(content, max_depth)
    except JsonProblem as problem:
        where_zh = f"的字段 {problem.path} " if problem.path else ""
        where_en = f"field {problem.path}: " if problem.path else ""
        raise _fail(label, f"无法解析：{where_zh}{problem.zh}", f"cannot be parsed: {where_en}{problem.en}",
                    "manifest_invalid") from None
    if canonical_json(doc) != content:
        raise _fail(label, "不是规范 JSON（应为 UTF-8、键按序排列、无多余空白）",
                    "is not canonical JSON (UTF-8, keys sorted, no insignificant white space)",
                    "manifest_not_canonical")
    unknown = sorted(set(doc) - MANIFEST_KEYS)
    if unknown:
        raise _fail(label, f"含有格式之外的键 {shown(unknown)}", f"holds keys outside the format: {shown(unknown)}")
    if doc.get("format") != FORMAT or not _is_int(doc.get("format_version")):
        raise _fail(label, f"不是数据包格式（format 应为 {FORMAT}）",
                    f"is not in the package format (format must be {FORMAT})")
    if doc["format_version"] != FORMAT_VERSION:
        raise _fail(label, f"的格式版本 {doc['format_version']} 不受支持（本程序支持 {FORMAT_VERSION}）",
                    f"has format version {doc['format_version']}, which this program does not read (it reads {FORMAT_VERSION})")
    kind = doc.get("kind", KIND_SUBMISSION)
    if kind not in KINDS:
        raise _fail(label, f"的类型 {shown(kind)} 未知", f"has an unknown kind {shown(kind)}")
    for key in ("created_at", "app_version", "reference_data_version"):
        if not _text(doc.get(key)):
            raise _fail(label, f"缺少或错误的 {key}", f"has a missing or wrong {key}")
    sender = doc.get("sender")
    if not isinstance(sender, dict) or not all(_text(sender.get(k)) for k in ("org_id", "name", "operator")) \
            or not sender["org_id"] or not set(sender) <= SENDER_KEYS:
        raise _fail(label, "的 sender 应含 org_id、name、operator（及 kind），不含其他键",
                    "sender must hold org_id, name and operator (and kind), nothing else")
    org_id = sender["org_id"]
    if has_full_width(org_id):
        zh, en = full_width_reason(org_id)
        raise _fail(label, f"的发送方代码{zh}", f"names a sender code that is not valid: {en}")
    if not (is_valid_credit_code(org_id) or DIVISION_CODE.fullmatch(org_id)):
        raise _fail(label, f"的发送方代码 {shown(org_id)} 既不是统一社会信用代码也不是行政区划代码",
                    f"names a sender {shown(org_id)} that is neither a credit code nor a division code")
    sender_kind = sender.get("kind", "county" if DIVISION_CODE.fullmatch(org_id) else "enterprise")
    if sender_kind not in SENDER_KINDS or (sender_kind == "county") != bool(DIVISION_CODE.fullmatch(org_id)):
        raise _fail(label, f"的发送方类型 {shown(sender_kind)} 与其代码 {org_id} 不符（县用行政区划代码，企业和园区用统一社会信用代码）",
                    f"gives the sender kind {shown(sender_kind)}, which does not match its code {org_id} (a county "
                    "sends under its division code, an enterprise or park under its credit code)")
    if kind == KIND_DECISION and not DIVISION_CODE.fullmatch(org_id):
        raise _fail(label, "是审核结论包，发送方应为县（6 位行政区划代码）",
                    "is a decision package, so its sender must be a county (6-digit division code)")
    public_key = decode_public_key(doc.get("public_key"))
    if public_key is None:
        raise _fail(label, "的 public_key 不是 Ed25519 公钥（base64）",
                    "public_key is not an Ed25519 public key (base64)")
    records = doc.get("records")
    if not isinstance(records, list):
        raise _fail(label, "缺少 records 列表", "has no records list")
    seen: set[str] = set()
    for index, entry in enumerate(records):
        if not (isinstance(entry, dict) and set(entry) == set(RECORD_ENTRY_KEYS)
                and isinstance(entry.get("record_id"), str)
                and RECORD_ID.fullmatch(entry["record_id"]) and _is_int(entry.get("revision"))
                and isinstance(entry.get("form"), str) and _is_int(entry.get("form_version"))
                and isinstance(entry.get("state"), str)
                and (entry.get("period") is None or isinstance(entry.get("period"), str))):
            raise _fail(label, f"records 第 {index + 1} 项不完整", f"records item {index + 1} is incomplete")
        if entry["record_id"] in seen:
            raise _fail(label, f"records 中记录 {entry['record_id']} 出现两次",
                        f"records lists {entry['record_id']} twice")
        seen.add(entry["record_id"])
    files = doc.get("files")
    if not isinstance(files, dict):
        raise _fail(label, "缺少 files 清单", "has no files list")
    for name, digest in files.items():
        if not is_listed_member(name):
            raise _fail(label, f"的 files 中 {shown(name)} 不是规定的成员名", f"files lists {shown(name)}, not a layout name")
        if not isinstance(digest, str) or not SHA256_HEX.fullmatch(digest):
            raise _fail(label, f"中 {name} 的 SHA-256 格式错误", f"has a malformed SHA-256 for {name}")
    _check_texts(doc, label)
    return Manifest(doc, kind, sender, public_key, records, files)
