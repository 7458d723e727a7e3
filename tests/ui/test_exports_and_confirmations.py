"""Smaller things of a window for every hand: confirmations name the record, a second export to
the same file asks first, an export says where it wrote (with 打开文件夹)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton

from lowcarbon_desk.ui.submissions.dialogs import ReturnDialog

from .conftest import ENTERPRISE, TIMEOUT, report_line


def test_the_return_dialog_names_the_records(window):
    one = ReturnDialog(1, window, ["2025 能源购进、消费与库存 · 测试钢铁有限公司 · 第 1 版 · 已提交"])
    assert "测试钢铁有限公司" in one.intro.text()
    one.close()
    names = [f"2025-{m:02d} 能源购进、消费与库存 · 测试钢铁有限公司" for m in range(1, 9)]
    many = ReturnDialog(8, window, names)
    assert "2025-01" in many.intro.text() and "2025-06" in many.intro.text()
    assert "2025-08" not in many.intro.text() and "另有 2 条" in many.intro.text()
    many.close()


def test_a_second_template_export_to_the_same_file_asks_first(window, qtbot, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dialog = window.county.export_template()
    dialog.folder.edit.setText(str(out))
    target = dialog.target()
    target.write_bytes(b"an earlier export")
    dialog.accept()  # the file exists: nothing is written, the dialog says so
    assert dialog.isVisible() and target.read_bytes() == b"an earlier export"
    assert target.name in dialog.error.text() and dialog.ok.text() == "覆盖"
    with qtbot.waitSignal(window.county.templateWritten, timeout=TIMEOUT):
        dialog.accept()  # 覆盖: the user said so
    assert target.read_bytes() != b"an earlier export"
    box = window.county.last_written
    assert box.objectName() == "written_box" and target.name in box.text() and str(out) in box.text()
    opener = box.findChild(QPushButton, "open_folder")
    assert opener is not None and opener.text() == "打开文件夹" and opener.property("folder") == str(out)
    box.close()


def test_the_pdf_export_says_where_it_wrote(window, qtbot, tmp_path):
    record_id = window.service.create_record("energy_report", ENTERPRISE, {
        "period": "2025", "value_added_10k_yuan": 1000, "lines": [report_line("raw_coal", 100)]})
    window.open_record(record_id)
    path = tmp_path / "报表.pdf"
    op = window.export(path)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "last_written", None), QMessageBox), timeout=TIMEOUT)
    assert op is not None and path.exists()
    box = window.last_written
    assert path.name in box.text() and box.findChild(QPushButton, "open_folder").property("folder") == str(tmp_path)
    box.close()


def test_pulling_the_monthly_actuals_is_offered_only_on_a_budget_draft(window):
    from domain.samples import sample

    assert not window.act_pull.isEnabled()  # nothing open
    report = window.service.create_record("energy_report", ENTERPRISE, {"period": "2025"})
    window.open_record(report)
    assert not window.act_pull.isEnabled()
    budget = window.service.create_record("energy_budget", ENTERPRISE, sample("energy_budget"))
    window.open_record(budget)
    assert window.act_pull.isEnabled()
    window.service.submit(budget)
    window.open_record(budget)
    assert not window.act_pull.isEnabled()


def test_a_long_status_message_ends_before_the_operator(window):
    window.resize(1008, 660)
    text = "已导出 12 条记录：" + "/很长的文件夹名称" * 20 + "/全部记录.xlsx"
    window.show_message(text)
    bar, label = window.statusBar(), window.status_label
    shown = bar.currentMessage()
    assert shown != text and shown.endswith("全部记录.xlsx") and bar.toolTip() == text
    assert bar.fontMetrics().horizontalAdvance(shown) < label.x() - 8


def test_the_welcome_page_starts_on_its_first_field_and_keeps_its_fields_whole(qtbot, app_font, tmp_path):
    from PySide6.QtWidgets import QApplication, QLineEdit

    from lowcarbon_desk.ui.welcome import NEW_COUNTY, NEW_ENTERPRISE, WelcomeDialog

    dialog = WelcomeDialog(tmp_path / "x.db", "zh")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert QApplication.focusWidget() is dialog.fields[f"{NEW_ENTERPRISE}.org_id"]
    heights = {key: edit.height() for key, edit in dialog.fields.items()}
    assert dialog.confirm() is False  # nothing filled in: several problems
    QApplication.processEvents()
    lines = dialog.error.text().split("\n")
    assert len(lines) >= 2 and dialog.error.isVisible()
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())  # every line shows
    for key, edit in dialog.fields.items():
        assert edit.height() >= min(heights[key], edit.sizeHint().height()), key  # not squashed
    marked = [e for e in dialog.findChildren(QLineEdit) if "b00020" in e.styleSheet()]
    assert marked and QApplication.focusWidget() in marked
    dialog.radios[NEW_COUNTY].setChecked(True)
    assert QApplication.focusWidget() is dialog.fields[f"{NEW_COUNTY}.org_id"] and not dialog.error.isVisible()
    dialog.close()
