"""Smaller things a user meets: default periods, PDF file names, printed units."""

from __future__ import annotations

import datetime as dt

from lowcarbon_desk.ui.new_record_dialog import NewRecordDialog

from .conftest import ENTERPRISE


def test_new_record_defaults_to_the_year_being_reported(window):
    dialog = NewRecordDialog(window.service, ENTERPRISE, "energy_report", parent=window,
                             today=dt.date(2026, 4, 1))
    assert dialog.period.text() == "2025"  # last year's annual report, in the reporting season
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("energy_budget"))
    assert dialog.period.text() == "2026"  # this year's budget
    dialog.period.setText("2026-03")
    dialog.period.textEdited.emit("2026-03")  # typed by the user: kept from now on
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("energy_report"))
    assert dialog.period.text() == "2026-03"
    dialog.reject()
    late = NewRecordDialog(window.service, ENTERPRISE, "energy_report", parent=window,
                           today=dt.date(2026, 8, 1))
    assert late.period.text() == "2026"
    late.reject()


def test_pdf_default_file_name_is_organisation_form_period(window):
    record_id = window.service.create_record("energy_report", ENTERPRISE, {"period": "2025-03"})
    name = window.service.record_file_name(record_id)
    assert name == "测试钢铁有限公司_能源购进、消费与库存_2025-03.pdf" and record_id not in name
