"""The county menu through the window: roll-up (PDF and Excel), blank template, decision packages.

Each action is a dialog and then one ``Operation``: the tests trigger the action, fill the
dialog, wait on the signals and read the written files back (pypdf, openpyxl, the package
verifier). A cancel leaves no file; a failure is one line in a warning box; an operation's
``Changes`` reach the views; the dialogs fit a 1024×700 screen.
"""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.importer import import_packages
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.packages.verify import verify_file
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import write_rollup_pdf
from lowcarbon_desk.reports.workbook import export_workbook
from lowcarbon_desk.storage import Store
from lowcarbon_desk.ui.operations import Changes, Done, Operation, TaskCancelled
from lowcarbon_desk.ui.operations.county import rollup_op
from lowcarbon_desk.ui.service import DeskService
from lowcarbon_desk.ui.settings import WindowSettings
from lowcarbon_desk.ui.submissions.dialogs import ReturnDialog

from .conftest import COUNTY, ENTERPRISE, ENTERPRISE_2, close_warning, org_rows, report_line, shown_window
from .pool import pool_held
from .test_packages import Chooser, submitted_records

TIMEOUT = 60_000


def annual_report(store: Store, org_id: str, year: int, coal: float) -> str:
    return store.add_record("energy_report", org_id, {
        "period": str(year), "gross_output_10k_yuan": 15000, "value_added_10k_yuan": 5200,
        "lines": [report_line("raw_coal", coal), report_line("electricity", 200)]}, "tester")


@pytest.fixture
def county_desk(window, tmp_path):
    """The ``window`` fixture's county with annual reports of 2024 and 2025 and a chooser."""
    store = window.service.store
    annual_report(store, ENTERPRISE, 2024, 900)
    annual_report(store, ENTERPRISE, 2025, 1000)
    annual_report(store, ENTERPRISE_2, 2025, 400)
    window.service.chooser = Chooser()
    window.reload_records(synchronous=True)
    (tmp_path / "out").mkdir()
    return window


def test_rollup_pdf_and_excel_as_the_command_line_writes_them(county_desk, qtbot, tmp_path):
    window, out = county_desk, tmp_path / "out"
    window.act_rollup.trigger()
    dialog = window.county.last_dialog
    assert dialog.objectName() == "rollup_dialog" and dialog.isVisible()
    assert [dialog.year.itemText(i) for i in range(dialog.year.count())] == ["2025", "2024"]
    assert dialog.chosen_year() == 2025 and dialog.county_code() == COUNTY  # newest year, only county
    dialog.folder.edit.setText(str(out))
    assert dialog.names.text().split("\n") == ["测试县2025年全县汇总.pdf", "测试县2025年全县汇总.xlsx"]
    with qtbot.waitSignal(window.county.rollupWritten, timeout=TIMEOUT) as blocker:
        dialog.accept()
    written = blocker.args[0]
    pdf, xlsx = out / "测试县2025年全县汇总.pdf", out / "测试县2025年全县汇总.xlsx"
    assert written.paths == [pdf, xlsx] and written.organisations == 4
    assert sorted(p.name for p in out.iterdir()) == sorted([pdf.name, xlsx.name])  # no temporaries
    # the same bytes as `export rollup` (deterministic: dated by the newest record used)
    reference = write_rollup_pdf(county_rollup(window.service.store, 2025), tmp_path / "cli.pdf")
    assert pdf.read_bytes() == reference.read_bytes()
    reader = PdfReader(pdf)
    assert "2025" in reader.metadata.title and len(reader.pages) >= 2
    assert "测试钢铁有限公司" in "".join(page.extract_text() for page in reader.pages)
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {ENTERPRISE, ENTERPRISE_2, "测试钢铁有限公司"} <= cells
    assert "已导出全县汇总" in window.statusBar().currentMessage()


def test_rollup_of_an_older_year_pdf_only(county_desk, qtbot, tmp_path):
    window, out = county_desk, tmp_path / "out"
    dialog = window.county.export_rollup()
    dialog.year.setCurrentIndex(1)
    dialog.xlsx.setChecked(False)
    dialog.folder.edit.setText(str(out))
    with qtbot.waitSignal(window.county.rollupWritten, timeout=TIMEOUT):
        dialog.accept()
    assert [p.name for p in out.iterdir()] == ["测试县2024年全县汇总.pdf"]
    assert "2024" in PdfReader(out / "测试县2024年全县汇总.pdf").metadata.title


def test_rollup_dialog_needs_a_format(county_desk):
    dialog = county_desk.county.export_rollup()
    dialog.pdf.setChecked(False)
    dialog.xlsx.setChecked(False)
    assert not dialog.ok.isEnabled()
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text()
    dialog.close()


def test_cancelled_rollup_leaves_no_file(county_desk, qtbot, tmp_path):
    window, out = county_desk, tmp_path / "out"
    with pool_held():  # the worker starts only after the cancel
        op = window.county.run_rollup(2025, None, out / "a.pdf", out / "a.xlsx")
        op.cancel()
    with qtbot.waitSignal(op.cancelled, timeout=TIMEOUT):
        pass
    assert list(out.iterdir()) == [] and not op.is_running


@pytest.mark.parametrize("stop_at", [0, 1, 2, 3, 4])
def test_rollup_cancelled_at_any_step_writes_nothing(filled_store, tmp_path, stop_at):
    annual_report(filled_store, ENTERPRISE, 2025, 1000)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.pdf").write_bytes(b"an older roll-up")  # a file being replaced stays as it was
    steps: list[int] = []

    def progress(done: int, total: int) -> bool:
        steps.append(done)
        return len(steps) <= stop_at

    with pytest.raises(TaskCancelled):
        rollup_op(2025, None, out / "old.pdf", out / "new.xlsx")(filled_store, progress)
    assert [p.name for p in out.iterdir()] == ["old.pdf"]
    assert (out / "old.pdf").read_bytes() == b"an older roll-up"


def test_rollup_failure_is_one_line(county_desk, qtbot, tmp_path):
    window = county_desk
    (tmp_path / "a-file").write_text("x")
    with qtbot.waitSignal(window.operations.failed, timeout=TIMEOUT) as blocker:
        window.county.run_rollup(2025, None, tmp_path / "a-file" / "r.pdf", None)
    message = blocker.args[0]
    assert "\n" not in message and "a-file" in message and "Traceback" not in message
    assert close_warning(qtbot) == message


def test_blank_template(county_desk, qtbot, tmp_path):
    window, out = county_desk, tmp_path / "out"
    window.act_template.trigger()
    dialog = window.county.last_dialog
    assert dialog.objectName() == "template_dialog"
    assert dialog.name.text() == "测试县填报空白模板.xlsx"
    dialog.folder.edit.setText(str(out))
    with qtbot.waitSignal(window.county.templateWritten, timeout=TIMEOUT) as blocker:
        dialog.accept()
    path = blocker.args[0]
    assert path == out / "测试县填报空白模板.xlsx" and [p.name for p in out.iterdir()] == [path.name]
    reference = tmp_path / "cli.xlsx"
    assert export_workbook(window.service.store, reference, record_ids=[]) == 0  # as `export xlsx` with no records
    written, expected = openpyxl.load_workbook(path), openpyxl.load_workbook(reference)
    assert written.sheetnames == expected.sheetnames and len(written.sheetnames) > 4
    for name in written.sheetnames:  # headers only: no organisation and no record is in the template
        assert [[c.value for c in row] for row in written[name].iter_rows()] == \
               [[c.value for c in row] for row in expected[name].iter_rows()]
    assert all(ENTERPRISE not in str(c.value) for ws in written.worksheets for row in ws.iter_rows() for c in row)


def test_template_name_needs_a_folder(county_desk):
    dialog = county_desk.county.export_template()
    dialog.folder.edit.setText("")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text()
    dialog.close()


# --- decision packages ----------------------------------------------------------------------
@pytest.fixture
def county_office(qtbot, app_font, tmp_path):
    """A county database that received an enterprise's package and decided both records."""
    enterprise = Store.open(tmp_path / "enterprise.db")
    enterprise.add_orgs(org_rows(), "tester")
    accepted, returned = submitted_records(enterprise)
    made = create_submission_package(enterprise, ENTERPRISE, tmp_path, operator="tester",
                                     key=load_or_create_key(tmp_path / "enterprise-keys"))
    enterprise.close()
    store = Store.open(tmp_path / "county.db")
    store.add_orgs([org_rows()[0]], "审核员")
    import_packages(store, [made.path], "审核员")
    store.decide(accepted, "accepted", "审核员", None)
    store.decide(returned, "returned", "审核员", "预算基准年数据与上年年报不一致")
    service = DeskService(store, "审核员", "zh")
    service.chooser = Chooser()
    settings = WindowSettings(QSettings(str(tmp_path / "county.ini"), QSettings.Format.IniFormat))
    win = shown_window(qtbot, service, settings)
    win.decided = (accepted, returned)
    (tmp_path / "usb").mkdir()
    yield win
    win.close()
    store.close()


def open_decisions(window, qtbot):
    window.act_decisions.trigger()
    dialog = window.county.last_dialog
    assert dialog.objectName() == "decisions_dialog"
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=TIMEOUT)  # read on a worker
    return dialog


def test_decision_package_for_chosen_decisions(county_office, qtbot, tmp_path):
    window, usb = county_office, tmp_path / "usb"
    accepted, returned = window.decided
    dialog = open_decisions(window, qtbot)
    assert sorted(dialog.chosen_ids()) == sorted([accepted, returned])  # all ticked
    states = {dialog.table.item(r, 0).data(Qt.ItemDataRole.UserRole + 1): dialog.table.item(r, 3).text()
              for r in range(2)}
    assert states == {accepted: "已接收", returned: "已退回"}
    comments = [dialog.table.item(r, 4).text() for r in range(2)]
    assert "预算基准年数据与上年年报不一致" in comments
    dialog.check_all(False)
    assert not dialog.ok.isEnabled()
    row = next(r for r in range(2) if dialog.table.item(r, 0).data(Qt.ItemDataRole.UserRole + 1) == returned)
    dialog.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_ids() == [returned] and "1 / 2" in dialog.count.text()
    dialog.folder.edit.setText(str(usb))
    with qtbot.waitSignal(window.county.decisionsWritten, timeout=TIMEOUT) as blocker:
        dialog.accept()
    (package,) = blocker.args[0]
    assert package.path.parent == usb and package.path.name.startswith(f"{ENTERPRISE}_")
    period = window.service.record(returned)["period"]
    assert package.path.name.startswith(f"{ENTERPRISE}_{period}_")  # its period, not "all"
    verified = verify_file(package.path)
    assert verified.kind == "decision" and [r["record_id"] for r in verified.manifest.records] == [returned]
    assert "审核结论包" in window.statusBar().currentMessage()


def test_cancelled_decision_packages_leave_no_file(county_office, qtbot, tmp_path):
    window, usb = county_office, tmp_path / "usb"
    with pool_held():  # the worker starts only after the cancel
        op = window.county.run_decisions(list(window.decided), usb)
        op.cancel()
    with qtbot.waitSignal(op.cancelled, timeout=TIMEOUT):
        pass
    assert list(usb.iterdir()) == []


def test_decisions_dialog_needs_an_existing_folder(county_office, qtbot, tmp_path):
    dialog = open_decisions(county_office, qtbot)
    dialog.folder.edit.setText(str(tmp_path / "missing"))
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text()
    dialog.close()


def test_return_writes_the_decision_package_by_default(qapp):
    dialog = ReturnDialog(2)
    assert dialog.writes_package()
    dialog.write_package.setChecked(False)
    assert not dialog.writes_package()
    dialog.deleteLater()


# --- the operation base -----------------------------------------------------------------------
def test_changes_reach_the_views(window, qtbot):
    new_org = {**org_rows()[2], "org_id": make_credit_code(COUNTY, "ENT000099"), "name": "新来的化工有限公司"}

    def add_org(store: Store, progress) -> Done:
        progress(0, 1)
        org_id = store.add_orgs([new_org], "tester")[0]
        return Done(org_id, Changes(orgs=(org_id,)))

    assert window.navigator_model.find_org(new_org["org_id"]) is None
    with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT) as blocker:
        Operation(window.operations, add_org, show_progress=False).run_in_background()
    changes, operation = blocker.args
    assert changes.orgs and changes.database and operation.changes is changes
    assert window.navigator_model.find_org(new_org["org_id"]) is not None  # reloaded by the window


# --- 1024×700 ---------------------------------------------------------------------------------
def cut_labels(dialog) -> list[str]:
    """Labels (not wrapping) narrower than their text."""
    cut = []
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap() and label.text():
            widest = max(label.fontMetrics().horizontalAdvance(line) for line in label.text().split("\n"))
            if label.width() < widest:
                cut.append(label.text())
    return cut


def test_dialogs_fit_1024_by_700(county_office, qtbot):
    window = county_office
    window.resize(1024, 700)
    for dialog in (window.county.export_rollup(), window.county.export_template(),
                   open_decisions(window, qtbot)):
        qtbot.waitExposed(dialog)
        size = dialog.frameGeometry()
        assert size.width() <= 1024 and size.height() <= 700, dialog.objectName()
        assert dialog.minimumSizeHint().width() <= 1000, dialog.objectName()
        assert cut_labels(dialog) == [], dialog.objectName()
        dialog.close()
