"""Co-benefits of measures (减污降碳协同, data-standard §8): which columns of a form's measures
carry the CO2 and pollutant cuts, the synergy classes and how a measure is classified.

The computations (``compute/synergy_terms.py``), the record PDF and the county roll-up read the
measures through ``MEASURES``, so the three agree on which rows and columns count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .axis import nice_scale
from .jsontypes import JsonObject

# the air pollutants a measure's cut is entered for, in the order outputs list them; the
# reference set's pollutant equivalents use the same ids (VOCs have no equivalent value)
POLLUTANTS = ("so2", "nox", "pm", "vocs")
POLLUTANT_NAMES = {"so2": ("二氧化硫", "SO2"), "nox": ("氮氧化物", "NOx"),
                   "pm": ("颗粒物", "Particulates"), "vocs": ("挥发性有机物", "VOCs")}
KG_PER_T = 1000

CLASSES = ("synergy", "carbon_only", "pollution_only", "trade_off", "none")
CLASS_LABELS = {"synergy": ("协同减排", "synergy"), "carbon_only": ("仅降碳", "carbon only"),
                "pollution_only": ("仅减污", "pollution only"), "trade_off": ("此消彼长", "trade-off"),
                "none": ("无", "none")}

# a class's colour in the quadrant charts of the roll-up PDF and the window
CLASS_COLOURS = {"synergy": "#3A7D44", "carbon_only": "#2F6690", "pollution_only": "#D9A441",
                 "trade_off": "#B5485F", "none": "#8A8F98"}


@dataclass(frozen=True)
class MeasureColumns:
    """Where a form keeps its measures: the group, the name column, the CO2 cut column, the
    column of each pollutant's cut (t per year) and which items the record's totals count."""

    group: str
    name: str
    co2: str
    pollutants: dict[str, str]
    prefix: str  # a record-level total's id: prefix + the column's id (or ``equivalents_cut``)
    counted_status: str = ""  # only items with this ``status`` count ("" = every item)

    def counts(self, item: JsonObject) -> bool:
        """Whether ``item`` counts in the record's totals (an audit: implemented options only)."""
        return not self.counted_status or item.get("status") == self.counted_status

    @property
    def equivalents_total(self) -> str:
        """The id of the record's total equivalents cut."""
        return f"{self.prefix}equivalents_cut"

    @property
    def co2_total(self) -> str:
        """The id of the record's total CO2 cut."""
        return f"{self.prefix}{self.co2}"

    def pollutant_total(self, pollutant: str) -> str:
        """The id of the record's total cut of ``pollutant`` (t per year)."""
        return f"{self.prefix}{self.pollutants[pollutant]}"


MEASURES: dict[str, MeasureColumns] = {
    "cp_audit": MeasureColumns("options", "name", "co2_reduction_t",
                               {"so2": "so2_t", "nox": "nox_t", "pm": "particulates_t",
                                "vocs": "vocs_t"}, "implemented_", counted_status="implemented"),
    "pilot_application": MeasureColumns("projects", "name", "co2_cut_t_per_year",
                                        {p: f"{p}_cut_t_per_year" for p in POLLUTANTS}, "total_"),
}

SYNERGY_SINCE = {"cp_audit": 2, "pilot_application": 2}  # the first form version with the values


def _num(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def class_label(value: str | None, lang: str = "zh") -> str:
    """The label of a synergy class ("" for none computed)."""
    pair = CLASS_LABELS.get(value or "")
    return "" if pair is None else pair[1 if lang == "en" else 0]


def classify(co2_cut: object, equivalents_cut: object) -> str | None:
    """The synergy class of a measure from its CO2 cut (t) and pollutant-equivalent cut; a
    missing CO2 cut counts as zero, a missing equivalents cut (no equivalent values in the
    reference set) gives no class."""
    if equivalents_cut is None:
        return None
    co2, equivalents = _num(co2_cut), _num(equivalents_cut)
    if co2 > 0 and equivalents > 0:
        return "synergy"
    if co2 > 0 and equivalents == 0:
        return "carbon_only"
    if co2 == 0 and equivalents > 0:
        return "pollution_only"
    if (co2 > 0 > equivalents) or (equivalents > 0 > co2):
        return "trade_off"
    return "none"


def quadrant_scale(values: Iterable[float], steps: int = 4) -> tuple[float, float, float]:
    """``(low, high, step)`` of a quadrant chart's axis through zero: whole round steps on both
    sides of zero, at least one on each (the four quadrants always show), holding ``values``."""
    numbers = [float(v) for v in values]
    high_value, low_value = max([0.0, *numbers]), min([0.0, *numbers])
    _top, step = nice_scale(max(high_value, -low_value), steps)
    high = step * max(1, math.ceil(high_value / step - 1e-9))
    low = -step * max(1, math.ceil(-low_value / step - 1e-9))
    return low, high, step
