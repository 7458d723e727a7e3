"""docs/bad-input.md shows the messages the code really gives (domain rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .bad_inputs import _cell, domain_rows

DOC = Path(__file__).resolve().parents[2] / "docs" / "bad-input.md"
ROWS = domain_rows()


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.rule}:{r.given}" for r in ROWS])
def test_documented_message_matches_the_code(row) -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"| {_cell(row.zh)} | {_cell(row.en)} |" in text, (
        "docs/bad-input.md is out of date: run PYTHONPATH=src:tests python -m domain.bad_inputs")


def test_every_message_names_the_field() -> None:
    for row in ROWS:
        if row.rule == "record.data":  # the whole record: the form is named
            assert row.zh.startswith("能源购进") and row.en.startswith("Energy purchase")
        elif row.rule != "InputError":
            assert row.field and row.field in row.zh and row.field in row.en, row
