"""Plausibility rules at, just below and just above each threshold, with hand-computed figures.

The sample report burns 1,000 t raw coal: 714.3 tce and 1,900.3 tCO2 (samples.py).
"""

from __future__ import annotations

import pytest

from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.history import History, Peers, PreviousReport
from lowcarbon_desk.domain.plausibility import MAD_TO_SD, changed_too_much, monthly_jumps, robust_position, unit_slip
from lowcarbon_desk.domain.reference import shipped_reference

from .samples import ENTERPRISE, coal_line, sample

REF = shipped_reference()


def _report(coal: float = 1000, **history) -> list:
    data = sample("energy_report")
    data["lines"] = [coal_line(consumption_total=coal, industrial_use=coal, purchase_qty=coal)]
    return evaluate("energy_report", data, org=ENTERPRISE, history=History(**history)).issues


def _rules(issues: list, rule: str) -> list[tuple[str, str]]:
    return [(i.field, i.severity) for i in issues if i.rule == rule]


def _previous(total_tce: float = 714.3, total_co2_t: float = 1900.3, coal: float = 1000) -> PreviousReport:
    return PreviousReport("R-PREV", "2024", total_tce, total_co2_t, {"raw_coal": coal})


def test_thresholds_come_from_the_reference_data() -> None:
    assert [REF.threshold(k) for k in ("yoy_total_pct", "yoy_total_tce", "yoy_total_tco2", "yoy_line_pct",
                                       "yoy_line_units", "monthly_jump_ratio", "intensity_outlier_sd",
                                       "intensity_outlier_min_peers")] == [30, 500, 1000, 50, 100, 2, 3, 5]


@pytest.mark.parametrize(("current", "previous", "expected"), [
    (1300, 1000, False),   # +30 % exactly, 300 units: neither limit passed
    (1301, 1000, False),   # +30.1 % but only 301 units
    (2500, 2000, False),   # +25 %, 500 units: at both limits
    (2000, 1501, False),   # +33.2 %, 499 units
    (2001, 1500, True),    # +33.4 %, 501 units
    (3000, 2400, False),   # +25 %, 600 units: the percentage holds it back
    (501, 0, True),        # from nothing: any percentage
    (500, 0, False),
    (1000, 2001, True),    # a fall counts too: −50 %, 1,001 units
])
def test_changed_too_much_needs_both_limits(current: float, previous: float, expected: bool) -> None:
    assert changed_too_much(current, previous, 30, 500) is expected


def test_year_on_year_total_tce_around_the_limits() -> None:
    # 714.3 tce now; 214.3 last year is +233 % but only 500 tce: at the absolute limit
    assert _rules(_report(previous_report=_previous(total_tce=214.3)), "energy_report.year_on_year") == []
    # 214.2 last year: 500.1 tce and +233.5 %: above both
    issues = _report(previous_report=_previous(total_tce=214.2))
    assert _rules(issues, "energy_report.year_on_year") == [("total_tce", "warning")]
    message = next(i for i in issues if i.rule == "energy_report.year_on_year").message_zh
    assert "714.3" in message and "214.2" in message and "+233.5%" in message and "R-PREV" in message
    # 1,900.3 tCO2 now; 900.3 last year = 1,000 tCO2 more: at the limit; 900.2: above
    assert _rules(_report(previous_report=_previous(total_co2_t=900.3)), "energy_report.year_on_year") == []
    assert _rules(_report(previous_report=_previous(total_co2_t=900.2)),
                  "energy_report.year_on_year") == [("total_co2_t", "warning")]


def test_year_on_year_per_line_around_the_limits() -> None:
    def line_findings(coal_now: float, coal_before: float) -> list:
        # totals equal to this year's so only the line can speak
        tce, co2 = round(coal_now * 0.7143, 6), round(coal_now * 1.9003, 6)
        return _rules(_report(coal_now, previous_report=_previous(tce, co2, coal_before)),
                      "energy_report.year_on_year")

    assert line_findings(300, 200) == []  # +50 % exactly, 100 t
    assert line_findings(301, 200) == [("lines[0].consumption_total", "warning")]  # +50.5 %, 101 t
    assert line_findings(1000, 800) == []  # +25 %, 200 t: percentage below
    assert line_findings(150, 99) == []  # +51.5 % but 51 t


def test_unit_suspect_bands() -> None:
    assert unit_slip(10_000, 1, 2) == 4
    assert unit_slip(20_000, 1, 2) == 4 and unit_slip(20_001, 1, 2) is None
    assert unit_slip(5_000, 1, 2) == 4 and unit_slip(4_999, 1, 2) is None
    assert unit_slip(1_000, 1, 2) == 3 and unit_slip(2_000, 1, 2) == 3 and unit_slip(2_001, 1, 2) is None
    assert unit_slip(500, 1, 2) == 3 and unit_slip(499, 1, 2) is None
    assert unit_slip(0.001, 1, 2) == -3 and unit_slip(0.0001, 1, 2) == -4
    assert unit_slip(10, 0, 2) is None


def test_unit_suspect_names_both_quantities_and_silences_the_line_change() -> None:
    # 1,000 t now, 0.1 t last year: 10^4 times
    issues = _report(previous_report=_previous(coal=0.1))
    assert _rules(issues, "energy_report.unit_suspect") == [("lines[0].consumption_total", "warning")]
    message = next(i for i in issues if i.rule == "energy_report.unit_suspect").message_en
    assert "1,000 t" in message and "0.1 t" in message and "10⁴" in message
    assert ("lines[0].consumption_total", "warning") not in _rules(issues, "energy_report.year_on_year")
    # 1,000 t against 0.9 t: 1,111 times, within 10^3 x 2
    assert _rules(_report(previous_report=_previous(coal=0.9)), "energy_report.unit_suspect") == [
        ("lines[0].consumption_total", "warning")]
    # 1,000 t against 0.3 t: 3,333 times, in neither band: a plain year-on-year change
    issues = _report(previous_report=_previous(coal=0.3))
    assert _rules(issues, "energy_report.unit_suspect") == []
    assert ("lines[0].consumption_total", "warning") in _rules(issues, "energy_report.year_on_year")


def test_no_history_no_comparison() -> None:
    issues = _report(coal=100_000)
    assert _rules(issues, "energy_report.year_on_year") == _rules(issues, "energy_report.unit_suspect") == []


@pytest.mark.parametrize(("months", "expected"), [
    ([100, 100, 100, 200], []),                   # exactly twice the median 100
    ([100, 100, 100, 200.1], [(3, 200.1, 100)]),  # just above
    ([100, 100, 100, 199.9], []),
    ([100, 250], []),                              # two months: too few to tell
    ([100, 120, 80, None, 300], [(4, 300, 110)]),  # median of 80, 100, 120, 300 is 110
    ([0, 0, 0, 5], []),                            # median 0: nothing to compare with
])
def test_monthly_jumps(months: list, expected: list) -> None:
    assert monthly_jumps(months, 2, 3) == expected


def test_monthly_jump_rule_on_a_budget() -> None:
    data = sample("energy_budget")
    data["monthly_actual_tce"] = [90, 100, 110, 230] + [None] * 8  # median 105, 230 > 210
    issues = evaluate("energy_budget", data, org=ENTERPRISE).issues
    found = [i for i in issues if i.rule == "energy_budget.monthly_jump"]
    assert [(i.field, i.severity) for i in found] == [("monthly_actual_tce[3]", "warning")]
    assert "230" in found[0].message_zh and "105" in found[0].message_zh


def test_robust_position_hand_computed() -> None:
    peers = [0.1, 0.11, 0.12, 0.09, 0.1]  # median 0.1; deviations 0, .01, .02, .01, 0 → MAD 0.01
    position = robust_position(0.1445, peers, 5)
    assert position.median == pytest.approx(0.1)
    assert position.robust_sd == pytest.approx(MAD_TO_SD * 0.01)
    assert position.distance_sd == pytest.approx(0.0445 / 0.014826)  # 3.0015
    assert robust_position(0.1445, peers[:4], 5) is None
    assert robust_position(0.5, [0.1] * 6, 5) is None  # no spread


def test_intensity_outlier_at_just_below_and_just_above_three_sd() -> None:
    value = round(714.3 / 52000, 6)  # the stored intensity, 0.013737
    sd = MAD_TO_SD * 0.01
    for distance, fires in ((2.99, False), (3.01, True)):
        median = value + distance * sd
        peers = (median, median + 0.01, median - 0.01, median + 0.02, median)  # median, MAD 0.01
        assert robust_position(value, peers, 5).distance_sd == pytest.approx(-distance)
        found = _rules(_report(peers=Peers("C31", peers)), "energy_report.intensity_outlier")
        assert found == ([("energy_intensity", "info")] if fires else []), distance
    # four peers are not enough
    assert _rules(_report(peers=Peers("C31", (1.0, 1.1, 0.9, 1.2))), "energy_report.intensity_outlier") == []
