"""The county overview's quadrant chart of the year's measures (减污降碳协同): fed by the same
roll-up as the outputs, each point in its quadrant and painted in its class's colour, with a
tooltip; texts in the view's language."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from domain.samples import sample
from lowcarbon_desk.domain.synergy import CLASS_COLOURS
from lowcarbon_desk.ui.overview_view import OverviewView
from lowcarbon_desk.ui.service import DeskService

from .conftest import COUNTY, ENTERPRISE, ENTERPRISE_2

pytestmark = pytest.mark.gui


def _option(code: str, name: str, **cuts: float) -> dict:
    return {"code": code, "name": name, "category": "technology", "cost_class": "no_low",
            "status": "implemented", **cuts}


@pytest.fixture
def measures_store(filled_store):
    filled_store.add_record("cp_audit", ENTERPRISE, sample("cp_audit") | {"options": [
        _option("A", "锅炉煤改气", co2_reduction_t=500, so2_t=1.9, nox_t=0.95),
        _option("B", "湿法脱硫改造", co2_reduction_t=-300, so2_t=0.95)]}, "王工")
    filled_store.add_record("cp_audit", ENTERPRISE_2, sample("cp_audit") | {"options": [
        _option("C", "余热回收", co2_reduction_t=1200)]}, "王工")
    filled_store.add_record("pilot_application", COUNTY, sample("pilot_application") | {
        "baseline_year": 2025, "projects": [{"name": "除尘升级", "category": "industry",
                                             "pm_cut_t_per_year": 4.36}]}, "王工")
    return filled_store


def _view(qtbot, store, lang: str = "zh") -> OverviewView:
    view = OverviewView(DeskService(store, "tester", lang))
    qtbot.addWidget(view)
    view.resize(1024, 1400)
    view.show()
    qtbot.waitExposed(view)
    view.set_year(2025)
    view.refresh(synchronous=True)
    return view


def test_every_measure_is_a_point_in_its_quadrant_and_colour(qtbot, app_font, measures_store) -> None:
    chart = _view(qtbot, measures_store).synergy_chart
    by_name = {m.name: m for m in chart.measures}
    assert sorted(by_name) == sorted(["余热回收", "除尘升级", "湿法脱硫改造", "锅炉煤改气"])
    (x_low, x_high, _), (y_low, y_high, _) = chart.scales()
    assert x_low < 0 < x_high and y_low < 0 < y_high  # the four quadrants show
    plot = chart.plot()
    zero_x = plot.left() + (0 - x_low) / (x_high - x_low) * plot.width()
    zero_y = plot.bottom() - (0 - y_low) / (y_high - y_low) * plot.height()
    synergy, trade_off = chart.position(by_name["锅炉煤改气"]), chart.position(by_name["湿法脱硫改造"])
    assert synergy.x() > zero_x and synergy.y() < zero_y          # upper right
    assert trade_off.x() < zero_x and trade_off.y() < zero_y      # upper left
    carbon_only = chart.position(by_name["余热回收"])
    assert carbon_only.y() == pytest.approx(zero_y)               # on the x axis
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    for name, cls in (("锅炉煤改气", "synergy"), ("湿法脱硫改造", "trade_off"), ("余热回收", "carbon_only"),
                      ("除尘升级", "pollution_only")):
        at = chart.position(by_name[name])
        pixel = image.pixelColor(int(at.x() * ratio), int(at.y() * ratio))
        assert pixel.name() == QColor(CLASS_COLOURS[cls]).name(), name
    assert chart.measure_at(synergy).name == "锅炉煤改气"
    assert chart.tooltip_text(by_name["锅炉煤改气"]) == (
        "测试钢铁有限公司 · 锅炉煤改气\n二氧化碳减排量 500.00 吨/年\n污染当量削减量 3,000 当量/年\n协同减排")


def test_english_texts_and_an_empty_year(qtbot, app_font, filled_store) -> None:
    view = _view(qtbot, filled_store, "en")
    assert view.synergy_box.title().startswith("Co-benefits of measures")
    assert view.synergy_chart.measures == []
    assert view.synergy_chart.texts["empty"].startswith("No measures")
