"""The budget leaves new renewable energy out and shows it beside (issue 19.1): the pull's note
and the budget's PDF say 其中可再生能源（不计入） with the renewable energy of the months taken."""

from __future__ import annotations

import subprocess
from pathlib import Path

from domain.samples import COUNTY, ENTERPRISE, coal_line
from lowcarbon_desk.reports.record_pdf import write_record_pdf
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.budget_pull import pull_monthly_actuals

from .conftest import OPERATOR

ORG = ENTERPRISE["org_id"]


def _months(store: Store) -> None:
    """March and April: 100 t coal (71.43 tce) and 100 × 10^4 kWh own PV (122.9 tce) each."""
    store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
    for period in ("2025-03", "2025-04"):
        store.add_record("energy_report", ORG, {"period": period, "lines": [
            coal_line(consumption_total=100, industrial_use=100, purchase_qty=100),
            {"energy": "pv_self", "consumption_total": 100, "industrial_use": 100}]}, OPERATOR)


def test_the_pull_names_the_renewable_energy_it_left_out(store: Store) -> None:
    _months(store)
    pulled = pull_monthly_actuals(store, ORG, 2025)
    assert pulled.values[2:4] == [71.43, 71.43]
    assert pulled.renewable[2:4] == [122.9, 122.9] and pulled.renewable_total == 245.8
    assert "其中可再生能源（不计入）：245.80 吨标准煤" in pulled.summary("zh")
    assert "Of which renewable energy (not counted): 245.80 tce" in pulled.summary("en")


def test_the_budget_pdf_shows_the_renewable_line(store: Store, tmp_path: Path) -> None:
    _months(store)
    actuals = [None, None, 71.43, None] + [None] * 8  # only March taken into the budget
    budget = store.add_record("energy_budget", ORG, {
        "year": 2025, "basis": "equivalent", "baseline_year": 2024, "baseline_tce": 900,
        "budget_tce": 1000, "monthly_actual_tce": actuals}, OPERATOR)
    write_record_pdf(store, budget, tmp_path / "b.pdf")
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(tmp_path / "b.pdf"), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "其中可再生能源（不计入） 122.90 吨标准煤" in text
