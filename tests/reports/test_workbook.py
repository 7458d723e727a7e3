"""The standard workbook: values and types, template, _meta, LibreOffice round trip."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

import lowcarbon_desk
from lowcarbon_desk.reports.workbook import export_workbook
from lowcarbon_desk.reports.workbook_layout import (
    EXAMPLE_MARK,
    FIRST_DATA_ROW,
    FORMAT,
    GUIDE_SHEET,
    ID_ROW,
    META_SHEET,
)
from lowcarbon_desk.reports.xlsx_writer import NO_DATA_STAMP
from lowcarbon_desk.storage import Store


def _rows(ws) -> list[dict]:
    ids = [c.value for c in ws[ID_ROW]]
    return [dict(zip(ids, row, strict=False))
            for row in ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True)]


def test_values_and_types_read_back(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    assert export_workbook(store, path) == 7
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["单位基本信息", "能源购进、消费与库存", "能源消费明细"]
    assert wb[META_SHEET].sheet_state == "hidden"
    assert wb[META_SHEET]["B1"].value == FORMAT
    header = {r["record_id"]: r for r in _rows(wb["能源购进、消费与库存"])}
    annual = store.get_record(ids["annual"])
    row = header[ids["annual"]]
    assert row["period"] == "2025"
    assert row["value_added_10k_yuan"] == annual["data"]["value_added_10k_yuan"]
    assert row["computed:total_tce"] == pytest.approx(annual["computed"]["total_tce"])
    lines = [r for r in _rows(wb["能源消费明细"]) if r["record_id"] == ids["annual"]]
    assert [r["energy"] for r in lines][:2] == ["原煤", "柴油"]  # enumerations in Chinese
    assert lines[0]["info:unit"] == "吨"
    assert isinstance(lines[0]["consumption_total"], float | int)
    adjustments = _rows(wb["预算调整"])
    assert adjustments[0]["date"] == dt.datetime(2025, 6, 30)  # a real date cell
    assert adjustments[0]["reason"] == "新上项目"
    ws = wb["预算调整"]
    assert ws.freeze_panes == f"B{FIRST_DATA_ROW}"
    assert ws.row_dimensions[ID_ROW].hidden
    reasons = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert reasons and "_lists" in reasons[0].formula1
    meta_records = [r for r in wb[META_SHEET].iter_rows(values_only=True) if r[0] == "record"]
    assert {r[1] for r in meta_records} == set(ids.values())
    assert ws.cell(FIRST_DATA_ROW, 2).number_format == "yyyy-mm-dd"


def test_empty_selection_is_the_template(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert export_workbook(store, path, period="1999") == 0
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == GUIDE_SHEET
    for name in ("能源购进、消费与库存", "能源消费明细", "用能预算", "清洁生产审核", "低碳试点申报"):
        assert name in wb.sheetnames
        # the header, then only the example row: no organisation and no record
        assert wb[name].cell(FIRST_DATA_ROW, 1).value == EXAMPLE_MARK
        assert all(c.value is None for row in wb[name].iter_rows(min_row=FIRST_DATA_ROW + 1)
                   for c in row)


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice missing: scripts/setup.sh installs libreoffice-calc")
    return exe


def test_libreoffice_csv_gives_the_same_values(store: Store, ids: dict[str, str],
                                               tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    export_workbook(store, path)
    out = tmp_path / "csv"
    # 44,34,76: comma, double quote, UTF-8; then defaults up to token 12 = -1: every sheet
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    produced = {p.name: p for p in out.glob("*.csv")}
    lines_csv = next(p for name, p in produced.items() if "能源消费明细" in name)
    with lines_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    ids_row = rows[ID_ROW - 1]
    wb = openpyxl.load_workbook(path)
    expected = _rows(wb["能源消费明细"])
    got = [dict(zip(ids_row, r, strict=False)) for r in rows[FIRST_DATA_ROW - 1:]]
    assert len(got) == len(expected)
    for want, have in zip(expected, got, strict=True):
        assert have["record_id"] == want["record_id"]
        assert have["energy"] == want["energy"]
        for key in ("consumption_total", "purchase_value_k_yuan", "computed:line_tce"):
            shown = float(have[key].replace(",", ""))
            assert shown == pytest.approx(want[key], abs=0.006)


def _dates(path: Path) -> tuple[set[tuple], dt.datetime, dt.datetime]:
    """ZIP member dates, and the created/modified dates of docProps/core.xml."""
    with zipfile.ZipFile(path) as archive:
        members = {info.date_time for info in archive.infolist()}
    props = openpyxl.load_workbook(path, read_only=True).properties
    return members, props.created, props.modified


def test_same_records_give_the_same_bytes(store: Store, ids: dict[str, str],
                                          tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_workbook(store, first)
    export_workbook(store, second)
    assert first.read_bytes() == second.read_bytes()
    # another process (other hash seed) writes the same bytes too
    code = ("import sys; from lowcarbon_desk.storage import Store; "
            "from lowcarbon_desk.reports.workbook import export_workbook; "
            "s = Store.open(sys.argv[1]); export_workbook(s, sys.argv[2]); s.close()")
    third = tmp_path / "c.xlsx"
    src = str(Path(lowcarbon_desk.__file__).parents[1])
    env = {**os.environ, "PYTHONHASHSEED": "12345",
           "PYTHONPATH": os.pathsep.join(filter(None, (src, os.environ.get("PYTHONPATH"))))}
    subprocess.run([sys.executable, "-c", code, str(store.path), str(third)], check=True, env=env,
                   timeout=120)
    assert third.read_bytes() == first.read_bytes()
    # dated by the data (newest record or organisation change, in UTC), not the clock
    docs = [store.get_record(i) for i in ids.values()]
    stamps = [d["updated_at"] for d in docs] + [store.get_org(d["org_id"])["updated_at"] for d in docs]
    newest = max(dt.datetime.fromisoformat(s).astimezone(dt.UTC) for s in stamps).replace(tzinfo=None)
    members, created, modified = _dates(first)
    assert created == modified == newest
    assert members == {(*newest.timetuple()[:5], newest.second // 2 * 2)}


def test_template_is_reproducible(store: Store, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_workbook(store, first)
    export_workbook(store, second, period="1999")
    assert first.read_bytes() == second.read_bytes()
    members, created, modified = _dates(first)
    assert created == modified == NO_DATA_STAMP
    assert members == {(1980, 1, 1, 0, 0, 0)}
