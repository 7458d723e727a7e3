"""``export pdf|xlsx|rollup`` and ``import xlsx`` (docs/standard/cli.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.errors import InputError
from ..domain.forms import RECORD_FORMS
from .context import CliContext
from .parser import Texts
from .safety import checked_and_copied


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    """Add the ``export`` and ``import`` commands; help in ``lang``."""
    t = Texts(lang)
    export = t.command(sub, "export", "标准输出：记录 PDF、工作簿、县域汇总",
                       "standard outputs: record PDF, workbook, county roll-up")
    esub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    p = t.command(esub, "pdf", "一条记录的标准 PDF", "the standard PDF of one record")
    p.add_argument("record_id", metavar="ID", help=t("记录 ID", "record id"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=t("输出的 PDF 文件", "the PDF file to write"))
    p.add_argument("--explain", action="store_true",
                   help=t("附录“计算说明”：每个计算值的公式、填报值、系数及其出处、中间结果（语言随 --lang）",
                          "append the calculation notes: formula, entered values, factors with their "
                          "source and intermediate results of every computed value (in the --lang language)"))
    p.set_defaults(handler=cmd_export_pdf)
    p = t.command(esub, "xlsx", "所选记录的标准工作簿（空数据库：空白模板）",
                  "the standard workbook of the selected records (an empty database: the blank template)")
    p.add_argument("--org", metavar="ID", help=t("只导出这个单位的记录", "only records of this organisation"))
    p.add_argument("--period", metavar="P", help=t("只导出这个报告期（YYYY 含其各月）",
                                                   "only this period (YYYY includes its months)"))
    p.add_argument("--all", action="store_true", help=t("导出全部记录（每条的最新版本）",
                                                        "every record (the latest revision of each)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx",
                   help=t("输出的工作簿文件", "the workbook file to write"))
    p.set_defaults(handler=cmd_export_xlsx)
    p = t.command(esub, "template", "企业手工填写的空白模板（含填报说明和示例行）",
                  "the blank template an enterprise fills by hand (with instructions and example rows)")
    p.add_argument("--form", metavar="F",
                   help=t("只含这个表单（默认：全部表单）", "only this form (default: every form)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx",
                   help=t("输出的工作簿文件", "the workbook file to write"))
    p.set_defaults(handler=cmd_export_template)
    p = t.command(esub, "rollup", "一年的县域汇总（.xlsx 或 .pdf）", "the county roll-up of one year (.xlsx or .pdf)")
    p.add_argument("--year", required=True, type=int, metavar="Y", help=t("汇总年度", "the year"))
    p.add_argument("--county", metavar="CODE", help=t("6 位县级行政区划代码（默认：数据库中唯一的县）",
                                                      "6-digit division code (default: the only county)"))
    p.add_argument("--province", action="store_true",
                   help=t("全省汇总：每县一行（省的数据库）", "the province roll-up: one row per county (the province's database)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.pdf",
                   help=t("输出文件，扩展名决定格式", "the file to write; its extension chooses the format"))
    p.set_defaults(handler=cmd_export_rollup)
    imp = t.command(sub, "import", "读入在 Excel 中填写的标准工作簿", "read a standard workbook filled in Excel")
    isub = imp.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    p = t.command(isub, "xlsx", "导入标准工作簿：全部导入或全部不导入", "import a standard workbook; all or nothing")
    p.add_argument("file", metavar="FILE.xlsx", help=t("要导入的工作簿", "the workbook to import"))
    p.set_defaults(handler=cmd_import_xlsx)


def _suffix(path: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        raise InputError(f"输出文件 {path} 的扩展名应为 {' 或 '.join(allowed)}",
                         f"output file {path} must end in {' or '.join(allowed)}", subject=path)
    return suffix


def cmd_export_pdf(args, ctx: CliContext) -> int:
    """``export pdf ID -o FILE.pdf [--explain]``."""
    from ..reports.record_pdf import write_record_pdf


    _suffix(args.output, (".pdf",))
    write_record_pdf(ctx.store, args.record_id, args.output, ctx.lang if args.explain else None)
    ctx.out(args.output)
    return 0


def cmd_export_xlsx(args, ctx: CliContext) -> int:
    """``export xlsx [--org ID] [--period P] [--all] -o FILE.xlsx``: on a database with records
    it asks which (a user wanting a blank form would otherwise get every record)."""
    from ..reports.workbook import export_workbook, has_records, select_records


    _suffix(args.output, (".xlsx",))
    held = has_records(ctx.store)
    chosen = bool(args.org or args.period)
    if held and not chosen and not args.all:
        raise InputError(
            f"数据库中有 {held} 条记录：请用 --org/--period 选择要导出的记录，或用 --all 导出全部；"
            "空白模板请用 export template",
            f"the database holds {held} record(s): choose with --org/--period, or give --all for every "
            "record; for a blank template use export template", subject="--org")
    if args.org:
        ctx.store.require_org(args.org)
    if held and chosen and not select_records(ctx.store, org_id=args.org, period=args.period):
        raise InputError("没有符合 --org/--period 的记录，未写出文件；空白模板请用 export template",
                         "no record matches --org/--period; nothing written (for a blank template use "
                         "export template)", subject="--period" if args.period else "--org")
    count = export_workbook(ctx.store, args.output, org_id=args.org, period=args.period)
    if count:
        ctx.out(ctx.t(f"{args.output}：{count} 条记录", f"{args.output}: {count} record(s)"))
    else:
        ctx.out(ctx.t(f"{args.output}：数据库中没有记录，已生成空白模板",
                      f"{args.output}: the database holds no records; wrote the blank template"))
    return 0


def cmd_export_template(args, ctx: CliContext) -> int:
    """``export template [--form F] -o FILE.xlsx``."""
    from ..reports.template import write_template

    _suffix(args.output, (".xlsx",))
    if args.form is not None and args.form not in RECORD_FORMS:
        known = ", ".join(RECORD_FORMS)
        raise InputError(f"--form：未知的表单 {args.form}（可选：{known}）",
                         f"--form: unknown form {args.form} (known: {known})", subject="--form")
    write_template(args.output, ctx.store.reference(), args.form)
    ctx.out(ctx.t(f"{args.output}：空白模板", f"{args.output}: blank template"))
    return 0


def cmd_export_rollup(args, ctx: CliContext) -> int:
    """``export rollup --year Y [--county CODE] -o FILE.xlsx|FILE.pdf``."""
    from ..reports.rollup_data import county_rollup
    from ..reports.rollup_pdf import write_rollup_pdf
    from ..reports.rollup_xlsx import write_rollup_xlsx


    suffix = _suffix(args.output, (".xlsx", ".pdf"))
    if args.province:
        return _export_province_rollup(args, ctx, suffix)
    rollup = county_rollup(ctx.store, args.year, args.county)
    if suffix == ".pdf":
        write_rollup_pdf(rollup, args.output)
    else:
        write_rollup_xlsx(rollup, args.output)
    ctx.out(ctx.t(f"{args.output}：{len(rollup.rows)} 个单位，缺报 {len(rollup.missing)} 个",
                  f"{args.output}: {len(rollup.rows)} organisations, {len(rollup.missing)} missing a report"))
    return 0


def cmd_import_xlsx(args, ctx: CliContext) -> int:
    """``import xlsx FILE.xlsx``: all or nothing (after a check and a copy of the database)."""
    from ..reports.xlsx_import import import_workbook
    from ..storage.autobackup import BEFORE_WORKBOOK_IMPORT

    checked_and_copied(ctx, BEFORE_WORKBOOK_IMPORT)
    result = import_workbook(ctx.store, args.file, ctx.operator)
    ctx.out(ctx.t(
        f"新增单位 {len(result.orgs_added)} 个；新增记录 {len(result.added)} 条（草稿），"
        f"更新 {len(result.updated)} 条，未变 {len(result.unchanged)} 条",
        f"organisations added: {len(result.orgs_added)}; records added: {len(result.added)} (drafts), "
        f"updated: {len(result.updated)}, unchanged: {len(result.unchanged)}"))
    for record_id in result.added:
        ctx.out(record_id)
    for record_id, count in result.to_justify.items():
        ctx.out(ctx.t(f"草稿 {record_id} 有 {count} 条警告须说明原因后才能提交（record validate {record_id}，record justify）",
                      f"draft {record_id} has {count} warning(s) to justify before it can be submitted "
                      f"(record validate {record_id}, record justify)"))
    return 0


def _export_province_rollup(args, ctx: CliContext, suffix: str) -> int:
    """``export rollup --province --year Y -o FILE.xlsx|FILE.pdf``."""
    from ..reports.province_rollup_data import province_rollup
    from ..reports.province_rollup_pdf import write_province_rollup_pdf
    from ..reports.province_rollup_xlsx import write_province_rollup_xlsx

    if args.county:
        raise InputError("--county 与 --province 不能同时使用", "--county and --province cannot be used together",
                         subject="--county")
    rollup = province_rollup(ctx.store, args.year)
    if suffix == ".pdf":
        write_province_rollup_pdf(rollup, args.output)
    else:
        write_province_rollup_xlsx(rollup, args.output)
    missing = sum(c.missing for c in rollup.counties)
    ctx.out(ctx.t(f"{args.output}：{len(rollup.counties)} 个县，缺报 {missing} 个",
                  f"{args.output}: {len(rollup.counties)} counties, {missing} missing a report"))
    return 0
