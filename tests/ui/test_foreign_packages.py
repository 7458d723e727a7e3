"""A package from another county's enterprise in the window (issue 17, item 5): the import asks
with both division codes, the organisation stays out of the overview, and a return that fails
(no decision can be signed for another county) keeps the officer's comment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.packages.create import Renderers, create_submission_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.overview import county_overview
from lowcarbon_desk.ui.service import DeskService
from lowcarbon_desk.ui.settings import WindowSettings
from lowcarbon_desk.ui.submissions.tasks import FOREIGN, IMPORTED

from .conftest import COUNTY, loaded_review, org_rows, report_line, shown_window

TIMEOUT = 60_000
FOREIGN_COUNTY = "330106"
FOREIGN_ENTERPRISE = make_credit_code(FOREIGN_COUNTY, "ENT000009")
COMMENT = "请补充 3 月份的电费发票，核对外购电量"
QUICK = Renderers(record_pdf=lambda store, record_id: b"%PDF-1.4\n" + record_id.encode() + b"\n%%EOF\n",
                  workbook=lambda store, record_ids: b"PK-workbook")


class Chooser:
    def __init__(self, files: list[Path], folder: Path):
        self.files, self.folder = files, folder

    def open_files(self, parent, title, filter_text):
        return list(self.files)

    def directory(self, parent, title, start=""):
        return self.folder


def foreign_package(tmp_path: Path) -> Path:
    """A submitted annual energy report of an enterprise of county 330106, packaged there."""
    store = Store.open(tmp_path / "foreign.db")
    store.add_orgs([{"org_id": FOREIGN_ENTERPRISE, "kind": "enterprise", "name": "邻县化工有限公司",
                     "admin_code": FOREIGN_COUNTY, "industry_code": "C2614", "contact_name": "赵工",
                     "contact_phone": "13900139000"}], "企业填报员")
    record_id = store.add_record("energy_report", FOREIGN_ENTERPRISE, {
        "period": "2025", "gross_output_10k_yuan": 15000, "value_added_10k_yuan": 5200,
        "lines": [report_line("raw_coal", 1000), report_line("electricity", 200)]}, "企业填报员")
    for issue in store.issues(record_id):
        if issue.severity == "warning" and not issue.justification:
            store.justify(record_id, issue.rule, "已核实", "企业填报员", field=issue.field)
    store.submit(record_id, "企业填报员")
    made = create_submission_package(store, FOREIGN_ENTERPRISE, tmp_path / "usb", operator="企业填报员",
                                     period="2025", key=load_or_create_key(tmp_path / "foreign-keys"),
                                     renderers=QUICK)
    store.close()
    return made.path


@pytest.fixture
def county_window(qtbot, app_font, tmp_path, monkeypatch):
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(tmp_path / "county-home"))
    store = Store.open(tmp_path / "county.db")
    store.add_orgs([org_rows()[0]], "审核员")
    service = DeskService(store, "审核员", "zh")
    win = shown_window(qtbot, service, WindowSettings(QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)))
    yield win
    win.close()
    store.close()


def test_foreign_package_is_confirmed_and_a_failed_return_keeps_the_comment(county_window, qtbot, tmp_path):
    county = county_window
    package = foreign_package(tmp_path)
    (tmp_path / "decisions").mkdir()
    county.service.chooser = Chooser([package], tmp_path / "decisions")
    with qtbot.waitSignal(county.packages.imported, timeout=TIMEOUT) as blocker:
        county.act_import_packages.trigger()
    assert [r.status for r in blocker.args[0]] == [FOREIGN]
    assert county.service.store.get_org(FOREIGN_ENTERPRISE) is None  # nothing imported yet
    ask = county.packages.foreign_dialog
    assert ask is not None and ask.isVisible()
    theirs, ours = ask.code_labels[0]
    assert (theirs.text(), ours.text()) == (FOREIGN_COUNTY, COUNTY)
    assert county.packages.results_dialog.model.index(0, 3).data() == "已拒绝：辖区以外"
    with qtbot.waitSignal(county.packages.imported, timeout=TIMEOUT) as blocker:
        ask.accept()
    assert [r.status for r in blocker.args[0]] == [IMPORTED]
    county.packages.results_dialog.close()
    overview = county_overview(county.service.store, 2025)
    assert FOREIGN_ENTERPRISE not in next(f for f in overview.totals if f.key == "orgs").org_ids
    rollup = county.county.export_rollup()  # the roll-up dialog offers this county only
    assert rollup.county.count() == 1 and rollup.county_code() == COUNTY
    rollup.close()
    # the review queue has it; returning it with a decision package cannot be signed for 330106
    review = loaded_review(county, qtbot)
    [record_id] = review.model.record_ids()
    review.select_records([record_id])
    dialog = review.return_selected()
    dialog.comment.setPlainText(COMMENT)
    assert dialog.writes_package()
    dialog.accept()
    again = review.return_dialog
    assert again is not dialog and again.isVisible()
    assert again.comment.toPlainText() == COMMENT and again.writes_package()
    assert FOREIGN_COUNTY in again.error.text()
    assert county.service.record(record_id)["state"] == "submitted"
    # without the package the return goes through, with the comment kept
    again.write_package.setChecked(False)
    with qtbot.waitSignal(review.decided, timeout=TIMEOUT):
        again.accept()
    record = county.service.record(record_id)
    assert record["state"] == "returned" and record["decision_comment"] == COMMENT
