"""``export pdf|xlsx|rollup`` and ``import xlsx`` (shared/spec/cli.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.errors import InputError
from ..reports.record_pdf import write_record_pdf
from ..reports.rollup_data import county_rollup
from ..reports.rollup_pdf import write_rollup_pdf
from ..reports.rollup_xlsx import write_rollup_xlsx
from ..reports.workbook import export_workbook
from ..reports.xlsx_import import import_workbook
from .context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``export`` and ``import`` commands."""
    export = sub.add_parser("export", help="standard outputs: record PDF, workbook, county roll-up")
    esub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    p = esub.add_parser("pdf", help="the standard PDF of one record")
    p.add_argument("record_id", metavar="ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_export_pdf)
    p = esub.add_parser("xlsx", help="the standard workbook of the selected records "
                                     "(no records selected: the empty template)")
    p.add_argument("--org", metavar="ID")
    p.add_argument("--period", metavar="P")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_export_xlsx)
    p = esub.add_parser("rollup", help="the county roll-up of one year (.xlsx or .pdf)")
    p.add_argument("--year", required=True, type=int, metavar="Y")
    p.add_argument("--county", metavar="CODE", help="6-digit division code (default: the only county)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.pdf")
    p.set_defaults(handler=cmd_export_rollup)
    imp = sub.add_parser("import", help="read a standard workbook filled in Excel")
    isub = imp.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    p = isub.add_parser("xlsx", help="import a standard workbook; all or nothing")
    p.add_argument("file", metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_import_xlsx)


def _suffix(path: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        raise InputError(f"输出文件 {path} 的扩展名应为 {' 或 '.join(allowed)}",
                         f"output file {path} must end in {' or '.join(allowed)}", subject=path)
    return suffix


def cmd_export_pdf(args, ctx: CliContext) -> int:
    """``export pdf ID -o FILE.pdf``."""
    _suffix(args.output, (".pdf",))
    write_record_pdf(ctx.store, args.record_id, args.output)
    ctx.out(args.output)
    return 0


def cmd_export_xlsx(args, ctx: CliContext) -> int:
    """``export xlsx [--org ID] [--period P] -o FILE.xlsx``."""
    _suffix(args.output, (".xlsx",))
    count = export_workbook(ctx.store, args.output, org_id=args.org, period=args.period)
    if count:
        ctx.out(ctx.t(f"{args.output}：{count} 条记录", f"{args.output}: {count} record(s)"))
    else:
        ctx.out(ctx.t(f"{args.output}：没有符合条件的记录，已生成空白模板",
                      f"{args.output}: no records selected; wrote the empty template"))
    return 0


def cmd_export_rollup(args, ctx: CliContext) -> int:
    """``export rollup --year Y [--county CODE] -o FILE.xlsx|FILE.pdf``."""
    suffix = _suffix(args.output, (".xlsx", ".pdf"))
    rollup = county_rollup(ctx.store, args.year, args.county)
    if suffix == ".pdf":
        write_rollup_pdf(rollup, args.output)
    else:
        write_rollup_xlsx(rollup, args.output)
    ctx.out(ctx.t(f"{args.output}：{len(rollup.rows)} 个单位，缺报 {len(rollup.missing)} 个",
                  f"{args.output}: {len(rollup.rows)} organisations, {len(rollup.missing)} missing a report"))
    return 0


def cmd_import_xlsx(args, ctx: CliContext) -> int:
    """``import xlsx FILE.xlsx``: all or nothing."""
    result = import_workbook(ctx.store, args.file, ctx.operator)
    ctx.out(ctx.t(
        f"新增单位 {len(result.orgs_added)} 个；新增记录 {len(result.added)} 条（草稿），"
        f"更新 {len(result.updated)} 条，未变 {len(result.unchanged)} 条",
        f"organisations added: {len(result.orgs_added)}; records added: {len(result.added)} (drafts), "
        f"updated: {len(result.updated)}, unchanged: {len(result.unchanged)}"))
    for record_id in result.added:
        ctx.out(record_id)
    return 0
