"""Reference-data versions: the shipped set and user factor-set files (reference-data.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowcarbon_desk.domain.errors import LowcarbonError, ReferenceDataError
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.reference import (
    ReferenceCatalog,
    catalog,
    parse_supplement,
    shipped_reference,
)

from .samples import ENTERPRISE, sample

# the shipped sets, oldest first; a user's set is based on the newest (read, not pinned, so
# shipping a new set does not break these tests)
SHIPPED = ReferenceCatalog().versions()
NEWEST = SHIPPED[-1]
USER_VERSION = "2099.1"

GRID_2026 = f"""\
version = "{USER_VERSION}"
based_on = "{NEWEST}"
title_zh = "2026 年电网因子"
title_en = "2026 grid factor"
default_grid_factor = "mee_2026"

[[grid_factors]]
id = "mee_2026"
label_zh = "全国电网平均排放因子 2026"
label_en = "National grid average 2026"
tco2_per_mwh = 0.5
year = 2026
source = "MEE notice 2026"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def user_root(tmp_path: Path) -> Path:
    root = tmp_path / "user-reference"
    root.mkdir()
    return root


def test_shipped_set() -> None:
    ref = shipped_reference()
    assert ref.version == NEWEST and ref.based_on == ""
    assert {"2025.1", "2026.1"} <= set(SHIPPED)
    assert catalog(user=False).versions() == SHIPPED
    with pytest.raises(ReferenceDataError) as info:
        ref.energy_type("peat")
    assert "peat" in info.value.message("zh") and "peat" in info.value.message("en")
    with pytest.raises(ReferenceDataError):
        ref.grid_factor("nowhere")


def test_add_file_makes_a_new_version(user_root: Path, tmp_path: Path) -> None:
    cat = ReferenceCatalog(user_root=user_root)
    source = write(tmp_path, "factors-2026.toml", GRID_2026)
    data = cat.add_file(source)
    assert data.version == USER_VERSION and data.based_on == NEWEST
    assert data.default_grid_factor == "mee_2026"
    assert data.grid_factor().tco2_per_10k_kwh == pytest.approx(5.0)
    # everything else comes from the base set
    assert data.energy == cat.get(NEWEST).energy
    assert data.grid["nbs_2022"] == cat.get(NEWEST).grid["nbs_2022"]
    assert cat.versions() == [*SHIPPED, USER_VERSION]
    assert cat.latest().version == USER_VERSION and cat.latest_shipped().version == NEWEST
    # the base set is unchanged
    assert cat.get(NEWEST).default_grid_factor == "mee_2023_2025"
    # a copy is kept in the user folder, and a new catalog (next start) finds it
    assert (user_root / f"{USER_VERSION}.toml").read_text(encoding="utf-8") == GRID_2026
    again = ReferenceCatalog(user_root=user_root)
    assert again.versions() == [*SHIPPED, USER_VERSION]
    assert again.get(USER_VERSION).grid_factor().tco2_per_mwh == 0.5
    # adding the same file again is allowed (same kept copy)
    assert cat.add_file(source).version == USER_VERSION


def test_user_sets_live_in_the_user_data_folder(_isolated_home: Path, tmp_path: Path) -> None:
    catalog().add_file(write(tmp_path, "f.toml", GRID_2026))
    assert (_isolated_home / "reference" / f"{USER_VERSION}.toml").exists()
    assert catalog().latest().version == USER_VERSION
    assert catalog(user=False).versions() == SHIPPED


def test_new_factor_changes_computation() -> None:
    base = shipped_reference()
    newer = parse_supplement(GRID_2026, base, "test")
    data = sample("energy_report")
    data["lines"] = [{"energy": "electricity", "consumption_total": 100, "industrial_use": 100}]
    old = evaluate("energy_report", data, org=ENTERPRISE, ref=base).computed
    new = evaluate("energy_report", data, org=ENTERPRISE, ref=newer).computed
    assert old["electricity_co2_t"] == pytest.approx(570.3)   # 100 x 5.703
    assert new["electricity_co2_t"] == pytest.approx(500)     # 100 x 5.0
    assert new["grid_factor_used"] == "mee_2026"
    assert old["total_tce"] == new["total_tce"]


def test_a_sets_energy_and_grid_lists_follow_that_set() -> None:
    """The forms' @energy and @grid_factors lists are made once per set, and a set made from
    another (a supplement) has its own."""
    base = shipped_reference()
    newer = parse_supplement(GRID_2026, base, "test")
    form = get_form("energy_report")
    assert form.enum_options("@grid_factors", base) is form.enum_options("@grid_factors", base)
    assert [o.value for o in form.enum_options("@energy", base)] == list(base.energy)
    assert "mee_2026" in [o.value for o in form.enum_options("@grid_factors", newer)]
    assert "mee_2026" not in [o.value for o in form.enum_options("@grid_factors", base)]
    with pytest.raises(ValueError, match="reference data needed for @energy"):
        form.enum_options("@energy")


def test_supplement_can_change_a_coefficient_and_threshold() -> None:
    text = """version = "2025.2"
[[energy_coefficients]]
code = "natural_gas"
tce_per_unit = 13.3
source = "oilfield gas, GB/T 2589-2020"
[[thresholds]]
id = "key_energy_unit_tce"
value = 5000
source = "provincial notice"
"""
    data = parse_supplement(text, shipped_reference(), "x.toml")
    assert data.energy["natural_gas"].tce_per_unit == 13.3
    assert data.energy["natural_gas"].name_zh == "天然气"  # kept from the base row
    assert data.threshold("key_energy_unit_tce") == 5000


BAD_SETS = {
    "not TOML": ("version = \n", "TOML"),
    "no version": ('title_en = "x"\n', "version"),
    "unknown base": ('version = "2026.9"\nbased_on = "1999.1"\n', "1999.1"),
    "row without key": ('version = "2026.9"\n[[grid_factors]]\nlabel_zh = "x"\nsource = "s"\n',
                        "id"),
    "row without source": ('version = "2026.9"\n[[grid_factors]]\nid = "g"\nlabel_zh = "g"\n'
                           'label_en = "g"\ntco2_per_mwh = 0.5\nyear = 2026\n', "source"),
    "not a number": ('version = "2026.9"\n[[grid_factors]]\nid = "mee_2023_2025"\n'
                     'tco2_per_mwh = "lots"\nsource = "s"\n', "lots"),
    "negative": ('version = "2026.9"\n[[heat_factors]]\nid = "guideline_default"\n'
                 'tco2_per_gj = -0.1\nsource = "s"\n', "-0.1"),
    "missing column": ('version = "2026.9"\n[[grid_factors]]\nid = "new"\ntco2_per_mwh = 0.5\n'
                       'year = 2026\nsource = "s"\n', "grid_factors.new"),
    "bad year": ('version = "2026.9"\n[[grid_factors]]\nid = "mee_2023_2025"\nyear = "soon"\n'
                 'source = "s"\n', "grid_factors.mee_2023_2025"),
    "unknown default grid": ('version = "2026.9"\ndefault_grid_factor = "mars"\n', "mars"),
    "factor for unknown code": ('version = "2026.9"\n[[combustion_factors]]\ncode = "peat"\n'
                                'ncv = 10\nncv_unit = "GJ/t"\ncarbon_content_tc_per_tj = 28\n'
                                'oxidation_pct = 98\ntco2_per_unit = 1\nsource = "s"\n', "peat"),
    "shipped version again": ('version = "2025.1"\n', "2025.1"),
    "unsafe version": ('version = "../../escape"\n', "escape"),
}


@pytest.mark.parametrize("name", list(BAD_SETS))
def test_malformed_set_file_is_refused_naming_the_file(name: str, user_root: Path,
                                                       tmp_path: Path) -> None:
    text, detail = BAD_SETS[name]
    cat = ReferenceCatalog(user_root=user_root)
    source = write(tmp_path, "my-factors.toml", text)
    with pytest.raises(ReferenceDataError) as info:
        cat.add_file(source)
    error = info.value
    assert isinstance(error, LowcarbonError)
    for lang in ("zh", "en"):
        assert str(source) in error.message(lang), error.message(lang)
        assert detail in error.message(lang), error.message(lang)
    # nothing was added or kept
    assert cat.versions() == SHIPPED
    assert list(user_root.iterdir()) == []
    assert not (tmp_path.parent / "escape.toml").exists()


def test_unreadable_set_file(user_root: Path, tmp_path: Path) -> None:
    cat = ReferenceCatalog(user_root=user_root)
    missing = tmp_path / "absent.toml"
    with pytest.raises(ReferenceDataError) as info:
        cat.add_file(missing)
    assert str(missing) in info.value.message("en")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00version")
    with pytest.raises(ReferenceDataError) as info:
        cat.add_file(binary)
    assert str(binary) in info.value.message("zh")


def test_unknown_version_is_an_error() -> None:
    with pytest.raises(ReferenceDataError) as info:
        catalog(user=False).get("2099.1")
    assert "2099.1" in info.value.message("en")


def test_a_damaged_user_file_is_skipped_not_fatal(tmp_path):
    from lowcarbon_desk.domain.reference import ReferenceCatalog

    (tmp_path / "broken.toml").write_text("version = [unclosed", encoding="utf-8")
    catalog = ReferenceCatalog(user_root=tmp_path)
    assert catalog.latest().version == NEWEST
    assert str(tmp_path / "broken.toml") in catalog.skipped


def test_every_shipped_row_names_its_source_in_chinese_and_english() -> None:
    ref = shipped_reference()
    rows = [*ref.energy.values(), *ref.combustion.values(), *ref.grid.values(), *ref.heat.values(),
            *ref.thresholds.values(), *ref.renewables.values(), *ref.grid_non_fossil.values(),
            *ref.pollutants.values(), *ref.pollutant_factors.values(), *ref.ghg_sectors.values()]
    assert ref.pollutants and ref.renewables and ref.ghg_sectors
    for row in rows:
        assert row.source and row.source_zh, row
        assert row.source_text("en") == row.source
        assert row.source_text("zh") == row.source_zh
    assert ref.energy["raw_coal"].source_text("zh") == "《综合能耗计算通则》（GB/T 2589-2020）附录A"
    assert ref.combustion["raw_coal"].source_text("zh").startswith("《省级温室气体清单编制指南（试行）》")


def test_a_supplement_row_with_a_new_source_drops_the_old_chinese_name() -> None:
    base = shipped_reference()
    text = """version = "2025.3"
[[energy_coefficients]]
code = "natural_gas"
tce_per_unit = 13.3
source = "oilfield gas, GB/T 2589-2020"
[[energy_coefficients]]
code = "raw_coal"
tce_per_unit = 0.7
source = "measured 2025"
source_zh = "2025 年实测"
[[thresholds]]
id = "budget_alert_pct"
label_en = "Alert"
"""
    with pytest.raises(ReferenceDataError):  # every row needs its source, even a relabelling
        parse_supplement(text, base, "x.toml")
    data = parse_supplement(text.replace('label_en = "Alert"\n', 'label_en = "Alert"\nsource = "s"\n'),
                            base, "x.toml")
    gas = data.energy["natural_gas"]
    # the base row's Chinese name named another source: Chinese falls back to the new source
    assert gas.source_zh == "" and gas.source_text("zh") == "oilfield gas, GB/T 2589-2020"
    assert data.energy["raw_coal"].source_text("zh") == "2025 年实测"
    # rows the file does not name keep both names
    assert data.energy["coke"].source_zh == base.energy["coke"].source_zh


def test_every_row_of_2025_1_is_kept_in_2026_1() -> None:
    cat = ReferenceCatalog()
    old, new = cat.get("2025.1"), cat.get("2026.1")
    for table in ("energy", "combustion", "grid", "heat", "thresholds"):
        old_rows, new_rows = getattr(old, table), getattr(new, table)
        assert {k: new_rows[k] for k in old_rows} == old_rows, table
    assert new.default_grid_factor == old.default_grid_factor
    # the older set has none of the new tables
    assert not (old.renewables or old.pollutants or old.ghg_sectors or old.pollutant_factors)


def test_2026_1_pollutants_sectors_and_renewables() -> None:
    ref = ReferenceCatalog().get("2026.1")
    assert ref.pollutants["so2"].kg_per_equivalent == 0.95
    assert ref.pollutants["nox"].kg_per_equivalent == 0.95
    assert "Environmental Protection Tax Law" in ref.pollutants["so2"].source
    pm = ref.pollutants["pm"]
    assert pm.kg_per_equivalent == 2.18
    assert "unconfirmed" in pm.source and "未经核实" in pm.source_zh
    assert ref.pollutants["vocs"].kg_per_equivalent is None  # totalled in tonnes, not converted
    k = ref.pollutant_factors["so2_sulfur_conversion"]
    assert k.value == 0.8 and "coal-fired boilers" in k.source
    sectors = {s.id: s.prefixes for s in ref.ghg_sectors.values()}
    assert sectors == {"power": ("D441", "D443"), "petrochemical": ("C251",), "chemical": ("C26",),
                       "steel": ("C31",), "building_materials": ("C30",), "nonferrous": ("C32",),
                       "papermaking": ("C22",), "aviation": ("G56",)}
    assert all("GB/T 4754-2017" in s.source for s in ref.ghg_sectors.values())
    assert ref.ghg_sector("C2614").id == "chemical" and ref.ghg_sector("d4411").id == "power"
    assert ref.ghg_sector("I6450") is None and ref.ghg_sector("") is None
    assert ref.ghg_sector("C25") is None  # only refined petroleum (C251) is listed
    for code in ("pv_self", "wind_self", "green_power"):
        energy = ref.energy[code]
        assert (energy.kind, energy.unit_en, energy.tce_per_unit) == ("renewable", "10^4 kWh", 1.229)
        assert ref.renewables[code].carrier == "electricity"
    assert ref.renewables["green_power"].certificates
    for code in ("biomass", "hydrogen"):
        assert ref.renewables[code].carrier == "fuel"
        assert "unconfirmed" in ref.energy[code].source and "未经核实" in ref.energy[code].source_zh
    assert all(r.tco2_per_unit == 0 for r in ref.renewables.values())
    # no official yearly figure could be confirmed: left to the province
    assert ref.grid_non_fossil == {} and ref.grid_non_fossil_share(2025) is None


PROVINCE_2026 = """version = "2026.2"
[[grid_non_fossil_share]]
year = 2025
share_pct = 38.5
source = "provincial energy bureau"
[[ghg_sectors]]
id = "chemical"
prefixes = ["C26", "C28"]
source = "provincial notice"
"""


def test_a_province_can_override_the_new_tables() -> None:
    base = ReferenceCatalog().get("2026.1")
    data = parse_supplement(PROVINCE_2026, base, "province.toml")
    share = data.grid_non_fossil_share(2025)
    assert share.share_pct == 38.5 and share.source == "provincial energy bureau"
    assert data.grid_non_fossil_share("2025") is share
    chemical = data.ghg_sectors["chemical"]
    assert chemical.prefixes == ("C26", "C28") and chemical.name_zh == "化工"  # name kept
    assert data.ghg_sector("C2811").id == "chemical"
    assert data.pollutants == base.pollutants


BAD_NEW_ROWS = {
    "prefix not an industry code": ('[[ghg_sectors]]\nid = "chemical"\nprefixes = "chemicals"\n'
                                    'source = "s"\n', "prefixes"),
    "overlapping prefixes": ('[[ghg_sectors]]\nid = "chemical"\nprefixes = ["C26", "C31"]\n'
                             'source = "s"\n', "C31"),
    "share above 100": ('[[grid_non_fossil_share]]\nyear = 2025\nshare_pct = 140\nsource = "s"\n', "140"),
    "share of no year": ('[[grid_non_fossil_share]]\nyear = "soon"\nshare_pct = 40\nsource = "s"\n',
                         "soon"),
    "renewable code without a renewable row": (
        '[[energy_coefficients]]\ncode = "geothermal"\nname_zh = "地热"\nname_en = "Geothermal"\n'
        'unit_zh = "吉焦"\nunit_en = "GJ"\ntce_per_unit = 0.03412\nkind = "renewable"\nsource = "s"\n',
        "geothermal"),
    "renewable carrier unknown": ('[[renewable_energy]]\ncode = "biomass"\ncarrier = "magic"\n'
                                  'source = "s"\n', "magic"),
    "equivalent value zero": ('[[pollutant_equivalents]]\nid = "so2"\nkg_per_equivalent = 0\n'
                              'source = "s"\n', "so2"),
}


@pytest.mark.parametrize("name", list(BAD_NEW_ROWS))
def test_bad_rows_of_the_new_tables_are_refused(name: str) -> None:
    text, detail = BAD_NEW_ROWS[name]
    with pytest.raises(ReferenceDataError) as info:
        parse_supplement(f'version = "2026.9"\n{text}', ReferenceCatalog().get("2026.1"), "bad.toml")
    for lang in ("zh", "en"):
        assert "bad.toml" in info.value.message(lang) and detail in info.value.message(lang), \
            info.value.message(lang)
