"""One rounding rule: the PDF and the workbook show every computed value with the same digits.

The workbook's displayed values are read by LibreOffice ("save cell contents as shown"), an
independent reader of its number formats; the PDF's text by pypdf.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from lowcarbon_desk.demo.builder import build_demo
from lowcarbon_desk.domain.rounding import format_number, round_half_up
from lowcarbon_desk.domain.rules.base import fmt
from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.reports.workbook import export_workbook
from lowcarbon_desk.reports.workbook_layout import COMPUTED_PREFIX, FIRST_DATA_ROW, ID_ROW, KEY
from lowcarbon_desk.storage import Store
from lowcarbon_desk.ui.formatting import fmt_number as window_number

from .sample_data import OPERATOR, audit


@pytest.mark.parametrize(("value", "decimals", "shown"), [
    (0.125, 2, "0.13"), (1.005, 2, "1.01"), (2.5, 0, "3"), (-2.5, 0, "-3"), (-0.004, 2, "0.00"),
    (12345.675, 2, "12,345.68"), (115.8437296, 2, "115.84"), (0.03412, None, "0.03412"),
    (1_000_000, 2, "1,000,000.00"), (0.1 + 0.2, None, "0.3"),
])
def test_half_up_everywhere(value: float, decimals: int | None, shown: str) -> None:
    assert format_number(value, decimals) == shown
    if decimals is not None:
        assert round_half_up(value, decimals) == Decimal(shown.replace(",", ""))
        assert window_number(float(value), decimals) == shown
        assert fmt(value, decimals) == (shown.rstrip("0").rstrip(".") if "." in shown else shown)


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice missing: scripts/setup.sh installs libreoffice-calc")
    return exe


def _shown_sheets(path: Path, tmp_path: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice displays it (token 9: cell contents as shown)."""
    out = tmp_path / "csv"
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    sheets = {}
    for produced in out.glob("*.csv"):
        with produced.open(encoding="utf-8", newline="") as handle:
            sheets[produced.stem] = list(csv.reader(handle))
    return sheets


def _pdf_text(store: Store, record_id: str) -> str:
    from io import BytesIO

    text = "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(record_pdf(store, record_id))).pages)
    return re.sub(r"\s+", " ", text)


@pytest.mark.slow
def test_pdf_and_workbook_show_every_computed_value_alike(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "demo.db")
    try:
        build_demo(store, county="430124", enterprises=3, seed=11)
        org = next(o for o in store.list_orgs(kind="enterprise"))
        # a payback of exactly 0.125 years: halves to even gave "0.12" in the PDF
        data = audit(2025)
        data["options"][1].update(investment_10k_yuan=1, annual_benefit_10k_yuan=8)
        half = store.add_record("cp_audit", org["org_id"], data, OPERATOR)
        path = tmp_path / "all.xlsx"
        assert export_workbook(store, path) > 10
        sheets = _shown_sheets(path, tmp_path)
        checked, pdfs = 0, {}
        for name, rows in sheets.items():
            if len(rows) < FIRST_DATA_ROW:
                continue
            ids = rows[ID_ROW - 1]
            if KEY not in ids:
                continue
            computed = [i for i, key in enumerate(ids) if key.startswith(COMPUTED_PREFIX)]
            for row in rows[FIRST_DATA_ROW - 1:]:
                record_id = row[ids.index(KEY)]
                if not record_id:
                    continue
                if record_id not in pdfs:
                    pdfs[record_id] = _pdf_text(store, record_id)
                for i in computed:
                    shown = row[i] if i < len(row) else ""
                    if not re.fullmatch(r"-?[\d,]+(\.\d+)?", shown):
                        continue  # text (labels, yes/no) and empty cells
                    assert shown in pdfs[record_id], (name, ids[i], record_id, shown)
                    checked += 1
        assert checked > 200  # the check above looked at every computed number of the county
        assert "0.13" in pdfs[half]
        payback = [r for r in sheets.values() for r in r if half in r]
        assert any("0.13" in r for r in payback)
    finally:
        store.close()
