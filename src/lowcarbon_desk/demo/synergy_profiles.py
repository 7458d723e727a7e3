"""What each demo measure cuts besides CO2 (减污降碳协同): a profile per measure name, so the
measures of the demo fall in every synergy class for a reason a reader recognises.

``synergy``: less coal burnt cuts CO2 and SO2/NOx/particulates; ``carbon_only``: saved
electricity or bookkeeping cuts no local air pollutant; ``pollution_only``: low-sulfur coal or
dust control cuts pollutants, not CO2; ``trade_off``: end-of-pipe treatment cuts pollutants
but burns gas or power (a negative CO2 cut); ``none``: nothing quantified.
"""

from __future__ import annotations

import random

SYNERGY, CARBON_ONLY, POLLUTION_ONLY, TRADE_OFF, NONE = "synergy", "carbon_only", "pollution_only", "trade_off", "none"

AUDIT_PROFILES = {
    "燃煤锅炉改天然气": SYNERGY, "余热蒸汽回收利用": SYNERGY, "窑炉富氧燃烧改造": SYNERGY,
    "干法熄焦技术应用": SYNERGY, "DCS 优化燃烧控制": SYNERGY,
    "原料煤替换为低硫煤": POLLUTION_ONLY,
    "VOCs 收集治理": TRADE_OFF,
    "废水回用系统": NONE, "碳排放台账管理": NONE, "清洁生产全员培训": NONE,
}  # every other audit option: carbon_only (electricity saved, or better management)

PILOT_PROFILES = {
    "工业余热集中供热": SYNERGY, "新能源公交替换": SYNERGY, "再生资源回收体系": SYNERGY,
    "碳排放监测管理平台": NONE,
}  # every other project: carbon_only (renewable power, buildings, forests, servers)

# projects version 2 of the county's pilot adds: a pollution-only and a trade-off measure
EXTRA_COUNTY_PROJECTS = (("城区道路扬尘综合治理", "management", POLLUTION_ONLY),
                         ("县热电厂超低排放改造", "energy_supply", TRADE_OFF))


def audit_option_v2(option: dict, extra: random.Random) -> dict:
    """An audit option with the CO2 and air-pollutant cuts (t a year) of its profile."""
    profile = AUDIT_PROFILES.get(option["name"], CARBON_ONLY)
    out = {**option, "so2_t": 0.0, "nox_t": 0.0, "particulates_t": 0.0, "vocs_t": 0.0}
    if profile == SYNERGY:
        out.update(so2_t=round(extra.uniform(0.3, 3), 2), nox_t=round(extra.uniform(0.3, 3), 2),
                   particulates_t=round(extra.uniform(0.05, 1.5), 2))
    elif profile == POLLUTION_ONLY:
        out.update(energy_saving_tce=0.0, co2_reduction_t=0.0, so2_t=round(extra.uniform(2, 12), 2),
                   particulates_t=round(extra.uniform(0.1, 0.8), 2))
    elif profile == TRADE_OFF:  # RTO burns gas: more CO2, paint-mist filters catch particulates
        out.update(energy_saving_tce=0.0, co2_reduction_t=-round(extra.uniform(40, 300), 1),
                   particulates_t=round(extra.uniform(0.2, 1.5), 2), vocs_t=round(extra.uniform(2, 15), 2))
    elif profile == NONE:
        out.update(energy_saving_tce=0.0, co2_reduction_t=0.0)
    return out


def project_v2(project: dict, extra: random.Random, profile: str | None = None) -> dict:
    """A pilot project with its pollutant cuts (t a year) after its profile."""
    profile = profile or PILOT_PROFILES.get(project["name"], CARBON_ONLY)
    co2 = project.get("co2_cut_t_per_year") or 0.0
    cuts = {"so2_cut_t_per_year": 0.0, "nox_cut_t_per_year": 0.0, "pm_cut_t_per_year": 0.0,
            "vocs_cut_t_per_year": 0.0}
    if profile == SYNERGY:
        cuts.update(so2_cut_t_per_year=round(co2 * extra.uniform(2, 6) / 1000, 2),
                    nox_cut_t_per_year=round(co2 * extra.uniform(1.5, 4) / 1000, 2),
                    pm_cut_t_per_year=round(co2 * extra.uniform(0.3, 1) / 1000, 2))
    elif profile == POLLUTION_ONLY:
        co2 = 0.0
        cuts.update(pm_cut_t_per_year=round(extra.uniform(60, 180), 1))
    elif profile == TRADE_OFF:  # desulfurisation and SCR run on power: CO2 goes up
        co2 = -round(extra.uniform(1500, 4000), 1)
        cuts.update(so2_cut_t_per_year=round(extra.uniform(80, 200), 1),
                    nox_cut_t_per_year=round(extra.uniform(60, 150), 1),
                    pm_cut_t_per_year=round(extra.uniform(8, 25), 1))
    elif profile == NONE:
        co2 = 0.0
    return {**project, "co2_cut_t_per_year": co2, **cuts}


def extra_county_projects(year: int, extra: random.Random) -> list[dict]:
    """The county pilot's version-2 projects beyond version 1's."""
    return [project_v2({"name": name, "category": category,
                        "investment_10k_yuan": round(extra.uniform(800, 6000), 1),
                        "co2_cut_t_per_year": 0.0, "start_year": year + 1, "end_year": year + 3},
                       extra, profile)
            for name, category, profile in EXTRA_COUNTY_PROJECTS]
