"""Reports and packages read the database through storage functions, never their own SQL."""

from __future__ import annotations

import re
from pathlib import Path

import lowcarbon_desk

RAW_SQL = re.compile(r"\.db\.(execute|query)|\.db\[|conn\.execute|\bSELECT\b.*\bFROM\b")


def test_reports_and_packages_send_no_sql_of_their_own() -> None:
    root = Path(lowcarbon_desk.__file__).parent
    offenders = [f"{path.relative_to(root)}:{number}: {line.strip()}"
                 for package in ("reports", "packages")
                 for path in sorted((root / package).rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if RAW_SQL.search(line)]
    assert offenders == []
