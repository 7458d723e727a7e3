"""``init``, ``demo``, ``convert``, ``backup``, ``restore`` and ``reference`` commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.errors import InputError, StorageError
from .context import CliContext
from .parser import Texts
from .safety import checked


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    """Add ``init``, ``demo``, ``convert``, ``backup``, ``restore`` and ``reference``; help in ``lang``."""
    t = Texts(lang)
    command = t.command
    p = command(sub, "init", "创建或迁移数据库，显示其路径和结构版本",
                "create or migrate the database; print its path and schema version")
    p.set_defaults(handler=cmd_init)

    p = command(sub, "demo", "在数据库中生成一个虚构的示范县（单位和一年的记录）",
                "fill the database with a fictional demo county (organisations and a year of records)")
    p.add_argument("--county", default="410199",
                   help=t("6 位县级行政区划代码（默认 410199）", "6-digit county division code (default 410199)"))
    p.add_argument("--province", action="store_true",
                   help=t("虚构的省级数据库：河南三个县及其企业，已导入各县的数据包",
                          "a fictional province desk: three Henan counties with their enterprises, county packages imported"))
    p.add_argument("--enterprises", type=int,
                   help=t("企业数量，1～100000（默认 12；--province 时为每县企业数，1～200，默认 6）",
                          "number of enterprises, 1..100000 (default 12; with --province per county, 1..200, default 6)"))
    p.add_argument("--seed", type=int, default=2025,
                   help=t("随机数种子，同一种子生成相同数据（默认 2025）",
                          "random seed: the same seed gives the same data (default 2025)"))
    p.add_argument("--year", type=int, default=2025, help=t("报告年度（默认 2025）", "reporting year (default 2025)"))
    p.set_defaults(handler=cmd_demo)

    p = command(sub, "convert", "按能源品种自身的计量单位，把数量折算为吨标准煤和吨二氧化碳",
                "tce and tCO2 of a quantity in the energy code's own unit")
    p.add_argument("energy", help=t("能源品种代码，如 raw_coal、electricity", "energy code, e.g. raw_coal, electricity"))
    p.add_argument("qty", help=t("数量，单位为该能源品种的计量单位", "quantity in the code's unit"))
    p.add_argument("--gce-per-kwh", type=float,
                   help=t("电力按等价值折算时的供电标准煤耗（克标准煤/千瓦时，200～400）",
                          "electricity on the equal-value basis: supply coal consumption (gce/kWh, 200..400)"))
    p.add_argument("--grid-factor", help=t("电力排放因子代码（默认：参考数据的默认因子）",
                                           "grid factor id (default: the reference set's)"))
    p.add_argument("--json", action="store_true", help=t("输出 JSON", "print JSON"))
    p.set_defaults(handler=cmd_convert)

    p = command(sub, "backup", "生成数据库的一致性副本，或列出已有的备份",
                "consistent copy of the database, or the list of its copies")
    p.add_argument("action", nargs="?", choices=["list"],
                   help=t("list：列出备份（时间、大小、类型、路径）", "list: the copies (date, size, kind, path)"))
    p.add_argument("-o", "--output",
                   help=t("备份文件（默认：用户数据目录中该数据库的备份文件夹）",
                          "backup file (default: the database's folder of copies in the user data folder)"))
    p.add_argument("--json", action="store_true", help=t("list 时输出 JSON", "with list: print JSON"))
    p.set_defaults(handler=cmd_backup)

    p = command(sub, "restore", "检查备份后用它替换数据库，原数据库另行保留",
                "replace the database with a checked backup, keeping the old one")
    p.add_argument("file", nargs="?", help=t("备份文件", "backup file"))
    p.add_argument("--latest", action="store_true",
                   help=t("使用最新的完好备份（通过完整性检查）", "use the newest intact copy (passes the integrity check)"))
    p.set_defaults(handler=cmd_restore)

    p = command(sub, "reference", "参考数据（折标系数、排放因子、阈值）：列出版本，或从文件加入新的因子集",
                "reference-data sets: list, or add a newer factor set from a file")
    rsub = p.add_subparsers(dest="reference_command", metavar="ACTION", required=True)
    r = command(rsub, "list", "列出参考数据版本", "list reference-data versions")
    r.add_argument("--json", action="store_true", help=t("输出 JSON", "print JSON"))
    r.set_defaults(handler=cmd_reference_list)
    r = command(rsub, "add", "加入一个因子集文件（TOML），无需升级程序",
                "add a factor set (TOML) without a new release")
    r.add_argument("file", help=t("因子集文件（TOML）", "factor-set file (TOML)"))
    r.set_defaults(handler=cmd_reference_add)


def cmd_init(args, ctx: CliContext) -> int:
    store = ctx.store
    ctx.out(f"{ctx.db_path.resolve()}")
    ctx.out(ctx.t(f"数据库结构版本 {store.schema_version}", f"schema version {store.schema_version}"))
    for backup in store.backups:
        ctx.err(ctx.t(f"迁移前已备份：{backup}", f"backup before migration: {backup}"))
    return 0


def cmd_demo(args, ctx: CliContext) -> int:
    from ..demo import build_demo

    if args.province:
        return _province_demo(args, ctx)
    args.enterprises = 12 if args.enterprises is None else args.enterprises
    if not 1 <= args.enterprises <= 100_000:
        raise InputError("--enterprises 应在 1 到 100000 之间", "--enterprises must be within 1..100000",
                         subject="--enterprises")
    summary = build_demo(ctx.store, county=args.county, enterprises=args.enterprises, seed=args.seed,
                         year=args.year, operator=ctx.operator)
    ctx.out(ctx.t(f"示范县 {summary['county']}：{summary['organisations']} 个单位，{summary['records']} 条记录",
                  f"demo county {summary['county']}: {summary['organisations']} organisations, {summary['records']} records"))
    return 0


def _province_demo(args, ctx: CliContext) -> int:
    from ..demo.province import build_province_demo

    enterprises = 6 if args.enterprises is None else args.enterprises
    if not 1 <= enterprises <= 200:
        raise InputError("--enterprises 在 --province 时应在 1 到 200 之间（每县）",
                         "--enterprises must be within 1..200 (per county) with --province", subject="--enterprises")
    summary = build_province_demo(ctx.store, enterprises=enterprises, seed=args.seed, year=args.year,
                                  operator=ctx.operator)
    counties = "、".join(summary["counties"])
    ctx.out(ctx.t(f"示范省 {summary['province']}：导入 {summary['packages']} 个县的数据包（{counties}），"
                  f"{summary['organisations']} 个单位，{summary['records']} 条记录",
                  f"demo province {summary['province']}: {summary['packages']} county packages imported "
                  f"({', '.join(summary['counties'])}), {summary['organisations']} organisations, {summary['records']} records"))
    return 0


def cmd_convert(args, ctx: CliContext) -> int:
    from ..domain.compute.energy_report import co2_of_quantity, tce_of_quantity
    from ..domain.reference import catalog
    from ..domain.rounding import format_number
    from ..domain.values import ValueProblem, read_number

    def fmt(value: float, digits: int) -> str:  # rules.base.fmt, without loading every rule
        return format_number(value, digits, trim=True)

    ref = catalog().latest()
    if args.energy not in ref.energy:
        known = ", ".join(ref.energy)
        raise InputError(f"未知的能源品种代码 {args.energy}（可用：{known}）",
                         f"unknown energy code {args.energy} (known: {known})", subject="energy")
    try:
        qty = read_number(args.qty)
    except ValueProblem as problem:
        raise InputError(f"数量 QTY：{problem.zh}", f"quantity QTY: {problem.en}", subject="qty") from None
    if qty < 0:
        raise InputError("数量 QTY 不能为负数", "quantity QTY must not be negative", subject="qty")
    if args.gce_per_kwh is not None and not 200 <= args.gce_per_kwh <= 400:
        raise InputError("--gce-per-kwh 应在 200～400 之间", "--gce-per-kwh must be within 200..400",
                         subject="--gce-per-kwh")
    energy = ref.energy_type(args.energy)
    tce = tce_of_quantity(args.energy, qty, ref, args.gce_per_kwh)
    co2 = co2_of_quantity(args.energy, qty, ref, args.grid_factor)
    if args.json:
        ctx.json_out({"energy": energy.code, "quantity": qty, "unit": energy.unit_en,
                      "tce": round(tce, 6), "tco2": None if co2 is None else round(co2, 6),
                      "reference_data_version": ref.version})
        return 0
    co2_text = (ctx.t("无缺省排放因子", "no default CO2 factor") if co2 is None
                else f"{fmt(co2, 4)} {ctx.t('吨CO2', 'tCO2')}")
    ctx.out(f"{fmt(qty, 4)} {energy.unit(ctx.lang)} {energy.name(ctx.lang)} = "
            f"{fmt(tce, 4)} {ctx.t('吨标准煤', 'tce')}, {co2_text}")
    return 0


def cmd_backup(args, ctx: CliContext) -> int:
    from ..storage.autobackup import MANUAL, copy_to, make_backup

    if args.action == "list":
        if args.output:
            raise InputError("backup list 不接受 -o", "backup list takes no -o", subject="-o")
        return _list_backups(args, ctx)
    if not ctx.db_path.exists():
        raise InputError(f"数据库 {ctx.db_path} 不存在，没有可备份的内容",
                         f"database {ctx.db_path} does not exist; there is nothing to back up",
                         subject=str(ctx.db_path))
    checked(ctx)
    if args.output:
        target = Path(args.output)
        copy_to(ctx.store, target)  # written atomically
    else:
        target = make_backup(ctx.store, ctx.db_path, MANUAL)
    ctx.out(str(target))
    return 0


def _list_backups(args, ctx: CliContext) -> int:
    from ..storage.autobackup import backups_dir, list_backups

    copies = list_backups(ctx.db_path)
    if args.json:
        ctx.json_out([c.as_json() for c in copies])
        return 0
    if not copies:
        ctx.err(ctx.t(f"数据库 {ctx.db_path} 还没有备份（备份文件夹 {backups_dir(ctx.db_path)}）",
                      f"database {ctx.db_path} has no copies yet (backups folder {backups_dir(ctx.db_path)})"))
    for copy in copies:
        ctx.out(f"{copy.made_at:%Y-%m-%d %H:%M:%S}\t{copy.size}\t{copy.kind}\t{copy.path}")
    return 0


def cmd_restore(args, ctx: CliContext) -> int:
    from ..storage.autobackup import require_latest
    from ..storage.backup import restore_from
    from ..storage.health import check_database, is_unusable, replace_damaged

    if bool(args.file) == bool(args.latest):
        raise InputError("请给出备份文件，或使用 --latest（二者选一）",
                         "give a backup file or --latest (one of the two)", subject="file")
    source = require_latest(ctx.db_path).path if args.latest else Path(args.file)
    ctx.close()
    try:
        check_database(ctx.db_path)
    except StorageError as exc:
        if not is_unusable(exc):
            raise
        kept = replace_damaged(source, ctx.db_path)  # the damaged file is kept, untouched
        ctx.out(ctx.t(f"已从 {source} 恢复；损坏的数据库保存在 {kept}",
                      f"restored from {source}; the damaged database is kept at {kept}"))
        return 0
    kept = restore_from(source, ctx.db_path)
    ctx.out(ctx.t(f"已从 {source} 恢复；原数据库保存在 {kept}",
                  f"restored from {source}; the previous database is kept at {kept}"))
    return 0


def cmd_reference_list(args, ctx: CliContext) -> int:
    from ..domain.reference import catalog


    cat = catalog()
    rows = [{"version": v, "based_on": cat.get(v).based_on, "title": cat.get(v).title_zh if ctx.lang == "zh" else cat.get(v).title_en,
             "default_grid_factor": cat.get(v).default_grid_factor} for v in cat.versions()]
    if args.json:
        ctx.json_out(rows)
    else:
        for row in rows:
            ctx.out(f"{row['version']}\t{row['based_on'] or '-'}\t{row['default_grid_factor']}\t{row['title']}")
    for path, reason in cat.skipped.items():
        ctx.err(ctx.t(f"已跳过损坏的因子集文件 {path}：{reason}", f"skipped a damaged factor-set file {path}: {reason}"))
    return 0


def cmd_reference_add(args, ctx: CliContext) -> int:
    from ..domain.reference import catalog


    data = catalog().add_file(Path(args.file))
    ctx.out(ctx.t(f"已添加参考数据版本 {data.version}（基于 {data.based_on}）",
                  f"added reference data version {data.version} (based on {data.based_on})"))
    return 0

