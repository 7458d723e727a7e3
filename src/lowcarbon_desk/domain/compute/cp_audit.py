"""Totals, counts, paybacks and progress of a cleaner-production audit (§4).

Every value is built as a traced term (``trace.py``): the stored number and its explanation
are the same computation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..jsontypes import Computed, RecordData, Row, Terms
from ..reference import ReferenceData
from ..registry import computes
from ..synergy import MEASURES
from .synergy_terms import measure_terms, produces, record_terms
from .trace import Term, given, op, total

if TYPE_CHECKING:
    from ..forms import FormDef

OPTION_QUANTITIES = ("investment_10k_yuan", "annual_benefit_10k_yuan", "energy_saving_tce",
                     "water_saving_t", "co2_reduction_t", "cod_t", "nh3n_t", "so2_t", "nox_t",
                     "particulates_t", "vocs_t")
COST_CLASSES = ("no_low", "medium_high")
OPTION_STATUSES = ("proposed", "rejected", "feasible", "implemented")


def payback_term(option: Row, index: int = 0) -> Term:
    """Simple payback ``investment / annual_benefit`` as a term; None when the benefit is 0 or missing."""
    path = f"options[{index}]"
    investment = op("num", given(option.get("investment_10k_yuan"), f"{path}.investment_10k_yuan",
                                 unit=("万元", "10k yuan")))
    benefit = op("num", given(option.get("annual_benefit_10k_yuan"), f"{path}.annual_benefit_10k_yuan",
                              unit=("万元/年", "10k yuan/a")))
    return op("round", op("ratio", investment, benefit).named(
        unit=("年", "years"), words=("静态投资回收期 = 投资 ÷ 年经济效益（效益为 0 时不计算）",
                                     "payback = investment ÷ annual benefit (none without a benefit)"),
        symbols="T = I ÷ B"))


def payback_years(option: Row) -> float | None:
    """Simple payback ``investment / annual_benefit``; None when the benefit is 0 or missing."""
    years: float | None = payback_term(option).value
    return years


def _stage_dates(stages: list[Row], name: str) -> tuple[int, Row]:
    return next(((i, s) for i, s in enumerate(stages) if s.get("stage") == name), (-1, {}))


def duration_term(stages: list[Row]) -> Term:
    """Days from the start of preparation to the end of implementation, when both are known."""
    first, start = _stage_dates(stages, "preparation")
    last, end = _stage_dates(stages, "implementation")
    return op("days", given(start.get("start"), f"stages[{first}].start" if first >= 0 else "stages"),
              given(end.get("end"), f"stages[{last}].end" if last >= 0 else "stages")).named(
        unit=("天", "days"), words=("审核历时 = 实施阶段结束日期 − 筹划阶段开始日期",
                                    "duration = end of implementation − start of preparation"),
        symbols="d = t_end − t_start")


def audit_duration_days(stages: list[Row]) -> int | None:
    """Days from the start of preparation to the end of implementation, when both are known."""
    days: int | None = duration_term(stages).value
    return days


PRODUCES = ("payback_years", *(f"implemented_{q}" for q in OPTION_QUANTITIES),
            *(f"count_{c}" for c in COST_CLASSES), *(f"count_{s}" for s in OPTION_STATUSES),
            "duration_days", "stage_reached")


@computes("cp_audit", produces=PRODUCES)
def compute_cp_audit(form: FormDef, data: RecordData, ref: ReferenceData) -> Terms:
    """Every computed value of an audit."""
    options = data.get("options") or []
    implemented = [(i, o) for i, o in enumerate(options) if o.get("status") == "implemented"]
    stages = data.get("stages") or []
    computed: Computed = {}
    for q in OPTION_QUANTITIES:
        computed[f"implemented_{q}"] = op("round", total(
            given(o.get(q), f"options[{i}].{q}") for i, o in implemented).named(
            words=("Σ 状态为“已实施”的方案", "Σ over options whose status is implemented"),
            symbols="Σ xᵢ (status = implemented)"))
    for cost in COST_CLASSES:
        computed[f"count_{cost}"] = op("count", *(given(cost, f"options[{i}].cost_class")
                                                  for i, o in enumerate(options)
                                                  if o.get("cost_class") == cost)).named(
            words=(f"费用类别为 {cost} 的方案数", f"options whose cost class is {cost}"), symbols="n")
    for status in OPTION_STATUSES:
        computed[f"count_{status}"] = op("count", *(given(status, f"options[{i}].status")
                                                    for i, o in enumerate(options)
                                                    if o.get("status") == status)).named(
            words=(f"状态为 {status} 的方案数", f"options whose status is {status}"), symbols="n")
    started = [given(s.get("stage"), f"stages[{i}].stage") for i, s in enumerate(stages) if s.get("start")]
    computed["stage_reached"] = op("last", *started).named(
        words=("已填开始日期的最后一个阶段", "the last stage with a start date"))
    computed["duration_days"] = duration_term(stages)
    computed["options"] = [{"payback_years": payback_term(o, i)} for i, o in enumerate(options)]
    return computed


@computes("cp_audit", produces=PRODUCES + produces(MEASURES["cp_audit"], pollutant_totals=False), since=2)
def compute_cp_audit_v2(form: FormDef, data: RecordData, ref: ReferenceData) -> Computed:
    """Version 2: version 1 plus each option's co-benefits (data-standard §8) and, over the
    implemented options, the total equivalents cut and the count per synergy class."""
    computed = compute_cp_audit(form, data, ref)
    columns = MEASURES["cp_audit"]
    options = data.get("options") or []
    per_item = [measure_terms(columns, o, i, ref) for i, o in enumerate(options)]
    for item, terms in zip(computed["options"], per_item, strict=True):
        item.update(terms)
    computed.update(record_terms(columns, options, per_item, ref))
    return computed
