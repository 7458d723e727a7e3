"""A 1024×700 screen: the window starts and comes back on it whole, every dialog fits it.

The screen is told to the fitting code (``screen_fit.available_rect``): Qt's offscreen
platform has one 800×800 screen unless started with a configuration file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget

from lowcarbon_desk.ui import screen_fit
from lowcarbon_desk.ui.main_window import MainWindow
from lowcarbon_desk.ui.submissions.dialogs import ImportResultsDialog, ReturnDialog
from lowcarbon_desk.ui.submissions.tasks import IMPORTED, REFUSED, FileResult

from .conftest import ENTERPRISE, report_line

SMALL = QRect(0, 0, 1024, 700)


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(screen_fit, "available_rect", lambda widget=None: QRect(SMALL))
    monkeypatch.setattr(screen_fit, "screen_area_at", lambda point, fallback: QRect(SMALL))
    return SMALL


def test_fitting_shrinks_and_moves_onto_the_screen():
    assert screen_fit.fitted_rect(QRect(0, 0, 1600, 960), SMALL).size() == QSize(1008, 660)
    moved = screen_fit.fitted_rect(QRect(900, 600, 696, 279), SMALL)
    assert SMALL.contains(moved) and moved.size() == QSize(696, 279)
    centred = screen_fit.centred_rect(QSize(1600, 960), SMALL)
    assert SMALL.contains(centred)
    assert not screen_fit.usable(QRect(900, 400, 696, 279), SMALL)  # off screen and too small
    assert screen_fit.usable(QRect(10, 10, 900, 600), SMALL)


def test_the_first_window_fits_the_screen(qtbot, app_font, service, settings, small_screen):
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    assert SMALL.contains(window.geometry()) and window.width() > 900 and window.height() > 600


@pytest.mark.parametrize("saved", [QRect(900, 420, 696, 279), QRect(-400, 0, 1600, 960)])
def test_a_saved_geometry_that_does_not_fit_is_not_restored(qtbot, app_font, service, settings,
                                                            small_screen, saved):
    old = QWidget()
    old.setGeometry(saved)
    settings.set_bytes("geometry", old.saveGeometry())
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    assert SMALL.contains(window.geometry()) and window.width() > 900


def test_a_maximised_window_comes_back_maximised_with_a_sane_normal_size(qtbot, app_font, service,
                                                                         settings, small_screen):
    old = QWidget()
    old.setGeometry(QRect(900, 420, 696, 279))
    old.showMaximized()
    settings.set_bytes("geometry", old.saveGeometry())
    old.close()
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.isMaximized()
    normal = window.normalGeometry()
    assert SMALL.contains(normal) and normal.width() > 900


def test_a_geometry_that_fits_is_restored(qtbot, app_font, service, settings, small_screen):
    old = QWidget()
    old.setGeometry(QRect(40, 50, 700, 600))
    settings.set_bytes("geometry", old.saveGeometry())
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    assert window.geometry() == QRect(40, 50, 700, 600)


def _fits(dialog: QWidget) -> list[str]:
    QApplication.processEvents()
    problems = []
    if not SMALL.contains(dialog.frameGeometry()):
        problems.append(f"{dialog.objectName() or type(dialog).__name__}: {dialog.frameGeometry()}")
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            corner = button.mapTo(dialog, button.rect().bottomRight())
            if not dialog.rect().contains(corner):
                problems.append(f"button {button.text()!r} at {corner} outside {dialog.rect()}")
    return problems


def test_every_dialog_fits_1024_by_700(window, qtbot, small_screen, tmp_path):
    window.resize(1000, 660)
    record_id = window.service.create_record("energy_report", ENTERPRISE, {
        "period": "2025", "value_added_10k_yuan": 1000,
        "lines": [report_line("raw_coal", 1000), report_line("electricity", 200)]})
    window.open_record(record_id)
    long_name = "测试钢铁有限公司" * 6
    rows = [FileResult(Path(tmp_path / f"{'很长的文件名' * 8}-{n}.lcpkg"), IMPORTED if n % 2 else REFUSED,
                       sender_name=long_name, sender_org_id=ENTERPRISE, records=3,
                       message="签名与内容不符：文件在传递中损坏或被改动，请对方重新导出后再导入。" * 3)
            for n in range(12)]
    openers = {
        "import results": lambda: ImportResultsDialog(rows, window),
        "return": lambda: ReturnDialog(3, window),
        "new organisation": window.new_org,
        "new record": window.new_record,
        "history": window.show_history,
        "submit": window.submit,
        "explain": lambda: window.pane.editor.explain("total_tce"),
        "trend": window.show_trend,
        "key": window.packages.show_key,
        "export package": window.packages.export_package,
        "rollup": window.county.export_rollup,
        "template": window.county.export_template,
        "decisions": window.county.export_decisions,
        "about": window.about,
    }
    checked = []
    for name, opener in openers.items():
        dialog = opener()
        assert dialog is not None, name
        if not dialog.isVisible():
            dialog.show()
        qtbot.waitExposed(dialog)
        assert _fits(dialog) == [], name
        checked.append(name)
        dialog.close()
        QApplication.processEvents()
    assert len(checked) == len(openers)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def test_about_names_the_version(window):
    from lowcarbon_desk import __version__

    box = window.about()
    assert __version__ in box.text()
    box.close()
