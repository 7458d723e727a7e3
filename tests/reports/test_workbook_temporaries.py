"""A workbook that cannot be saved leaves none of openpyxl's row files in the temporary folder
(openpyxl itself would remove them only when the program ends)."""

from __future__ import annotations

import pytest

from lowcarbon_desk.domain.errors import FileError
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_xlsx import write_rollup_xlsx
from lowcarbon_desk.reports.workbook import export_workbook


@pytest.fixture
def temp(tmp_path, monkeypatch):
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr("tempfile.tempdir", None)
    return folder


@pytest.fixture
def not_a_folder(tmp_path):
    """A file where the output's folder should be: the save fails once the rows are written."""
    path = tmp_path / "a file"
    path.write_text("not a folder")
    return path


def test_a_refused_workbook_export_leaves_no_row_files(store, ids, tmp_path, temp, not_a_folder):
    with pytest.raises(FileError):
        export_workbook(store, not_a_folder / "all.xlsx")
    assert list(temp.iterdir()) == []
    assert export_workbook(store, tmp_path / "all.xlsx") > 0  # the same export where it can be written
    assert list(temp.iterdir()) == []


def test_a_refused_rollup_workbook_leaves_no_row_files(store, ids, temp, not_a_folder):
    with pytest.raises(FileError):
        write_rollup_xlsx(county_rollup(store, 2025), not_a_folder / "rollup.xlsx")
    assert list(temp.iterdir()) == []
