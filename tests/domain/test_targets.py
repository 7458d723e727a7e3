"""Targets and progress (reference data §5), figures worked out by hand."""

from __future__ import annotations

import pytest

from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.domain.targets import (
    Target,
    YearFigures,
    check_target,
    guidance_share,
    path_points,
    progress,
)

TARGET = Target("430124", 2025, 2020, co2_intensity_cut_pct=18, energy_intensity_cut_pct=13.5,
                energy_cap_tce=120_000, non_fossil_share_pct=22)
# base year: 100,000 tCO2 and 100,000 tce over 50,000 (10^4 yuan): 2.0 t and 2.0 tce per 10^4 yuan
BASE = YearFigures(2020, total_tce=100_000, total_co2_t=100_000, value_added_10k_yuan=50_000, reports=10,
                   non_fossil_tce=16_000, non_fossil_basis_tce=100_000)


def test_on_track_co2_intensity_by_hand() -> None:
    # 2023: 93,000 t / 55,000 = 1.690909; cut (2 − 1.690909) / 2 = 15.4545 %;
    # linear path 18 × (2023 − 2020) / (2025 − 2020) = 10.8 %; progress 15.4545 / 18 = 85.86 %
    now = YearFigures(2023, total_tce=104_500, total_co2_t=93_000, value_added_10k_yuan=55_000, reports=11)
    co2 = progress(TARGET, BASE, now, 2023).indicator("co2_intensity")
    assert co2.base == pytest.approx(2.0)
    assert co2.now == pytest.approx(1.690909, rel=1e-6)
    assert co2.change_pct == pytest.approx(15.4545, rel=1e-4)
    assert co2.expected == pytest.approx(10.8)
    assert co2.progress_pct == pytest.approx(85.8586, rel=1e-4)
    assert co2.status == "on_track"
    assert "10.80%" in co2.explanation() and "15.45%" in co2.explanation("en")
    # energy intensity 104,500 / 55,000 = 1.9; cut 5 %; path 13.5 × 3/5 = 8.1 % → behind
    energy = progress(TARGET, BASE, now, 2023).indicator("energy_intensity")
    assert energy.change_pct == pytest.approx(5.0)
    assert energy.expected == pytest.approx(8.1)
    assert energy.status == "behind"


def test_target_year_met_or_missed() -> None:
    met = YearFigures(2025, total_tce=90_000, total_co2_t=96_000, value_added_10k_yuan=60_000, reports=10)
    # CO2 96,000 / 60,000 = 1.6: cut 20 % ≥ 18 % → met; energy 1.5: cut 25 % ≥ 13.5 % → met
    p = progress(TARGET, BASE, met, 2025)
    assert p.indicator("co2_intensity").status == "met"
    assert p.indicator("energy_intensity").status == "met"
    missed = YearFigures(2026, total_tce=90_000, total_co2_t=102_000, value_added_10k_yuan=60_000, reports=10)
    # 1.7: cut 15 % < 18 % in a year after the target year → missed
    assert progress(TARGET, BASE, missed, 2026).indicator("co2_intensity").status == "missed"


def test_energy_cap_and_no_data() -> None:
    over = YearFigures(2024, total_tce=125_000, total_co2_t=1, value_added_10k_yuan=1, reports=3)
    total = progress(TARGET, BASE, over, 2024).indicator("total_energy")
    assert (total.status, total.progress_pct) == ("exceeded", pytest.approx(125_000 / 120_000 * 100))
    assert total.change_pct == pytest.approx(25.0)
    within = YearFigures(2024, total_tce=119_999, reports=1)
    assert progress(TARGET, BASE, within, 2024).indicator("total_energy").status == "within"
    empty = YearFigures(2024)
    p = progress(TARGET, BASE, empty, 2024)
    assert {i.status for i in p.indicators} == {"no_data"}


def test_non_fossil_share_path_and_guidance() -> None:
    # base 16 %, target 22 % by 2025; 2023 path 16 + 6 × 3/5 = 19.6 %; now 20 % → on track
    now = YearFigures(2023, total_tce=100_000, reports=5, non_fossil_tce=10_000, non_fossil_basis_tce=50_000)
    share = progress(TARGET, BASE, now, 2023).indicator("non_fossil_share")
    assert share.now == pytest.approx(20.0)
    assert share.expected == pytest.approx(19.6)
    assert share.change_pct == pytest.approx(4.0)
    assert share.status == "on_track"
    # v1 reports only: no non-fossil figure anywhere → no data ("—")
    v1 = YearFigures(2023, total_tce=100_000, reports=5)
    assert progress(TARGET, BASE, v1, 2023).indicator("non_fossil_share").status == "no_data"
    # no target: the Hunan guidance (22 % by 2025, 25 % by 2030) is shown beside it
    bare = Target("430124", 2030, 2020, co2_intensity_cut_pct=18)
    thresholds = {"non_fossil_share_2025_pct": 22.0, "non_fossil_share_2030_pct": 25.0}
    guided = progress(bare, BASE, now, 2023, guidance_share(thresholds, 2030)).indicator("non_fossil_share")
    assert (guided.status, guided.guidance) == ("no_target", 25.0)
    assert "25.00%" in guided.explanation()
    assert guidance_share(thresholds, 2025) == 22.0


def test_linear_path_points() -> None:
    points = path_points(TARGET, 18, 2.0, [2020, 2022, 2025, 2026])
    assert points == [(2020, 2.0), (2022, pytest.approx(2.0 * (1 - 0.18 * 2 / 5))),
                      (2025, pytest.approx(1.64)), (2026, pytest.approx(1.64))]


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"division": "43012", "year": 2025, "base_year": 2020}, "division", "6 位"),
    ({"division": "430124", "year": 2020, "base_year": 2020}, "year", "须晚于"),
    ({"division": "430124", "year": 2025}, "base_year", "必须填写"),
    ({"division": "430124", "year": 2025, "base_year": 2020, "co2_intensity_cut_pct": 101}, "co2_intensity_cut_pct", "0～100"),
    ({"division": "430124", "year": 2025, "base_year": 2020, "non_fossil_share_pct": -1}, "non_fossil_share_pct", "0～100"),
    ({"division": "430124", "year": 2025, "base_year": 2020, "energy_cap_tce": 0}, "energy_cap_tce", "大于 0"),
    ({"division": "430124", "year": 2025, "base_year": 2020, "energy_cap_tce": "abc"}, "energy_cap_tce", "不是数字"),
])
def test_check_target_names_the_field(values: dict, field: str, words: str) -> None:
    names = {field: (f"--{field}", f"--{field}")}
    with pytest.raises(InputError) as caught:
        check_target(values, names)
    assert caught.value.subject == field
    assert caught.value.message("zh").startswith(f"--{field}：") and words in caught.value.message("zh")
    assert caught.value.message("en").startswith(f"--{field}: ")
    assert "\n" not in caught.value.message("zh")
