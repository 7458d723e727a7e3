"""``target set`` and ``target list`` (cli.md, reference data §5)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from .conftest import COUNTY


def test_set_change_and_list(office) -> None:
    result = office("target", "set", "--division", COUNTY, "--year", "2025", "--base-year", "2020",
                    "--co2-intensity-cut", "18", "--energy-intensity-cut", "13.5")
    assert result.code == 0, result.err
    assert "碳排放强度下降 18%" in result.out
    # options left out keep their stored values
    result = office("target", "set", "--division", COUNTY, "--year", "2025", "--energy-cap", "120000",
                    "--non-fossil-share", "22")
    assert result.code == 0, result.err
    listed = json.loads(office("target", "list", "--json").out)
    assert listed == [{"division": COUNTY, "year": 2025, "base_year": 2020, "co2_intensity_cut_pct": 18.0,
                       "energy_intensity_cut_pct": 13.5, "energy_cap_tce": 120000.0, "non_fossil_share_pct": 22.0,
                       "set_by": "tester", "set_at": listed[0]["set_at"]}]
    english = office("target", "list", lang="en").out
    assert "energy cap tce 120,000.00" in english and "non-fossil share 22%" in english
    conn = sqlite3.connect(office.db)
    actions = conn.execute("SELECT operator, field_path, new_value FROM audit_log WHERE action = 'target.set' "
                           "ORDER BY id").fetchall()
    conn.close()
    assert ("tester", f"targets[{COUNTY}/2025].energy_cap_tce", "120000.0") in actions
    assert len(actions) == 5  # base year, two cuts, then the cap and the share


@pytest.mark.parametrize(("args", "zh", "en"), [
    (("--division", "35010", "--year", "2025", "--base-year", "2020"), "--division：", "6-digit"),
    (("--division", "350200", "--year", "2025", "--base-year", "2020"), "--division：350200 不在本库辖区内", "outside"),
    (("--division", COUNTY, "--year", "2020", "--base-year", "2020"), "--year：2020 须晚于--base-year", "must be after"),
    (("--division", COUNTY, "--year", "2025"), "--base-year：必须填写", "--base-year: required"),
    (("--division", COUNTY, "--year", "2025", "--base-year", "2020", "--co2-intensity-cut", "120"),
     "--co2-intensity-cut：120 不在 0～100", "0..100"),
    (("--division", COUNTY, "--year", "2025", "--base-year", "2020", "--non-fossil-share", "x"),
     "--non-fossil-share：“x”不是数字", "is not a number"),
    (("--division", COUNTY, "--year", "2025", "--base-year", "2020", "--energy-cap", "-5"),
     "--energy-cap：-5 须大于 0", "must be above 0"),
    (("--division", COUNTY, "--year", "zz25", "--base-year", "2020"), "--year：", "is not a number"),
])
def test_refusals_name_the_option_and_change_nothing(office, args, zh, en) -> None:
    before = office.fingerprint()
    result = office("target", "set", *args)
    assert (result.code, result.out) == (1, "")
    assert zh in result.err and len(result.err.strip().splitlines()) == 1
    english = office("target", "set", *args, lang="en")
    assert english.code == 1 and en in english.err
    assert office.fingerprint() == before
