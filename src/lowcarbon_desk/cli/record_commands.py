"""``record add|list|show|validate|justify|submit|revise``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.errors import InputError
from .context import CliContext
from .inputs import read_json_file
from .parser import Texts

RECORD_KEYS = {"form", "form_version", "org_id", "data"}


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    """Add the ``record`` commands; help in ``lang``."""
    t = Texts(lang)
    rec = t.command(sub, "record", "记录：能源报表、用能预算、清洁生产审核、低碳试点申报",
                    "records: energy reports, budgets, audits, pilot applications")
    rsub = rec.add_subparsers(dest="record_command", metavar="ACTION", required=True)
    record_id = t("记录 ID", "record id")
    as_json = t("输出 JSON", "print JSON")

    p = t.command(rsub, "add", "新增一条草稿记录（记录 JSON），显示其 record_id",
                  "add a record in draft (record JSON); print its record_id")
    p.add_argument("--json", dest="json_file", required=True, metavar="FILE",
                   help=t("记录 JSON 文件（“-”表示标准输入）", "record JSON file ('-' for stdin)"))
    p.set_defaults(handler=cmd_add)

    p = t.command(rsub, "list", "列出记录", "list records")
    # checked in the handler: the forms come from the form files, which may be broken
    p.add_argument("--form", help=t("只列出这种表单（表单代码，如 energy_report）",
                                    "only records of this form (a form id, e.g. energy_report)"))
    p.add_argument("--org", dest="org_id", help=t("只列出这个单位的记录", "only records of this organisation"))
    p.add_argument("--period", help=t("只列出这个报告期（YYYY 或 YYYY-MM）", "only this period (YYYY or YYYY-MM)"))
    p.add_argument("--state", choices=["draft", "submitted", "accepted", "returned"],
                   help=t("只列出这种状态", "only records in this state"))
    p.add_argument("--json", action="store_true", help=as_json)
    p.set_defaults(handler=cmd_list)

    p = t.command(rsub, "show", "显示记录的填报值、计算值、问题和状态",
                  "the record with its computed values, issues and state")
    p.add_argument("record_id", help=record_id)
    p.add_argument("--json", action="store_true", help=as_json)
    p.add_argument("--audit", action="store_true", help=t("同时显示修改日志", "include the audit log"))
    p.set_defaults(handler=cmd_show)

    p = t.command(rsub, "validate", "列出错误、警告和提示；有错误时退出码为 1",
                  "print errors, warnings and infos; exit 1 on an error")
    p.add_argument("record_id", help=record_id)
    p.set_defaults(handler=cmd_validate)

    p = t.command(rsub, "explain", "说明计算值的来历：公式、填报值、系数及来源、中间结果",
                  "explain computed values: formula, entered values, factors and their sources, intermediate results")
    p.add_argument("record_id", help=record_id)
    p.add_argument("--field", help=t("只说明这个计算值（如 total_tce 或 lines[0].line_tce）",
                                     "only this computed value (such as total_tce or lines[0].line_tce)"))
    p.add_argument("--json", action="store_true", help=as_json)
    p.set_defaults(handler=cmd_explain)

    p = t.command(rsub, "justify", "为警告写明理由", "justify a warning")
    p.add_argument("record_id", help=record_id)
    p.add_argument("--rule", required=True, help=t("规则代码，如 energy_report.stock_balance",
                                                   "rule id, e.g. energy_report.stock_balance"))
    p.add_argument("--text", required=True, help=t("理由", "the justification"))
    p.add_argument("--field", help=t("只说明这个字段路径上的警告（默认：该规则的全部警告）",
                                     "only the warning on this field path (default: every warning of the rule)"))
    p.set_defaults(handler=cmd_justify)

    p = t.command(rsub, "attach", "给草稿添加附件（PDF、JPEG、PNG、XLSX、DOCX，不超过 50 MB）",
                  "attach a document (PDF, JPEG, PNG, XLSX, DOCX, at most 50 MB) to a draft")
    p.add_argument("record_id", help=record_id)
    p.add_argument("file", help=t("附件文件", "the document"))
    p.set_defaults(handler=cmd_attach)

    p = t.command(rsub, "detach", "删除草稿的第 N 个附件（1 为第一个）",
                  "remove attachment N (1 = the first) from a draft")
    p.add_argument("record_id", help=record_id)
    p.add_argument("number", type=int, help=t("附件序号 N", "attachment number N"))
    p.set_defaults(handler=cmd_detach)

    p = t.command(rsub, "submit", "提交草稿；有错误或未说明的警告时拒绝",
                  "move a draft to submitted; refused while an error or an unjustified warning remains")
    p.add_argument("record_id", help=record_id)
    p.set_defaults(handler=cmd_submit)

    p = t.command(rsub, "revise", "为已提交的记录生成新的草稿版本，显示新 ID",
                  "new draft revision of a submitted record; print the new id")
    p.add_argument("record_id", help=record_id)
    p.add_argument("--to-latest", action="store_true",
                   help=t("改用表单的最新版本（草稿就地更新）；变化写到标准错误",
                          "onto the newest version of the form (a draft moves in place); what changed goes to stderr"))
    p.set_defaults(handler=cmd_revise)


def _read_record_json(name: str) -> dict:
    from ..domain.text import shown

    payload = read_json_file(name)
    if not isinstance(payload, dict):
        raise InputError(f"文件 {name}：记录应为 JSON 对象", f"file {name}: a record must be a JSON object",
                         subject=name)
    unknown = [shown(key) for key in sorted(set(payload) - RECORD_KEYS)]
    if unknown:
        raise InputError(f"文件 {name}：未知的键 {', '.join(unknown)}（只允许 form、form_version、org_id、data）",
                         f"file {name}: unknown keys {', '.join(unknown)} (only form, form_version, org_id, data)",
                         subject=name)
    for key in ("form", "org_id", "data"):
        if key not in payload:
            raise InputError(f"文件 {name}：缺少 {key}", f"file {name}: {key} is missing", subject=key)
    if not isinstance(payload["form"], str) or not isinstance(payload["org_id"], str):
        raise InputError(f"文件 {name}：form 和 org_id 应为文本", f"file {name}: form and org_id must be text",
                         subject=name)
    return payload


def cmd_add(args, ctx: CliContext) -> int:
    from ..domain.forms import get_form
    from ..domain.issues import ERROR

    payload = _read_record_json(args.json_file)
    form = get_form(payload["form"], payload.get("form_version"))
    store = ctx.store
    record_id = store.add_record(form.id, payload["org_id"], payload["data"], ctx.operator, version=form.version)
    ctx.out(record_id)
    errors = [i for i in store.issues(record_id) if i.severity == ERROR]
    if errors:
        ctx.err(ctx.t(f"已存为草稿，但有 {len(errors)} 个错误，提交前须修正（record validate {record_id}）",
                      f"saved as a draft with {len(errors)} error(s) to fix before submitting (record validate {record_id})"))
    return 0


def cmd_list(args, ctx: CliContext) -> int:
    from ..domain.forms import RECORD_FORMS
    from ..domain.records import state_label
    from ..domain.rules.base import fmt

    if args.form is not None and args.form not in RECORD_FORMS:
        raise InputError(f"未知的表单：{args.form!r}（可用：{'、'.join(RECORD_FORMS)}）",
                         f"unknown form: {args.form!r} (known: {', '.join(RECORD_FORMS)})", subject="--form")
    rows = ctx.store.list_records(form=args.form, org_id=args.org_id, period=args.period, state=args.state)
    if args.json:
        ctx.json_out(rows)
        return 0
    for row in rows:
        figure = f"{fmt(row['total_tce'])} tce" if row["total_tce"] is not None else (row["budget_status"] or "")
        ctx.out(f"{row['record_id']}\t{row['form']}\t{row['org_id']}\t{row['period'] or '-'}\t"
                f"r{row['revision']}\t{state_label(row['state'], ctx.lang)}\t{figure}\t{row['org_name']}")
    return 0


def _issue_line(issue: dict, lang: str) -> str:
    from ..domain.issues import ERROR, INFO, WARNING

    tags = {ERROR: ("错误", "error"), WARNING: ("警告", "warning"), INFO: ("提示", "info")}
    tag = tags[issue["severity"]][1 if lang == "en" else 0]
    line = f"[{tag}] {issue['rule']} {issue['field'] or '-'}: {issue['message_en' if lang == 'en' else 'message_zh']}"
    if issue["severity"] == WARNING:
        note = issue.get("justification")
        line += (f"\n    {'justified' if lang == 'en' else '说明'}: {note}" if note
                 else ("\n    (needs a justification)" if lang == "en" else "\n    （需要书面说明）"))
    return line


def _shown_issue_line(form, doc: dict, issue, ref, lang: str) -> str:
    """An issue as ``record show`` prints it: the field by its label, the message without the
    field's description, the rule (``record justify --rule`` names it) at the end."""
    from ..domain.issues import ERROR, INFO, WARNING
    from ..domain.labels import field_label, issue_reason

    tags = {ERROR: ("错误", "error"), WARNING: ("警告", "warning"), INFO: ("提示", "info")}
    tag = tags[issue.severity][1 if lang == "en" else 0]
    where = field_label(form, issue.field, lang, doc["data"], ref) if issue.field else form.title(lang)
    rule = f"rule {issue.rule}" if lang == "en" else f"规则 {issue.rule}"
    line = f"[{tag}] {where}: {issue_reason(form, issue, lang)} ({rule})"
    if issue.severity == WARNING:
        note = issue.justification
        line += (f"\n    {'justified' if lang == 'en' else '说明'}: {note}" if note
                 else ("\n    (needs a justification)" if lang == "en" else "\n    （需要书面说明）"))
    return line


def cmd_show(args, ctx: CliContext) -> int:
    from ..domain.forms import get_form
    from ..domain.labels import computed_text
    from ..domain.records import state_label

    doc = ctx.store.get_record(args.record_id, with_audit=args.audit)
    if args.json:
        ctx.json_out(doc)
        return 0
    form = get_form(doc["form"], doc["form_version"])
    org = ctx.store.get_org(doc["org_id"]) or {}
    ctx.out(f"{form.title(ctx.lang)} v{form.version}  {doc['record_id']}  r{doc['revision']}  "
            f"{state_label(doc['state'], ctx.lang)}")
    ctx.out(f"{org.get('name', '')} ({doc['org_id']})  {ctx.t('报告期', 'period')} {doc['period'] or '-'}  "
            f"{ctx.t('参考数据', 'reference data')} {doc['reference_data_version']}")
    if doc.get("decision_comment"):
        ctx.out(f"{ctx.t('审核意见', 'comment')}: {doc['decision_comment']}")
    for spec in form.scalar_fields():
        value = doc["data"].get(spec.id)
        if value is None:
            continue
        shown = form.enum_label(spec.enum, value, ctx.lang, ctx.store.reference()) if spec.enum else value
        ctx.out(f"  {spec.label(ctx.lang)}: {shown} {spec.unit(ctx.lang)}".rstrip())
    for spec in form.container_fields():
        items = doc["data"].get(spec.id) or []
        if spec.type == "months":
            items = [v for v in items if v is not None]
        if items:
            ctx.out(f"  {spec.label(ctx.lang)}: {len(items)} {ctx.t('项', 'item(s)')}")
    ref = ctx.store.reference(doc["reference_data_version"])
    ctx.out(ctx.t("计算值：", "computed:"))
    for item in form.computed_for("record"):
        value = doc["computed"].get(item.id)
        if value is None:
            continue
        # labels, never ids (a grid factor set by its name); --json keeps the ids
        shown = computed_text(form, item, value, ctx.lang, ref)
        unit = item.unit(ctx.lang) if item.type in ("number", "int") else ""
        ctx.out(f"  {item.label(ctx.lang)}: {shown} {unit}".rstrip())
    issues = ctx.store.issues(doc["record_id"]) if doc["issues"] else []
    if issues:
        ctx.out(ctx.t("问题：", "issues:"))
        for issue in issues:
            ctx.out("  " + _shown_issue_line(form, doc, issue, ref, ctx.lang))
    return 0


def cmd_validate(args, ctx: CliContext) -> int:
    from ..domain.issues import ERROR, INFO, WARNING

    issues = [i.to_json(ctx.lang) for i in ctx.store.issues(args.record_id)]
    for issue in issues:
        ctx.out(_issue_line(issue, ctx.lang))
    counts = {s: sum(1 for i in issues if i["severity"] == s) for s in (ERROR, WARNING, INFO)}
    unjustified = sum(1 for i in issues if i["severity"] == WARNING and not i["justification"])
    ctx.out(ctx.t(f"{counts[ERROR]} 个错误，{counts[WARNING]} 个警告（{unjustified} 个未说明），{counts[INFO]} 个提示",
                  f"{counts[ERROR]} error(s), {counts[WARNING]} warning(s) ({unjustified} unjustified), {counts[INFO]} info(s)"))
    return 1 if counts[ERROR] else 0


def cmd_explain(args, ctx: CliContext) -> int:
    from ..domain.explain import as_dict, explain_record, text_lines

    doc = ctx.store.get_record(args.record_id)
    ref = ctx.store.reference(doc["reference_data_version"])
    form, data, found = explain_record(doc, ref, args.field)
    if args.json:
        ctx.json_out([as_dict(e, form, data, ref, ctx.lang) for e in found])
        return 0
    for explanation in found:
        for line in text_lines(explanation, form, data, ref, ctx.lang):
            ctx.out(line)
    return 0


def cmd_justify(args, ctx: CliContext) -> int:
    count = ctx.store.justify(args.record_id, args.rule, args.text, ctx.operator, field=args.field)
    ctx.out(ctx.t(f"已说明 {count} 个警告", f"justified {count} warning(s)"))
    return 0


def cmd_attach(args, ctx: CliContext) -> int:
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取附件 {path}：{exc}", f"cannot read attachment {path}: {exc}", subject=str(path)) from None
    meta = ctx.store.add_attachment(args.record_id, path.name, content, ctx.operator)
    ctx.out(f"{meta['name']}\t{meta['size']}\t{meta['sha256']}")
    return 0


def cmd_detach(args, ctx: CliContext) -> int:
    ctx.store.remove_attachment(args.record_id, args.number - 1, ctx.operator)
    ctx.out(ctx.t(f"已删除第 {args.number} 个附件", f"removed attachment {args.number}"))
    return 0


def cmd_submit(args, ctx: CliContext) -> int:
    ctx.store.submit(args.record_id, ctx.operator)
    ctx.out(ctx.t(f"记录 {args.record_id} 已提交", f"record {args.record_id} submitted"))
    return 0


def cmd_revise(args, ctx: CliContext) -> int:
    if not args.to_latest:
        ctx.out(ctx.store.revise(args.record_id, ctx.operator))
        return 0
    moved = ctx.store.revise_to_latest(args.record_id, ctx.operator)
    ctx.out(moved.record_id)
    for line in moved.lines(ctx.lang):
        ctx.err(line)
    return 0
