"""An energy report of version 2 through the real command line: shown, explained, validated."""

from __future__ import annotations

import json

from .conftest import report_json


def test_v2_record_shows_explains_and_validates(office):
    data = report_json(so2_t=0.5, so2_removal_pct=90, permit_no="91350100M000100Y43001P")
    data["data"]["lines"][0]["sulfur_pct"] = 1.0
    added = office("record", "add", "--json", office.write_json("r.json", data))
    assert added.code == 0, added.err
    record_id = added.out.strip()

    doc = json.loads(office("record", "show", record_id, "--json").out)
    assert doc["form_version"] == 2
    assert doc["data"]["industry_code"] == "C3110"  # the organisation's, kept with the record
    # 1,000 t raw coal x 1.0 % / 100 x 2 x 0.8 x (1 - 90 / 100) = 1.6 t
    assert doc["computed"]["so2_fuel_estimate_t"] == 1.6
    assert doc["computed"]["must_report_ghg"] is False and "key_emitting_unit" not in doc["computed"]

    en = office("record", "explain", record_id, "--field", "so2_fuel_estimate_t", lang="en")
    assert en.code == 0, en.err
    assert "coal-fired boilers" in en.out and "(pollutant_factors: so2_sulfur_conversion)" in en.out
    zh = office("record", "explain", record_id, "--field", "must_report_ghg")
    assert zh.code == 0, zh.err
    assert "(ghg_sectors: steel)" in zh.out and "《国民经济行业分类》（GB/T 4754-2017）" in zh.out

    checked = office("record", "validate", record_id, lang="en")
    assert "energy_report.so2_cross_check" in checked.out + checked.err
    assert "0.5 t" in checked.out + checked.err and "1.6 t" in checked.out + checked.err
