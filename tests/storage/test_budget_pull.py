"""从月报汇总实际用能: the monthly report that counts for each month, on a real file."""

from __future__ import annotations

from domain.samples import COUNTY, ENTERPRISE, coal_line
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.budget_pull import pull_monthly_actuals

from .conftest import OPERATOR

ORG = ENTERPRISE["org_id"]


def month(store: Store, period: str, coal: float, submit: bool = True) -> str:
    record_id = store.add_record("energy_report", ORG, {
        "period": period, "lines": [coal_line(consumption_total=coal, industrial_use=coal, purchase_qty=coal)]},
        OPERATOR)
    if submit:
        store.submit(record_id, OPERATOR)
    return record_id


def test_each_month_takes_the_report_that_counts(store: Store) -> None:
    store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
    january = month(store, "2025-01", 100)
    month(store, "2025-01", 900, submit=False)  # a second, later draft of January: not counted
    february = month(store, "2025-02", 200, submit=False)  # only a draft: taken, and named so
    with store.db.conn:  # a decision on January later on touches only its updated_at
        store.db.execute("UPDATE records SET updated_at = '2099-01-01T00:00:00+00:00' WHERE record_id = ?",
                         [january])
    pulled = pull_monthly_actuals(store, ORG, 2025)
    taken = {t.month: (t.record_id, t.state, t.tce) for t in pulled.taken}
    # 100 t and 200 t of raw coal at 0.7143 tce/t
    assert taken == {1: (january, "submitted", 71.43), 2: (february, "draft", 142.86)}
    assert pulled.values[:3] == [71.43, 142.86, None]


def test_new_renewable_energy_is_left_out_of_the_budget(store: Store) -> None:
    store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
    pv = {"energy": "pv_self", "consumption_total": 100, "industrial_use": 100}
    record_id = store.add_record("energy_report", ORG, {
        "period": "2025-03", "lines": [coal_line(consumption_total=100, industrial_use=100, purchase_qty=100), pv]},
        OPERATOR)
    # the report counts 71.43 + 122.9 tce (100 x 10^4 kWh own PV at 1.229); the budget only the coal
    assert store.get_record_computed(record_id)["total_tce"] == 194.33
    assert pull_monthly_actuals(store, ORG, 2025).values[2] == 71.43
    # on the equal-value basis too (electricity at 300 gce/kWh; the PV line still left out)
    assert pull_monthly_actuals(store, ORG, 2025, "equal", 300).values[2] == 71.43
