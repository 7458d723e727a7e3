"""`record explain` through the real command line (cli.md)."""

from __future__ import annotations

import json

from lowcarbon_desk.domain.compute.trace import reevaluate
from lowcarbon_desk.domain.reference import shipped_reference

from .conftest import report_json


def _added(office) -> str:
    data = report_json(lines=[
        {"energy": "raw_coal", "consumption_total": 1100, "industrial_use": 1100, "non_industrial_use": 0,
         "feedstock_use": 0, "transport_use": 0},
        {"energy": "electricity", "consumption_total": 300, "industrial_use": 300, "non_industrial_use": 0,
         "feedstock_use": 0, "transport_use": 0}])
    added = office("record", "add", "--json", office.write_json("r.json", data))
    assert added.code == 0, added.err
    return added.out.strip()


def test_explain_one_line_in_chinese_and_english(office):
    record_id = _added(office)
    zh = office("record", "explain", record_id, "--field", "lines[0].line_tce")
    assert zh.code == 0, zh.err
    assert "第 1 行 原煤 · 折标准煤 (lines[0].line_tce) = 785.73 吨标准煤" in zh.out
    assert "1,100 吨 × 0.7143 吨标准煤/吨 (《综合能耗计算通则》（GB/T 2589-2020）附录A) = 785.73 吨标准煤" in zh.out
    assert f"参考数据（版本 {shipped_reference().version}）" in zh.out
    en = office("record", "explain", record_id, "--field", "lines[0].line_co2_t", lang="en")
    assert en.code == 0, en.err
    # 1,100 t x 1.9003 tCO2/t = 2,090.33 t
    assert "max(1,100 t − 0 t, 0) × 1.9003 tCO2/t" in en.out and "= 2,090.33 tCO2" in en.out
    assert "Provincial GHG inventory guideline defaults" in en.out and "《" not in en.out
    assert "Row 1 Raw coal · Used as feedstock (lines[0].feedstock_use) = 0 t" in en.out


def test_explain_json_reevaluates_to_the_stored_values(office):
    record_id = _added(office)
    doc = json.loads(office("record", "show", record_id, "--json").out)
    result = office("record", "explain", record_id, "--json")
    assert result.code == 0, result.err
    items = json.loads(result.out)
    paths = {item["path"] for item in items}
    assert {"total_tce", "total_co2_t", "lines[1].line_co2_t", "grid_factor_used"} <= paths
    for item in items:
        name, _, column = item["path"].partition("].")
        stored = (doc["computed"][name.split("[")[0]][int(name.split("[")[1])][column] if column
                  else doc["computed"][item["path"]])
        assert reevaluate(item["expression"]) == stored == item["value"], item["path"]
    total = next(i for i in items if i["path"] == "total_co2_t")
    # 1,100 x 1.9003 + 300 x 0.5703 x 10 = 2,090.33 + 1,710.9
    assert total["value"] == 3801.23
    assert [s["value"] for s in total["steps"] if s["label"] in ("化石燃料燃烧排放", "净购入电力排放")] == [2090.33, 1710.9]


def test_explain_field_by_id_gives_every_row(office):
    record_id = _added(office)
    items = json.loads(office("record", "explain", record_id, "--field", "line_tce", "--json").out)
    assert [i["path"] for i in items] == ["lines[0].line_tce", "lines[1].line_tce"]


def test_explain_unknown_field_is_one_line(office):
    record_id = _added(office)
    before = office.fingerprint()
    result = office("record", "explain", record_id, "--field", "no_such_value", lang="en")
    assert result.code == 1
    assert result.err.strip() == "--field no_such_value: form energy_report computes no such value"
    assert office.fingerprint() == before
