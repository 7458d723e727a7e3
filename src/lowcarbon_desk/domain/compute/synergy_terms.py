"""Co-benefit terms of measures (data-standard §8), shared by the audit and pilot computations.

Per measure: ``equivalents_cut`` (Σ pollutant cut in kg ÷ the pollutant's equivalent value;
VOCs have none and are not converted), ``synergy_class`` and ``co_control_ratio`` (CO2 cut ÷
equivalents cut, when that is positive). Per record: the total equivalents cut and the number
of measures in each class, over the measures the record's totals count.
"""

from __future__ import annotations

from ..jsontypes import JsonObject
from ..reference import ReferenceData
from ..synergy import CLASSES, KG_PER_T, POLLUTANT_NAMES, MeasureColumns, class_label
from .trace import Source, Term, const, factor, given, op, total

T_A = ("吨/年", "t/a")
EQ_A = ("当量/年", "equivalents/a")


def _equivalent_factors(columns: MeasureColumns, ref: ReferenceData) -> dict[str, Term] | None:
    """The equivalent value of each converted pollutant as a reference factor; ``None`` when the
    reference set has no equivalent values (a set older than the pollutant table)."""
    if any(p not in ref.pollutants for p in columns.pollutants if p != "vocs"):
        return None
    out: dict[str, Term] = {}
    for pollutant in columns.pollutants:
        row = ref.pollutants.get(pollutant)
        if row is None or row.kg_per_equivalent is None:
            continue
        zh, en = POLLUTANT_NAMES[pollutant]
        out[pollutant] = factor(row.kg_per_equivalent,
                                Source(row.source, "pollutant_equivalents", pollutant, ref.version,
                                       row.source_zh),
                                label=(f"{zh}污染当量值", f"{en} pollutant equivalent value"),
                                unit=("千克/当量", "kg per equivalent"))
    return out


def _unavailable(term: Term) -> Term:
    """``term`` withheld (value None): the reference set gives no equivalent values."""
    return op("when", const(False, ("参考数据有污染当量值", "reference set has equivalent values")), term)


def measure_terms(columns: MeasureColumns, item: JsonObject, index: int,
                  ref: ReferenceData) -> dict[str, Term]:
    """``equivalents_cut``, ``synergy_class`` and ``co_control_ratio`` of one measure."""
    path = f"{columns.group}[{index}]"
    factors = _equivalent_factors(columns, ref)
    parts = []
    for pollutant, factor_term in (factors or {}).items():
        column = columns.pollutants[pollutant]
        zh, en = POLLUTANT_NAMES[pollutant]
        cut = op("num", given(item.get(column), f"{path}.{column}", unit=T_A))
        kilos = op("mul", cut, const(KG_PER_T, ("千克/吨", "kg per t")))
        parts.append(op("div", kilos, factor_term).named(label=(f"{zh}削减当量", f"{en} equivalents cut"),
                                                       unit=EQ_A))
    summed = total(parts).named(
        label=("污染当量削减量", "equivalents cut"), unit=EQ_A,
        words=("污染当量削减量 = Σ 各污染物削减量（吨）× 1000 ÷ 该污染物污染当量值（千克）；"
               "挥发性有机物无当量值，不折算",
               "equivalents cut = Σ each pollutant's cut (t) × 1000 ÷ its equivalent value (kg); "
               "VOCs have none and are not converted"),
        symbols="N = Σ mᵢ × 1000 ÷ wᵢ")
    equivalents = op("round", summed if factors is not None else _unavailable(summed))
    co2 = op("num", given(item.get(columns.co2), f"{path}.{columns.co2}", unit=T_A)).named(
        label=("二氧化碳减排量", "CO2 cut"), unit=("吨CO2/年", "tCO2/a"))
    synergy = op("synergy_class", co2, equivalents).named(
        words=("协同类别：二氧化碳减排量 > 0 且污染当量削减量 > 0 为协同减排；仅前者 > 0、后者 = 0 为仅降碳；"
               "前者 = 0、后者 > 0 为仅减污；一正一负为此消彼长；其余为无",
               "synergy class: CO2 cut > 0 and equivalents cut > 0: synergy; CO2 cut > 0, "
               "equivalents cut = 0: carbon only; CO2 cut = 0, equivalents cut > 0: pollution only; "
               "one positive, the other negative: trade-off; otherwise none"),
        symbols="class(C, N)")
    ratio = op("round", op("ratio", co2, equivalents).named(
        unit=("吨CO2/当量", "tCO2 per equivalent"),
        words=("协同控制比 = 二氧化碳减排量（吨）÷ 污染当量削减量（削减量为正时）",
               "co-control ratio = CO2 cut (t) ÷ equivalents cut (when that is positive)"),
        symbols="r = C ÷ N"))
    return {"equivalents_cut": equivalents, "synergy_class": synergy, "co_control_ratio": ratio}


def record_terms(columns: MeasureColumns, items: list[JsonObject], per_item: list[dict[str, Term]],
                 ref: ReferenceData) -> dict[str, Term]:
    """The record's total equivalents cut and its count of measures per synergy class, over
    the measures its totals count (an audit: implemented options)."""
    counted = [(i, terms) for i, (item, terms) in enumerate(zip(items, per_item, strict=True))
               if columns.counts(item)]
    scope = (("状态为“已实施”的方案", "options whose status is implemented") if columns.counted_status
             else ("全部项目", "every project"))
    summed = total(terms["equivalents_cut"] for _, terms in counted).named(
        unit=EQ_A, words=(f"Σ {scope[0]}的污染当量削减量", f"Σ equivalents cut of {scope[1]}"),
        symbols="Σ Nᵢ")
    has_factors = _equivalent_factors(columns, ref) is not None
    out = {columns.equivalents_total: op("round", summed if has_factors else _unavailable(summed))}
    for cls in CLASSES:
        zh, en = class_label(cls), class_label(cls, "en")
        out[f"synergy_count_{cls}"] = op("count", *(terms["synergy_class"] for _, terms in counted
                                                    if terms["synergy_class"].value == cls)).named(
            words=(f"{scope[0]}中协同类别为“{zh}”的个数", f"{scope[1]} whose synergy class is {en}"),
            symbols="n")
    return out


def produces(columns: MeasureColumns, pollutant_totals: bool) -> tuple[str, ...]:
    """The computed ids the co-benefit terms add to a form (and the pollutant totals, for a
    form whose earlier versions had none)."""
    totals = tuple(columns.pollutant_total(p) for p in columns.pollutants) if pollutant_totals else ()
    return ("equivalents_cut", "synergy_class", "co_control_ratio", columns.equivalents_total,
            *(f"synergy_count_{c}" for c in CLASSES), *totals)


def pollutant_total_terms(columns: MeasureColumns, items: list[JsonObject]) -> dict[str, Term]:
    """Each pollutant's total cut (t per year) over the measures the totals count."""
    out = {}
    for pollutant, column in columns.pollutants.items():
        out[columns.pollutant_total(pollutant)] = op("round", total(
            given(item.get(column), f"{columns.group}[{i}].{column}", unit=T_A)
            for i, item in enumerate(items) if columns.counts(item)).named(
            unit=T_A, words=("Σ 各项目削减量", "Σ every project's cut"), symbols="Σ mᵢ"))
    return out
