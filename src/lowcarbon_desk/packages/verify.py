"""Verifying a package without a database (package.md, "Verify").

The checks run in this order and the first failure is the reason given. Steps 1-2 read only
the ZIP structure, steps 3-6 only the manifest and the signature; no other member is read
before it is found in the signed manifest, and each is read in bounded chunks:

1. the file is at most the package limit and a ZIP whose end record is its last 22 bytes (no
   comment, nothing appended, no ZIP64); the member count, the directory size and every
   declared size within the limits; every member a regular file at a layout path, stored or
   deflated, unencrypted; the members tile the file exactly with local headers equal to their
   directory entries (``archive``);
2. at most 100,000 members in this package and every package it nests together;
3. ``manifest.json`` (at most 4 MB) is canonical JSON of the package format, each key once,
   with a sender whose kind agrees with its code;
4. ``manifest.sig`` is exactly the base64 of an Ed25519 signature over ``manifest.json`` by
   the manifest's public key;
5. the members are exactly ``files`` plus manifest and signature (none missing, none extra);
6. the listing follows the rules of its kind: a submission carries at least one record (a
   county's may carry only nested packages instead), one PDF per record and no report for
   anything else, the workbook exactly when it has records, a county's roll-up and only a
   county's; only a county's package nests packages, one level deep; a decision package
   holds only decision records, at least one;
7. each record file (at most 2 MB) has its listed SHA-256, is canonical JSON with finite
   numbers, validates against its form (``verify_record``: entered values in normal form,
   computed values of the declared shape, not recomputed, the deciding rules) and belongs to
   the sender (a county's to the county itself); the manifest's entry agrees with it;
8. the attachments are exactly those the records refer to, each with the size the record
   states and the hash its name carries;
9. every other listed file (reports, workbook, roll-up, attachments, nested packages) has its
   SHA-256, hashed streaming;
10. every nested package is stored as it is, verifies by itself, is an enterprise's or park's
    submission and all its records belong to organisations of the county's division; they
    are returned oldest first (manifest ``created_at``), the order an import takes them in.

What is kept: the manifest, for each record its summary and content fingerprint (the full
record only while all kept records together stay small, 1 MB of JSON), for each attachment
its member and size. An import reads the rest again from the source, checking every hash.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import sys
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.attachment_types import LONGEST_SIGNATURE, content_matches
from ..domain.records import content_fingerprint
from ..domain.reference import ReferenceCatalog
from ..domain.reference import catalog as installed_catalog
from ..domain.targets import Target
from .archive import CHUNK, PackageArchive, Readable, ReadBudget
from .errors import (
    FileMismatchError,
    LimitError,
    ManifestError,
    NestingError,
    RecordFileError,
    SignatureError,
)
from .jsondoc import load_json_object
from .keys import SIGNATURE_BYTES, fingerprint, signature_valid
from .layout import (
    ATTACHMENT_MEMBER,
    KIND_DECISION,
    KIND_SUBMISSION,
    MANIFEST,
    NESTED_MEMBER,
    RECORD_MEMBER,
    REPORT_MEMBER,
    ROLLUP_MEMBERS,
    SIGNATURE,
    WORKBOOK,
    attachment_member,
    record_member,
    report_member,
)
from .limits import DEFAULT_LIMITS, PackageLimits, size_text
from .manifest import Manifest, created_order, parse_manifest
from .recordfile import DecisionRecord, SubmittedRecord, parse_decision_record, parse_submission_record
from .report_names import INDEX_MEMBERS, is_named_report, report_names
from .source import BytesSource, NestedSource, PackageSource, PathSource, changed_since_verified
from .targets_member import verified_targets

MAX_NESTING = 1
RETAINED_RECORD_BYTES = 1024 * 1024  # of record JSON: an enterprise year is about 50 KB


@dataclass
class AttachedFile:
    """An attachment in the package: its member and size (its bytes stay in the package)."""

    member: str
    size: int


@dataclass(slots=True)
class ReceivedRecord:
    """A record file that validated, kept small: a county's package may nest thousands.
    ``submitted`` (the parsed and evaluated record) is kept only while the records kept add
    up to little; ``doc`` reads the file again (checking its hash) when it was not kept.
    The record refers to its package weakly: a package and its records are freed as soon as
    the package is dropped, not at the next collection of reference cycles (an import of
    many small packages verified in memory would hold dozens of them)."""

    record_id: str
    form: str
    period: str | None
    revision: int
    org: dict  # one dict per organisation and package, shared by its records
    fingerprint: str
    submitted: SubmittedRecord | None
    package_ref: weakref.ref[VerifiedPackage] = field(repr=False)

    @property
    def package(self) -> VerifiedPackage:
        package = self.package_ref()
        if package is None:
            raise ReferenceError(f"the package of {self.record_id} is gone")
        return package

    def __reduce__(self) -> tuple:
        # a weak reference does not pickle; the package does (the worker of verify_ahead)
        return _received_record, (self.record_id, self.form, self.period, self.revision, self.org,
                                  self.fingerprint, self.submitted, self.package)

    @property
    def member(self) -> str:
        return record_member(self.record_id)

    @property
    def doc(self) -> dict:
        if self.submitted is not None:
            return self.submitted.doc
        with self.package.reopen() as archive:
            content = b"".join(self.package.listed_chunks(archive, self.member))
        return load_json_object(content, self.package.limits.max_json_depth)


def _received_record(record_id: str, form: str, period: str | None, revision: int, org: dict, fingerprint: str,
                     submitted: SubmittedRecord | None, package: VerifiedPackage) -> ReceivedRecord:
    return ReceivedRecord(record_id, form, period, revision, org, fingerprint, submitted, weakref.ref(package))


@dataclass
class VerifiedPackage:
    """A package that passed every check, with what an import needs from it."""

    label: str
    sha256: str
    size: int
    source: PackageSource
    manifest: Manifest
    manifest_sha256: str
    limits: PackageLimits
    catalog: ReferenceCatalog
    records: list[ReceivedRecord] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    attachments: dict[str, AttachedFile] = field(default_factory=dict)
    nested: list[VerifiedPackage] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)  # a county's targets.json

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
    def content(self) -> bytes:
        """The package's bytes, read whole (for callers that need them; import streams)."""
        return self.source.read_all()

    # --- reading again at import ------------------------------------------------------------
    @contextmanager
    def reopen(self) -> Iterator[PackageArchive]:
        """The package's archive again (its structure checked again)."""
        with self.source.open() as handle:
            yield PackageArchive(handle, self.source.size, self.label, self.limits)

    def listed_chunks(self, archive: PackageArchive, name: str) -> Iterator[bytes]:
        """A listed member's bytes, streamed; raises at the end if they are not the verified ones."""
        digest = hashlib.sha256()
        for chunk in archive.chunks(name):
            digest.update(chunk)
            yield chunk
        if digest.hexdigest() != self.manifest.files[name]:
            raise changed_since_verified(self.label, name)

    def content_chunks(self) -> Iterator[bytes]:
        """The whole package, streamed; raises at the end if it is not the verified file."""
        digest = hashlib.sha256()
        for chunk in self.source.chunks():
            digest.update(chunk)
            yield chunk
        if digest.hexdigest() != self.sha256:
            raise changed_since_verified(self.label, self.label)

    def submitted_records(self, archive: PackageArchive | None) -> Iterator[SubmittedRecord]:
        """Each record, parsed and checked: the kept one, or read from ``archive`` and checked
        again (``archive`` may be ``None`` when every record was kept)."""
        for record in self.records:
            if record.submitted is not None:
                yield record.submitted
                continue
            assert archive is not None, "a record not kept needs the archive"
            content = b"".join(self.listed_chunks(archive, record.member))
            yield parse_submission_record(content, record.member, self.label, self.catalog,
                                          self.limits.max_json_depth)


class _Tree:
    """What one verification shares across a package and the packages it nests."""

    def __init__(self, limits: PackageLimits, catalog: ReferenceCatalog):
        self.limits = limits
        self.catalog = catalog
        self.budget = ReadBudget(limits.max_total_bytes)
        self.members = 0
        self.retained = 0

    def count_members(self, count: int, label: str) -> None:
        self.members += count
        if self.members > self.limits.max_tree_members:
            limit = self.limits.max_tree_members
            raise LimitError("tree_too_large",
                             f"{label}：数据包及其内层数据包共有超过 {limit} 个成员",
                             f"{label}: the package and the packages it nests hold more than {limit} members",
                             subject=label)

    def retain(self, size: int) -> bool:
        if self.retained + size > RETAINED_RECORD_BYTES:
            return False
        self.retained += size
        return True


# --- signature and listing -------------------------------------------------------------------
def _signature(archive: PackageArchive, manifest: Manifest, manifest_bytes: bytes, label: str) -> None:
    if SIGNATURE not in archive.members:
        raise SignatureError("signature_missing", f"{label} 缺少签名 manifest.sig",
                             f"{label} has no signature (manifest.sig)", subject=SIGNATURE)
    raw = archive.read_small(SIGNATURE, archive.limits.max_signature_bytes, "签名", "the signature")
    try:
        signature = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        signature = b""
    if len(signature) != SIGNATURE_BYTES or base64.b64encode(signature) != raw:
        raise SignatureError("signature_malformed", f"{label} 的签名 manifest.sig 格式错误",
                             f"{label}: the signature manifest.sig is malformed", subject=SIGNATURE)
    if not signature_valid(manifest.public_key, signature, manifest_bytes):
        raise SignatureError("signature_invalid",
                             f"{label} 的签名与 manifest.json 不符：数据包在签名后被改动过，或签名所用的密钥不是包中的公钥",
                             f"{label}: the signature does not match manifest.json: the package was changed "
                             "after signing, or was signed with a key other than the one it names",
                             subject=SIGNATURE)


def _check_members(archive: PackageArchive, manifest: Manifest, label: str) -> None:
    """The members are exactly the listed files plus manifest and signature (from the directory)."""
    for name in manifest.files:
        if name not in archive.members:
            raise FileMismatchError("file_missing", f"{label} 缺少清单中的文件 {name}",
                                    f"{label} is missing {name}, listed in the manifest", subject=name)
    for name in archive.members:
        if name not in manifest.files and name not in (MANIFEST, SIGNATURE):
            raise FileMismatchError("file_extra", f"{label} 含清单外的文件 {name}",
                                    f"{label} holds {name}, which the manifest does not list", subject=name)


def _expected_reports(manifest: Manifest, label: str) -> dict[str, str]:
    """Record id → the member its PDF must be: a package with the index (目录.pdf, index.html:
    both or neither) names them readably (``report_names``), an older one by record id."""
    present = [name for name in INDEX_MEMBERS if name in manifest.files]
    if not present:
        return {e["record_id"]: report_member(e["record_id"]) for e in manifest.records}
    if len(present) != len(INDEX_MEMBERS):
        missing = next(name for name in INDEX_MEMBERS if name not in manifest.files)
        raise FileMismatchError("file_missing", f"{label} 有 {present[0]}，却缺少目录 {missing}",
                                f"{label} holds {present[0]} but is missing the index {missing}", subject=missing)
    return report_names(manifest.records)


def _check_listing(manifest: Manifest, label: str, depth: int) -> None:
    listed = {e["record_id"] for e in manifest.records}
    files = {m.group(1) for name in manifest.files if (m := RECORD_MEMBER.fullmatch(name))}
    for record_id in sorted(listed ^ files):
        where = ("清单 records 中有，但没有文件", "is listed in records but has no file") if record_id in listed \
            else ("有文件，但清单 records 中没有", "has a file but is not listed in records")
        raise ManifestError("record_list", f"{label}：记录 {record_id} {where[0]}",
                            f"{label}: record {record_id} {where[1]}", subject=record_member(record_id))
    reserved = [r for r in sorted(listed) if report_member(r) in ROLLUP_MEMBERS]
    if reserved:
        raise ManifestError("record_list", f"{label}：记录编号 {reserved[0]} 是保留名称（县域汇总）",
                            f"{label}: record id {reserved[0]} is reserved (the county roll-up)",
                            subject=record_member(reserved[0]))
    nested = [name for name in manifest.files if NESTED_MEMBER.fullmatch(name)]
    if manifest.kind == KIND_DECISION:
        others = [n for n in manifest.files if not RECORD_MEMBER.fullmatch(n)]
        if others:
            raise ManifestError("manifest_format", f"{label}：审核结论包不应含 {others[0]}",
                                f"{label}: a decision package must not hold {others[0]}", subject=others[0])
        if not listed:
            raise ManifestError("empty_package", f"{label}：审核结论包中没有任何审核结论",
                                f"{label}: the decision package holds no decision", subject=MANIFEST)
        return
    if nested and not manifest.sender_is_county:
        raise NestingError("nesting_not_allowed",
                           f"{label}：只有县（行政区划代码）的数据包可以包含其他数据包，发送方 {manifest.sender_org_id} 不是县，"
                           f"却包含 {nested[0]}",
                           f"{label}: only a county's package (division code) may hold other packages; the sender "
                           f"{manifest.sender_org_id} is not a county but the package holds {nested[0]}",
                           subject=nested[0])
    if nested and depth >= MAX_NESTING:
        raise LimitError("nested_too_deep", f"{label}：内层数据包里不能再嵌套数据包（{nested[0]}）",
                         f"{label}: a nested package may not hold packages itself ({nested[0]})", subject=nested[0])
    if not listed and not nested:
        raise ManifestError("empty_package", f"{label}：报送包中没有任何记录",
                            f"{label}: the submission package holds no record", subject=MANIFEST)
    expected = _expected_reports(manifest, label)
    for record_id in sorted(listed):
        if expected[record_id] not in manifest.files:
            raise FileMismatchError("file_missing", f"{label} 缺少记录 {record_id} 的 PDF（{expected[record_id]}）",
                                    f"{label} is missing the PDF of record {record_id} ({expected[record_id]})",
                                    subject=expected[record_id])
    wanted = set(expected.values())
    for name in manifest.files:
        looks_like_report = REPORT_MEMBER.fullmatch(name) or is_named_report(name)
        if looks_like_report and name not in ROLLUP_MEMBERS and name not in wanted:
            raise FileMismatchError("orphan_report", f"{label} 的报表 {name} 不属于包中任何记录",
                                    f"{label}: the report {name} belongs to no record of the package", subject=name)
    if listed and WORKBOOK not in manifest.files:
        raise FileMismatchError("file_missing", f"{label} 缺少汇总工作簿 {WORKBOOK}",
                                f"{label} is missing the workbook {WORKBOOK}", subject=WORKBOOK)
    if not listed and WORKBOOK in manifest.files:
        raise FileMismatchError("orphan_report", f"{label} 没有自己的记录，不应含汇总工作簿 {WORKBOOK}",
                                f"{label} holds no record of its own, so it must not hold the workbook {WORKBOOK}",
                                subject=WORKBOOK)
    if manifest.sender_is_county:
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


# --- members ---------------------------------------------------------------------------------
def _hash_mismatch(label: str, name: str) -> FileMismatchError:
    return FileMismatchError("file_hash", f"{label} 的文件 {name} 已被改动（SHA-256 与清单不符）",
                             f"{label}: {name} was changed (its SHA-256 does not match the manifest)", subject=name)


def _read_listed(archive: PackageArchive, manifest: Manifest, name: str, limit: int, label: str) -> bytes:
    content = archive.read_small(name, limit, "记录文件", "record file")
    if hashlib.sha256(content).hexdigest() != manifest.files[name]:
        raise _hash_mismatch(label, name)
    return content


def _record_mismatch(label: str, record_id: str, what: str) -> RecordFileError:
    return RecordFileError("record_mismatch",
                           f"{label}：记录文件 {record_id} 的 {what} 与清单 manifest.json 不一致",
                           f"{label}: record file {record_id} disagrees with manifest.json on {what}",
                           subject=record_member(record_id))


def _not_senders(label: str, member: str, zh: str, en: str) -> RecordFileError:
    return RecordFileError("record_sender", f"{label}：{zh}", f"{label}: {en}", subject=member)


def _check_owner(record: SubmittedRecord, manifest: Manifest, label: str, member: str) -> None:
    """Every record belongs to the sender; a county sends only its own records (its
    enterprises' travel in their own, nested, packages)."""
    doc, org, sender = record.doc, record.org, manifest.sender_org_id
    if doc["org_id"] != sender:
        raise _not_senders(label, member, f"记录 {doc['record_id']} 属于单位 {doc['org_id']}，不是发送方 {sender}",
                           f"record {doc['record_id']} belongs to {doc['org_id']}, not to the sender {sender}")
    county = org.get("kind") == "county"
    if county != manifest.sender_is_county or (county and org.get("admin_code") != sender):
        raise _not_senders(label, member,
                           f"记录 {doc['record_id']} 的单位信息（{org.get('kind')}，属 {org.get('admin_code')}）与发送方 {sender} 不符",
                           f"record {doc['record_id']} carries an organisation profile ({org.get('kind')}, of "
                           f"{org.get('admin_code')}) that does not match the sender {sender}")


def _submission_records(archive: PackageArchive, package: VerifiedPackage, tree: _Tree,
                        attachments: dict[str, tuple[str, object, str]]) -> list[ReceivedRecord]:
    manifest, label = package.manifest, package.label
    records = []
    profiles: dict[str, dict] = {}
    for entry in manifest.records:
        member = record_member(entry["record_id"])
        content = _read_listed(archive, manifest, member, tree.limits.max_record_bytes, label)
        record = parse_submission_record(content, member, label, tree.catalog, tree.limits.max_json_depth)
        doc = record.doc
        for key in ("record_id", "form", "form_version", "revision", "period", "state"):
            if doc[key] != entry[key]:
                raise _record_mismatch(label, entry["record_id"], key)
        _check_owner(record, manifest, label, member)
        for item in record.evaluation.data.get("attachments") or []:
            name = attachment_member(item["sha256"], str(item.get("name", "")))
            attachments.setdefault(name, (item["sha256"], item.get("size"), record.record_id))
        org = profiles.setdefault(record.org["org_id"], record.org)
        if org != record.org:
            raise _not_senders(label, member, f"记录 {record.record_id} 的单位信息与同一包中其他记录不同",
                               f"record {record.record_id} carries another profile of its organisation than the "
                               "package's other records")
        records.append(ReceivedRecord(
            record.record_id, sys.intern(doc["form"]), doc["period"], doc["revision"], org,
            content_fingerprint(doc), record if tree.retain(len(content)) else None, weakref.ref(package)))
    return records


def _attachments(archive: PackageArchive, manifest: Manifest, label: str,
                 referred: dict[str, tuple[str, object, str]]) -> dict[str, AttachedFile]:
    """The attachment members are exactly those the records refer to, each with the stated
    size and the hash its name carries (checked from the directory and the manifest)."""
    listed = {name for name in manifest.files if ATTACHMENT_MEMBER.fullmatch(name)}
    for name, (_, _, record_id) in sorted(referred.items()):
        if name not in listed:
            raise FileMismatchError("file_missing", f"{label} 缺少记录 {record_id} 的附件 {name}",
                                    f"{label} is missing attachment {name} of record {record_id}", subject=name)
    found: dict[str, AttachedFile] = {}
    for name in sorted(listed):
        if name not in referred:
            raise FileMismatchError("file_extra", f"{label} 的附件 {name} 不属于任何记录",
                                    f"{label}: attachment {name} belongs to no record", subject=name)
        digest, size, record_id = referred[name]
        if manifest.files[name] != digest:
            raise FileMismatchError("file_hash", f"{label} 的附件 {name} 内容与其名称中的哈希不符",
                                    f"{label}: attachment {name} does not match the hash in its name", subject=name)
        actual = archive.members[name].file_size
        if size != actual:
            raise FileMismatchError("attachment_size",
                                    f"{label}：记录 {record_id} 写明附件 {name} 为 {size} 字节，包中为 {actual} 字节",
                                    f"{label}: record {record_id} gives attachment {name} as {size} bytes, the package "
                                    f"holds {actual}", subject=name)
        _check_attachment_content(archive, name, label, record_id)
        found[digest] = AttachedFile(name, actual)
    return found


def _check_attachment_content(archive: PackageArchive, name: str, label: str, record_id: str) -> None:
    """An attachment must start the way its type does, as when it was added: a program renamed
    ``.pdf`` inside a hand-made package is refused before anything is stored."""
    suffix = name.rpartition(".")[2]  # name is a listed ATTACHMENT_MEMBER: attachments/<sha256>.<suffix>
    head = b""
    for chunk in archive.chunks(name):
        head += chunk
        if len(head) >= LONGEST_SIGNATURE:
            break
    if not content_matches(suffix, head):
        raise FileMismatchError("attachment_content",
                                f"{label}：记录 {record_id} 的附件 {name} 的内容不是 {suffix.upper()} 文件",
                                f"{label}: attachment {name} of record {record_id} is not a {suffix.upper()} file "
                                "by its content", subject=name)


def _hash_rest(archive: PackageArchive, manifest: Manifest, label: str, done: set[str]) -> None:
    for name, expected in manifest.files.items():
        if name not in done and archive.sha256(name) != expected:
            raise _hash_mismatch(label, name)


def _nested(archive: PackageArchive, package: VerifiedPackage, tree: _Tree, depth: int) -> list[VerifiedPackage]:
    manifest, label = package.manifest, package.label
    nested = []
    for name, expected in manifest.files.items():
        match = NESTED_MEMBER.fullmatch(name)
        if not match:
            continue
        if expected != match.group(1):
            raise FileMismatchError("file_hash", f"{label} 的内层数据包 {name} 与其名称中的哈希不符",
                                    f"{label}: nested package {name} does not match the hash in its name",
                                    subject=name)
        window = archive.window(name)
        inner_label = f"{label} › {name}"
        source = NestedSource(package.source, archive.data_offset(name), archive.members[name].file_size, inner_label)
        inner = _verify(window, source, tree, depth + 1, sha256=expected)
        if inner.kind != KIND_SUBMISSION:
            raise ManifestError("manifest_format", f"{label}：内层数据包 {name} 不是报送包",
                                f"{label}: nested package {name} is not a submission package", subject=name)
        if inner.manifest.sender_is_county:
            raise NestingError("nested_sender",
                               f"{label}：内层数据包 {name} 的发送方 {inner.manifest.sender_org_id} 是县；只能转报企业或园区的数据包",
                               f"{label}: nested package {name} is sent by {inner.manifest.sender_org_id}, a county; "
                               "only enterprises' and parks' packages are forwarded", subject=name)
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


def _file_sha256(handle: Readable, size: int) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    left = size
    while left:
        chunk = handle.read(min(CHUNK, left))
        if not chunk:
            break
        digest.update(chunk)
        left -= len(chunk)
    return digest.hexdigest()


def _verify(handle: Readable, source: PackageSource, tree: _Tree, depth: int, sha256: str | None = None
            ) -> VerifiedPackage:
    label, limits = source.label, tree.limits
    archive = PackageArchive(handle, source.size, label, limits, tree.budget)
    tree.count_members(len(archive.members), label)
    if MANIFEST not in archive.members:
        raise ManifestError("manifest_missing", f"{label} 缺少 manifest.json",
                            f"{label} has no manifest.json", subject=MANIFEST)
    manifest_bytes = archive.read_small(MANIFEST, limits.max_manifest_bytes, "清单", "the manifest")
    manifest = parse_manifest(manifest_bytes, label, limits.max_json_depth)
    _signature(archive, manifest, manifest_bytes, label)
    _check_members(archive, manifest, label)
    _check_listing(manifest, label, depth)
    package = VerifiedPackage(label, sha256 or "", source.size, source, manifest,
                              hashlib.sha256(manifest_bytes).hexdigest(), limits, tree.catalog)
    record_members = {record_member(e["record_id"]) for e in manifest.records}
    if manifest.kind == KIND_DECISION:
        for entry in manifest.records:
            member = record_member(entry["record_id"])
            content = _read_listed(archive, manifest, member, limits.max_record_bytes, label)
            decision = parse_decision_record(content, member, label, limits.max_json_depth)
            if (decision.record_id, decision.revision, decision.state) != (
                    entry["record_id"], entry["revision"], entry["state"]):
                raise _record_mismatch(label, entry["record_id"], "record_id/revision/state")
            package.decisions.append(decision)
    else:
        referred: dict[str, tuple[str, object, str]] = {}
        package.records = _submission_records(archive, package, tree, referred)
        package.attachments = _attachments(archive, manifest, label, referred)
        package.targets = verified_targets(archive, manifest, label, limits.max_json_depth)
        _hash_rest(archive, manifest, label, record_members)
        package.nested = _nested(archive, package, tree, depth)
    if not package.sha256:
        package.sha256 = _file_sha256(handle, source.size)
    return package


def _open_and_verify(source: PackageSource, limits: PackageLimits, catalog: ReferenceCatalog | None
                     ) -> VerifiedPackage:
    tree = _Tree(limits, catalog or installed_catalog())
    with source.open() as handle:
        return _verify(handle, source, tree, 0)


def verify_bytes(content: bytes, label: str = "package", *, limits: PackageLimits = DEFAULT_LIMITS,
                 catalog: ReferenceCatalog | None = None) -> VerifiedPackage:
    """Verify a package held in memory; raises a ``PackageError`` with the first reason."""
    return _open_and_verify(BytesSource(content, label), limits, catalog)


def verify_file(path: Path | str, *, limits: PackageLimits = DEFAULT_LIMITS,
                catalog: ReferenceCatalog | None = None) -> VerifiedPackage:
    """Verify a package file (no database needed), reading it in bounded chunks; raises a
    ``PackageError`` with the reason."""
    return _open_and_verify(PathSource.of(path, limits), limits, catalog)


def verify_source(source: PackageSource, *, limits: PackageLimits = DEFAULT_LIMITS,
                  catalog: ReferenceCatalog | None = None) -> VerifiedPackage:
    """Verify a package from any source (a file, bytes)."""
    return _open_and_verify(source, limits, catalog)


def read_package_file(path: Path | str, limits: PackageLimits = DEFAULT_LIMITS) -> bytes:
    """A package file's bytes, refusing one over the size limit before reading it (for callers
    that need the bytes; ``verify_file`` reads the file in bounded chunks instead)."""
    return PathSource.of(path, limits).read_all()


__all__ = ["AttachedFile", "ReceivedRecord", "VerifiedPackage", "read_package_file", "size_text",
           "verify_bytes", "verify_file", "verify_source"]
