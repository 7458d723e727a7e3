"""``record show`` in text mode names fields, energies and grid factor sets by their labels;
``--json`` keeps the ids (the machine contract)."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import report_json

LEAKS = [re.compile(r"\w+\[\d+\]\.\w+"), re.compile(r"\b(raw_coal|closing_stock|total_tce|grid_factor_id)\b"),
         re.compile(r"\bmee_\w+|\bregion_\w+")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_prints_labels_not_ids(office, lang):
    report = report_json(grid_factor_id="mee_2023_2025")
    report["data"]["lines"][0]["closing_stock"] = 80  # unexplained stock: a warning on a line
    record_id = office("record", "add", "--json", office.write_json("r.json", report)).out.strip()
    shown = office("record", "show", record_id, lang=lang)
    assert shown.code == 0, shown.err
    assert [m.group(0) for pattern in LEAKS for m in pattern.finditer(shown.out)] == []
    if lang == "zh":
        assert "第 1 行 原煤 · 期末库存量" in shown.out and "energy_report.stock_balance" in shown.out
        assert "全国电网平均排放因子" in shown.out
    else:
        assert "Row 1 Raw coal · Closing stock" in shown.out
    as_json = json.loads(office("record", "show", record_id, "--json").out)
    assert as_json["data"]["lines"][0]["energy"] == "raw_coal"
    assert as_json["computed"]["grid_factor_used"] == "mee_2023_2025"
    assert as_json["issues"][0]["field"] == "lines[0].closing_stock"
