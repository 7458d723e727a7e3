"""Fixtures for the window tests: offscreen Qt, a real temporary database, a shown window.

Tests call actions and slots directly and wait on signals; no sleeps, no mouse clicks.
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from domain.samples import sample
from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.storage import Store
from lowcarbon_desk.ui import gc_guard, i18n
from lowcarbon_desk.ui.fonts import install_font
from lowcarbon_desk.ui.main_window import MainWindow
from lowcarbon_desk.ui.service import DeskService
from lowcarbon_desk.ui.settings import WindowSettings

from .keys import release_modifiers

COUNTY = "350998"
ENTERPRISE = make_credit_code(COUNTY, "ENT000001")
ENTERPRISE_2 = make_credit_code(COUNTY, "ENT000002")
PARK = make_credit_code(COUNTY, "PRK000001", "11")
# for work on a worker or a timer: generous, since CI may be a loaded 2-core machine (a wait
# ends as soon as its condition holds)
TIMEOUT = 60_000

pytestmark = pytest.mark.gui


def sample_record(form_id: str) -> tuple[str, dict]:
    """The organisation that makes a ``form_id`` record here and the record's sample data (a
    park's pilot application)."""
    data = sample(form_id)
    if form_id != "pilot_application":
        return ENTERPRISE, data
    data["pilot_type"] = "park"
    return PARK, data


def org_rows() -> list[dict]:
    base = {"admin_code": COUNTY, "contact_name": "王工", "contact_phone": "13800138000"}
    return [
        {**base, "org_id": COUNTY, "kind": "county", "name": "测试县"},
        {**base, "org_id": PARK, "kind": "park", "name": "测试园区管委会"},
        {**base, "org_id": ENTERPRISE, "kind": "enterprise", "name": "测试钢铁有限公司",
         "industry_code": "C3110"},
        {**base, "org_id": ENTERPRISE_2, "kind": "enterprise", "name": "示例造纸有限公司",
         "industry_code": "C2221"},
    ]


def report_line(energy: str, qty: float) -> dict:
    return {"energy": energy, "opening_stock": 0, "purchase_qty": qty, "purchase_value_k_yuan": 1,
            "consumption_total": qty, "industrial_use": qty, "non_industrial_use": 0,
            "feedstock_use": 0, "transport_use": 0, "closing_stock": 0}


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp):
    """As in the program: the garbage collector runs on the GUI thread only (ui/gc_guard.py)."""
    collector = gc_guard.install(qapp)
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def collect_after_each_test():
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def chinese_again_after_each_test():
    """A test that started the program in English (``launch(..., "en")``) leaves its translators
    installed; the next test starts in Chinese, as the program does by default."""
    before = list(i18n._INSTALLED)
    yield
    if before != i18n._INSTALLED:
        i18n.install("zh")


@pytest.fixture(autouse=True)
def no_modifier_left_down(qapp):
    """A Ctrl that a test's synthetic keys left down must not reach the next test."""
    yield
    release_modifiers()


@pytest.fixture(scope="session")
def app_font(qapp):
    family = install_font(qapp)
    i18n.install("zh")
    return family


@pytest.fixture
def store(tmp_path):
    db = Store.open(tmp_path / "t.db")
    yield db
    db.close()


@pytest.fixture
def filled_store(store):
    store.add_orgs(org_rows(), "tester")
    return store


@pytest.fixture
def settings(tmp_path):
    return WindowSettings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def service(filled_store):
    return DeskService(filled_store, "tester", "zh")


def shown_window(qtbot, service: DeskService, settings: WindowSettings) -> MainWindow:
    """The main window on ``service`` at 1400×900, shown and exposed (its records not yet read)."""
    win = MainWindow(service, settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, app_font, service, settings):
    win = shown_window(qtbot, service, settings)
    win.reload_records(synchronous=True)
    yield win
    i18n.install("zh")


def open_dialogs() -> list:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, (QDialog, QMessageBox)) and w.isVisible()]


@pytest.fixture(autouse=True)
def no_dialog_left_open(qapp):
    """Every test must close the dialogs it opened (the box an export shows when it has
    written, ``ui/written.py``, is only information: it is closed here)."""
    yield
    left = open_dialogs()
    for widget in left:
        widget.close()
    left = [w for w in left if w.objectName() != "written_box"]
    assert not left, f"dialogs left open: {[w.objectName() or type(w).__name__ for w in left]}"


def close_warning(qtbot) -> str:
    """Close the warning box the window opened and return its text."""
    boxes = [w for w in open_dialogs() if isinstance(w, QMessageBox)]
    assert boxes, "expected a message box"
    text = boxes[-1].text()
    for box in boxes:
        box.close()
    return text


def loaded_review(window, qtbot):
    """The window's review page once its queue, read on a worker, is shown."""
    with qtbot.waitSignal(window.review.loaded, timeout=TIMEOUT):
        review = window.show_review()
    return review
