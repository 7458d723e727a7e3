"""Smaller things a user meets: default periods, PDF file names, printed units."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from lowcarbon_desk.ui import i18n
from lowcarbon_desk.ui.new_record_dialog import NewRecordDialog

from .conftest import ENTERPRISE, TIMEOUT


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


def qt_dialog_texts(dialog) -> list[str]:
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.text()]
    texts += [w.toolTip() for w in dialog.findChildren(QWidget) if w.toolTip()]
    for view in dialog.findChildren(QAbstractItemView):
        model = view.model()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    return texts


@pytest.mark.parametrize("with_qt_translations", [True, False])
def test_qt_file_dialog_and_buttons_in_chinese(qapp, app_font, monkeypatch, tmp_path, with_qt_translations):
    """Qt's own file dialog speaks Chinese, with Qt's translations and without them (a trimmed
    installation): our qt_zh_CN.qm fills in."""
    if not with_qt_translations:
        monkeypatch.setattr(i18n, "QT_FOLDER", str(tmp_path))  # no qtbase_zh_CN.qm there
    names = [t.filePath() for t in i18n.install("zh")]
    assert any(n.endswith("qt_zh_CN.qm") for n in names)
    assert any("qtbase_zh_CN" in n for n in names) == with_qt_translations
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "导出 PDF", str(tmp_path), "PDF (*.pdf)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(mode)
        dialog.show()
        QApplication.processEvents()
        english = [t for t in qt_dialog_texts(dialog) if re.search(r"[A-Za-z]{3}", t) and "PDF" not in t]
        dialog.close()
        dialog.deleteLater()
        assert english == []
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["是(&Y)", "否(&N)", "取消"])
    field = QLineEdit()
    menu = field.createStandardContextMenu()
    assert "全选" in [a.text().split("\t")[0] for a in menu.actions()]
    menu.deleteLater()
    monkeypatch.undo()
    i18n.install("zh")


def test_toolbar_icons_and_texts(window, qtbot):
    toolbar = window.toolbar
    actions = [a for a in toolbar.actions() if not a.isSeparator()]
    assert len(actions) >= 10 and all(not a.icon().isNull() for a in actions)
    window.resize(1500, 900)
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon,
                    timeout=TIMEOUT)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly, timeout=TIMEOUT)
    assert all(a.text() in a.toolTip() for a in actions)  # named in the tooltip
