"""Screenshots of an organisation's trend page, into docs/screenshots/.

    python scripts/trend_screenshots.py [--out FOLDER]

A small database in a temporary folder gets one enterprise with annual energy reports for
2019-2025 (2021 missing, 2026 only a draft) through the Store API; the page is shot at
1024x700 in Chinese and English with the pointer over 2023.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shots

COUNTY = "410199"
# year → (raw coal t, natural gas 10⁴ m³, electricity 10⁴ kWh, value added 10⁴ yuan)
YEARS = {2019: (4600, 30, 900, 21000), 2020: (4500, 32, 930, 20500), 2022: (3900, 45, 1000, 24800),
         2023: (3500, 52, 1050, 27500), 2024: (2900, 58, 1080, 29800), 2025: (2500, 62, 1100, 32600)}


def _line(energy: str, quantity: float) -> dict:
    return {"energy": energy, "opening_stock": 0, "purchase_qty": quantity,
            "purchase_value_k_yuan": round(quantity * 0.8, 1), "consumption_total": quantity,
            "industrial_use": quantity, "feedstock_use": 0, "non_industrial_use": 0, "transport_use": 0,
            "closing_stock": 0}


def _report(year: int, coal: float, gas: float, power: float, value_added: float) -> dict:
    return {"period": str(year), "gross_output_10k_yuan": value_added * 3, "value_added_10k_yuan": value_added,
            "lines": [_line("raw_coal", coal), _line("natural_gas", gas), _line("electricity", power)]}


def build(path: Path) -> str:
    """The database with the enterprise's years; returns its organisation code."""
    from lowcarbon_desk.domain.creditcode import make_credit_code
    from lowcarbon_desk.storage import open_store

    org_id = make_credit_code(COUNTY, "TREND0001")
    store = open_store(path)
    store.add_orgs([
        {"org_id": COUNTY, "kind": "county", "name": "示范县发展和改革局", "admin_code": COUNTY,
         "contact_name": "王主任", "contact_phone": "0591-12345678"},
        {"org_id": org_id, "kind": "enterprise", "name": "示范钢铁有限公司", "admin_code": COUNTY,
         "industry_code": "C3110", "contact_name": "李工", "contact_phone": "13800000000"}], "截图")
    for year, figures in YEARS.items():
        record_id = store.add_record("energy_report", org_id, _report(year, *figures), "截图")
        for issue in store.issues(record_id):
            if issue.severity == "warning":
                store.justify(record_id, issue.rule, "产品结构调整，已核实", "截图", field=issue.field)
        store.submit(record_id, "截图")
    store.add_record("energy_report", org_id, _report(2026, 1200, 50, 600, 15000), "截图")
    store.close()
    return org_id


def main(argv: list[str] | None = None) -> int:
    out, work = shots.start(__doc__, "trend", argv)

    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n
    from lowcarbon_desk.ui.service import DeskService
    from lowcarbon_desk.ui.trends.org_page import OrgTrendDialog

    database = work / "trend.db"
    org_id = build(database)
    shots.application()
    store = open_store(database)
    for lang in ("zh", "en"):
        i18n.install(lang)
        dialog = OrgTrendDialog(DeskService(store, "截图", lang), org_id)
        dialog.resize(*shots.SMALL)
        dialog.show()
        shots.settle(1)
        chart = dialog.chart
        years = chart.years()
        plot = chart._plot()
        at = QPointF(plot.left() + plot.width() / len(years) * (years.index(2023) + 0.5), plot.center().y())
        QApplication.sendEvent(chart, QMouseEvent(QEvent.Type.MouseMove, at, chart.mapToGlobal(at),
                                                  Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                  Qt.KeyboardModifier.NoModifier))
        shots.settle(1)
        shots.save(dialog, out / f"22-org-trend-{lang}-1024x700.png")
        dialog.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
