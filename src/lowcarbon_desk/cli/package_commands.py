"""``package create|verify|import``, ``review`` and ``key show`` (docs/standard/cli.md).

Every text that comes from a package (the sender's name and operator, ``created_at``, the
record entries, file names; also what an import stored from one) is shown through
``domain.text.printable``: a control or bidirectional formatting character in it is printed
as an escape, so a package cannot write a line of its own or drive the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import LowcarbonError
from ..domain.text import printable as shown
from .context import CliContext
from .parser import Texts
from .safety import checked_and_copied

if TYPE_CHECKING:
    from ..packages.importer import ImportResult
    from ..packages.verify import VerifiedPackage

KIND_LABELS = {"submission": ("报送包", "submission"), "decision": ("审核结论包", "decision")}


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    """Add ``package``, ``review`` and ``key`` to the command tree; help in ``lang``."""
    t = Texts(lang)
    as_json = t("输出 JSON", "print JSON")
    pkg = t.command(sub, "package", "签名的上报数据包（.lcpkg）", "signed submission packages (.lcpkg)")
    psub = pkg.add_subparsers(dest="package_command", metavar="ACTION", required=True)

    p = t.command(psub, "create", "把一个单位（和报告期）的全部已提交记录打成数据包",
                  "package every submitted record of an organisation (and period)")
    p.add_argument("--org", dest="org_id", required=True,
                   help=t("单位代码（县还会转报其已接收的企业数据包）",
                          "organisation id (a county also forwards the enterprise packages it accepted)"))
    p.add_argument("--period", help=t("年（YYYY，含其各月）或月（YYYY-MM）", "year (YYYY, includes its months) or month (YYYY-MM)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.lcpkg",
                   help=t("数据包文件，或一个文件夹（按标准文件名写入）；县的数据包超出接收方上限时分成几个文件，"
                          "文件名加 -part1of3 等",
                          "package file, or a folder to write the standard file name into; a county's package "
                          "beyond a receiver's limits is written in parts, named with -part1of3 etc."))
    p.add_argument("--decisions", action="store_true",
                   help=t("县级：把对该单位报来记录的接收/退回结论打成审核结论包",
                          "at the county: a decision package of the accepted/returned records received from this organisation"))
    p.add_argument("--no-explain", dest="explain", action="store_false",
                   help=t("记录 PDF 不附计算说明（数据包更小、生成更快）",
                          "record PDFs without the appendix of calculation notes (a smaller package, made faster)"))
    p.set_defaults(handler=cmd_create)

    p = t.command(psub, "verify", "核验数据包（无需数据库）；不通过时退出码为 1 并说明原因",
                  "verify a package (no database needed); exit 1 with the reason")
    p.add_argument("file", metavar="FILE.lcpkg", help=t("数据包文件", "the package file"))
    p.add_argument("--json", action="store_true", help=as_json)
    p.set_defaults(handler=cmd_verify)

    p = t.command(psub, "import", "上级导入，每个文件全部导入或全部不导入（被拒绝的文件不影响其他文件；"
                                  "有文件被拒绝时退出码为 1）；也导入审核结论包",
                  "upper-level import, each file all or nothing (a refused file does not stop the others; "
                  "exit 1 if any was refused); also imports decision packages")
    p.add_argument("files", nargs="+", metavar="FILE.lcpkg",
                   help=t("一个或多个数据包文件；文件夹表示其中全部 .lcpkg 文件（按文件名顺序）",
                          "one or more package files; a folder stands for every .lcpkg file in it (by name)"))
    p.add_argument("--accept-new-key", action="store_true",
                   help=t("接受发送方更换后的签名密钥（记入修改日志）", "accept a sender's new signing key (written to the audit log)"))
    p.add_argument("--accept-foreign", action="store_true",
                   help=t("接收本库辖区以外的发送方的数据包（否则拒绝并写明双方代码）；其单位不计入本辖区的总览和汇总",
                          "accept packages whose sender is outside this database's division (otherwise refused, "
                          "naming both codes); their organisations stay out of this division's overview and roll-up"))
    p.set_defaults(handler=cmd_import)

    p = t.command(sub, "review", "上级对已提交记录的审核结论：接收或退回",
                  "the upper level's decision on a submitted record: accept or return")
    p.add_argument("record_id", help=t("记录 ID", "record id"))
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--accept", dest="decision", action="store_const", const="accepted",
                       help=t("接收", "accept the record"))
    group.add_argument("--return", dest="decision", action="store_const", const="returned",
                       help=t("退回（须写 --comment）", "return it (needs --comment)"))
    p.add_argument("--comment", help=t("审核意见（退回时必填）", "the comment (required for --return)"))
    p.add_argument("-o", "--output", metavar="FILE.lcpkg",
                   help=t("同时为企业生成签名的审核结论包", "also write a signed decision package for the enterprise"))
    p.set_defaults(handler=cmd_review)

    key = t.command(sub, "key", "本机的签名密钥", "this installation's signing key")
    ksub = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    p = t.command(ksub, "show", "显示本机公钥指纹", "this installation's public key fingerprint")
    p.add_argument("--json", action="store_true", help=as_json)
    p.set_defaults(handler=cmd_key_show)


def cmd_create(args, ctx: CliContext) -> int:
    from ..packages.create import create_decision_package, create_submission_package, left_out_note
    from ..packages.layout import ROLLUP_MEMBERS
    from ..packages.limits import size_text

    if args.decisions:
        made = create_decision_package(ctx.store, args.org_id, args.output, operator=ctx.operator, period=args.period)
    else:
        made = create_submission_package(ctx.store, args.org_id, args.output, operator=ctx.operator,
                                         period=args.period, **({} if args.explain else {"explain": None}))
    parts = made.parts or []
    count = len(parts)
    part_of = {}
    if count > 1:  # a county's package in parts: every file, what it holds (package.md, "Packages in parts")
        for index, part in enumerate(parts, 1):
            ctx.out(str(part.path))
            ctx.out(ctx.t(f"  第 {index}/{count} 部分：本单位记录 {len(part.record_ids)} 条，"
                          f"转报企业数据包 {len(part.nested)} 个，{size_text(part.path.stat().st_size)}",
                          f"  part {index} of {count}: {len(part.record_ids)} record(s) of its own, "
                          f"{len(part.nested)} forwarded package(s), {size_text(part.path.stat().st_size)}"))
            part_of.update({row["sha256"]: index for row in part.nested})
    else:
        ctx.out(str(made.path))
    ctx.out(ctx.t(f"{len(made.record_ids)} 条记录，密钥指纹 {made.fingerprint}",
                  f"{len(made.record_ids)} record(s), key fingerprint {made.fingerprint}"))
    if made.rollup_year is not None:
        every = ctx.t("（每个部分都有）", " (in every part)") if count > 1 else ""
        ctx.out(ctx.t(f"  县域汇总 {made.rollup_year} 年：{'、'.join(ROLLUP_MEMBERS)}{every}",
                      f"  county roll-up {made.rollup_year}: {', '.join(ROLLUP_MEMBERS)}{every}"))
    for row in made.nested:
        where = part_of.get(row["sha256"])
        sender = f"{shown(row['sender_org_id'])} {shown(row['sender_name'])}"
        ctx.out(ctx.t(f"  转报企业数据包 {sender}（{row['records']} 条记录）" + (f"，第 {where} 部分" if where else ""),
                      f"  forwarding the package of {sender} ({row['records']} record(s))"
                      + (f", part {where}" if where else "")))
    for row in made.left_out:
        sender, file_name = f"{shown(row['sender_org_id'])} {shown(row['sender_name'])}", shown(row["file_name"])
        ctx.err(ctx.t(f"  未转报 {sender} 的数据包 {file_name}：{left_out_note(row, 'zh')}",
                      f"  not forwarded: the package {file_name} of {sender} ({left_out_note(row, 'en')})"))
    return 0


def record_fingerprints(package: VerifiedPackage) -> dict[str, str]:
    """Each submitted record's content fingerprint (what its PDF's QR code holds), by id."""

    return {r.record_id: r.fingerprint for r in package.records}


def _package_json(package: VerifiedPackage) -> dict:
    from ..packages.layout import ROLLUP_MEMBERS


    fingerprints = record_fingerprints(package)
    records = [{**e, "fingerprint": fingerprints[e["record_id"]]} if e["record_id"] in fingerprints else e
               for e in package.manifest.records]
    return {"file": package.label, "sha256": package.sha256, "kind": package.kind, "sender": package.sender,
            "fingerprint": package.fingerprint, "created_at": package.manifest.raw["created_at"],
            "records": records, "rollup": [n for n in ROLLUP_MEMBERS if n in package.manifest.files],
            "targets": [{k: v for k, v in t.as_dict().items() if k not in ("set_by", "set_at")}
                        for t in package.targets],
            "packages": [_package_json(p) for p in package.nested]}


def _print_package(package: VerifiedPackage, ctx: CliContext, indent: str = "") -> None:
    from ..domain.forms import get_form
    from ..domain.records import state_label
    from ..packages.layout import ROLLUP_MEMBERS


    sender = package.sender
    kind = KIND_LABELS[package.kind][1 if ctx.lang == "en" else 0]
    ctx.out(f"{indent}{ctx.t('数据包', 'package')} {shown(package.label)}  ({kind})  SHA-256 {package.sha256}")
    ctx.out(f"{indent}  {ctx.t('发送方', 'sender')}: {shown(sender['name'])} ({shown(sender['org_id'])}), "
            f"{ctx.t('操作员', 'operator')} {shown(sender['operator'])}, {shown(package.manifest.raw['created_at'])}")
    ctx.out(f"{indent}  {ctx.t('密钥指纹', 'key fingerprint')}: {package.fingerprint}")
    fingerprints = record_fingerprints(package)
    for entry in package.manifest.records:
        try:
            title = get_form(entry["form"], entry["form_version"]).title(ctx.lang)
        except Exception:  # a decision package may name a form version unknown here
            title = entry["form"]
        ctx.out(f"{indent}  {shown(entry['record_id'])}  {shown(title)}  {shown(entry['period'] or '-')}  "
                f"r{entry['revision']}  {shown(state_label(entry['state'], ctx.lang))}")
        if entry["record_id"] in fingerprints:
            ctx.out(f"{indent}    {ctx.t('内容指纹（与 PDF 二维码对照）', 'content fingerprint (matches the PDF QR code)')}: "
                    f"{fingerprints[entry['record_id']]}")
    rollup = [n for n in ROLLUP_MEMBERS if n in package.manifest.files]
    if rollup:
        ctx.out(f"{indent}  {ctx.t('县域汇总', 'county roll-up')}: {', '.join(rollup)}")
    if package.targets:
        years = ", ".join(f"{t.year} ({ctx.t('基准年', 'base year')} {t.base_year})" for t in package.targets)
        ctx.out(f"{indent}  {ctx.t('目标', 'targets')} (targets.json): {years}")
    for inner in package.nested:
        _print_package(inner, ctx, indent + "  ")


def cmd_verify(args, ctx: CliContext) -> int:
    from ..domain.reference import catalog as installed_catalog
    from ..packages.verify import verify_file


    package = verify_file(args.file, catalog=installed_catalog())
    if args.json:
        ctx.json_out({"ok": True, **_package_json(package)})
        return 0
    ctx.out(ctx.t("核验通过：签名有效，文件完整，记录通过校验", "verified: signature valid, files intact, records validate"))
    _print_package(package, ctx)
    return 0


def _print_result(result: ImportResult, ctx: CliContext, indent: str = "") -> None:
    from ..domain.records import state_label
    from ..packages.importer import ALREADY_IMPORTED


    who = f"{shown(result.sender_name)} ({shown(result.sender_org_id)})"
    label = shown(result.label)
    if result.status == ALREADY_IMPORTED:
        ctx.out(ctx.t(f"{indent}{label}：已于 {shown(result.imported_at)} 导入过，未做改动",
                      f"{indent}{label}: already imported on {shown(result.imported_at)}; nothing changed"))
        return
    ctx.out(ctx.t(f"{indent}{label}：已导入，发送方 {who}",
                  f"{indent}{label}: imported from {who}"))
    if result.key_status == "first_use":
        ctx.out(ctx.t(f"{indent}  首次收到该单位的数据包，已登记其密钥指纹 {result.fingerprint}（请与对方核对）",
                      f"{indent}  first package from this organisation: pinned its key fingerprint {result.fingerprint} (check it with the sender)"))
    elif result.key_status == "accepted_new":
        ctx.out(ctx.t(f"{indent}  已接受新密钥 {result.fingerprint}（原 {result.previous_fingerprint}），已记入修改日志",
                      f"{indent}  accepted the new key {result.fingerprint} (was {result.previous_fingerprint}); written to the audit log"))
    if result.kind == "decision":
        for record_id, state in result.decided:
            ctx.out(f"{indent}  {shown(record_id)}: {shown(state_label(state, ctx.lang))}")
        if result.unchanged:
            ctx.out(ctx.t(f"{indent}  {len(result.unchanged)} 条结论此前已生效", f"{indent}  {len(result.unchanged)} decision(s) already in effect"))
        return
    ctx.out(ctx.t(f"{indent}  新增 {len(result.added)} 条记录（其中 {len(result.superseding)} 条是新版本），已有 {len(result.present)} 条",
                  f"{indent}  {len(result.added)} record(s) added ({len(result.superseding)} newer revision(s)), {len(result.present)} already here"))
    for inner in result.nested:
        _print_result(inner, ctx, indent + "  ")


def cmd_import(args, ctx: CliContext) -> int:
    """Each file in its own transaction: all or nothing per package (package.md), so a refused
    file changes nothing and does not stop the others; one line per file; exit 1 if any failed."""
    from ..packages.importer import import_each
    from ..storage.autobackup import BEFORE_PACKAGE_IMPORT
    from .package_files import package_files

    files = package_files(args.files)
    checked_and_copied(ctx, BEFORE_PACKAGE_IMPORT)
    failed = 0
    # the next files are verified in a worker process while this one writes, where a core is idle;
    # closed on any way out, so the worker is stopped
    with contextlib.closing(import_each(ctx.store, files, ctx.operator, accept_new_key=args.accept_new_key,
                                        accept_foreign=args.accept_foreign)) as results:
        for file, result in results:
            if isinstance(result, LowcarbonError):
                failed += 1
                message = result.message(ctx.lang)
                if Path(str(file)).name not in message:
                    message = f"{file!s}: {message}"
                message = shown(message)
                ctx.err(ctx.t(f"已拒绝（未做改动）：{message}", f"refused (nothing changed): {message}"))
                continue
            _print_result(result, ctx)
    if len(files) > 1:
        done = len(files) - failed
        summary = ctx.t(f"{done} 个文件已导入，{failed} 个被拒绝", f"{done} file(s) imported, {failed} refused")
        (ctx.err if failed else ctx.out)(summary)
    return 1 if failed else 0


def cmd_review(args, ctx: CliContext) -> int:
    from ..domain.records import state_label
    from ..packages.create import create_decision_package
    from ..packages.manifest import check_operator

    if args.output:  # refused before the decision is taken, not only when the package is written
        check_operator(ctx.operator)
    store = ctx.store
    with store.transaction():
        store.decide(args.record_id, args.decision, ctx.operator, args.comment)
        made = None
        if args.output:
            org_id = store.get_record(args.record_id)["org_id"]
            made = create_decision_package(store, org_id, args.output, operator=ctx.operator,
                                           record_ids=[args.record_id])
    ctx.out(ctx.t(f"记录 {args.record_id}：{state_label(args.decision, 'zh')}",
                  f"record {args.record_id}: {state_label(args.decision, 'en')}"))
    if made is not None:
        ctx.out(ctx.t(f"审核结论包：{made.path}", f"decision package: {made.path}"))
    return 0


def cmd_key_show(args, ctx: CliContext) -> int:
    from ..packages.keys import load_or_create_key


    key = load_or_create_key()
    if args.json:
        ctx.json_out({"fingerprint": key.fingerprint, "public_key": key.public_base64, "path": str(key.path)})
        return 0
    ctx.out(ctx.t(f"本机密钥指纹：{key.fingerprint}", f"this installation's key fingerprint: {key.fingerprint}"))
    ctx.out(ctx.t(f"公钥：{key.public_base64}", f"public key: {key.public_base64}"))
    ctx.out(ctx.t(f"私钥文件：{key.path}（仅本人可读，请勿外传）",
                  f"private key file: {key.path} (owner-only; never share it)"))
    return 0
