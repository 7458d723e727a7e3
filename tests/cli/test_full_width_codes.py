"""Full-width digits in an organisation code are refused with one line naming org_id and
the full-width characters, wherever the code enters on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lowcarbon_desk.cli.main import run

from .conftest import COUNTY, STEEL, org_json, report_json

FULL_WIDTH = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in STEEL)  # ９１３５０１００M…


def _run(capsys, db: Path, lang: str, *args: str) -> tuple[int, str, str]:
    status = run(["--lang", lang, "--operator", "tester", "--db", str(db), *args])
    out, err = capsys.readouterr()
    return status, out, err


def _write(path: Path, value: object) -> str:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("lang", "said"), [
    ("en", f"Credit code / division code (org_id): '{FULL_WIDTH}' contains full-width characters"),
    ("zh", f"「统一社会信用代码 / 行政区划代码」(org_id)：“{FULL_WIDTH}”含全角字符"),
])
def test_org_add_refuses_a_full_width_credit_code(tmp_path: Path, capsys, lang: str, said: str) -> None:
    db = tmp_path / "office.db"
    status, out, err = _run(capsys, db, lang, "org", "add", "--json",
                            _write(tmp_path / "org.json", org_json(FULL_WIDTH)))
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(said)
    assert _run(capsys, db, "en", "org", "list")[1] == ""


def test_a_full_width_county_code_is_refused_too(tmp_path: Path, capsys) -> None:
    county = {"org_id": "３５０１００", "kind": "county", "name": "示例县", "admin_code": COUNTY,
              "contact_name": "陈科长", "contact_phone": "0591-87654321"}
    status, _, err = _run(capsys, tmp_path / "office.db", "en", "org", "add", "--json",
                          _write(tmp_path / "county.json", county))
    assert status == 1 and "(org_id): '３５０１００' contains full-width characters" in err


def test_record_add_names_the_full_width_org_id(tmp_path: Path, capsys) -> None:
    db = tmp_path / "office.db"
    assert _run(capsys, db, "en", "org", "add", "--json", _write(tmp_path / "o.json", [org_json()]))[0] == 0
    record = {**report_json(), "org_id": FULL_WIDTH}
    status, out, err = _run(capsys, db, "en", "record", "add", "--json", _write(tmp_path / "r.json", record))
    assert status == 1 and out == ""
    assert err == (f"org_id: '{FULL_WIDTH}' contains full-width characters (such as ９ or Ｍ); "
                   "type it in half-width (ASCII) characters\n")
    assert _run(capsys, db, "en", "record", "list")[1] == ""
