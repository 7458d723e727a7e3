"""The organisation's trend page: its table model, the QPainter chart at 1024x700 and larger,
hover and tooltip, opening a year's report; and the review queue's intensity columns against
``intensity_positions`` with hand-made peers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QToolTip

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.importer import import_packages
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.reports.workbook import export_workbook
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.history import intensity_positions
from lowcarbon_desk.ui import i18n
from lowcarbon_desk.ui.models.review_queue import COLUMN_OF
from lowcarbon_desk.ui.models.roles import ID_ROLE, SORT_ROLE
from lowcarbon_desk.ui.models.trend import COLUMN_OF as TREND_COLUMN
from lowcarbon_desk.ui.service import DeskService
from lowcarbon_desk.ui.settings import WindowSettings
from lowcarbon_desk.ui.trends.chart import ENERGY, INTENSITY
from lowcarbon_desk.ui.trends.org_page import OrgTrendDialog

from .conftest import COUNTY, ENTERPRISE, TIMEOUT, loaded_review, org_rows, report_line, shown_window
from .test_packages import Chooser, submitted_records

H = Qt.Orientation.Horizontal
TCE_PER_T = 0.7143  # raw coal


def annual(service: DeskService, year: int, coal: float, submit: bool = True) -> str:
    record_id = service.create_record("energy_report", ENTERPRISE, {
        "period": str(year), "value_added_10k_yuan": 10_000, "lines": [report_line("raw_coal", coal)]})
    if submit:
        service.store.submit(record_id, "tester")
    return record_id


@pytest.fixture
def years(window) -> dict[int, str]:
    """2022, 2023 and 2025 submitted (2024 missing), 2026 only a draft."""
    service = window.service
    ids = {2022: annual(service, 2022, 1000), 2023: annual(service, 2023, 1100),
           2025: annual(service, 2025, 1200)}
    annual(service, 2026, 1250, submit=False)
    return ids


@pytest.fixture
def page(window, years, qtbot):
    dialog = window.show_trend(ENTERPRISE)
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def test_the_table_holds_each_years_figures(page: OrgTrendDialog, years: dict[int, str]) -> None:
    model = page.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 3
    headers = [model.headerData(c, H) for c in range(model.columnCount())]
    assert headers[0] == "年度" and headers[TREND_COLUMN["total_tce"]] == "综合能耗\n（吨标准煤）"

    def cell(row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
        return model.index(row, TREND_COLUMN[key]).data(role)

    assert [cell(r, "year") for r in range(3)] == ["2022", "2023", "2025"]
    assert [cell(r, "total_tce") for r in range(3)] == ["714.30", "785.73", "857.16"]
    assert [cell(r, "total_co2_t") for r in range(3)] == ["1,900.30", "2,090.33", "2,280.36"]
    assert [cell(r, "energy_intensity") for r in range(3)] == ["0.0714", "0.0786", "0.0857"]
    # 785.73 / 714.30 - 1 = +10.0 %; 2025 has no 2024 to compare with
    assert [cell(r, "tce_change_pct") for r in range(3)] == ["", "+10.0", ""]
    assert cell(1, "tce_change_pct", SORT_ROLE) == pytest.approx(10.0)
    assert [cell(r, "state") for r in range(3)] == ["已提交"] * 3
    assert [cell(r, "year", ID_ROLE) for r in range(3)] == [years[2022], years[2023], years[2025]]
    assert "2026" in page.note.text()  # only a draft: named, not drawn
    assert page.summary.text() == "2022 年至 2025 年：综合能耗 +20.0%，二氧化碳 +20.0%，能耗强度 +20.0%"


def _pixels(image, colour: QColor) -> int:
    found = 0
    for x in range(0, image.width(), 2):
        for y in range(0, image.height(), 2):
            if image.pixelColor(x, y) == colour:
                found += 1
    return found


@pytest.mark.parametrize("size", [(1024, 700), (1600, 960)])
def test_the_chart_paints_at_small_and_large_sizes(page: OrgTrendDialog, size: tuple[int, int]) -> None:
    page.resize(*size)
    QApplication.processEvents()
    assert page.width() <= size[0] and page.height() <= size[1]  # it fits the screen
    chart = page.chart
    assert chart.width() >= chart.minimumWidth() and chart.height() >= chart.minimumHeight()
    assert page.table.isVisible() and page.table.height() > 80
    image = chart.grab().toImage()
    assert not image.isNull()
    assert _pixels(image, ENERGY) > 100  # the energy bars are there
    assert _pixels(image, INTENSITY) > 5  # and the intensity line
    assert chart.years() == [2022, 2023, 2024, 2025]  # the missing year keeps its slot


def test_hover_highlights_a_year_and_the_tooltip_gives_its_figures(page: OrgTrendDialog, qtbot) -> None:
    chart = page.chart
    plot = chart._plot()
    slot = plot.width() / 4
    middle = [QPointF(plot.left() + slot * (n + 0.5), plot.center().y()) for n in range(4)]
    assert [chart.year_at(p.x()) for p in middle] == [2022, 2023, 2024, 2025]
    assert chart.year_at(plot.left() - 5) is None
    move = QMouseEvent(QEvent.Type.MouseMove, middle[1], chart.mapToGlobal(middle[1]), Qt.MouseButton.NoButton,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(chart, move)
    assert chart.hover_year == 2023
    QApplication.sendEvent(chart, QEvent(QEvent.Type.Leave))
    assert chart.hover_year is None
    assert "785.73" in chart.tooltip_text(2023) and "+10.0%" in chart.tooltip_text(2023)
    assert "0.0786" in chart.tooltip_text(2023) and "2,090.33" in chart.tooltip_text(2023)
    assert chart.tooltip_text(2024) == "2024 年：没有年度能源报表（草稿除外）"
    position = middle[1].toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, position, chart.mapToGlobal(position)))
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert "785.73" in QToolTip.text()
    QToolTip.hideText()


def test_a_year_opens_its_report_and_a_new_report_shows_up(window, page: OrgTrendDialog,
                                                          years: dict[int, str]) -> None:
    page.table.doubleClicked.emit(page.model.index(1, 0))
    assert window.pane.record_id == years[2023]
    annual(window.service, 2024, 1150)  # the hub announces the new record: the page reads its years again
    page.reload()
    assert page.model.rowCount() == 4 and page.chart.point_of(2024) is not None


def test_an_organisation_without_annual_reports_shows_a_note(window, qtbot) -> None:
    dialog = window.show_trend(ENTERPRISE)
    assert dialog.model.rowCount() == 0 and dialog.summary.text() == ""
    image = dialog.chart.grab().toImage()
    assert not image.isNull()
    dialog.close()


def test_the_page_follows_the_open_record_or_the_navigator(window, years, qtbot) -> None:
    window.open_record(years[2023])
    dialog = window.act_trend.trigger() or window.findChild(OrgTrendDialog)
    assert dialog is not None and dialog.org_id == ENTERPRISE
    dialog.close()
    assert window.act_org_trend in window.navigator.actions()


def test_the_page_in_english(qtbot, app_font, filled_store, settings) -> None:
    i18n.install("en")
    try:
        service = DeskService(filled_store, "tester", "en")
        annual(service, 2022, 1000)
        annual(service, 2023, 1100)
        dialog = OrgTrendDialog(service, ENTERPRISE)
        qtbot.addWidget(dialog)
        assert dialog.model.headerData(0, H) == "Year"
        assert dialog.chart.texts["energy"] == "Energy (tce)"
        assert dialog.model.index(0, TREND_COLUMN["state"]).data() == "Submitted"
        assert dialog.summary.text().startswith("2022 to 2023: total energy +10.0%")
        assert "1,900.30" in dialog.chart.tooltip_text(2022)
    finally:
        i18n.install("zh")


# --- the review queue --------------------------------------------------------------------

PEER_COAL = (100, 105, 110, 115, 120, 130)  # C31 peers in the county, intensities 0.0071-0.0093


@pytest.fixture
def county(qtbot, app_font, tmp_path, filled_store):
    """A county office with six C31 peers of its own and the enterprise's annual report received
    in a package, waiting for review."""
    sent = submitted_records(filled_store)
    key = InstallationKey.generate()
    made = create_submission_package(filled_store, ENTERPRISE, tmp_path / "usb", operator="王工",
                                     period="2025", key=key)
    store = Store.open(tmp_path / "county.db")
    store.add_orgs([org_rows()[0]], "审核员")
    import_packages(store, [made.path], "审核员")
    for serial, coal in enumerate(PEER_COAL, start=1):
        org_id = make_credit_code(COUNTY, f"PEER{serial:05d}")
        store.add_orgs([{**org_rows()[2], "org_id": org_id, "name": f"同行钢铁{serial}"}], "审核员")
        record_id = store.add_record("energy_report", org_id, {
            "period": "2025", "value_added_10k_yuan": 10_000, "lines": [report_line("raw_coal", coal)]}, "审核员")
        store.submit(record_id, "审核员")
    service = DeskService(store, "审核员", "zh")
    settings = WindowSettings(QSettings(str(tmp_path / "county.ini"), QSettings.Format.IniFormat))
    window = shown_window(qtbot, service, settings)
    window.sent, window.enterprise, window.enterprise_key = sent, filled_store, key
    yield window
    window.close()
    store.close()


def test_review_queue_shows_the_intensity_figure_of_intensity_positions(county, qtbot) -> None:
    review = loaded_review(county, qtbot)
    model = review.model
    headers = [model.headerData(c, H) for c in range(model.columnCount())]
    assert headers[COLUMN_OF["intensity_sd"]] == "能耗强度\n与同行比较"
    assert headers[COLUMN_OF["intensity_median"]] == "同行中位数\n（吨标准煤/万元）"
    rows = {model.row_dict(r)["record_id"]: r for r in range(model.rowCount())}
    annual_id, budget_id = county.sent
    expected = {p.record_id: p for p in intensity_positions(county.service.store, 2025,
                                                            county.service.reference())}[annual_id]
    # the enterprise burns 1,000 t coal and 200 of electricity on 5,200 (10⁴ yuan): far above
    # peers at 100-130 t on 10,000; their median (0.007857 + 0.008215) / 2
    assert expected.peers == 6 and expected.outlier and expected.distance_sd > 3
    assert expected.median == pytest.approx((110 + 115) / 2 * TCE_PER_T / 10_000, abs=1e-6)
    row = rows[annual_id]
    distance = model.index(row, COLUMN_OF["intensity_sd"])
    assert distance.data() == f"偏高 {expected.distance_sd:.1f}σ"
    assert distance.data(SORT_ROLE) == pytest.approx(abs(expected.distance_sd))
    assert distance.data(Qt.ItemDataRole.ForegroundRole) == QColor("#c62828")
    tip = distance.data(Qt.ItemDataRole.ToolTipRole)
    assert "C31" in tip and "6 家同行" in tip
    median = model.index(row, COLUMN_OF["intensity_median"])
    assert median.data() == f"{expected.median:.4f}"
    assert median.data(SORT_ROLE) == pytest.approx(expected.median)
    # a budget has no such figure; its tooltip says why
    assert model.index(rows[budget_id], COLUMN_OF["intensity_sd"]).data() == ""
    assert model.index(rows[budget_id], COLUMN_OF["intensity_sd"]).data(Qt.ItemDataRole.ToolTipRole)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_review_queue_opens_the_organisations_trend(county, qtbot) -> None:
    review = loaded_review(county, qtbot)
    annual_id = county.sent[0]
    review.select_records([annual_id])
    # the current row without a selection command: QAbstractItemView.setCurrentIndex asks the
    # application's keyboard modifiers, and a Ctrl left down by an earlier test's synthetic keys
    # would toggle the selection off
    review.view.selectionModel().setCurrentIndex(review.proxy.index(
        next(r for r in range(review.proxy.rowCount()) if review.proxy.record_id_at(r) == annual_id), 0),
        QItemSelectionModel.SelectionFlag.NoUpdate)
    assert review.trend_button.isEnabled()
    review.trend_button.click()
    dialog = county.findChild(OrgTrendDialog)
    assert dialog is not None and dialog.org_id == ENTERPRISE and dialog.model.rowCount() == 1
    dialog.close()




def test_the_overview_counts_the_outlier_and_opens_its_record(county) -> None:
    county.reload_records(synchronous=True)
    overview = county.overview
    overview.show_overview(county.service.overview(2025))
    button = overview.figure_buttons["intensity_high"]
    assert button.text() == "能耗强度偏高（>3σ）\n1 家"
    assert overview.figure_buttons["intensity_compared"].text().endswith("7 家")
    overview.open_figure("intensity_high")
    assert county.list_view.proxy.rowCount() == 1
    assert county.list_view.proxy.record_id_at(0) == county.sent[0]


def submitted_annual(store: Store, year: int, coal: float) -> str:
    """The enterprise's annual report of ``year``, its warnings justified, submitted."""
    record_id = store.add_record("energy_report", ENTERPRISE, {
        "period": str(year), "value_added_10k_yuan": 10_000, "lines": [report_line("raw_coal", coal)]}, "王工")
    for issue in store.issues(record_id):
        if issue.severity == "warning" and not issue.justification:
            store.justify(record_id, issue.rule, "已核实", "王工", field=issue.field)
    store.submit(record_id, "王工")
    return record_id


def test_an_open_page_shows_a_year_imported_in_a_package(county, qtbot, tmp_path) -> None:
    page = county.show_trend(ENTERPRISE)
    qtbot.waitExposed(page)
    assert [p.year for p in page.trend.points] == [2025] and page.chart.point_of(2024) is None
    late = submitted_annual(county.enterprise, 2024, 900)  # the enterprise sends last year's report late
    made = create_submission_package(county.enterprise, ENTERPRISE, tmp_path / "usb-2024", operator="王工",
                                     period="2024", key=county.enterprise_key)
    county.service.chooser = Chooser()
    county.service.chooser.files = [made.path]
    with qtbot.waitSignal(county.operations.executed, timeout=TIMEOUT) as blocker:
        county.act_import_packages.trigger()
    assert late in blocker.args[0].records
    # the page read its years again when the operation reported the records it changed
    assert [p.year for p in page.trend.points] == [2024, 2025]
    assert page.model.rowCount() == 2 and page.chart.point_of(2024).record_id == late
    assert page.summary.text().startswith("2024 年至 2025 年")
    county.packages.results_dialog.close()
    page.close()


def test_an_open_page_names_a_draft_year_from_a_workbook_import(window, years, qtbot, tmp_path) -> None:
    other = Store.open(tmp_path / "other.db")  # another installation's workbook with a 2024 report
    other.add_orgs(org_rows(), "王工")
    other.add_record("energy_report", ENTERPRISE, {
        "period": "2024", "value_added_10k_yuan": 10_000, "lines": [report_line("raw_coal", 1150)]}, "王工")
    workbook = tmp_path / "2024.xlsx"
    assert export_workbook(other, workbook) == 1
    other.close()
    page = window.show_trend(ENTERPRISE)
    qtbot.waitExposed(page)
    assert page.trend.draft_years == (2026,)
    with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT) as blocker:
        window.import_workbook(workbook)
    assert len(blocker.args[0].records) == 1  # a record unknown here: a new draft
    assert page.trend.draft_years == (2024, 2026) and "2024、2026" in page.note.text()
    assert [p.year for p in page.trend.points] == [2022, 2023, 2025]  # a draft is named, not drawn
    page.close()


def test_years_far_apart_still_paint(window, qtbot) -> None:
    annual(window.service, 2000, 1000)  # a mistyped period: 26 slots
    annual(window.service, 2025, 1000)
    dialog = window.show_trend(ENTERPRISE)
    dialog.resize(1024, 700)
    assert len(dialog.chart.years()) == 26
    assert not dialog.chart.grab().toImage().isNull()
    dialog.close()
