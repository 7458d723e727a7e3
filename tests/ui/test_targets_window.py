"""Targets in the window: 汇总 ▸ 目标… (the dialog names the wrong field and stores nothing),
and the overview's 目标进展 with its figures and path charts."""

from __future__ import annotations

import pytest

from lowcarbon_desk.storage.targets import get_target, list_targets
from lowcarbon_desk.ui.targets.panel import TargetsPanel
from reports.sample_data import pilot

from .conftest import COUNTY, ENTERPRISE, ENTERPRISE_2, TIMEOUT, report_line

pytestmark = pytest.mark.gui


def _years(store) -> None:
    """2020: 1,000 t raw coal each over 500 + 500; 2023: 900 t each over 600 + 600 (25 % lower
    intensities); and the county's own pilot application, which makes this a county's database."""
    store.add_record("pilot_application", COUNTY, pilot(), "tester")
    for org in (ENTERPRISE, ENTERPRISE_2):
        for year, tonnes, va in ((2020, 1000, 500), (2023, 900, 600)):
            rid = store.add_record("energy_report", org, {"period": str(year), "value_added_10k_yuan": va,
                                                          "lines": [report_line("raw_coal", tonnes)]}, "tester")
            store.submit(rid, "tester")


def _fill(dialog, **values: str) -> None:
    for key, text in values.items():
        dialog.fields[key].setText(text)


def test_target_dialog_and_overview_progress(window, qtbot, filled_store) -> None:
    _years(filled_store)
    window.overview.set_year(2023)
    window.act_targets.trigger()
    dialog = window.overview.target_dialog
    assert dialog.isVisible() and dialog.division.currentData() == COUNTY
    _fill(dialog, year="2025", base_year="2020", co2_intensity_cut_pct="150")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "碳排放强度下降目标：150 不在 0～100（%）之间"
    _fill(dialog, co2_intensity_cut_pct="18", energy_intensity_cut_pct="13.5", energy_cap_tce="abc")
    dialog.accept()
    assert dialog.error.text().startswith("能源消费总量上限：") and dialog.isVisible()
    _fill(dialog, year="2020")
    dialog.accept()
    assert dialog.error.text().startswith("目标年：2020 须晚于基准年")
    assert list_targets(filled_store) == []
    _fill(dialog, year="2025", energy_cap_tce="1200")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.accept()
    stored = get_target(filled_store, COUNTY, 2025)
    assert (stored.base_year, stored.co2_intensity_cut_pct, stored.energy_cap_tce, stored.set_by) == (
        2020, 18, 1200, "tester")
    qtbot.waitUntil(lambda: len(window.overview.targets_panel.tables) == 1, timeout=TIMEOUT)

    panel = window.overview.targets_panel
    table = panel.tables[0]
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(9)] for r in range(4)}
    assert rows["能耗强度"][2:9] == ["1.4286", "1.0715", "下降 25.00%", "下降 13.50%", "下降 8.10%", "185.19%",
                                   "达标进度正常"]
    assert rows["能源消费总量"][3] == "1,285.74" and rows["能源消费总量"][8] == "超出上限"
    assert rows["非化石能源占比"][8] == "未设目标"  # version-2 reports carry a share; no share target
    assert "线性路径 2023 年应下降" in table.item(1, 8).toolTip()
    chart = panel.charts[1]
    assert [y for y, v in chart.series.actual if v is not None] == [2020, 2023]
    assert chart.series.end == pytest.approx(1.4286 * (1 - 0.135))
    assert not chart.grab().isNull()

    # reopened on the same target year, the dialog shows what is stored
    window.act_targets.trigger()
    again = window.overview.target_dialog
    _fill(again, year="2025")
    again.load()
    assert again.fields["base_year"].text() == "2020" and again.fields["energy_cap_tce"].text() == "1200"
    again.reject()


def test_panel_in_english_and_without_targets(qtbot) -> None:
    panel = TargetsPanel("en")
    qtbot.addWidget(panel)
    panel.show_targets([], 2025)
    assert "about 22 % by 2025" in panel.note.text() and panel.tables == []
    assert panel.edit_button.text() == "Set targets…"
