"""``target set --division CODE --year Y [...]`` and ``target list [--json]`` (reference data §5)."""

from __future__ import annotations

import argparse

from ..domain.targets import Target, check_division, check_target, entered_year, merged, value_text
from .context import CliContext
from .parser import Texts

# field → the option that enters it, named in every refusal
OPTIONS: dict[str, str] = {
    "division": "--division", "year": "--year", "base_year": "--base-year",
    "co2_intensity_cut_pct": "--co2-intensity-cut", "energy_intensity_cut_pct": "--energy-intensity-cut",
    "energy_cap_tce": "--energy-cap", "non_fossil_share_pct": "--non-fossil-share",
}


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    """Add ``target set`` and ``target list``; help in ``lang``."""
    t = Texts(lang)
    target = t.command(sub, "target", "县或省的目标：碳排放强度、能耗强度、能源消费总量上限、非化石能源占比",
                       "targets of a county or the province: CO2 and energy intensity, energy cap, non-fossil share")
    tsub = target.add_subparsers(dest="target_command", metavar="ACTION", required=True)
    p = t.command(tsub, "set", "设定或修改一个目标年的目标（未给出的选项保留已存的值）",
                  "set or change the targets of one target year (options left out keep their stored values)")
    p.add_argument("--division", required=True, metavar="CODE",
                   help=t("6 位行政区划代码：县设定本县的，省设定本省及所辖县的", "6-digit division code: a county "
                          "sets its own, the province its own and its counties'"))
    p.add_argument("--year", required=True, metavar="Y", help=t("目标年", "the target year"))
    p.add_argument("--base-year", metavar="B", help=t("基准年（新目标必须给出；须早于目标年）",
                                                     "the base year (required for a new target; before the target year)"))
    p.add_argument("--co2-intensity-cut", metavar="PCT",
                   help=t("碳排放强度到目标年比基准年下降的百分比（0～100）",
                          "CO2-intensity cut below the base year by the target year, %% (0..100)"))
    p.add_argument("--energy-intensity-cut", metavar="PCT",
                   help=t("能耗强度到目标年比基准年下降的百分比（0～100）",
                          "energy-intensity cut below the base year by the target year, %% (0..100)"))
    p.add_argument("--energy-cap", metavar="TCE", help=t("能源消费总量上限，吨标准煤（大于 0）",
                                                         "cap on total energy, tce (above 0)"))
    p.add_argument("--non-fossil-share", metavar="PCT", help=t("非化石能源占比目标，%%（0～100）",
                                                               "non-fossil share target, %% (0..100)"))
    p.set_defaults(handler=cmd_target_set)
    p = t.command(tsub, "list", "列出已设定的目标", "list the targets set")
    p.add_argument("--json", action="store_true", help=t("输出 JSON", "print JSON"))
    p.set_defaults(handler=cmd_target_list)


def _names() -> dict[str, tuple[str, str]]:
    return {key: (option, option) for key, option in OPTIONS.items()}


def cmd_target_set(args, ctx: CliContext) -> int:
    from ..storage.targets import get_target, require_settable, set_target  # storage loads sqlite-utils: not for --help

    entered = {"division": args.division, "year": args.year, "base_year": args.base_year,
               "co2_intensity_cut_pct": args.co2_intensity_cut, "energy_intensity_cut_pct": args.energy_intensity_cut,
               "energy_cap_tce": args.energy_cap, "non_fossil_share_pct": args.non_fossil_share}
    names = _names()
    division = check_division(args.division, names)
    store = ctx.store
    require_settable(store, division, ("--division", "--division"))
    stored = get_target(store, division, entered_year(args.year, "year", names))
    values = merged(stored, entered) if stored else entered
    target = set_target(store, check_target({**values, "set_by": ""}, names), ctx.operator)
    ctx.out(line(target, ctx.lang))
    return 0


def line(target: Target, lang: str) -> str:
    """One target as a line: division, years, the four targets, who set it and when."""
    cells = [target.division, str(target.year), str(target.base_year),
             _pct(target.co2_intensity_cut_pct), _pct(target.energy_intensity_cut_pct),
             value_text(target.energy_cap_tce, 2), _pct(target.non_fossil_share_pct), target.set_by, target.set_at]
    if lang == "en":
        labels = ["division", "target year", "base year", "CO2-intensity cut", "energy-intensity cut",
                  "energy cap tce", "non-fossil share", "set by", "set at"]
    else:
        labels = ["区划", "目标年", "基准年", "碳排放强度下降", "能耗强度下降", "能源消费总量上限（吨标准煤）",
                  "非化石能源占比", "设定", "时间"]
    return "\t".join(f"{label} {cell}" if i > 0 else cell for i, (label, cell) in enumerate(zip(labels, cells, strict=True)))


def _pct(value: float | None) -> str:
    return value_text(value) + ("" if value is None else "%")


def cmd_target_list(args, ctx: CliContext) -> int:
    from ..storage.targets import list_targets

    targets = list_targets(ctx.store)
    if args.json:
        ctx.json_out([t.as_dict() for t in targets])
        return 0
    for target in targets:
        ctx.out(line(target, ctx.lang))
    return 0
