"""The province desk in the window: the welcome page's third choice, the overview's county table
with its drill-down to a county's enterprises and their records, and 全省汇总 in the roll-up
dialog. The province database is made the real way: enterprise and county packages imported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.reports.province_rollup_data import province_rollup
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.identity import PROVINCE, home_of
from lowcarbon_desk.storage.imported import review_queue
from lowcarbon_desk.ui.operations.province import PROVINCE_ROLLUP
from lowcarbon_desk.ui.service import DeskService
from lowcarbon_desk.ui.welcome import NEW_COUNTY, NEW_PROVINCE, WelcomeDialog, create_database

from .conftest import TIMEOUT, report_line, shown_window
from .test_packages import Chooser

TZ = dt.timezone(dt.timedelta(hours=8))
COUNTIES = {"410199": "嵩川县", "410399": "伊岭县"}
CONTACT = {"contact_name": "王工", "contact_phone": "13800138000"}


def _fast_pdf(store: Store, record_id: str) -> bytes:
    return b"%PDF-1.4\n% " + record_id.encode() + b"\n%%EOF\n"


def _fast_workbook(store: Store, record_ids: list[str]) -> bytes:
    return b"PK\x05\x06" + bytes(18)


def _county_package(root: Path, code: str, coal: float) -> Path:
    """County ``code`` with one enterprise whose annual report it received and accepted."""
    from lowcarbon_desk.packages.create import Renderers

    fast = Renderers(record_pdf=_fast_pdf, workbook=_fast_workbook)
    county_org = {"org_id": code, "kind": "county", "name": COUNTIES[code], "admin_code": code, **CONTACT}
    enterprise = {"org_id": make_credit_code(code, "ENT000001"), "kind": "enterprise", "admin_code": code,
                  "name": f"{COUNTIES[code][:2]}钢铁有限公司", "industry_code": "C3110", **CONTACT}
    with Store.open(root / f"{code}-enterprise.db") as field:
        field.add_orgs([county_org, enterprise], "企业")
        record = field.add_record("energy_report", enterprise["org_id"], {
            "period": "2025", "gross_output_10k_yuan": 15000, "value_added_10k_yuan": 5200,
            "lines": [report_line("raw_coal", coal), report_line("electricity", 200)]}, "企业")
        field.submit(record, "企业")
        sent = create_submission_package(field, enterprise["org_id"], root, operator="企业", period="2025",
                                         key=InstallationKey.generate(), renderers=fast,
                                         now=dt.datetime(2026, 1, 5, 9, tzinfo=TZ))
    with Store.open(root / f"{code}-county.db") as county:
        county.add_orgs([county_org], "县")
        import_package(county, sent.path, "县")
        for row in review_queue(county):
            county.decide(row["record_id"], "accepted", "县")
        made = create_submission_package(county, code, root, operator="县", period="2025",
                                         key=InstallationKey.generate(), renderers=fast,
                                         now=dt.datetime(2026, 1, 9, 9, tzinfo=TZ))
    return made.path


@pytest.fixture
def province_window(qtbot, app_font, settings, tmp_path):
    store = Store.open(tmp_path / "province.db")
    store.add_orgs([{"org_id": "410000", "kind": "county", "name": "河南省", "admin_code": "410000", **CONTACT}], "省")
    for code, coal in zip(COUNTIES, (1000, 3000), strict=True):
        import_package(store, _county_package(tmp_path, code, coal), "省")
    win = shown_window(qtbot, DeskService(store, "省审核员", "zh"), settings)
    win.reload_records(synchronous=True)
    yield win
    store.close()


def test_province_overview_lists_counties_and_drills_down(province_window):
    window = province_window
    overview = window.overview
    overview.set_year(2025)
    overview.refresh(synchronous=True)
    panel = overview.province_panel
    assert not panel.isHidden() and overview.top_box.isHidden()
    model = panel.county_model
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == list(COUNTIES.values())
    rollup = province_rollup(window.service.store, 2025)
    assert model.index(1, 5).data() == f"{rollup.counties[1].totals['total_tce']:,.2f}"
    assert model.index(0, 13).data() == "—"  # synergy: no figure until the measures carry one
    panel.county_view.doubleClicked.emit(model.index(1, 0))  # 伊岭县
    assert panel.county_view.isHidden() and not panel.org_view.isHidden()
    orgs = panel.org_model
    assert orgs.rowCount() == 1 and orgs.index(0, 0).data() == "伊岭钢铁有限公司"
    panel.org_view.doubleClicked.emit(orgs.index(0, 0))  # its records of the year
    assert window.pages.currentIndex() == 0 and window.proxy.rowCount() == 1
    panel.show_counties()
    assert not panel.county_view.isHidden() and panel.org_view.isHidden()


def test_province_rollup_from_the_county_menu(province_window, qtbot, tmp_path):
    window = province_window
    window.service.chooser = Chooser()
    out = tmp_path / "out"
    out.mkdir()
    dialog = window.county.export_rollup()
    assert dialog.county_code() == PROVINCE_ROLLUP and dialog.county.currentText() == "全省汇总（河南省）"
    assert [dialog.county.itemData(i) for i in range(dialog.county.count())] == [PROVINCE_ROLLUP, *COUNTIES]
    dialog.folder.edit.setText(str(out))
    assert dialog.names.text().split("\n") == ["河南省2025年全省汇总.pdf", "河南省2025年全省汇总.xlsx"]
    with qtbot.waitSignal(window.county.rollupWritten, timeout=TIMEOUT) as blocker:
        dialog.accept()
    assert blocker.args[0].organisations == 2  # one enterprise per county (the offices sent no record)
    book = openpyxl.load_workbook(out / "河南省2025年全省汇总.xlsx", read_only=True)
    codes = [r[0] for r in book["全省汇总"].iter_rows(min_row=6, values_only=True)]
    assert codes == [*COUNTIES, "410000"]


def test_welcome_page_offers_a_new_province_database(qapp, app_font, tmp_path):
    dialog = WelcomeDialog(tmp_path / "province.db", "zh")
    assert dialog.radios[NEW_PROVINCE].text() == "为本省新建数据库（导入各县的数据包）"
    dialog.select(NEW_PROVINCE, org_id="410199", name="嵩川县", **CONTACT)
    assert dialog.confirm() is False and "0000" in dialog.error.text()
    dialog.select(NEW_COUNTY, org_id="410000", name="河南省", **CONTACT)
    assert dialog.confirm() is False and "为本省新建数据库" in dialog.error.text()
    dialog.select(NEW_PROVINCE, org_id="410000", name="河南省", contact_name="李处长", contact_phone="0371-65900000")
    assert dialog.confirm() is True and dialog.choice is not None
    assert dialog.choice.org["kind"] == "county" and dialog.choice.org["admin_code"] == "410000"
    assert not dialog.choice.path.exists()  # nothing written before the window takes the choice
    create_database(dialog.choice.path, dialog.choice.org, "tester")
    with Store.open(dialog.choice.path) as store:
        home = home_of(store)
    assert home.kind == PROVINCE and home.covers("410399") and not home.covers("430124")
