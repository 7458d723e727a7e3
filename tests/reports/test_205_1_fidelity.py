"""Form 205-1 as printed: rows in the paper form's order, heat in 百万千焦, numbers with the
decimals the standard workbook shows."""

from __future__ import annotations

import io
import re

import pypdf

from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.storage import Store


def _band(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    texts = [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]
    (band,) = [t for t in texts if "能源名称" in t and "计量单位" in t]
    return band


def test_rows_in_code_order_heat_in_million_kilojoules_and_workbook_decimals(
        store: Store, ids: dict[str, str]) -> None:
    doc = store.get_record(ids["annual"])
    entered = [line["energy"] for line in doc["data"]["lines"]]
    assert entered[:2] == ["raw_coal", "diesel"] and "coke" in entered[2:]  # not in paper order
    band = _band(record_pdf(store, ids["annual"]))
    table = band[band.index("丁"):band.index("能源合计")]
    order = [name for name in ("原煤", "焦炭", "汽油", "柴油", "天然气", "热力", "电力") if name in table]
    assert order == ["原煤", "焦炭", "汽油", "柴油", "天然气", "热力", "电力"]
    assert sorted(order, key=table.index) == order
    assert "热力 百万千焦" in table and "吉焦" not in table
    # opening and closing stock 10 print as the workbook shows them: 10.00
    heat = next(line for line in doc["data"]["lines"] if line["energy"] == "heat")
    assert heat["opening_stock"] == 10
    assert re.search(r"热力 百万千焦 10\.00 ", table)
    assert "0.03412" in table  # the coefficient keeps its places
