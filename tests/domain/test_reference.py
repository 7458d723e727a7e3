"""Reference-data versions: the shipped set and user factor-set files (reference-data.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowcarbon_desk.domain.errors import LowcarbonError, ReferenceDataError
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.reference import (
    ReferenceCatalog,
    catalog,
    parse_supplement,
    shipped_reference,
)

from .samples import ENTERPRISE, sample

GRID_2026 = """\
version = "2026.1"
based_on = "2025.1"
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
    assert ref.version == "2025.1" and ref.based_on == ""
    assert catalog(user=False).versions() == ["2025.1"]
    with pytest.raises(ReferenceDataError) as info:
        ref.energy_type("peat")
    assert "peat" in info.value.message("zh") and "peat" in info.value.message("en")
    with pytest.raises(ReferenceDataError):
        ref.grid_factor("nowhere")


def test_add_file_makes_a_new_version(user_root: Path, tmp_path: Path) -> None:
    cat = ReferenceCatalog(user_root=user_root)
    source = write(tmp_path, "factors-2026.toml", GRID_2026)
    data = cat.add_file(source)
    assert data.version == "2026.1" and data.based_on == "2025.1"
    assert data.default_grid_factor == "mee_2026"
    assert data.grid_factor().tco2_per_10k_kwh == pytest.approx(5.0)
    # everything else comes from the base set
    assert data.energy == cat.get("2025.1").energy
    assert data.grid["nbs_2022"] == cat.get("2025.1").grid["nbs_2022"]
    assert cat.versions() == ["2025.1", "2026.1"]
    assert cat.latest().version == "2026.1" and cat.latest_shipped().version == "2025.1"
    # the base set is unchanged
    assert cat.get("2025.1").default_grid_factor == "mee_2023_2025"
    # a copy is kept in the user folder, and a new catalog (next start) finds it
    assert (user_root / "2026.1.toml").read_text(encoding="utf-8") == GRID_2026
    again = ReferenceCatalog(user_root=user_root)
    assert again.versions() == ["2025.1", "2026.1"]
    assert again.get("2026.1").grid_factor().tco2_per_mwh == 0.5
    # adding the same file again is allowed (same kept copy)
    assert cat.add_file(source).version == "2026.1"


def test_user_sets_live_in_the_user_data_folder(_isolated_home: Path, tmp_path: Path) -> None:
    catalog().add_file(write(tmp_path, "f.toml", GRID_2026))
    assert (_isolated_home / "reference" / "2026.1.toml").exists()
    assert catalog().latest().version == "2026.1"
    assert catalog(user=False).versions() == ["2025.1"]


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
    assert cat.versions() == ["2025.1"]
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
    assert catalog.latest().version == "2025.1"
    assert str(tmp_path / "broken.toml") in catalog.skipped


def test_every_shipped_row_names_its_source_in_chinese_and_english() -> None:
    ref = shipped_reference()
    rows = [*ref.energy.values(), *ref.combustion.values(), *ref.grid.values(), *ref.heat.values(),
            *ref.thresholds.values()]
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
