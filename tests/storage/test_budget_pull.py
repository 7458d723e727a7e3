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
