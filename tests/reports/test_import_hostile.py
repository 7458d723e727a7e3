"""Importing workbooks that are hostile or damaged: one line naming the file, sheet and cell,
quickly, and nothing changed.

Every workbook here is a real ``.xlsx``: exported by the program, edited with openpyxl (as a
user's spreadsheet program would) or, for what no spreadsheet program writes (DTDs, lying
dimensions, giant rows), with its XML parts rewritten inside the ZIP.
"""

from __future__ import annotations

import re
import subprocess
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.reports import xlsx_guard
from lowcarbon_desk.reports.workbook import export_workbook, select_records
from lowcarbon_desk.reports.workbook_layout import FIRST_DATA_ROW, ID_ROW, META_SHEET
from lowcarbon_desk.reports.xlsx_import import import_workbook
from lowcarbon_desk.storage import Store

from .sample_data import OPERATOR
from .test_workbook import _soffice

BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
                  + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b"]>\n")
EXTERNAL = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>\n'


def _column(ws, field_id: str) -> int:
    return next(c.column for c in ws[ID_ROW] if c.value == field_id)


def _content(store: Store) -> list[tuple]:
    return sorted((d["record_id"], d["state"], repr(d["data"])) for d in select_records(store))


def _refused(store: Store, path: Path, lang: str = "en", seconds: float = 10.0) -> str:
    """The refusal's message; asserts it is one line (error lists aside), fast, and changed nothing."""
    before = _content(store)
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        import_workbook(store, path, OPERATOR)
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"refusal took {elapsed:.1f} s"
    assert _content(store) == before
    message = caught.value.message(lang)
    assert "Traceback" not in message and path.name in message
    return message


def _edited(store: Store, tmp_path: Path, edit, name: str = "edited.xlsx") -> Path:
    path = tmp_path / name
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _sheet_member(path: Path, title: str) -> str:
    """The ZIP member of a sheet, by the order openpyxl saved them in."""
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def _rewrite(path: Path, change) -> Path:
    """Rewrite members of the ZIP at ``path``: ``change(name, data)`` returns the new data."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info.filename, change(info.filename, data))
    return path


def _prepend_dtd(data: bytes, dtd: bytes) -> bytes:
    return dtd + re.sub(rb"^<\?xml[^>]*\?>\s*", b"", data)


# --- formulas and error values ------------------------------------------------------------

def test_a_formula_in_a_number_cell_is_refused_naming_the_cell(store: Store, ids: dict[str, str],
                                                               tmp_path: Path) -> None:
    def edit(wb):
        lines = wb["能源消费明细"]
        lines.cell(FIRST_DATA_ROW, _column(lines, "consumption_total"), "=100000+50000")
        budget = wb["用能预算"]
        budget.cell(FIRST_DATA_ROW, _column(budget, "budget_tce"), "=SUM(1,2)")
    path = _edited(store, tmp_path, edit)
    lines = openpyxl.load_workbook(path)["能源消费明细"]
    letter = lines.cell(FIRST_DATA_ROW, _column(lines, "consumption_total")).column_letter
    message = _refused(store, path)
    assert f"能源消费明细!{letter}{FIRST_DATA_ROW}" in message and "=100000+50000" in message
    assert "formula" in message and "=SUM(1,2)" in message
    assert "has 2 error(s)" in message  # the two cells, and no follow-on error about their records
    zh = _refused(store, path, "zh")
    assert "公式" in zh and "粘贴为数值" in zh


def test_a_formula_in_a_text_cell_and_an_error_value_are_refused(store: Store, ids: dict[str, str],
                                                                 tmp_path: Path) -> None:
    def edit(wb):
        audit = wb["清洁生产审核"]
        audit.cell(FIRST_DATA_ROW, _column(audit, "focus"), '=HYPERLINK("http://example.invalid","点击查看")')
        audit.cell(FIRST_DATA_ROW, _column(audit, "consultancy"), "#REF!")
    message = _refused(store, _edited(store, tmp_path, edit))
    assert "HYPERLINK" in message and "error value #REF!" in message and "清洁生产审核!" in message


def test_a_formula_with_a_cached_result_is_refused(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    """LibreOffice saves formulas with their results: the result is not taken either."""
    def edit(wb):
        lines = wb["能源消费明细"]
        lines.cell(FIRST_DATA_ROW, _column(lines, "consumption_total"), "=100000+50000")
    edited = _edited(store, tmp_path, edit, "for-libreoffice.xlsx")
    out = tmp_path / "lo"
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(edited)],
                   check=True, capture_output=True, timeout=180)
    saved = out / edited.name
    cached = openpyxl.load_workbook(saved, data_only=True)["能源消费明细"]
    assert cached.cell(FIRST_DATA_ROW, _column(cached, "consumption_total")).value == 150000
    message = _refused(store, saved)
    assert "=100000+50000" in message and "formula" in message


# --- numbers and text a float or a cell cannot hold ---------------------------------------

def _replace_value(path: Path, sheet: str, column: str, text: bytes) -> Path:
    """Put ``text`` as the raw ``<v>`` of the first data row's cell in ``column``."""
    wb = openpyxl.load_workbook(path)
    letter = wb[sheet].cell(FIRST_DATA_ROW, _column(wb[sheet], column)).column_letter
    member = _sheet_member(path, sheet)
    ref = f"{letter}{FIRST_DATA_ROW}".encode()

    def change(name: str, data: bytes) -> bytes:
        if name != member:
            return data
        new, count = re.subn(rb'(<c r="' + ref + rb'"[^>]*>)<v>[^<]*</v>', rb"\g<1><v>" + text + rb"</v>", data)
        assert count == 1
        return new
    return _rewrite(path, change)


@pytest.mark.parametrize(("raw", "words"), [
    (b"1" + b"0" * 400, "beyond the limit of 1e12"),
    (b"1e400", "must not be NaN or infinite"),
])
def test_huge_numbers_in_number_cells_are_refused_naming_the_cell(store: Store, ids: dict[str, str],
                                                                  tmp_path: Path, raw: bytes, words: str) -> None:
    path = tmp_path / "big.xlsx"
    export_workbook(store, path)
    _replace_value(path, "能源消费明细", "consumption_total", raw)
    message = _refused(store, path)
    assert re.search(rf"能源消费明细!\w+{FIRST_DATA_ROW}", message) and words in message


def test_a_number_too_long_to_parse_names_the_sheet_and_row(store: Store, ids: dict[str, str],
                                                            tmp_path: Path) -> None:
    path = tmp_path / "digits.xlsx"
    export_workbook(store, path)
    _replace_value(path, "能源消费明细", "consumption_total", b"7" * 5000)
    message = _refused(store, path)
    assert "能源消费明细" in message and f"row {FIRST_DATA_ROW}" in message and "\n" not in message


def test_a_control_character_in_a_cell_is_refused_naming_cell_and_field(store: Store, ids: dict[str, str],
                                                                        tmp_path: Path) -> None:
    """XML 1.0 cannot hold C0 controls, but it can hold DEL and the C1 controls (here CSI,
    which starts a terminal escape sequence), written as character references."""
    def edit(wb):
        audit = wb["清洁生产审核"]
        audit.cell(FIRST_DATA_ROW, _column(audit, "focus"), "锅炉MARK空压")
    path = _edited(store, tmp_path, edit)
    _rewrite(path, lambda name, data: data.replace(b"MARK", b"&#x9B;"))
    assert "\x9b" in openpyxl.load_workbook(path)["清洁生产审核"].cell(FIRST_DATA_ROW, 1).parent.cell(
        FIRST_DATA_ROW, _column(openpyxl.load_workbook(path)["清洁生产审核"], "focus")).value
    message = _refused(store, path)
    assert "清洁生产审核!" in message and "(focus)" in message and "U+009B" in message


# --- the hidden _meta sheet -----------------------------------------------------------------

@pytest.mark.parametrize(("cell", "value", "words"), [
    ("B2", "版本一", "format version 版本一 (_meta!B2)"),
    ("B1", "=1+1", "_meta!B1"),
    ("B5", "first", "_meta!B5 should hold the sheet position"),
    ("D6", "table", "_meta!D6 should hold the sheet kind"),
    ("E6", "water_report", "_meta!E6 should hold the form id"),
    ("F6", "v1", "_meta!F6 should hold the form version"),
    ("F6", 99, "version 99 is not known to this program"),  # as from a newer program
    ("G7", "no_such_list", "_meta!G7 names a list"),
])
def test_an_edited_meta_sheet_is_refused_naming_the_cell(store: Store, ids: dict[str, str], tmp_path: Path,
                                                         cell: str, value: object, words: str) -> None:
    path = tmp_path / "meta.xlsx"
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    meta = wb[META_SHEET]
    assert meta["A5"].value == "sheet" and meta["D6"].value == "header" and meta["D7"].value == "group"
    meta[cell] = value
    wb.save(path)
    message = _refused(store, path)
    assert words in message, message
    if cell != "B2" and value != 99:
        assert "do not edit it" in message


# --- XML bombs, external entities, ZIP bombs, giant sheets ----------------------------------

@pytest.mark.parametrize("dtd", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
@pytest.mark.parametrize("part", ["sheet", "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                  "[Content_Types].xml"])
def test_a_dtd_in_any_part_is_refused_quickly(store: Store, ids: dict[str, str], tmp_path: Path,
                                              dtd: bytes, part: str) -> None:
    path = tmp_path / "bomb.xlsx"
    export_workbook(store, path)
    target = _sheet_member(path, "能源消费明细") if part == "sheet" else part
    _rewrite(path, lambda name, data: _prepend_dtd(data, dtd) if name == target else data)
    message = _refused(store, path, seconds=2)
    assert "\n" not in message and "DTD" in message and target in message


def test_defusedxml_refuses_a_dtd_the_prologue_scan_does_not_see(store: Store, ids: dict[str, str],
                                                                 tmp_path: Path) -> None:
    """Second layer: a DTD behind a long comment passes the quick scan; openpyxl's parser,
    through defusedxml, refuses the entity declarations instead of expanding them."""
    assert openpyxl.DEFUSEDXML, "defusedxml is a dependency: scripts/setup.sh installs it"
    path = tmp_path / "hidden-bomb.xlsx"
    export_workbook(store, path)
    padding = b"<!--" + b" " * (2 * xlsx_guard.PROLOGUE_BYTES) + b"-->\n"
    _rewrite(path, lambda name, data: _prepend_dtd(data, b'<?xml version="1.0"?>\n' + padding
                                                   + BILLION_LAUGHS[22:]) if name == "xl/workbook.xml" else data)
    message = _refused(store, path, seconds=2)
    assert "\n" not in message and "EntitiesForbidden" in message


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_bomb_member_is_refused_before_it_is_inflated(store: Store, tmp_path: Path) -> None:
    huge = b" " * (xlsx_guard.MAX_MEMBER_BYTES + 1)
    path = _zip(tmp_path / "zipbomb.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": huge})
    assert path.stat().st_size < 1_000_000  # 64 MiB of spaces deflate to about 64 KiB
    message = _refused(store, path, seconds=2)
    assert "too large once unpacked" in message and "xl/worksheets/sheet1.xml" in message


def test_too_many_parts_are_refused_from_the_directory_record(store: Store, tmp_path: Path) -> None:
    members = {f"xl/media/{i}.bin": b"" for i in range(xlsx_guard.MAX_MEMBERS + 1)}
    message = _refused(store, _zip(tmp_path / "many.xlsx", members), seconds=2)
    assert f"{xlsx_guard.MAX_MEMBERS + 1:,} parts" in message


def test_a_giant_row_is_refused_before_parsing(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    export_workbook(store, path)
    member = _sheet_member(path, "能源消费明细")
    row = b'<row r="9">' + b"<c><v>1</v></c>" * (xlsx_guard.MAX_ROW_CELLS + 1) + b"</row>"
    _rewrite(path, lambda name, data: data.replace(b"</sheetData>", row + b"</sheetData>")
             if name == member else data)
    message = _refused(store, path, seconds=5)
    assert "16,384 cells" in message and member in message


def test_too_many_rows_are_refused_before_parsing(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    export_workbook(store, path)
    member = _sheet_member(path, "能源消费明细")
    rows = b"".join(b'<row r="%d"/>' % i for i in range(100, 100 + xlsx_guard.MAX_SHEET_ROWS + 1))
    _rewrite(path, lambda name, data: data.replace(b"</sheetData>", rows + b"</sheetData>")
             if name == member else data)
    message = _refused(store, path, seconds=10)
    assert "250,000 rows" in message


def test_a_lying_dimension_neither_hides_nor_invents_rows(store: Store, ids: dict[str, str],
                                                          tmp_path: Path) -> None:
    path = tmp_path / "dimension.xlsx"
    export_workbook(store, path)
    member = _sheet_member(path, "能源消费明细")
    with zipfile.ZipFile(path) as archive:  # the export declares each data sheet's size
        assert re.search(rb'<dimension ref="A1:[A-Z]+\d+"\s*/>', archive.read(member))
    _rewrite(path, lambda name, data: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
             if name.startswith("xl/worksheets/") else data)
    result = import_workbook(store, path, OPERATOR)
    assert sorted(result.unchanged) == sorted(ids.values())
    _rewrite(path, lambda name, data: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>',
                                             data) if name.startswith("xl/worksheets/") else data)
    started = time.perf_counter()
    result = import_workbook(store, path, OPERATOR)
    assert sorted(result.unchanged) == sorted(ids.values()) and time.perf_counter() - started < 10


@pytest.mark.parametrize("content", [b"", b"PK\x05\x06" + b"\x00" * 18, b"PK\x03\x04garbage" * 100])
def test_damaged_zip_files_are_refused_in_one_line(store: Store, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(content)
    message = _refused(store, path)
    assert "\n" not in message


def test_a_folder_is_not_a_workbook(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    with pytest.raises(InputError) as caught:
        import_workbook(store, folder, OPERATOR)
    assert "is not a file" in caught.value.message("en")


def test_openpyxl_is_told_to_parse_through_defusedxml_even_beside_lxml():
    """With lxml installed openpyxl would parse through it and skip defusedxml; the package
    switches that off before anything of ours imports openpyxl (a fresh interpreter, lxml or
    not, sees the switch)."""
    import subprocess
    import sys

    probe = ("import lowcarbon_desk, openpyxl.xml as x; "
             "print(x.lxml_env_set(), x.defusedxml_env_set(), x.LXML, x.DEFUSEDXML)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "OPENPYXL_LXML": "True"}).stdout.split()
    assert out == ["False", "True", "False", "True"]
