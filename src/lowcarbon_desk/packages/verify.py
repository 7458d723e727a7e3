"""Verifying a package without a database (package.md, "Verify").

The checks run in this order and the first failure is the reason given:

1. the file is at most the package limit and is a ZIP that opens;
2. at most the member limit; every member a regular file (no link, folder, device, encryption)
   with a plain relative path of the layout (no ``..``, absolute path, drive letter,
   backslash); no member over the size limit or the compression-ratio limit; the total
   expanded size within its limit (declared sizes checked here and enforced while reading);
3. ``manifest.json`` parses and has the package format;
4. ``manifest.sig`` verifies with the manifest's public key;
5. every file in ``files`` exists with that SHA-256;
6. no member is missing from ``files`` or extra;
7. the manifest's record list matches the record files, each submission record has its PDF
   and the package its workbook, a county's package its roll-up (``reports/rollup.pdf`` and
   ``reports/rollup.xlsx``, and only a county's), and each attachment a record refers to is
   present;
8. every record file is exactly canonical JSON, parses and validates against its form
   (decision files: well formed);
9. every nested package (a county's accepted enterprise packages) verifies by itself; they are
   returned oldest first (manifest ``created_at``), the order an import takes them in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.reference import ReferenceCatalog
from ..domain.reference import catalog as installed_catalog
from .archive import PackageArchive
from .errors import FileMismatchError, LimitError, ManifestError, NotAPackageError, RecordFileError, SignatureError
from .keys import SIGNATURE_BYTES, fingerprint, signature_valid
from .layout import (
    ATTACHMENT_MEMBER,
    KIND_DECISION,
    KIND_SUBMISSION,
    MANIFEST,
    NESTED_MEMBER,
    RECORD_MEMBER,
    ROLLUP_MEMBERS,
    SIGNATURE,
    WORKBOOK,
    record_member,
    report_member,
)
from .limits import DEFAULT_LIMITS, PackageLimits, size_text
from .manifest import Manifest, created_order, parse_manifest
from .recordfile import DecisionRecord, SubmittedRecord, parse_decision_record, parse_submission_record

MAX_NESTING = 1


@dataclass
class VerifiedPackage:
    """A package that passed every check, with what an import needs from it."""

    label: str
    sha256: str
    content: bytes
    manifest: Manifest
    records: list[SubmittedRecord] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    attachments: dict[str, bytes] = field(default_factory=dict)
    nested: list[VerifiedPackage] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.manifest.kind

    @property
    def sender(self) -> dict:
        return self.manifest.sender

    @property
    def public_key(self) -> bytes:
        return self.manifest.public_key

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.manifest.public_key)

    @property
    def size(self) -> int:
        return len(self.content)


def _signature(archive: PackageArchive, manifest: Manifest, manifest_bytes: bytes, label: str) -> None:
    if SIGNATURE not in archive.members:
        raise SignatureError("signature_missing", f"{label} 缺少签名 manifest.sig",
                             f"{label} has no signature (manifest.sig)", subject=SIGNATURE)
    raw = archive.read(SIGNATURE)
    try:
        signature = base64.b64decode(raw.strip(), validate=True)
    except (binascii.Error, ValueError):
        signature = b""
    if len(signature) != SIGNATURE_BYTES:
        raise SignatureError("signature_malformed", f"{label} 的签名 manifest.sig 格式错误",
                             f"{label}: the signature manifest.sig is malformed", subject=SIGNATURE)
    if not signature_valid(manifest.public_key, signature, manifest_bytes):
        raise SignatureError("signature_invalid",
                             f"{label} 的签名与 manifest.json 不符：数据包在签名后被改动过，或签名所用的密钥不是包中的公钥",
                             f"{label}: the signature does not match manifest.json: the package was changed "
                             "after signing, or was signed with a key other than the one it names",
                             subject=SIGNATURE)


def _hash_files(archive: PackageArchive, manifest: Manifest, label: str) -> dict[str, bytes]:
    """Check every listed file's SHA-256; keep the bytes of records, attachments, packages."""
    kept: dict[str, bytes] = {}
    for name in manifest.files:
        if name not in archive.members:
            raise FileMismatchError("file_missing", f"{label} 缺少清单中的文件 {name}",
                                    f"{label} is missing {name}, listed in the manifest", subject=name)
    for name, expected in manifest.files.items():
        keep = not name.startswith("reports/")
        digest, content = archive.sha256(name, keep=keep)
        if digest != expected:
            raise FileMismatchError("file_hash",
                                    f"{label} 的文件 {name} 已被改动（SHA-256 与清单不符）",
                                    f"{label}: {name} was changed (its SHA-256 does not match the manifest)",
                                    subject=name)
        if content is not None:
            kept[name] = content
    for name in archive.members:
        if name not in manifest.files and name not in (MANIFEST, SIGNATURE):
            raise FileMismatchError("file_extra", f"{label} 含清单外的文件 {name}",
                                    f"{label} holds {name}, which the manifest does not list", subject=name)
    return kept


def _check_listing(manifest: Manifest, label: str) -> None:
    listed = {e["record_id"] for e in manifest.records}
    files = {m.group(1) for name in manifest.files if (m := RECORD_MEMBER.fullmatch(name))}
    for record_id in sorted(listed ^ files):
        where = ("清单 records 中有，但没有文件", "is listed in records but has no file") if record_id in listed \
            else ("有文件，但清单 records 中没有", "has a file but is not listed in records")
        raise ManifestError("record_list", f"{label}：记录 {record_id} {where[0]}",
                            f"{label}: record {record_id} {where[1]}", subject=record_member(record_id))
    if manifest.kind == KIND_DECISION:
        others = [n for n in manifest.files if not RECORD_MEMBER.fullmatch(n)]
        if others:
            raise ManifestError("manifest_format", f"{label}：审核结论包不应含 {others[0]}",
                                f"{label}: a decision package must not hold {others[0]}", subject=others[0])
        return
    for record_id in sorted(listed):
        if report_member(record_id) not in manifest.files:
            raise FileMismatchError("file_missing", f"{label} 缺少记录 {record_id} 的 PDF",
                                    f"{label} is missing the PDF of record {record_id}",
                                    subject=report_member(record_id))
    if listed and WORKBOOK not in manifest.files:
        raise FileMismatchError("file_missing", f"{label} 缺少汇总工作簿 {WORKBOOK}",
                                f"{label} is missing the workbook {WORKBOOK}", subject=WORKBOOK)
    if manifest.sender.get("kind") == "county":
        for name in ROLLUP_MEMBERS:
            if name not in manifest.files:
                raise FileMismatchError("file_missing", f"{label} 是县的数据包，缺少县域汇总 {name}",
                                        f"{label} is a county's package but is missing the roll-up {name}",
                                        subject=name)
    else:
        for name in ROLLUP_MEMBERS:
            if name in manifest.files:
                raise FileMismatchError("file_extra", f"{label} 不是县的数据包，不应含县域汇总 {name}",
                                        f"{label} is not a county's package, so it must not hold the roll-up {name}",
                                        subject=name)


def _record_mismatch(label: str, record_id: str, what: str) -> RecordFileError:
    return RecordFileError("record_mismatch",
                           f"{label}：记录文件 {record_id} 的 {what} 与清单 manifest.json 不一致",
                           f"{label}: record file {record_id} disagrees with manifest.json on {what}",
                           subject=record_member(record_id))


def _submission_records(manifest: Manifest, kept: dict[str, bytes], label: str,
                        catalog: ReferenceCatalog) -> list[SubmittedRecord]:
    records = []
    for entry in manifest.records:
        member = record_member(entry["record_id"])
        record = parse_submission_record(kept[member], member, label, catalog)
        doc = record.doc
        for key in ("record_id", "form", "form_version", "revision", "period", "state"):
            if doc[key] != entry[key]:
                raise _record_mismatch(label, entry["record_id"], key)
        if doc["org_id"] != manifest.sender_org_id:
            raise RecordFileError("record_sender",
                                  f"{label}：记录 {doc['record_id']} 属于单位 {doc['org_id']}，不是发送方 {manifest.sender_org_id}",
                                  f"{label}: record {doc['record_id']} belongs to {doc['org_id']}, not to the sender {manifest.sender_org_id}",
                                  subject=member)
        records.append(record)
    return records


def _attachments(records: list[SubmittedRecord], manifest: Manifest, kept: dict[str, bytes],
                 label: str) -> dict[str, bytes]:
    present = {m.group(1): name for name in manifest.files if (m := ATTACHMENT_MEMBER.fullmatch(name))}
    needed: set[str] = set()
    for record in records:
        for digest in record.attachment_hashes:
            if digest not in present:
                raise FileMismatchError("file_missing",
                                        f"{label} 缺少记录 {record.record_id} 的附件 {digest}",
                                        f"{label} is missing attachment {digest} of record {record.record_id}",
                                        subject=f"attachments/{digest}")
            needed.add(digest)
    for digest, name in present.items():
        if digest not in needed:
            raise FileMismatchError("file_extra", f"{label} 的附件 {name} 不属于任何记录",
                                    f"{label}: attachment {name} belongs to no record", subject=name)
        if hashlib.sha256(kept[name]).hexdigest() != digest:
            raise FileMismatchError("file_hash", f"{label} 的附件 {name} 内容与其名称中的哈希不符",
                                    f"{label}: attachment {name} does not match the hash in its name",
                                    subject=name)
    return {digest: kept[name] for digest, name in present.items()}


def _nested(manifest: Manifest, kept: dict[str, bytes], label: str, limits: PackageLimits,
            catalog: ReferenceCatalog, depth: int) -> list[VerifiedPackage]:
    nested = []
    for name in manifest.files:
        match = NESTED_MEMBER.fullmatch(name)
        if not match:
            continue
        if depth >= MAX_NESTING:
            raise LimitError("nested_too_deep", f"{label}：内层数据包 {name} 里不能再嵌套数据包",
                             f"{label}: nested package {name} may not hold packages itself", subject=name)
        content = kept[name]
        if hashlib.sha256(content).hexdigest() != match.group(1):
            raise FileMismatchError("file_hash", f"{label} 的内层数据包 {name} 与其名称中的哈希不符",
                                    f"{label}: nested package {name} does not match the hash in its name",
                                    subject=name)
        inner = verify_bytes(content, f"{label} › {name}", limits=limits, catalog=catalog, depth=depth + 1)
        if inner.kind != KIND_SUBMISSION:
            raise ManifestError("manifest_format", f"{label}：内层数据包 {name} 不是报送包",
                                f"{label}: nested package {name} is not a submission package", subject=name)
        outside = [r for r in inner.records if r.org.get("admin_code") != manifest.sender_org_id]
        if outside:
            raise RecordFileError("record_sender",
                                  f"{label}：内层数据包 {name} 的单位 {outside[0].org['org_id']} 不属于 {manifest.sender_org_id}",
                                  f"{label}: nested package {name} is from {outside[0].org['org_id']}, "
                                  f"which does not belong to {manifest.sender_org_id}", subject=name)
        nested.append(inner)
    # oldest first (manifest created_at), so an import pins the key an enterprise used first
    # and meets a later, accepted key change in the order it happened
    return sorted(nested, key=lambda p: (created_order(p.manifest.raw.get("created_at")), p.sha256))


def verify_bytes(content: bytes, label: str = "package", *, limits: PackageLimits = DEFAULT_LIMITS,
                 catalog: ReferenceCatalog | None = None, depth: int = 0) -> VerifiedPackage:
    """Verify a package held in memory; raises a ``PackageError`` with the first reason."""
    catalog = catalog or installed_catalog()
    with PackageArchive(content, label, limits) as archive:
        if MANIFEST not in archive.members:
            raise ManifestError("manifest_missing", f"{label} 缺少 manifest.json",
                                f"{label} has no manifest.json", subject=MANIFEST)
        manifest_bytes = archive.read(MANIFEST)
        manifest = parse_manifest(manifest_bytes, label)
        _signature(archive, manifest, manifest_bytes, label)
        kept = _hash_files(archive, manifest, label)
    _check_listing(manifest, label)
    package = VerifiedPackage(label, hashlib.sha256(content).hexdigest(), content, manifest)
    if manifest.kind == KIND_DECISION:
        package.decisions = [parse_decision_record(kept[record_member(e["record_id"])],
                                                   record_member(e["record_id"]), label)
                             for e in manifest.records]
        for decision, entry in zip(package.decisions, manifest.records, strict=True):
            if (decision.record_id, decision.revision, decision.state) != (
                    entry["record_id"], entry["revision"], entry["state"]):
                raise _record_mismatch(label, entry["record_id"], "record_id/revision/state")
        return package
    package.records = _submission_records(manifest, kept, label, catalog)
    package.attachments = _attachments(package.records, manifest, kept, label)
    package.nested = _nested(manifest, kept, label, limits, catalog, depth)
    return package


def read_package_file(path: Path | str, limits: PackageLimits = DEFAULT_LIMITS) -> bytes:
    """A package file's bytes, refusing one over the size limit before reading it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.max_package_bytes:
            raise LimitError("package_too_large",
                             f"{path.name} 大小 {size_text(size)}，超过 {size_text(limits.max_package_bytes)} 上限",
                             f"{path.name} is {size_text(size)}, over the {size_text(limits.max_package_bytes)} limit",
                             subject=str(path))
        with path.open("rb") as handle:
            content = handle.read(limits.max_package_bytes + 1)
    except FileNotFoundError:
        raise NotAPackageError("unreadable", f"文件 {path} 不存在", f"file {path} does not exist",
                               subject=str(path)) from None
    except (IsADirectoryError, PermissionError, OSError) as exc:
        raise NotAPackageError("unreadable", f"无法读取文件 {path}：{exc}", f"cannot read file {path}: {exc}",
                               subject=str(path)) from None
    return content


def verify_file(path: Path | str, *, limits: PackageLimits = DEFAULT_LIMITS,
                catalog: ReferenceCatalog | None = None) -> VerifiedPackage:
    """Verify a package file (no database needed); raises a ``PackageError`` with the reason."""
    path = Path(path)
    return verify_bytes(read_package_file(path, limits), path.name, limits=limits, catalog=catalog)
