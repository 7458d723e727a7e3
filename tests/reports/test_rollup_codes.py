"""The roll-up PDF never breaks a credit code in its 单位代码 column, however wide its letters."""

from __future__ import annotations

from pathlib import Path

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import rollup_pdf_bytes, table_rows
from lowcarbon_desk.storage import Store

from .conftest import pdftotext
from .sample_data import COUNTY, OPERATOR, enterprise


def test_wide_credit_codes_stay_whole(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    # W and M are the widest characters of the code alphabet: 18 of them overflow 27 mm
    wide = [make_credit_code(COUNTY, serial) for serial in ("WWWWWWWWW", "MWMWMWMWM", "WMWM00000")]
    orgs = [{**enterprise(90 + n), "org_id": code} for n, code in enumerate(wide)]
    store.add_orgs(orgs, OPERATOR)
    rollup = county_rollup(store, 2025)
    cells = [row[0] for row in table_rows(rollup)[1:]]
    assert set(wide) <= set(cells)  # one line each: no cell broken by a newline
    # and as printed: each code's line of the table holds the code whole
    path = tmp_path / "rollup.pdf"
    path.write_bytes(rollup_pdf_bytes(rollup))
    lines = pdftotext(path).splitlines()
    for code in wide:
        assert any(line.lstrip().startswith(code) for line in lines), f"{code} broken in the table"
