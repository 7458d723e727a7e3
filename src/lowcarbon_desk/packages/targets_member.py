"""``targets.json``: a county's targets in its submission package, verified strictly.

The member is canonical JSON (``domain.records.canonical_json``, byte for byte)::

    {"division": "430124", "format": "lowcarbon-desk-targets", "targets": [{"base_year": 2020,
     "co2_intensity_cut_pct": 18, "division": "430124", "energy_cap_tce": null,
     "energy_intensity_cut_pct": 13.5, "non_fossil_share_pct": null, "year": 2025}], "version": 1}

It is optional in a county's package (a county without targets sends none) and refused in
anyone else's. Verification reads it only after it is found in the signed manifest, checks its
hash, parses it strictly (``jsondoc``), requires exactly these keys, every target valid as
``target set`` would take it and the sender's own division, each target year once. The receiver
stores the targets with the sending county as ``set_by`` (``storage.targets.store_received``).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from ..domain.errors import InputError
from ..domain.records import canonical_json
from ..domain.targets import Target, check_target
from .errors import FileMismatchError, RecordFileError
from .jsondoc import JsonProblem, load_json_object
from .layout import TARGETS

if TYPE_CHECKING:
    from ..storage import Store
    from .archive import PackageArchive
    from .manifest import Manifest
    from .writer import Member

FORMAT = "lowcarbon-desk-targets"
VERSION = 1
MAX_BYTES = 256 * 1024
MAX_TARGETS = 200
DOCUMENT_KEYS = {"division", "format", "targets", "version"}
TARGET_KEYS = {"base_year", "co2_intensity_cut_pct", "division", "energy_cap_tce", "energy_intensity_cut_pct",
               "non_fossil_share_pct", "year"}


def targets_document(division: str, targets: list[Target]) -> dict:
    """The member's content for ``division``'s targets."""
    rows = [{k: v for k, v in t.as_dict().items() if k in TARGET_KEYS} for t in targets]
    return {"division": division, "format": FORMAT, "targets": rows, "version": VERSION}


def targets_member_bytes(store: Store, org: dict) -> bytes | None:
    """``targets.json`` for a county's package (its own division's targets), else None."""
    from ..storage.targets import list_targets

    if org.get("kind") != "county":
        return None
    targets = list_targets(store, org["org_id"])
    return canonical_json(targets_document(org["org_id"], targets)) if targets else None


def county_members(store: Store, org: dict, sizes: dict[str, int]) -> list[Member]:
    """The ``targets.json`` member of a county's package (none without targets); its size
    goes into ``sizes`` for the package's plan."""
    from .writer import bytes_member

    content = targets_member_bytes(store, org)
    if content is None:
        return []
    sizes[TARGETS] = len(content)
    return [bytes_member(TARGETS, content)]


def _bad(label: str, zh: str, en: str) -> RecordFileError:
    return RecordFileError("targets_file", f"{label} 的 {TARGETS} {zh}", f"{label}: {TARGETS} {en}", subject=TARGETS)


def parse_targets(content: bytes, sender: str, label: str, max_depth: int = 32) -> list[Target]:
    """The targets of a ``targets.json``'s bytes sent by ``sender``, or ``RecordFileError``
    naming the member and the field."""
    try:
        doc = load_json_object(content, max_depth)
    except JsonProblem as problem:
        where = f"字段 {problem.path} " if problem.path else ""
        raise _bad(label, f"{where}{problem.zh}", f"{problem.path + ' ' if problem.path else ''}{problem.en}") from None
    if canonical_json(doc) != content:
        raise _bad(label, "不是规范 JSON", "is not canonical JSON")
    if set(doc) != DOCUMENT_KEYS:
        odd = sorted(set(doc) ^ DOCUMENT_KEYS)[0]
        raise _bad(label, f"的键不符：{odd}", f"has the wrong keys: {odd}")
    if doc["format"] != FORMAT or doc["version"] != VERSION:
        raise _bad(label, f"的格式不是 {FORMAT} 第 {VERSION} 版", f"is not {FORMAT} version {VERSION}")
    if doc["division"] != sender:
        raise _bad(label, f"属于 {doc['division']}，不是发送方 {sender}", f"belongs to {doc['division']}, not to the sender {sender}")
    rows = doc["targets"]
    if not isinstance(rows, list) or not 1 <= len(rows) <= MAX_TARGETS:
        raise _bad(label, f"的 targets 须为 1～{MAX_TARGETS} 个目标的列表", f"targets must be a list of 1..{MAX_TARGETS} targets")
    out: list[Target] = []
    for index, row in enumerate(rows):
        where = f"targets[{index}]"
        if not isinstance(row, dict) or set(row) != TARGET_KEYS:
            raise _bad(label, f"的 {where} 的键不符", f"{where} has the wrong keys")
        if any(isinstance(v, (bool, str)) for k, v in row.items() if k != "division"):
            raise _bad(label, f"的 {where} 含非数字的值", f"{where} holds a value that is not a number")
        if row["division"] != sender:
            raise _bad(label, f"的 {where} 属于 {row['division']}，不是发送方 {sender}",
                       f"{where} belongs to {row['division']}, not to the sender {sender}")
        try:
            target = check_target(row)
        except InputError as exc:
            raise _bad(label, f"的 {where}：{exc.message('zh')}", f"{where}: {exc.message('en')}") from None
        if any(t.year == target.year for t in out):
            raise _bad(label, f"的 {where}：目标年 {target.year} 重复", f"{where}: target year {target.year} appears twice")
        out.append(target)
    return out


def verified_targets(archive: PackageArchive, manifest: Manifest, label: str, max_depth: int) -> list[Target]:
    """The package's targets (none without the member); a non-county's member is refused."""
    if TARGETS not in manifest.files:
        return []
    if not manifest.sender_is_county:
        raise FileMismatchError("file_extra", f"{label} 不是县的数据包，不应含 {TARGETS}",
                                f"{label} is not a county's package, so it must not hold {TARGETS}", subject=TARGETS)
    content = archive.read_small(TARGETS, MAX_BYTES, "目标文件", "targets file")
    if hashlib.sha256(content).hexdigest() != manifest.files[TARGETS]:
        raise FileMismatchError("file_hash", f"{label} 的文件 {TARGETS} 已被改动（SHA-256 与清单不符）",
                                f"{label}: {TARGETS} was changed (its SHA-256 does not match the manifest)",
                                subject=TARGETS)
    return parse_targets(content, manifest.sender_org_id, label, max_depth)


def import_targets(store: Store, targets: list[Target], sender: str, operator: str) -> int:
    """Store a verified package's targets (inside the import's transaction)."""
    from ..storage.targets import store_received

    return store_received(store, targets, sender, operator) if targets else 0
