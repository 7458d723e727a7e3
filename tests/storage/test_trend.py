"""An organisation's years (``org_trend``) and the intensity figure of listed records
(``positions_of_records``), on real database files with hand-computed figures."""

from __future__ import annotations

import pytest

from domain.samples import COUNTY, ENTERPRISE
from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.history import intensity_positions, org_trend, positions_of_records
from lowcarbon_desk.storage.overview import county_overview

from .conftest import OPERATOR
from .test_history import add, report

ORG = ENTERPRISE["org_id"]
TCE_PER_T, CO2_PER_T = 0.7143, 1.9003  # raw coal (the sample line's factors)


@pytest.fixture
def county(store: Store) -> Store:
    store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
    return store


def test_each_year_is_its_newest_non_draft_annual_report(county: Store) -> None:
    first = add(county, ORG, report("2022", 1000))
    county.decide(first, "accepted", OPERATOR)
    first_2023 = add(county, ORG, report("2023", 1100))
    revised = county.revise(first_2023, OPERATOR)  # the revision counts, not the first one
    county.update_record(revised, report("2023", 1150), OPERATOR)
    county.submit(revised, OPERATOR)
    sent_2024 = add(county, ORG, report("2024", 1250))
    add(county, ORG, report("2024", 5000), submit=False)  # a later draft does not displace it
    add(county, ORG, report("2024-03", 90))  # a month: not a year
    add(county, ORG, report("2025", 1300), submit=False)  # only a draft: named, not drawn
    trend = org_trend(county, ORG)
    assert trend.years() == [2022, 2023, 2024]
    assert [p.record_id for p in trend.points][1:] == [revised, sent_2024]
    assert trend.draft_years == (2025,)
    coal = [1000, 1150, 1250]
    assert [p.total_tce for p in trend.points] == pytest.approx([c * TCE_PER_T for c in coal])
    assert [p.total_co2_t for p in trend.points] == pytest.approx([c * CO2_PER_T for c in coal])
    # intensity: tce per 10⁴ yuan of value added (10,000 in every report)
    assert [p.energy_intensity for p in trend.points] == pytest.approx([c * TCE_PER_T / 10_000 for c in coal],
                                                                       abs=1e-6)
    assert [p.state for p in trend.points] == ["accepted", "submitted", "submitted"]


def test_an_organisation_without_reports_has_an_empty_trend(county: Store) -> None:
    add(county, ORG, report("2025", 1000), submit=False)
    trend = org_trend(county, ORG)
    assert trend.points == () and trend.draft_years == (2025,)
    assert org_trend(county, "no-such-org").points == ()


def peer_county(store: Store, coal: tuple[float, ...]) -> list[str]:
    """Enterprises of one C30 class in the county, one submitted 2025 report each; returns their
    record ids in the order of ``coal``."""
    ids = []
    for serial, tonnes in enumerate(coal, start=1):
        org_id = make_credit_code(COUNTY["admin_code"], f"P{serial:08d}")
        store.add_orgs([{**ENTERPRISE, "org_id": org_id, "name": f"同行企业{serial}"}], OPERATOR)
        ids.append(add(store, org_id, report("2025", tonnes)))
    return ids


def test_listed_records_get_the_figure_of_intensity_positions(county: Store) -> None:
    ids = peer_county(county, (1000, 1050, 1100, 1150, 1200, 1300, 5000))
    month = add(county, ORG, report("2025-01", 50))
    listed = positions_of_records(county, [*ids, month], county.reference())
    expected = {p.record_id: p for p in intensity_positions(county, 2025, county.reference())}
    assert set(listed) == set(ids) and listed == expected
    top = listed[ids[-1]]
    # peers of the 5,000 t enterprise: 1,000-1,300 t → intensities 0.07143, 0.075002, 0.078573,
    # 0.082145, 0.085716, 0.092859 (six places); median (0.078573 + 0.082145) / 2 = 0.080359;
    # deviations 0.008929, 0.005357, 0.001786, 0.001786, 0.005357, 0.0125 → MAD 0.005357
    median = (0.078573 + 0.082145) / 2
    mad = 0.005357
    assert top.median == pytest.approx(median, abs=1e-6)
    assert top.robust_sd == pytest.approx(1.4826 * mad, rel=1e-3)
    assert top.distance_sd == pytest.approx((0.35715 - median) / (1.4826 * mad), rel=1e-3)
    assert top.outlier and top.peers == 6 and top.industry_class == "C30"
    assert not listed[ids[0]].outlier


def test_too_few_peers_give_no_figure(county: Store) -> None:
    ids = peer_county(county, (1000, 1050, 1100, 1150, 9000))  # four peers each: fewer than 5
    assert positions_of_records(county, ids, county.reference()) == {}


def test_overview_counts_the_outliers_and_opens_their_records(county: Store) -> None:
    ids = peer_county(county, (1000, 1050, 1100, 1150, 1200, 1300, 5000, 1))
    overview = county_overview(county, 2025)
    figures = {f.key: f for f in overview.intensity}
    assert figures["intensity_high"].record_ids == [ids[6]]
    assert figures["intensity_low"].record_ids == [ids[7]]  # 1 t: far below its peers
    assert figures["intensity_compared"].value == 8
    assert overview.groups()[-1][2] == overview.intensity
    assert figures["intensity_high"].label("zh") == "能耗强度偏高（>3σ）"
