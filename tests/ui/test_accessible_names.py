"""Every input, button and table has an accessible name a screen reader can say: the main
window with each kind of record open, and every dialog the window opens here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar, QWidget

from lowcarbon_desk.ui.accessible import has_name, unnamed_controls

from .conftest import ENTERPRISE, TIMEOUT, open_dialogs, report_line


def unnamed(root: QWidget) -> list[str]:
    """The inputs, buttons and tables under ``root`` without an accessible name, described."""
    return [f"{type(w).__name__} '{w.objectName()}' in "
            f"{type(w.parentWidget()).__name__} '{w.parentWidget().objectName()}'"
            for w in unnamed_controls(root)]


def create(window, form: str, org: str, data: dict) -> str:
    record_id = window.service.create_record(form, org, data)
    window.open_record(record_id)
    return record_id


def test_the_main_window_with_each_kind_of_record_open(window):
    from .conftest import COUNTY

    problems = {"nothing open": unnamed(window)}
    create(window, "energy_report", ENTERPRISE, {"period": "2025", "lines": [report_line("raw_coal", 100)]})
    problems["energy_report"] = unnamed(window)
    create(window, "energy_budget", ENTERPRISE, {"year": "2025"})
    problems["energy_budget"] = unnamed(window)
    window.pane.tabs.setCurrentIndex(1)  # the budget chart's tab
    problems["budget chart"] = unnamed(window)
    create(window, "cp_audit", ENTERPRISE, {})
    problems["cp_audit"] = unnamed(window)
    create(window, "pilot_application", COUNTY, {"pilot_type": "county"})
    problems["pilot_application"] = unnamed(window)
    window.pages.setCurrentIndex(1)
    problems["overview"] = unnamed(window)
    window.pages.setCurrentIndex(2)
    problems["review"] = unnamed(window)
    assert {k: v for k, v in problems.items() if v} == {}


def test_every_dialog_the_window_opens(window, qtbot):
    create(window, "energy_report", ENTERPRISE, {"period": "2025", "value_added_10k_yuan": 10_000,
                                                 "lines": [report_line("raw_coal", 100)]})
    window.pane.save_now()
    problems = {}
    openers = {
        "new record": window.new_record,
        "new organisation": window.new_org,
        "history": window.show_history,
        "shortcuts": window.show_shortcuts,
        "trend": window.show_trend,
        "submit": window.submit,
        "explain": lambda: window.pane.editor.explain("total_co2_t"),
        "roll-up": window.county.export_rollup,
        "template": window.county.export_template,
        "decision packages": window.county.export_decisions,
        "restore": window.database_menu.restore,
    }
    for name, opener in openers.items():
        dialog = opener()
        assert dialog is not None, name
        qtbot.waitUntil(lambda d=dialog: d.isVisible(), timeout=TIMEOUT)
        problems[name] = unnamed(dialog)
        dialog.close()
        qtbot.waitUntil(lambda: not open_dialogs(), timeout=TIMEOUT)
    assert {k: v for k, v in problems.items() if v} == {}


def test_tab_stops_are_visible_and_named_and_tab_goes_round(window, qtbot):
    """Tab through the whole window at 1024×700 with a 205-1 report open: every stop shows
    something and has a name, and Tab comes back to where it began (no trap)."""
    window.resize(1024, 700)
    create(window, "energy_report", ENTERPRISE, {"period": "2025", "lines": [report_line("raw_coal", 100)]})
    window.activateWindow()
    start = window.list_view.search
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    stops = []
    invisible = []  # judged while each has the focus: a scroll area scrolls the next one into view
    for _ in range(300):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        here = QApplication.focusWidget()
        stops.append(here)
        if not here.isVisible() or here.visibleRegion().isEmpty():
            invisible.append(f"{type(here).__name__} '{here.objectName()}'")
        if here is start:
            break
    assert stops[-1] is start, "Tab never came back round: a trap"
    assert invisible == [], invisible
    def says_something(widget) -> bool:  # a label its text, a tab bar its tabs' titles
        if isinstance(widget, QTabBar):
            return widget.count() > 0 and all(widget.tabText(i) for i in range(widget.count()))
        return has_name(widget) or bool((widget.property("text") or "").strip())

    nameless = [f"{type(w).__name__} '{w.objectName()}'" for w in stops if not says_something(w)]
    assert nameless == []
    group = window.pane.editor.groups["lines"]
    assert window.list_view.table in stops and window.pane.issues.view in stops
    # one stop for the energy table, on whichever of its parts shows the current cell
    assert len([w for w in stops if group.has_focus_inside(w)]) == 1
