"""Creating signed packages: an organisation's submission, a county's package upward (its own
records, its roll-up, plus the enterprise packages it accepted, unchanged), and decision
packages.

What goes into a submission package: for each record lineage of the organisation (and
period; ``2025`` also takes the monthly ``2025-MM`` reports), the newest revision that is
``submitted`` or ``accepted`` and was entered here (records received in a package travel
only inside their original, signed package). Each record's PDF carries the appendix 计算说明
(how every computed value was obtained), in enterprise and county packages alike: the county
reviews an enterprise's numbers from the PDFs of the package it received, and the province sees
them in the enterprise packages the county forwards unchanged.

A county's package also holds the county roll-up (``reports/rollup.pdf`` and
``reports/rollup.xlsx``, ``lowcarbon_desk.reports``) of the period's year; without a period,
of the newest year among the records it carries. It forwards, per enterprise, only the
packages needed to carry every accepted latest revision: those that alone carry one, then for
the rest the package that first brought it (the one the officer reviewed; the newest other
one only when that is held back), ``storage.imported.accepted_packages_of_county``; the others
are listed with the reason.

The package is written straight into the temporary output file (``packages.writer``): the
nested packages and the attachments are copied from the database in chunks and checked
against their hash while copied, so a county forwarding gigabytes of enterprise packages
needs no more memory than one that forwards one.

A county whose forwarded packages do not fit in one package file within the receiver's limits
(``limits.PackageLimits``: file size, member count, expanded bytes, members of the whole
tree) gets as many parts as needed (``packages.split``), each a complete signed package that
verifies by itself; all parts are written, or none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import NotFoundError
from ..domain.forms import get_form
from ..domain.records import canonical_json
from ..fileio import atomic_output
from ..storage import Store
from ..storage import imported as stored
from .archive import CHUNK
from .deciders import decider_code
from .errors import NothingToPackageError
from .keys import InstallationKey, load_or_create_key
from .layout import (
    KIND_DECISION,
    KIND_SUBMISSION,
    ROLLUP_PDF,
    ROLLUP_XLSX,
    TARGETS,
    WORKBOOK,
    attachment_member,
    nested_member,
    package_file_name,
    record_member,
)
from .limits import DEFAULT_LIMITS, PackageLimits
from .manifest import check_operator, created_order
from .recordfile import decision_record_file, submission_record_file
from .report_names import INDEX_HTML, INDEX_PDF, report_names
from .split import own_extent, part_paths, plan_parts, stored_package_extent
from .targets_member import county_members
from .writer import Member, bytes_member, write_package

if TYPE_CHECKING:
    from ..reports.package_index import IndexRecord, PackageIndex
    from ..reports.pdf_pool import PendingPdfs

RecordPdf = Callable[[Store, str], bytes]


def index_room(lines: int) -> dict[str, int]:
    """Bytes reserved in each part for the index (目录.pdf, index.html) before it is made, for
    at most ``lines`` listed files: measured about 36 KB + 70 B a line for the PDF (the font
    subset is most of it) and 1.2 KB + 310 B a line for the HTML; reserved with room to spare."""
    return {INDEX_PDF: 40_000 + 200 * lines, INDEX_HTML: 2_000 + 400 * lines}
Workbook = Callable[[Store, list[str]], bytes]
RollupFiles = Callable[[Store, str, int], tuple[bytes, bytes]]
# The record PDFs of a submission package carry the appendix 计算说明, in Chinese: the county
# reviews an enterprise's numbers from them, and forwards the package unchanged to the province.
PACKAGE_EXPLAIN = "zh"


def standard_rollup(store: Store, county: str, year: int) -> tuple[bytes, bytes]:
    """The county roll-up of ``year`` (``lowcarbon_desk.reports``) as PDF and workbook bytes."""
    from ..reports.rollup_data import county_rollup
    from ..reports.rollup_pdf import rollup_pdf_bytes
    from ..reports.rollup_xlsx import write_rollup_xlsx

    rollup = county_rollup(store, year, county)
    with tempfile.TemporaryDirectory(prefix="lcpkg-") as folder:
        path = Path(folder) / "rollup.xlsx"
        write_rollup_xlsx(rollup, path)
        return rollup_pdf_bytes(rollup), path.read_bytes()


@dataclass(frozen=True)
class Renderers:
    """The standard outputs a submission package carries (from ``lowcarbon_desk.reports``)."""

    record_pdf: RecordPdf
    workbook: Workbook
    rollup: RollupFiles = standard_rollup


def standard_workbook(store: Store, record_ids: list[str]) -> bytes:
    """The standard workbook (``lowcarbon_desk.reports.workbook``) of the records, as bytes."""
    from ..reports.workbook import export_workbook

    with tempfile.TemporaryDirectory(prefix="lcpkg-") as folder:
        path = Path(folder) / "submission.xlsx"
        export_workbook(store, path, record_ids=record_ids)
        return path.read_bytes()


class StandardRecordPdf:
    """The standard record PDF (``lowcarbon_desk.reports.record_pdf``) with the appendix 计算说明
    in ``explain`` (``None``: without it). ``many`` renders a package's PDFs together, in worker
    processes where that pays (``reports.pdf_pool``); a caller that wraps the renderer (the
    window counts each PDF for its progress bar) gets one PDF at a time."""

    def __init__(self, explain: str | None = PACKAGE_EXPLAIN) -> None:
        self.explain = explain

    def __call__(self, store: Store, record_id: str) -> bytes:
        from ..reports.record_pdf import record_pdf

        return record_pdf(store, record_id, explain=self.explain)

    def many(self, store: Store, record_ids: list[str]) -> list[bytes]:
        """The PDFs of ``record_ids``, in their order: read here, rendered in parallel."""
        with self.start(store, record_ids) as pending:
            return pending.result()

    def start(self, store: Store, record_ids: list[str]) -> PendingPdfs:
        """The PDFs of ``record_ids`` read here and being rendered in worker processes (or, when
        serial, at ``result()``): ``with start(...) as pending: ...; pending.result()``."""
        from ..reports.pdf_pool import start_record_pdfs
        from ..reports.record_pdf import record_pdf_input

        return start_record_pdfs([record_pdf_input(store, r, self.explain) for r in record_ids])


def default_renderers(explain: str | None = PACKAGE_EXPLAIN) -> Renderers:
    """The standard record PDF and workbook of ``lowcarbon_desk.reports``; each record PDF with
    the appendix 计算说明 in ``explain`` (``None``: without it)."""
    return Renderers(record_pdf=StandardRecordPdf(explain), workbook=standard_workbook)


@contextlib.contextmanager
def _record_pdfs(renderers: Renderers, store: Store, record_ids: list[str]) -> Iterator[Callable[[], dict[str, bytes]]]:
    """Every record's PDF, by record id, from the function yielded: rendered together, in
    worker processes while the block runs, when the renderer can (``StandardRecordPdf.start``),
    else one at a time when asked."""
    start = getattr(renderers.record_pdf, "start", None)
    if start is None:
        yield lambda: {r: renderers.record_pdf(store, r) for r in record_ids}
        return
    with start(store, record_ids) as pending:
        yield lambda: dict(zip(record_ids, pending.result(), strict=True))


@dataclass
class PackagePart:
    """One package file of a submission that needed several: its path, SHA-256, the records of
    its own it carries (part 1 only) and the forwarded packages in it."""

    path: Path
    sha256: str
    record_ids: list[str]
    nested: list[dict] = field(default_factory=list)


@dataclass
class CreatedPackage:
    """What was written: ``path`` and ``sha256`` are the (first) package file's; ``parts`` every
    file written, in order (one unless a county's package had to be split)."""

    path: Path
    sha256: str
    kind: str
    org_id: str
    record_ids: list[str]
    nested: list[dict] = field(default_factory=list)
    left_out: list[dict] = field(default_factory=list)
    fingerprint: str = ""
    rollup_year: int | None = None
    parts: list[PackagePart] = field(default_factory=list)


LEFT_OUT_NOTES = {
    stored.NOT_ACCEPTED: ("{open} 条记录尚未接收，未转报", "{open} record(s) not accepted yet"),
    stored.SUPERSEDED: ("其中的记录都已被更新的版本取代，未转报",
                        "every record in it is superseded by a newer revision"),
    stored.DUPLICATE: ("其中已接收的最新版本都在转报的数据包 {covered} 中，未重复转报",
                       "every accepted latest revision in it travels in the forwarded package(s) {covered}"),
}


def left_out_note(row: dict, lang: str = "zh") -> str:
    """Why an enterprise package was not forwarded (a row of ``CreatedPackage.left_out``)."""
    zh, en = LEFT_OUT_NOTES.get(row.get("reason", ""), LEFT_OUT_NOTES[stored.NOT_ACCEPTED])
    text = en if lang == "en" else zh
    return text.format(open=row.get("open", row["records"] - row["accepted"]),
                       covered=", ".join(row.get("covered_by") or []))


def rollup_year(period: str | None, periods: list[str | None], when: dt.datetime) -> int:
    """The roll-up's year: the period's, else the newest year among ``periods``, else now's."""
    if period and period[:4].isdigit():
        return int(period[:4])
    years = [int(p[:4]) for p in periods if p and p[:4].isdigit() and 2000 <= int(p[:4]) <= 2100]
    return max(years, default=when.year)


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now()).astimezone().replace(microsecond=0)


def output_path(output: Path | str, org_id: str, period: str | None, when: dt.datetime) -> Path:
    """``output`` itself, or the spec file name inside it when it is a folder."""
    path = Path(output)
    if path.is_dir() or str(output).endswith(("/", "\\")):
        return path / package_file_name(org_id, period, when)
    return path


def build_package_bytes(*, kind: str, sender: dict, key: InstallationKey, records: list[dict],
                        members: dict[str, bytes], reference_data_version: str,
                        created_at: dt.datetime) -> bytes:
    """A complete signed package as bytes (for callers that make one in memory, such as
    tests): the same writer, and the same bytes, as the package files."""
    buffer = io.BytesIO()
    write_package(buffer, kind=kind, sender=sender, key=key, records=records,
                  members=[bytes_member(name, content) for name, content in members.items()],
                  reference_data_version=reference_data_version, created_at=created_at)
    return buffer.getvalue()


def _version_key(version: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in version.replace("-", ".").split("."))


def sendable_record_ids(store: Store, org_id: str, period: str | None) -> list[str]:
    """Per lineage, the newest ``submitted``/``accepted`` revision entered here (not received)."""
    return stored.sendable_record_ids(store, org_id, period)


def _sender(org: dict, operator: str) -> dict:
    return {"org_id": org["org_id"], "name": org["name"], "operator": operator, "kind": org["kind"]}


def _manifest_entry(doc: dict) -> dict:
    return {"record_id": doc["record_id"], "form": doc["form"], "form_version": doc["form_version"],
            "revision": doc["revision"], "period": doc["period"], "state": doc["state"]}


def _write(path: Path, **package) -> str:
    """Write the package (``writer.write_package``) into a temporary beside ``path`` that
    replaces it when complete; its SHA-256."""
    with atomic_output(path) as temp, temp.open("w+b") as out:
        return write_package(out, **package)


def _write_parts(paths: list[Path], parts: list[dict]) -> list[str]:
    """Write every part into its own temporary; they replace their paths only when all are
    complete (a failure in any part leaves no file behind). Their SHA-256s."""
    with ExitStack() as stack:
        digests = []
        for path, package in zip(paths, parts, strict=True):
            temp = stack.enter_context(atomic_output(path))
            with temp.open("w+b") as out:
                digests.append(write_package(out, **package))
        return digests


def _stored(name: str, sha256: str, chunks: Iterator[bytes] | None, missing: NotFoundError) -> Member:
    """A member copied from the database in chunks when it is written."""
    if chunks is None:
        raise missing
    return Member(name, sha256, lambda: chunks)


def _attachment(store: Store, item: dict) -> Member:
    sha256 = item["sha256"]
    return _stored(attachment_member(sha256, item["name"]), sha256,
                   stored.attachment_chunks(store, sha256, CHUNK),
                   NotFoundError(f"附件 {sha256} 不存在", f"attachment {sha256} not found", subject="attachments"))


def _nested(store: Store, sha256: str) -> Member:
    return _stored(nested_member(sha256), sha256, stored.package_chunks(store, sha256, CHUNK),
                   NotFoundError(f"数据包 {sha256} 的原件不存在", f"the original of package {sha256} is missing"))


FILE_NOTES = {WORKBOOK: "汇总工作簿（本包全部记录，标准工作簿格式）", ROLLUP_PDF: "县域汇总（PDF）",
              ROLLUP_XLSX: "县域汇总（工作簿）", TARGETS: "本县的目标（JSON）"}


def _described(members: list[Member], nested_rows: list[dict]) -> list[tuple[str, str]]:
    """The index's lines for the workbook, roll-up, targets and forwarded packages."""
    rows = {nested_member(row["sha256"]): row for row in nested_rows}
    out = [(m.name, FILE_NOTES[m.name]) for m in members if m.name in FILE_NOTES]
    for name, row in rows.items():
        periods = "、".join(row.get("periods") or []) or "—"
        out.append((name, f"转报的数据包：发送方 {row.get('sender_org_id', '')}，报告期 {periods}（原样转报，另有签名）"))
    return out


def _package_index(org: dict, operator: str, period: str | None, when: dt.datetime,
                   records: list[IndexRecord], listed: list[tuple[str, str]]) -> PackageIndex:
    from ..reports.package_index import PackageIndex

    return PackageIndex(org["name"], org["org_id"], org["kind"], operator, period or "全部", when.isoformat(),
                        records, listed)


def index_members(index: PackageIndex) -> list[Member]:
    """``目录.pdf`` and ``index.html`` of a package (``reports.package_index``)."""
    from ..reports.package_index import index_html_bytes, index_pdf_bytes  # reportlab: loaded when used

    return [bytes_member(INDEX_PDF, index_pdf_bytes(index)), bytes_member(INDEX_HTML, index_html_bytes(index))]


def create_submission_package(store: Store, org_id: str, output: Path | str, *, operator: str,
                              period: str | None = None, key: InstallationKey | None = None,
                              renderers: Renderers | None = None,
                              now: dt.datetime | None = None,
                              explain: str | None = PACKAGE_EXPLAIN,
                              limits: PackageLimits | None = None) -> CreatedPackage:
    """Package an organisation's submitted records (a county also forwards the enterprise
    packages it accepted); write it atomically to ``output`` (a file, or a folder). The record
    PDFs carry the appendix 计算说明 in ``explain`` (``None``: without it) unless ``renderers``
    says otherwise.

    A county's package that would exceed a receiver's ``limits`` is written as several parts
    (``split.plan_parts``): part 1 holds the county's own records and workbook, every part the
    roll-up, and the forwarded packages fill the parts in their order, an organisation's
    packages together where they fit. An enterprise package too large for any part is refused
    before anything is written (``LimitError`` naming the organisation, its size and the limit).
    ``limits`` defaults to the receiver's (``DEFAULT_LIMITS``, the verifier's). An operator
    name the manifest may not carry is refused first (``manifest.check_operator``)."""
    check_operator(operator)
    limits = limits or DEFAULT_LIMITS
    org = store.require_org(org_id)
    key = key or load_or_create_key()
    when = _now(now)
    record_ids = sendable_record_ids(store, org_id, period)
    nested: list[dict[str, Any]] = []
    left_out: list[dict[str, Any]] = []
    if org["kind"] == "county":
        nested, left_out = stored.accepted_packages_of_county(store, org_id, period, order=created_order)
    if not record_ids and not nested:
        pending = sum(1 for r in left_out if r["reason"] == stored.NOT_ACCEPTED)
        extra_zh = f"；另有 {pending} 个企业数据包尚未全部接收" if pending else ""
        extra_en = f"; {pending} enterprise package(s) are not fully accepted yet" if pending else ""
        raise NothingToPackageError(
            "nothing_to_package",
            f"单位 {org_id}{' ' + period if period else ''} 没有已提交的记录可打包{extra_zh}",
            f"organisation {org_id}{' ' + period if period else ''} has no submitted record to package{extra_en}",
            subject=org_id)
    # the forwarded packages' sizes first (from each stored package's ZIP directory), so that
    # one too large for any part is refused before anything is rendered or written
    extents = {row["sha256"]: stored_package_extent(store, row["sha256"]) for row in nested}
    # what this office makes is small and held as bytes; attachments and nested packages are
    # copied from the database in chunks while the package is written
    own: list[Member] = []
    own_sizes: dict[str, int] = {}
    versions = set()
    renderers = renderers or default_renderers(explain)
    from ..reports.package_index import index_record  # reportlab: loaded when used

    docs = [store.get_record(record_id, with_audit=True) for record_id in record_ids]
    entries = [_manifest_entry(doc) for doc in docs]
    pdf_names = report_names(entries)  # 2025-能源购进消费与库存-r2.pdf, never a bare id
    index_records = [index_record(doc, get_form(doc["form"], doc["form_version"]).title(), pdf_names[doc["record_id"]])
                     for doc in docs]
    other_files = [(attachment_member(item["sha256"], item["name"]),
                    f"附件：{item.get('name') or ''}（记录 {doc['record_id']}）")
                   for doc in docs for item in doc["data"].get("attachments") or []]
    early_index: tuple[list[tuple[str, str]], list[Member]] | None = None
    if record_ids:
        with _record_pdfs(renderers, store, record_ids) as rendered:
            # while the helper processes render the PDFs: the workbook and, where the package
            # is one part whose files are all known now (not a county's), its index
            workbook = renderers.workbook(store, record_ids)
            if org["kind"] != "county":
                listed = sorted([*other_files, (WORKBOOK, FILE_NOTES[WORKBOOK])])
                early_index = listed, index_members(_package_index(org, operator, period, when, index_records, listed))
            pdfs = rendered()
        for doc in docs:
            record_id = doc["record_id"]
            for name, content in ((record_member(record_id), canonical_json(submission_record_file(doc, org))),
                                  (pdf_names[record_id], pdfs[record_id])):
                own.append(bytes_member(name, content))
                own_sizes[name] = len(content)
            for item in doc["data"].get("attachments") or []:
                member = _attachment(store, item)
                own.append(member)
                own_sizes[member.name] = int(item.get("size") or 0)
            versions.add(doc["reference_data_version"])
        own.append(bytes_member(WORKBOOK, workbook))
        own_sizes[WORKBOOK] = len(workbook)
    year = None
    common: list[Member] = []  # in every part: the county's roll-up
    if org["kind"] == "county":
        periods = [e["period"] for e in entries] + [p for row in nested for p in row["periods"]]
        year = rollup_year(period, periods, when)
        pdf, xlsx = renderers.rollup(store, org_id, year)
        common = [bytes_member(ROLLUP_PDF, pdf), bytes_member(ROLLUP_XLSX, xlsx)]
        own_sizes.update({ROLLUP_PDF: len(pdf), ROLLUP_XLSX: len(xlsx)})
        common += county_members(store, org, own_sizes)
    reference = max(versions, key=_version_key) if versions else store.reference().version
    room = index_room(len(index_records) + len(other_files) + len(nested) + len(FILE_NOTES))
    base = own_extent({**{m.name: own_sizes[m.name] for m in common}, **room}, [])
    first = own_extent({**{m.name: own_sizes[m.name] for m in [*own, *common]}, **room}, entries)
    plan = plan_parts(org_id, first, base, nested, extents, limits)
    path = output_path(output, org_id, period, when)
    paths = part_paths(path, len(plan))
    sender = _sender(org, operator)
    packages = []
    for index, rows in enumerate(plan):
        members = [*(own if index == 0 else []), *common, *(_nested(store, row["sha256"]) for row in rows)]
        listed = sorted([*(other_files if index == 0 else []), *_described(members, rows)])
        if index == 0 and early_index is not None and early_index[0] == listed:
            members += early_index[1]
        else:
            members += index_members(_package_index(org, operator, period, when,
                                                     index_records if index == 0 else [], listed))
        packages.append({"kind": KIND_SUBMISSION, "sender": sender, "key": key,
                         "records": entries if index == 0 else [], "members": members,
                         "reference_data_version": reference, "created_at": when})
    digests = _write_parts(paths, packages)
    parts = [PackagePart(p, d, record_ids if i == 0 else [], [dict(r) for r in rows])
             for i, (p, d, rows) in enumerate(zip(paths, digests, plan, strict=True))]
    return CreatedPackage(paths[0], digests[0], KIND_SUBMISSION, org_id, record_ids,
                          nested=[dict(r) for r in nested], left_out=[dict(r) for r in left_out],
                          fingerprint=key.fingerprint, rollup_year=year, parts=parts)


def create_decision_package(store: Store, org_id: str, output: Path | str, *, operator: str,
                            period: str | None = None, record_ids: list[str] | None = None,
                            key: InstallationKey | None = None,
                            now: dt.datetime | None = None) -> CreatedPackage:
    """The county's decisions (accepted / returned, with comments) on records it received from
    ``org_id``, signed by the county, for the enterprise to import; at the province, its
    decisions on a county's own records, signed by the province (``deciders``). An operator name the
    manifest may not carry is refused first (``manifest.check_operator``)."""
    check_operator(operator)
    org = store.require_org(org_id)
    upper = decider_code(org)  # a county's records are decided by its province
    county = store.get_org(upper)
    if county is None or county["kind"] != "county":
        raise NotFoundError(f"本库中没有审核单位 {org_id} 记录的县或省 {upper}，无法签发审核结论",
                            f"the county or province {upper} deciding the records of {org_id} is not in this "
                            "database, so no decision can be signed for it", subject="admin_code")
    key = key or load_or_create_key()
    when = _now(now)
    rows = stored.decided_imported_records(store, org_id, period)
    if record_ids is not None:
        rows = [r for r in rows if r["record_id"] in set(record_ids)]
    if not rows:
        raise NothingToPackageError("nothing_to_package",
                                    f"单位 {org_id} 没有已审核（接收或退回）的记录",
                                    f"organisation {org_id} has no decided (accepted or returned) record",
                                    subject=org_id)
    members = [bytes_member(record_member(r["record_id"]), canonical_json(decision_record_file(r))) for r in rows]
    entries = [{"record_id": r["record_id"], "form": r["form"], "form_version": get_form(r["form"], r["form_version"]).version,
                "revision": r["revision"], "period": r["period"], "state": r["state"]} for r in rows]
    path = output_path(output, org_id, period, when)  # named after the enterprise it concerns
    digest = _write(path, kind=KIND_DECISION, sender=_sender(county, operator), key=key, records=entries,
                    members=members, reference_data_version=store.reference().version, created_at=when)
    ids = [r["record_id"] for r in rows]
    return CreatedPackage(path, digest, KIND_DECISION, org_id, ids, fingerprint=key.fingerprint,
                          parts=[PackagePart(path, digest, ids)])


__all__ = ["CreatedPackage", "PackagePart", "Renderers", "StandardRecordPdf", "create_decision_package", "create_submission_package",
           "default_renderers", "left_out_note", "output_path", "sendable_record_ids", "standard_rollup"]
