"""``org add --json FILE`` and ``org list [--json]``."""

from __future__ import annotations

import argparse

from .context import CliContext
from .inputs import read_json_file
from .parser import Texts

KIND_ZH = {"enterprise": "企业", "park": "园区", "county": "县"}


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    """Add ``org add`` and ``org list``; help in ``lang``."""
    t = Texts(lang)
    org = t.command(sub, "org", "单位：企业、园区、县", "organisations: enterprises, parks, counties")
    osub = org.add_subparsers(dest="org_command", metavar="ACTION", required=True)
    p = t.command(osub, "add", "加入单位（JSON 文件中一个对象或一个列表）",
                  "add organisations (one JSON object or a list)")
    p.add_argument("--json", dest="json_file", required=True, metavar="FILE",
                   help=t("JSON 文件（“-”表示标准输入）", "JSON file ('-' for stdin)"))
    p.set_defaults(handler=cmd_org_add)
    p = t.command(osub, "list", "列出单位", "list organisations")
    p.add_argument("--kind", choices=["enterprise", "park", "county"],
                   help=t("只列出这一类单位", "only organisations of this kind"))
    p.add_argument("--json", action="store_true", help=t("输出 JSON", "print JSON"))
    p.set_defaults(handler=cmd_org_list)


def cmd_org_add(args, ctx: CliContext) -> int:
    payload = read_json_file(args.json_file)
    items = payload if isinstance(payload, list) else [payload]
    added = ctx.store.add_orgs(items, ctx.operator)
    for org_id in added:
        ctx.out(org_id)
    return 0


def cmd_org_list(args, ctx: CliContext) -> int:
    orgs = ctx.store.list_orgs(kind=args.kind)
    if args.json:
        ctx.json_out(orgs)
        return 0
    for org in orgs:
        kind = KIND_ZH.get(org["kind"], org["kind"]) if ctx.lang == "zh" else org["kind"]
        ctx.out(f"{org['org_id']}\t{kind}\t{org['admin_code']}\t{org['industry_code'] or '-'}\t{org['name']}")
    return 0
