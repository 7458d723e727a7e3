"""Targets of a county or the province and the progress towards them (reference data §5).

A target is set per division and target year: the base year, the cut of CO2 intensity and of
energy intensity by the target year (% below the base year), optionally a cap on total energy
(tce) and a non-fossil share (%). Progress is a pure function of the target and the division's
figures per year (``YearFigures``, summed by storage from the energy reports that count):

- achieved reduction = (base − now) / base; progress = achieved / target reduction;
- the linear path expects ``target × (t − B) / (Y − B)`` at year ``t``;
- status: ``on_track`` (achieved ≥ path), ``behind`` (< path), and once ``t ≥ Y`` ``met`` or
  ``missed``; ``no_data`` without figures, ``no_target`` without a target;
- the energy cap: ``within`` or ``exceeded``; the non-fossil share follows a linear path from
  the base year's share to the target (the Hunan plan's guidance is shown beside an empty one).

Every figure carries a short explanation (zh, en) of how it was computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import InputError
from .rounding import format_number

MIN_YEAR, MAX_YEAR = 2000, 2100
PCT_FIELDS = ("co2_intensity_cut_pct", "energy_intensity_cut_pct", "non_fossil_share_pct")

# what each field is called where it is entered: (zh, en); the command line passes its options
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "division": ("行政区划代码", "division code"),
    "year": ("目标年", "target year"),
    "base_year": ("基准年", "base year"),
    "co2_intensity_cut_pct": ("碳排放强度下降目标", "CO2-intensity cut"),
    "energy_intensity_cut_pct": ("能耗强度下降目标", "energy-intensity cut"),
    "energy_cap_tce": ("能源消费总量上限", "energy cap"),
    "non_fossil_share_pct": ("非化石能源占比目标", "non-fossil share target"),
}

STATUS_TEXT: dict[str, tuple[str, str]] = {
    "on_track": ("达标进度正常", "on track"),
    "behind": ("滞后", "behind"),
    "met": ("达标", "met"),
    "missed": ("未完成", "missed"),
    "within": ("未超上限", "within the cap"),
    "exceeded": ("超出上限", "cap exceeded"),
    "no_data": ("无数据", "no data"),
    "no_target": ("未设目标", "no target"),
}

NO_FIGURE = "—"


def status_text(status: str, lang: str = "zh") -> str:
    """The words people read for a status id."""
    zh, en = STATUS_TEXT.get(status, (status, status))
    return en if lang == "en" else zh


@dataclass(frozen=True)
class Target:
    """One division's target for one target year."""

    division: str
    year: int
    base_year: int
    co2_intensity_cut_pct: float | None = None
    energy_intensity_cut_pct: float | None = None
    energy_cap_tce: float | None = None
    non_fossil_share_pct: float | None = None
    set_by: str = ""
    set_at: str = ""

    def as_dict(self) -> dict[str, object]:
        """The stored columns, as plain values."""
        return {"division": self.division, "year": self.year, "base_year": self.base_year,
                "co2_intensity_cut_pct": self.co2_intensity_cut_pct,
                "energy_intensity_cut_pct": self.energy_intensity_cut_pct,
                "energy_cap_tce": self.energy_cap_tce, "non_fossil_share_pct": self.non_fossil_share_pct,
                "set_by": self.set_by, "set_at": self.set_at}


def _name(key: str, names: dict[str, tuple[str, str]] | None) -> tuple[str, str]:
    return (names or {}).get(key) or FIELD_NAMES[key]


def _number(value: object, key: str, names: dict[str, tuple[str, str]] | None) -> float | None:
    if value is None or value == "":
        return None
    zh, en = _name(key, names)
    if isinstance(value, bool):
        raise InputError(f"{zh}：“{value}”不是数字", f"{en}: '{value}' is not a number", subject=key)
    try:
        number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)  # type: ignore[arg-type]  # anything else: TypeError, refused below
    except (TypeError, ValueError):
        raise InputError(f"{zh}：“{value}”不是数字", f"{en}: '{value}' is not a number", subject=key) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InputError(f"{zh}：“{value}”不是数字", f"{en}: '{value}' is not a number", subject=key)
    return number


def check_division(value: object, names: dict[str, tuple[str, str]] | None = None) -> str:
    """A 6-digit division code, or ``InputError`` naming the field."""
    division = str(value or "")
    zh, en = _name("division", names)
    if len(division) != 6 or not division.isascii() or not division.isdigit():
        raise InputError(f"{zh}：“{division}”不是 6 位数字的行政区划代码",
                         f"{en}: '{division}' is not a 6-digit division code", subject="division")
    return division


def entered_year(value: object, key: str, names: dict[str, tuple[str, str]] | None = None) -> int:
    """A year within 2000..2100, or ``InputError`` naming the field ``key``."""
    zh, en = _name(key, names)
    if value is None or value == "":
        raise InputError(f"{zh}：必须填写", f"{en}: required", subject=key)
    number = _number(value, key, names)
    if number is None or number != int(number) or not MIN_YEAR <= number <= MAX_YEAR:
        raise InputError(f"{zh}：{value} 不是 {MIN_YEAR}～{MAX_YEAR} 之间的年份",
                         f"{en}: {value} is not a year within {MIN_YEAR}..{MAX_YEAR}", subject=key)
    return int(number)


def check_target(values: dict[str, object], names: dict[str, tuple[str, str]] | None = None) -> Target:
    """A ``Target`` from entered ``values`` (field → value), or ``InputError`` naming the first
    wrong field by ``names`` (field → (zh, en); default ``FIELD_NAMES``): a 6-digit division
    code, years within 2000..2100 and target year after the base year, percentages 0..100, a
    cap above 0. Which divisions this database may set is storage's check."""
    division = check_division(values.get("division"), names)
    year = entered_year(values.get("year"), "year", names)
    base = entered_year(values.get("base_year"), "base_year", names)
    if year <= base:
        yz, ye = _name("year", names)
        bz, be = _name("base_year", names)
        raise InputError(f"{yz}：{year} 须晚于{bz}（{base}）", f"{ye}: {year} must be after the {be} {base}",
                         subject="year")
    numbers: dict[str, float | None] = {}
    for key in PCT_FIELDS:
        number = _number(values.get(key), key, names)
        if number is not None and not 0 <= number <= 100:
            kz, ke = _name(key, names)
            raise InputError(f"{kz}：{value_text(number)} 不在 0～100（%）之间",
                             f"{ke}: {value_text(number)} is not within 0..100 (%)", subject=key)
        numbers[key] = number
    cap = _number(values.get("energy_cap_tce"), "energy_cap_tce", names)
    if cap is not None and cap <= 0:
        kz, ke = _name("energy_cap_tce", names)
        raise InputError(f"{kz}：{value_text(cap)} 须大于 0（吨标准煤）",
                         f"{ke}: {value_text(cap)} must be above 0 (tce)", subject="energy_cap_tce")
    return Target(division, year, base, numbers["co2_intensity_cut_pct"], numbers["energy_intensity_cut_pct"],
                  cap, numbers["non_fossil_share_pct"], str(values.get("set_by") or ""),
                  str(values.get("set_at") or ""))


def value_text(value: float | None, decimals: int | None = None) -> str:
    """A figure as printed, ``—`` when there is none."""
    return NO_FIGURE if value is None else format_number(value, decimals)


@dataclass(frozen=True)
class YearFigures:
    """A division's sums of one year over the energy reports that count.

    ``non_fossil_tce`` and ``non_fossil_basis_tce`` (total energy of the same records) come only
    from records that carry a computed non-fossil figure; ``reports`` counts the records."""

    year: int
    total_tce: float = 0.0
    total_co2_t: float = 0.0
    value_added_10k_yuan: float = 0.0
    reports: int = 0
    non_fossil_tce: float | None = None
    non_fossil_basis_tce: float | None = None

    @property
    def has_energy(self) -> bool:
        return self.reports > 0

    @property
    def co2_intensity(self) -> float | None:
        """Σ CO2 / Σ value added (t per 10⁴ yuan)."""
        return self.total_co2_t / self.value_added_10k_yuan if self.reports and self.value_added_10k_yuan > 0 else None

    @property
    def energy_intensity(self) -> float | None:
        """Σ tce / Σ value added (tce per 10⁴ yuan)."""
        return self.total_tce / self.value_added_10k_yuan if self.reports and self.value_added_10k_yuan > 0 else None

    @property
    def non_fossil_share_pct(self) -> float | None:
        """Σ non-fossil tce / Σ total tce of the records that carry it (%)."""
        if self.non_fossil_tce is None or not self.non_fossil_basis_tce:
            return None
        return self.non_fossil_tce / self.non_fossil_basis_tce * 100


@dataclass(frozen=True)
class Indicator:
    """Base year, this year, change, target, expected (linear path), progress and status of one
    indicator, with the explanation of how they were computed."""

    key: str  # co2_intensity | energy_intensity | total_energy | non_fossil_share
    unit: str
    base: float | None
    now: float | None
    change_pct: float | None  # achieved reduction (intensities), change in points (share)
    target: float | None  # the cut (%), the cap (tce) or the share (%)
    expected: float | None  # on the linear path at this year (same kind as target)
    progress_pct: float | None
    status: str
    explain_zh: str
    explain_en: str
    guidance: float | None = None  # the Hunan plan's share beside an empty target

    def explanation(self, lang: str = "zh") -> str:
        """How the figures were computed, in ``lang``."""
        return self.explain_en if lang == "en" else self.explain_zh

    def status_text(self, lang: str = "zh") -> str:
        return status_text(self.status, lang)


INDICATOR_NAMES: dict[str, tuple[str, str]] = {
    "co2_intensity": ("碳排放强度", "CO2 intensity"),
    "energy_intensity": ("能耗强度", "energy intensity"),
    "total_energy": ("能源消费总量", "total energy"),
    "non_fossil_share": ("非化石能源占比", "non-fossil share"),
}


def indicator_name(key: str, lang: str = "zh") -> str:
    zh, en = INDICATOR_NAMES[key]
    return en if lang == "en" else zh


def linear_share(target: Target, t: int) -> float:
    """The part of the way from base year to target year that year ``t`` stands at (0..1)."""
    return min(max((t - target.base_year) / (target.year - target.base_year), 0.0), 1.0)


def _pct(value: float | None) -> str:
    return value_text(value, 2) + ("" if value is None else "%")


def _intensity(key: str, target: Target, cut: float | None, base: float | None, now: float | None,
               t: int, formula_zh: str, formula_en: str, unit: str) -> Indicator:
    b, y = target.base_year, target.year
    head_zh = f"{formula_zh}；基准年 {b}：{value_text(base, 4)}，{t} 年：{value_text(now, 4)}"
    head_en = f"{formula_en}; base year {b}: {value_text(base, 4)}, {t}: {value_text(now, 4)}"
    if base is None or now is None or base <= 0 or t < b:
        why_zh = "，没有可比较的数据" if t >= b else f"，{t} 年早于基准年"
        why_en = ", no figures to compare" if t >= b else f", {t} is before the base year"
        return Indicator(key, unit, base, now, None, cut, None, None, "no_data", head_zh + why_zh, head_en + why_en)
    achieved = (base - now) / base * 100
    text_zh = f"{head_zh}；已下降 =（{value_text(base, 4)} − {value_text(now, 4)}）÷ {value_text(base, 4)} = {_pct(achieved)}"
    text_en = f"{head_en}; achieved cut = ({value_text(base, 4)} − {value_text(now, 4)}) / {value_text(base, 4)} = {_pct(achieved)}"
    if cut is None:
        return Indicator(key, unit, base, now, achieved, None, None, None, "no_target",
                         text_zh + "；未设目标", text_en + "; no target set")
    expected = cut * linear_share(target, t)
    progress = achieved / cut * 100 if cut > 0 else None
    if t >= y:
        status = "met" if achieved >= cut else "missed"
    else:
        status = "on_track" if achieved >= expected else "behind"
    text_zh += (f"；目标 {y} 年下降 {_pct(cut)}；进度 = {_pct(achieved)} ÷ {_pct(cut)} = {_pct(progress)}；"
                f"线性路径 {t} 年应下降 {_pct(cut)} ×（{t} − {b}）÷（{y} − {b}）= {_pct(expected)}")
    text_en += (f"; target cut {_pct(cut)} by {y}; progress = {_pct(achieved)} / {_pct(cut)} = {_pct(progress)}; "
                f"linear path at {t}: {_pct(cut)} × ({t} − {b}) / ({y} − {b}) = {_pct(expected)}")
    return Indicator(key, unit, base, now, achieved, cut, expected, progress, status, text_zh, text_en)


def _energy(target: Target, base: YearFigures | None, now: YearFigures | None, t: int) -> Indicator:
    b_tce = base.total_tce if base and base.has_energy else None
    n_tce = now.total_tce if now and now.has_energy else None
    cap = target.energy_cap_tce
    change = (n_tce - b_tce) / b_tce * 100 if b_tce and n_tce is not None else None
    text_zh = f"能源消费总量 = Σ 综合能源消费量；基准年 {target.base_year}：{value_text(b_tce, 2)} 吨标准煤，{t} 年：{value_text(n_tce, 2)} 吨标准煤"
    text_en = f"total energy = Σ total energy consumption; base year {target.base_year}: {value_text(b_tce, 2)} tce, {t}: {value_text(n_tce, 2)} tce"
    if n_tce is None:
        return Indicator("total_energy", "tce", b_tce, None, change, cap, None, None, "no_data",
                         text_zh + "，没有数据", text_en + ", no figures")
    if cap is None:
        return Indicator("total_energy", "tce", b_tce, n_tce, change, None, None, None, "no_target",
                         text_zh + "；未设上限", text_en + "; no cap set")
    used = n_tce / cap * 100
    status = "exceeded" if n_tce > cap else "within"
    text_zh += f"；上限 {value_text(cap, 2)} 吨标准煤，已用 {value_text(n_tce, 2)} ÷ {value_text(cap, 2)} = {_pct(used)}"
    text_en += f"; cap {value_text(cap, 2)} tce, used {value_text(n_tce, 2)} / {value_text(cap, 2)} = {_pct(used)}"
    return Indicator("total_energy", "tce", b_tce, n_tce, change, cap, None, used, status, text_zh, text_en)


def _share(target: Target, base: float | None, now: float | None, t: int,
           guidance: float | None) -> Indicator:
    goal = target.non_fossil_share_pct
    b, y = target.base_year, target.year
    text_zh = (f"非化石能源占比 = Σ 非化石能源 ÷ Σ 综合能源消费量（第 2 版及以后的能源报表）；"
               f"基准年 {b}：{_pct(base)}，{t} 年：{_pct(now)}")
    text_en = (f"non-fossil share = Σ non-fossil energy / Σ total energy (energy reports of version 2 on); "
               f"base year {b}: {_pct(base)}, {t}: {_pct(now)}")
    change = now - base if now is not None and base is not None else None
    if now is None:
        return Indicator("non_fossil_share", "%", base, None, change, goal, None, None, "no_data",
                         text_zh + "，没有填报非化石能源的报表", text_en + ", no report carries non-fossil energy",
                         guidance if goal is None else None)
    if goal is None:
        g_zh = "" if guidance is None else f"；参考：湖南方案 {_pct(guidance)}"
        g_en = "" if guidance is None else f"; guidance: Hunan plan {_pct(guidance)}"
        return Indicator("non_fossil_share", "%", base, now, change, None, None, None, "no_target",
                         text_zh + "；未设目标" + g_zh, text_en + "; no target set" + g_en, guidance)
    start = base if base is not None else now
    expected = start + (goal - start) * linear_share(target, t) if base is not None else None
    progress = (now - base) / (goal - base) * 100 if base is not None and goal != base else None
    if t >= y:
        status = "met" if now >= goal else "missed"
    elif expected is None:
        status = "on_track" if now >= goal else "behind"
    else:
        status = "on_track" if now >= expected else "behind"
    text_zh += f"；目标 {y} 年 {_pct(goal)}"
    text_en += f"; target {_pct(goal)} by {y}"
    if expected is not None:
        text_zh += f"；线性路径 {t} 年应达 {_pct(base)} +（{_pct(goal)} − {_pct(base)}）×（{t} − {b}）÷（{y} − {b}）= {_pct(expected)}"
        text_en += f"; linear path at {t}: {_pct(base)} + ({_pct(goal)} − {_pct(base)}) × ({t} − {b}) / ({y} − {b}) = {_pct(expected)}"
    return Indicator("non_fossil_share", "%", base, now, change, goal, expected, progress, status, text_zh, text_en)


@dataclass(frozen=True)
class TargetProgress:
    """Progress towards one target at year ``year``: four indicators."""

    target: Target
    year: int
    indicators: tuple[Indicator, ...] = field(default_factory=tuple)

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)


def progress(target: Target, base: YearFigures | None, now: YearFigures | None, t: int,
             guidance_pct: float | None = None) -> TargetProgress:
    """Where ``target`` stands at year ``t`` given the base year's and year t's figures;
    ``guidance_pct`` is shown beside an empty non-fossil target."""
    co2 = _intensity("co2_intensity", target, target.co2_intensity_cut_pct,
                     base.co2_intensity if base else None, now.co2_intensity if now else None, t,
                     "碳排放强度 = Σ 二氧化碳排放量 ÷ Σ 工业增加值", "CO2 intensity = Σ CO2 / Σ value added",
                     "tCO2/10⁴ yuan")
    energy = _intensity("energy_intensity", target, target.energy_intensity_cut_pct,
                        base.energy_intensity if base else None, now.energy_intensity if now else None, t,
                        "能耗强度 = Σ 综合能源消费量 ÷ Σ 工业增加值", "energy intensity = Σ tce / Σ value added",
                        "tce/10⁴ yuan")
    share = _share(target, base.non_fossil_share_pct if base else None,
                   now.non_fossil_share_pct if now else None, t, guidance_pct)
    return TargetProgress(target, t, (co2, energy, _energy(target, base, now, t), share))


def guidance_share(thresholds: dict[str, float], target_year: int) -> float | None:
    """The Hunan plan's non-fossil share for a target year from the thresholds reference data:
    the 2025 figure up to 2025, the 2030 figure after."""
    key = "non_fossil_share_2025_pct" if target_year <= 2025 else "non_fossil_share_2030_pct"
    return thresholds.get(key)


def path_points(target: Target, cut: float | None, base_value: float | None,
                years: list[int]) -> list[tuple[int, float]]:
    """The linear target path of an intensity: ``base × (1 − cut × share of the way)`` per year."""
    if cut is None or base_value is None:
        return []
    return [(y, base_value * (1 - cut / 100 * linear_share(target, y))) for y in years]


def merged(target: Target, changes: dict[str, object]) -> dict[str, object]:
    """The target's values with ``changes`` (not None) laid over them: what ``target set``
    keeps of a stored target when an option is left out."""
    values = target.as_dict()
    values.update({k: v for k, v in changes.items() if v is not None})
    return values


__all__ = ["FIELD_NAMES", "INDICATOR_NAMES", "NO_FIGURE", "STATUS_TEXT", "Indicator", "Target",
           "TargetProgress", "YearFigures", "check_division", "check_target", "entered_year", "guidance_share", "indicator_name",
           "linear_share", "merged", "path_points", "progress", "status_text", "value_text"]
