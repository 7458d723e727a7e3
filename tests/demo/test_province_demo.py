"""The demo province desk: three Henan counties' packages imported, rolled up per county.

Each county's row at the province must carry the county's own roll-up figures (computed in the
county's own database, from which its package was made), and the province's totals their sums;
the command line writes the roll-up as a workbook and a PDF that say so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from lowcarbon_desk.cli.main import run
from lowcarbon_desk.demo.catalogue import COUNTIES, PROVINCE_CODE
from lowcarbon_desk.demo.province import build_province_demo
from lowcarbon_desk.reports.province_rollup_data import province_rollup
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.identity import PROVINCE, home_of

FIGURES = ("total_tce", "total_co2_t", "enterprises", "parks", "reported", "missing", "key_energy_units",
           "must_report_ghg_units", "energy_intensity", "carbon_intensity")


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> tuple[Path, Path]:
    """The province database (two enterprises per county) and the folder of the counties'."""
    root = tmp_path_factory.mktemp("province")
    with Store.open(root / "province.db") as store:
        build_province_demo(store, enterprises=2, seed=7, workdir=root / "counties")
    return root / "province.db", root / "counties"


def test_each_county_row_is_the_county_own_rollup(province) -> None:
    db, counties = province
    with Store.open(db) as store:
        assert home_of(store).kind == PROVINCE and home_of(store).code == PROVINCE_CODE
        rollup = province_rollup(store, 2025)
    assert [c.code for c in rollup.counties] == [p.code for p in COUNTIES]
    assert [c.name for c in rollup.counties] == [p.name for p in COUNTIES]
    for row in rollup.counties:
        with Store.open(counties / row.code / "county.db") as county:
            own = county_rollup(county, 2025, row.code)
        mine, theirs = row.totals, own.totals()
        for key in FIGURES:
            assert mine[key] == pytest.approx(theirs[key]), (row.code, key)
        assert mine["total_tce"] > 0
        assert sorted(r.org_id for r in row.rollup.rows) == sorted(r.org_id for r in own.rows)
    totals = rollup.totals()
    for key in ("total_tce", "total_co2_t", "enterprises", "missing"):
        assert totals[key] == pytest.approx(sum(float(c.totals[key] or 0) for c in rollup.counties))
    assert [c.status for c in rollup.counties] == ["on_track", "on_track", "no_target"]
    # the demo's version-2 audits and pilots carry pollutant equivalents: each county totals them
    assert all(c.synergy_equivalents == pytest.approx(c.rollup.synergy.equivalents_total) for c in rollup.counties)
    assert all(c.synergy_equivalents for c in rollup.counties)
    assert [t.target.division for t in rollup.targets] == [PROVINCE_CODE]


def test_province_rollup_by_the_command_line(province, tmp_path: Path, capsys) -> None:
    db = tmp_path / "province.db"
    shutil.copy(province[0], db)
    with Store.open(db) as store:
        rollup = province_rollup(store, 2025)
    for out in ("p.xlsx", "p.pdf"):
        assert run(["--db", str(db), "export", "rollup", "--province", "--year", "2025", "-o", str(tmp_path / out)]) == 0
    book = openpyxl.load_workbook(tmp_path / "p.xlsx", read_only=True)
    assert book.sheetnames == ["全省汇总", "各县企业明细", "缺报单位", "目标进展", "能耗强度异常"]
    table = [r for r in book["全省汇总"].iter_rows(min_row=6, values_only=True)]
    assert [r[0] for r in table] == [p.code for p in COUNTIES] + [PROVINCE_CODE]
    assert table[-1][1] == "全省合计"
    assert table[-1][5] == pytest.approx(sum(r[5] for r in table[:-1]))
    assert [r[5] for r in table[:-1]] == pytest.approx([c.totals["total_tce"] for c in rollup.counties])
    assert [r[13] for r in table[:-1]] == pytest.approx([c.synergy_equivalents for c in rollup.counties], abs=0.5)
    detail = list(book["各县企业明细"].iter_rows(min_row=2, values_only=True))
    assert len(detail) == sum(len(c.rollup.rows) for c in rollup.counties)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "p.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "河南省（410000）2025 年度低碳工作全省汇总表" in text
    for profile in COUNTIES:
        assert profile.name in text
    assert "全省合计" in text and "各县企业明细" in text


def test_province_rollup_is_refused_outside_a_province_database(province, tmp_path: Path, capsys) -> None:
    county = province[1] / COUNTIES[0].code / "county.db"
    db = tmp_path / "county.db"
    shutil.copy(county, db)
    capsys.readouterr()
    assert run(["--db", str(db), "--lang", "en", "export", "rollup", "--province", "--year", "2025",
                "-o", str(tmp_path / "p.xlsx")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--province" in err and "not the province's" in err
    assert not (tmp_path / "p.xlsx").exists()
    assert run(["--db", str(tmp_path / "new.db"), "demo", "--province", "--enterprises", "0"]) == 1
