"""Outputs of records of two form versions: each printed and exported by its own definition,
the workbook round trip keeping each record's version, and a workbook of a version this
installation lacks refused with "update the program", nothing written.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pypdf
import pytest

from fixtures.versions import (
    NEW_FIELD,
    NEW_LABEL_ZH,
    NEWER,
    OLD_LABEL_ZH,
    SHIPPED,
    fixture_database,
    use_newer,
    use_shipped_only,
)
from lowcarbon_desk.domain.forms import UnknownFormError, all_forms, get_form
from lowcarbon_desk.reports.record_pdf import CHART_KINDS, record_pdf
from lowcarbon_desk.reports.workbook import export_workbook, select_records
from lowcarbon_desk.reports.workbook_layout import META_SHEET
from lowcarbon_desk.reports.xlsx_import import import_workbook
from lowcarbon_desk.storage import Store

from .sample_data import county_org, enterprise

OPERATOR = "测试员"


def report(**changes) -> dict:
    data = {"period": "2025", "gross_output_10k_yuan": 150000, "value_added_10k_yuan": 52000,
            "lines": [{"energy": "raw_coal", "opening_stock": 0, "purchase_qty": 1000,
                       "purchase_value_k_yuan": 900, "consumption_total": 1000, "industrial_use": 1000,
                       "feedstock_use": 0, "non_industrial_use": 0, "transport_use": 0, "closing_stock": 0}]}
    data.update(changes)
    return data


@pytest.fixture
def two_versions(tmp_path: Path, monkeypatch) -> tuple[Store, str, str]:
    """The database of an installation with the shipped forms and the test's newer version, with
    one energy report of the newest shipped version and one of the newer version."""
    use_newer(monkeypatch)
    store = Store.open(tmp_path / "office.db")
    org = enterprise(1)
    store.add_orgs([county_org(), org], OPERATOR)
    old = store.add_record("energy_report", org["org_id"], report(), OPERATOR, version=SHIPPED)
    new = store.add_record("energy_report", org["org_id"], report(period="2025-06", **{NEW_FIELD: 340}), OPERATOR)
    yield store, old, new
    store.close()


def content(store: Store) -> list[tuple]:
    """What a workbook carries of each record (attachments travel in the database, not there)."""
    return sorted((d["form"], d["form_version"], d["org_id"], d["period"],
                   repr({k: v for k, v in d["data"].items() if k != "attachments"}), repr(d["computed"]))
                  for d in select_records(store))


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def dump(path: Path) -> list[str]:
    with Store.open(path) as store:
        return list(store.db.conn.iterdump())


def test_every_chart_a_form_names_exists(monkeypatch) -> None:
    use_newer(monkeypatch)
    named = {form.chart for form in all_forms().values() if form.chart}
    assert named and named <= set(CHART_KINDS)


def test_each_version_prints_by_its_own_definition(two_versions) -> None:
    store, old, new = two_versions
    old_text, new_text = pdf_text(record_pdf(store, old)), pdf_text(record_pdf(store, new))
    assert f"能源购进、消费与库存（第 {SHIPPED} 版）" in old_text and f"能源购进、消费与库存（第 {NEWER} 版）" in new_text
    assert "energy_report" not in old_text  # labels, never ids
    assert OLD_LABEL_ZH in old_text and NEW_LABEL_ZH not in old_text and "年末从业人员" not in old_text
    assert NEW_LABEL_ZH in new_text and "年末从业人员" in new_text and "340" in new_text
    assert "能源消费结构" in old_text and "能源消费结构" in new_text  # the chart the form file names


def test_workbook_round_trip_keeps_each_records_version(two_versions, tmp_path: Path) -> None:
    store, _old, _new = two_versions
    path = tmp_path / "both.xlsx"
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    sheets = [row for row in wb[META_SHEET].iter_rows(values_only=True) if row[0] == "sheet"]
    assert {(r[4], r[5]) for r in sheets if r[3] == "header"} == {("energy_report", SHIPPED), ("energy_report", NEWER)}
    headers = {r[5]: wb[r[2]] for r in sheets if r[3] == "header"}
    labels = {v: " ".join(str(c.value) for c in ws[1] if c.value) for v, ws in headers.items()}
    assert OLD_LABEL_ZH in labels[SHIPPED] and NEW_LABEL_ZH not in labels[SHIPPED]
    assert "年末从业人员" not in labels[SHIPPED]
    assert NEW_LABEL_ZH in labels[NEWER] and "年末从业人员" in labels[NEWER]
    with Store.open(tmp_path / "other.db") as other:
        result = import_workbook(other, path, OPERATOR)
        assert len(result.added) == 2
        assert content(other) == content(store)
    assert sorted(import_workbook(store, path, OPERATOR).unchanged) == sorted([_old, _new])


def test_workbook_of_an_unknown_version_is_refused(two_versions, tmp_path: Path, monkeypatch) -> None:
    store, _old, _new = two_versions
    path = tmp_path / "both.xlsx"
    export_workbook(store, path)
    use_shipped_only(monkeypatch)
    target = tmp_path / "older-office.db"
    Store.open(target).close()
    before = dump(target)
    with Store.open(target) as office, pytest.raises(UnknownFormError) as info:
        import_workbook(office, path, OPERATOR)
    zh, en = info.value.message("zh"), info.value.message("en")
    assert zh.startswith("both.xlsx [") and f"表单 energy_report 第 {NEWER} 版：本程序不认识" in zh and "请更新程序" in zh
    assert f"form energy_report version {NEWER} is not known" in en and "update the program" in en
    assert dump(target) == before


def test_records_of_a_released_database_print_and_export(tmp_path: Path, monkeypatch) -> None:
    """Version-1 records saved by the first release, opened by an installation that also has the
    test's newer version."""
    use_newer(monkeypatch)
    with Store.open(fixture_database(1, tmp_path)) as store:
        firsts = {}
        for row in store.list_records():
            firsts.setdefault(row["form"], row["record_id"])
        for form_id, record_id in firsts.items():
            text = pdf_text(record_pdf(store, record_id))
            assert f"{get_form(form_id).title()}（第 1 版）" in text and record_id in text
        path = tmp_path / "released.xlsx"
        export_workbook(store, path)
        with Store.open(tmp_path / "copy.db") as copy:
            import_workbook(copy, path, OPERATOR)
            assert content(copy) == content(store)
            assert {d["form_version"] for d in select_records(copy)} == {1}
