"""Text that looks like a formula is written as text by every workbook writer.

A user's text starting with ``=``, ``+``, ``-``, ``@`` (or an error code such as ``#N/A``)
must come back from the file as the same text in a string cell: openpyxl reads the cell type
as stored, and LibreOffice, converting to CSV, shows what it would display, never the result
of evaluating it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_xlsx import write_rollup_xlsx
from lowcarbon_desk.reports.workbook import export_workbook, write_workbook
from lowcarbon_desk.reports.xlsx_import import import_workbook
from lowcarbon_desk.reports.xlsx_writer import UnwritableText, discard_sheet_files, save_workbook, styled_sheet
from lowcarbon_desk.storage import Store

from .sample_data import COUNTY, OPERATOR, annual_report, audit, county_org, enterprise
from .test_workbook import _soffice

HYPERLINK = '=HYPERLINK("http://example.invalid/x","点击查看")'
ORG_NAME = "=1+1"
CONSULTANCY = "+86-731-8888"
FOCUS = HYPERLINK
OPTION_NAME = "@SUM(A1:A9)"
INDICATOR = "-2+3"
UNIT = "#N/A"
INJECTED = (ORG_NAME, CONSULTANCY, FOCUS, OPTION_NAME, INDICATOR, UNIT)


def _hostile_office(store: Store) -> dict[str, str]:
    """A county and an enterprise named ``=1+1`` whose audit is full of formula-like text."""
    rng = random.Random(5)
    org = {**enterprise(1), "name": ORG_NAME}
    store.add_orgs([county_org(), org], OPERATOR)
    data = audit()
    data.update(consultancy=CONSULTANCY, focus=FOCUS)
    data["options"][0]["name"] = OPTION_NAME
    data["indicators"][0].update(name=INDICATOR, unit=UNIT)
    ids = {"audit": store.add_record("cp_audit", org["org_id"], data, OPERATOR, rng=rng),
           "annual": store.add_record("energy_report", org["org_id"], annual_report(rng), OPERATOR, rng=rng)}
    assert store.get_record(ids["audit"])["data"]["focus"] == FOCUS  # stored as typed
    return ids


def _cells(source: Path | bytes) -> list[tuple[str, str, object, str]]:
    """(sheet, coordinate, value, data type) of every non-empty cell, formulas as written."""
    wb = openpyxl.load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source)
    return [(ws.title, c.coordinate, c.value, c.data_type)
            for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _assert_all_text(cells, expected: tuple[str, ...]) -> None:
    formulas = [c for c in cells if c[3] == "f" or c[3] == "e"]
    assert not formulas, formulas
    for text in expected:
        found = [c for c in cells if c[2] == text]
        assert found, f"{text!r} missing from the workbook"
        assert all(c[3] == "s" for c in found), found


def test_export_writes_formula_like_text_as_text(store: Store, tmp_path: Path) -> None:
    _hostile_office(store)
    path = tmp_path / "export.xlsx"
    export_workbook(store, path)
    _assert_all_text(_cells(path), INJECTED)
    # and the same text comes back on import: nothing changed, nothing refused
    result = import_workbook(store, path, OPERATOR)
    assert len(result.unchanged) == 2 and not result.added and not result.updated


def test_libreoffice_shows_the_text_not_a_result(store: Store, tmp_path: Path) -> None:
    _hostile_office(store)
    path = tmp_path / "export.xlsx"
    export_workbook(store, path)
    out = tmp_path / "csv"
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    texts: set[str] = set()
    for produced in out.glob("*.csv"):
        with produced.open(encoding="utf-8", newline="") as handle:
            texts.update(v for row in csv.reader(handle) for v in row)
    for text in INJECTED:
        assert text in texts, text
    assert "点击查看" not in texts  # a live HYPERLINK would show its caption instead


def test_template_and_rollup_hold_no_formula(store: Store, tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    export_workbook(store, template)
    cells = _cells(template)
    # text, numbers and the example rows' dates: never a formula
    assert cells and all(c[3] in ("s", "n", "d") for c in cells)
    _hostile_office(store)
    rollup_path = tmp_path / "rollup.xlsx"
    write_rollup_xlsx(county_rollup(store, 2025, COUNTY), rollup_path)
    _assert_all_text(_cells(rollup_path), (ORG_NAME,))


def test_submission_workbook_inside_a_package(store: Store, tmp_path: Path) -> None:
    ids = _hostile_office(store)
    store.justify(ids["audit"], "cp_audit.carbon_indicator", "=1+1 造纸行业暂无碳指标", OPERATOR)
    for record_id in ids.values():
        store.submit(record_id, OPERATOR)
    made = create_submission_package(store, enterprise(1)["org_id"], tmp_path / "out", operator=OPERATOR,
                                     period="2025", key=load_or_create_key(tmp_path / "keys"))
    with zipfile.ZipFile(made.path) as archive:
        workbook = archive.read("reports/submission.xlsx")
    _assert_all_text(_cells(workbook), INJECTED)


def test_every_writer_cell_is_text_from_the_first_character(tmp_path: Path) -> None:
    """The shared writer: tab and CR at the start, error codes and formulas, all text."""
    wb = openpyxl.Workbook(write_only=True)
    ws = styled_sheet(wb, "t")
    ws.styled_columns([ws.shared_cell(number_format="0.00"), None])
    values = ["=1+1", "+1", "-1", "@A1", "\t=1+1", "\r=1+1", "#REF!", "#DIV/0!"]
    for value in values:
        ws.append([value, value])
    ws.append([3.5, 4])
    path = save_workbook(wb, tmp_path / "t.xlsx", stamp=dt.datetime(2025, 1, 1))
    cells = _cells(path)
    # XML reads a raw CR as LF: what matters is that the text stays text
    assert [c[2] for c in cells if c[1].startswith("A")] == [v.replace("\r", "\n") for v in values] + [3.5]
    assert all(c[3] == "s" for c in cells if isinstance(c[2], str))
    assert [c[3] for c in cells if not isinstance(c[2], str)] == ["n", "n"]


def test_a_control_character_already_stored_is_named_not_a_crash(store: Store, tmp_path: Path) -> None:
    """A database written before input refused control characters: the writer names the
    record and field and writes nothing, instead of openpyxl's IllegalCharacterError."""
    ids = _hostile_office(store)
    with store.transaction():  # behind the Store's back, as an old version could have stored it
        store.db.execute("UPDATE cp_audits SET focus = ? WHERE record_id = ?", ["锅炉\x01空压", ids["audit"]])
    path = tmp_path / "legacy.xlsx"
    with pytest.raises(UnwritableText) as caught:
        export_workbook(store, path)
    assert ids["audit"] in caught.value.message("en") and "focus" in caught.value.message("en")
    assert "U+0001" in caught.value.message("zh") and not path.exists()
    assert isinstance(caught.value, InputError)
    docs = [store.get_record(ids["audit"])]
    with pytest.raises(UnwritableText):
        write_workbook(docs, {}, tmp_path / "x.xlsx", store.reference_for)
    wb = openpyxl.Workbook(write_only=True)
    ws = styled_sheet(wb, "汇总")
    try:
        with pytest.raises(UnwritableText) as caught:
            ws.append(["ok", "bad\x02text"])
    finally:
        discard_sheet_files(wb)  # never saved: its row file would stay in TMPDIR until exit
    assert "汇总!B1" in caught.value.message("en")
