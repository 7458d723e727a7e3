"""Who must report greenhouse gases, worked out without the traced tree (issue 22): the value
``must_report_ghg_value`` gives is the stored term's value for every kind of input, and the
sector table is scanned once per industry code."""

from __future__ import annotations

import itertools

import pytest

from lowcarbon_desk.domain.compute.ghg import must_report_ghg_term, must_report_ghg_value
from lowcarbon_desk.domain.compute.trace import const, given
from lowcarbon_desk.domain.reference import GhgSector, ReferenceCatalog, parse_supplement

TCE = (None, 0, 9_999.9, 10_000, 10_000.1)
CO2 = (None, 0.0, 25_999, 26_000, 40_000)
CODES = (None, "", "C3011", "c2614", "D4411", "C25", "I6450")
ANNUAL = (True, False, None)


@pytest.mark.parametrize("version", ["2025.1", "2026.1"])  # without and with the sector table
def test_the_value_is_the_terms_value_for_every_input(version: str) -> None:
    ref = ReferenceCatalog().get(version)
    for tce, co2, code, annual in itertools.product(TCE, CO2, CODES, ANNUAL):
        term = must_report_ghg_term(const(tce), const(co2), given(code, "industry_code"), const(annual), ref)
        value = must_report_ghg_value(tce, co2, code, annual, ref)
        assert (type(value), value) == (type(term.value), term.value), (tce, co2, code, annual)


def test_the_sectors_are_scanned_once_per_industry_code(monkeypatch: pytest.MonkeyPatch) -> None:
    ref = ReferenceCatalog().get("2026.1")
    scans: list[str | None] = []
    covers = GhgSector.covers

    def counted(self: GhgSector, industry_code: str | None) -> bool:
        scans.append(industry_code)
        return covers(self, industry_code)

    monkeypatch.setattr(GhgSector, "covers", counted)
    for _ in range(3):
        assert ref.ghg_sector("C3011").id == "building_materials"
        assert ref.ghg_sector("I6450") is None
    assert len(scans) == len(ref.ghg_sectors) + list(ref.ghg_sectors).index("building_materials") + 1


PROVINCE = 'version = "2026.2"\n[[ghg_sectors]]\nid = "chemical"\nprefixes = ["C26", "C28"]\nsource = "notice"\n'


def test_a_set_made_from_another_does_not_take_its_remembered_sectors() -> None:
    base = ReferenceCatalog().get("2026.1")
    assert base.ghg_sector("C2811") is None  # remembered by the base set
    derived = parse_supplement(PROVINCE, base, "province.toml")
    assert derived.ghg_sector("C2811").id == "chemical"
    assert base.ghg_sector("C2811") is None and base == ReferenceCatalog().get("2026.1")
