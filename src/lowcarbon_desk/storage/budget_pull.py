"""Pull a year's monthly energy reports into an energy budget's ``monthly_actual_tce``.

One action of the data standard (§3): for each month of the budget year, the newest revision
of the organisation's monthly ``energy_report`` gives the month's total energy. On the
``equal`` basis electricity is recomputed at the budget's supply coal consumption
(``power_coal_gce_per_kwh / 100`` tce per 10⁴ kWh); every other line keeps its computed tce.
New renewable energy is left out of the budget (energy report version 2's renewable lines,
``renewable_tce``; a version-1 report has none).
The result says which months it took and from which records, and which months had no report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.compute.energy_report import tce_of_quantity
from ..domain.compute.numbers import rounded
from ..domain.forms import MONTHS, get_form
from .counting import computed_numbers
from .ordering import newest_first
from .record_io import read_content
from .store import Store


@dataclass
class MonthTaken:
    """One month pulled from one report."""

    month: int  # 1..12
    record_id: str
    state: str
    tce: float


@dataclass
class BudgetPull:
    """What a pull found: the twelve values (None where no report) and their sources."""

    year: int
    basis: str
    values: list[float | None] = field(default_factory=lambda: [None] * MONTHS)
    taken: list[MonthTaken] = field(default_factory=list)
    # the renewable energy of the months taken, left out of ``values`` (version-2 reports)
    renewable: list[float | None] = field(default_factory=lambda: [None] * MONTHS)

    @property
    def renewable_total(self) -> float:
        """Σ renewable energy of the months taken (tce), shown beside the budget, not in it."""
        return sum(v or 0.0 for v in self.renewable)

    @property
    def months_taken(self) -> list[int]:
        return [t.month for t in self.taken]

    @property
    def months_missing(self) -> list[int]:
        return [m for m in range(1, MONTHS + 1) if m not in self.months_taken]

    def merged_into(self, current: list[float | None] | None) -> list[float | None]:
        """``current`` with every pulled month replaced; months without a report keep their value."""
        merged = list(current or [None] * MONTHS) + [None] * MONTHS
        merged = merged[:MONTHS]
        for item in self.taken:
            merged[item.month - 1] = item.tce
        return merged

    def summary(self, lang: str = "zh") -> str:
        """A sentence naming the months taken and the months without a report."""
        taken = "、".join(str(m) for m in self.months_taken)
        missing = "、".join(str(m) for m in self.months_missing)
        if lang == "en":
            taken_en = ", ".join(str(m) for m in self.months_taken) or "none"
            text = f"{self.year}: took months {taken_en} from the monthly energy reports"
            if self.months_missing:
                text += f"; no report for months {', '.join(str(m) for m in self.months_missing)}"
            text += " (equal-value basis)." if self.basis == "equal" else "."
            if self.renewable_total:
                text += f" Of which renewable energy (not counted): {self.renewable_total:,.2f} tce."
            return text
        text = f"{self.year} 年：已从月度能源报表取 {taken or '无'} 月"
        if self.months_missing:
            text += f"；{missing} 月没有月报"
        text += "（等价值口径）。" if self.basis == "equal" else "。"
        if self.renewable_total:
            text += f"其中可再生能源（不计入）：{self.renewable_total:,.2f} 吨标准煤。"
        return text


def report_tce(store: Store, record_id: str, basis: str, power_gce_per_kwh: float | None) -> float:
    """A stored energy report's total tce on the budget's basis."""
    row = store.db.execute("SELECT form_version, reference_data_version FROM records WHERE record_id = ?",
                           [record_id]).fetchone()
    form = get_form("energy_report", row[0])
    data, computed = read_content(store.db, form, record_id)
    if basis != "equal" or power_gce_per_kwh is None:
        return float(computed.get("total_tce") or 0.0) - float(computed.get("renewable_tce") or 0.0)
    ref = store.reference(row[1]) if row[1] in store.catalog.versions() else store.reference()
    total = 0.0
    line_values = computed.get("lines") or []
    for index, line in enumerate(data.get("lines") or []):
        code = line.get("energy")
        energy = ref.energy.get(code or "")
        if energy is not None and energy.kind == "renewable":
            continue  # left out of the budget, as on the equivalent basis
        if energy is not None and energy.kind == "electricity":
            total += tce_of_quantity(code, float(line.get("consumption_total") or 0.0), ref,
                                     power_gce_per_kwh)
        elif index < len(line_values):
            total += float(line_values[index].get("line_tce") or 0.0)
    return total


def pull_monthly_actuals(store: Store, org_id: str, year: int, basis: str = "equivalent",
                         power_gce_per_kwh: float | None = None) -> BudgetPull:
    """The year's monthly totals from the monthly report of ``org_id`` that counts for each
    month (``counting``'s order: the newest non-draft, else the newest draft)."""
    result = BudgetPull(int(year), basis or "equivalent")
    rows = store.db.execute(
        "SELECT r.record_id, r.period, r.state FROM records r WHERE r.form = 'energy_report'"
        " AND r.org_id = ? AND r.period LIKE ?"
        f" ORDER BY r.period, {newest_first('r')}", [org_id, f"{int(year):04d}-__"]).fetchall()
    by_month: dict[int, tuple[str, str]] = {}
    for record_id, period, state in rows:
        by_month.setdefault(int(period[5:7]), (record_id, state))  # the first of a month counts
    for month in sorted(by_month):
        record_id, state = by_month[month]
        tce = rounded(report_tce(store, record_id, result.basis, power_gce_per_kwh))
        result.values[month - 1] = tce
        result.taken.append(MonthTaken(month, record_id, state, tce))
    renewable = computed_numbers(store, [t.record_id for t in result.taken], "renewable_tce")
    for item in result.taken:
        result.renewable[item.month - 1] = renewable.get(item.record_id)
    return result


def renewable_left_out(store: Store, org_id: str, year: int, monthly_actual_tce: list[float | None] | None) -> float:
    """The renewable energy (tce) of the monthly reports behind a budget's actual months: what
    the pull left out of the budget, for the budget's PDF to show beside its actuals."""
    pulled = pull_monthly_actuals(store, org_id, year)
    actual = list(monthly_actual_tce or [])
    return sum(value or 0.0 for month, value in enumerate(pulled.renewable)
               if month < len(actual) and actual[month] is not None)
