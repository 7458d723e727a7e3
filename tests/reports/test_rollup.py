"""The county roll-up: selection rules, totals, workbook, PDF and the command line."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pypdf
import pytest

from lowcarbon_desk.cli.main import run
from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import rollup_pdf_bytes
from lowcarbon_desk.reports.rollup_xlsx import TABLE_FIRST_ROW, write_rollup_xlsx
from lowcarbon_desk.storage import Store

from .conftest import pdftotext
from .sample_data import COUNTY, OPERATOR, enterprise


def test_sources_missing_and_totals(store: Store, ids: dict[str, str]) -> None:
    rollup = county_rollup(store, 2025)
    rows = {r.org_id: r for r in rollup.rows}
    annual = store.get_record(ids["annual"])
    e1, e2, e3 = (enterprise(i)["org_id"] for i in (1, 2, 3))
    assert rows[e1].energy_source == "annual"
    assert rows[e1].total_tce == pytest.approx(annual["computed"]["total_tce"])
    assert rows[e2].energy_source == "monthly" and rows[e2].months == 3
    months = [store.get_record(ids[f"month{m}"])["computed"]["total_tce"] for m in (1, 2, 3)]
    assert rows[e2].total_tce == pytest.approx(sum(months))
    assert [r.org_id for r in rollup.missing] == [e3]
    assert rows[e1].audit_kind == "mandatory" and rows[e1].audit_stage == "options"
    assert rows[COUNTY].pilots[0]["title"] == "宁乡市低碳试点县建设方案"
    totals = rollup.totals()
    assert totals["total_tce"] == pytest.approx(rows[e1].total_tce + rows[e2].total_tce)
    assert totals["missing"] == 1 and totals["reported_monthly"] == 1


def test_latest_non_draft_revision_wins(store: Store, ids: dict[str, str]) -> None:
    store.submit(ids["annual"], OPERATOR)
    submitted_tce = store.get_record(ids["annual"])["computed"]["total_tce"]
    draft = store.revise(ids["annual"], OPERATOR)
    data = store.get_record(draft)["data"]
    data["lines"] = data["lines"][:1]
    store.update_record(draft, data, OPERATOR)
    row = next(r for r in county_rollup(store, 2025).rows if r.org_id == enterprise(1)["org_id"])
    assert row.total_tce == pytest.approx(submitted_tce) and not row.drafts_of("energy")


def test_workbook_and_pdf(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    rollup = county_rollup(store, 2025)
    path = write_rollup_xlsx(rollup, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["县域汇总"]
    codes = [ws.cell(r, 1).value for r in range(TABLE_FIRST_ROW, ws.max_row + 1)]
    assert codes == [r.org_id for r in rollup.rows]
    assert "缺报" in [ws.cell(r, 5).value for r in range(TABLE_FIRST_ROW, ws.max_row + 1)]
    assert wb["缺报单位"].cell(2, 1).value == enterprise(3)["org_id"]
    e1 = next(r for r in range(TABLE_FIRST_ROW, ws.max_row + 1)
              if ws.cell(r, 1).value == enterprise(1)["org_id"])
    assert ws.cell(e1, 6).number_format == "#,##0.00"  # 综合能源消费量
    assert ws.cell(e1, 9).number_format == "#,##0.0000"  # 单位增加值能耗
    assert ws.cell(e1, 19).number_format == "0" and ws.cell(e1, 19).value == 2025  # 审核年度
    assert ws.cell(e1, 1).number_format == "General" and ws.cell(TABLE_FIRST_ROW - 2, 1).font.b
    # same roll-up, same bytes, dated by the newest record used
    again = write_rollup_xlsx(county_rollup(store, 2025), tmp_path / "again.xlsx")
    assert again.read_bytes() == path.read_bytes()
    as_of = dt.datetime.fromisoformat(rollup.as_of).astimezone(dt.UTC).replace(tzinfo=None)
    assert wb.properties.modified == wb.properties.created == as_of
    content = rollup_pdf_bytes(rollup)
    assert content == rollup_pdf_bytes(county_rollup(store, 2025))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(content)
    pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
    flat = re.sub(r"\s+", "", pdftotext(pdf))
    assert "湖南示范0003号制造有限公司" in flat and "缺报" in flat
    assert f"第1页共{pages}页" in flat


def test_demo_county_by_the_command_line(tmp_path: Path, capsys) -> None:
    db = tmp_path / "demo.db"
    with Store.open(db) as store:
        build_demo(store, county="410199", enterprises=40, seed=3)
    for out in ("r.xlsx", "r.pdf"):
        assert run(["--db", str(db), "export", "rollup", "--year", "2025", "--county", "410199",
                    "-o", str(tmp_path / out)]) == 0
    reader = pypdf.PdfReader(tmp_path / "r.pdf")
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            assert "Helvetica" not in str(font.get_object()["/BaseFont"])
    assert run(["--db", str(db), "export", "rollup", "--year", "1999", "-o",
                str(tmp_path / "x.txt")]) == 1
    assert not (tmp_path / "x.txt").exists()


def test_cli_export_and_import(store: Store, ids: dict[str, str], tmp_path: Path, capsys) -> None:
    db = str(store.path)
    store.close()
    assert run(["--db", db, "export", "pdf", ids["budget"], "-o", str(tmp_path / "b.pdf")]) == 0
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    assert run(["--db", db, "export", "xlsx", "--org", enterprise(1)["org_id"], "-o",
                str(tmp_path / "e.xlsx")]) == 0
    assert run(["--db", db, "import", "xlsx", str(tmp_path / "e.xlsx")]) == 0
    # a database with records asks which records rather than writing a template or everything
    assert run(["--db", db, "export", "xlsx", "--period", "1990", "-o",
                str(tmp_path / "t.xlsx")]) == 1
    assert "export template" in capsys.readouterr().err and not (tmp_path / "t.xlsx").exists()
    assert run(["--db", db, "export", "xlsx", "-o", str(tmp_path / "t.xlsx")]) == 1
    assert "--org/--period" in capsys.readouterr().err and not (tmp_path / "t.xlsx").exists()
    assert run(["--db", db, "export", "pdf", "nope", "-o", str(tmp_path / "n.pdf")]) == 1
    assert not (tmp_path / "n.pdf").exists()
    assert run(["--db", db, "import", "xlsx", str(tmp_path / "b.pdf")]) == 1
