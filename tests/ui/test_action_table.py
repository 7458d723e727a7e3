"""The window's actions, menus and toolbar exactly as they were before the action table
(``main_window_actions.ACTIONS``): every text, shortcut, menu place, toolbar place, icon and
enabled/checked state, in Chinese and in English."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from .conftest import ENTERPRISE, report_line

SNAPSHOT = Path(__file__).with_name("action_table_snapshot.json")


def _action(action: QAction) -> list:
    if action.isSeparator():
        return ["---"]
    shortcuts = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()]
    return [action.objectName(), action.text(), shortcuts, action.isEnabled(), action.isCheckable(),
            action.isChecked(), not action.icon().isNull(), action.toolTip(),
            action.shortcutContext().name]


def _menu(menu: QMenu) -> list:
    return [menu.title(), menu.isEnabled(),
            [_menu(a.menu()) if a.menu() else _action(a) for a in menu.actions()]]


def chrome(window) -> dict:
    """What the user sees of the window's actions, in order."""
    return {
        "menus": [_menu(a.menu()) for a in window.menuBar().actions()],
        "toolbar": [window.toolbar.windowTitle(), [_action(a) for a in window.toolbar.actions()]],
        "navigator": [_action(a) for a in window.navigator.actions()],
    }


def enabled(window) -> dict[str, bool]:
    """Each action's enabled state (by its name), as the open record decides it."""
    return {a.objectName(): a.isEnabled() for a in window.findChildren(QAction) if a.objectName()}


def seen_states(window) -> dict:
    """The actions with no record open, then with a draft open, then with it submitted."""
    states = {"nothing_open": enabled(window)}
    record_id = window.service.create_record("energy_report", ENTERPRISE, {
        "period": "2024", "value_added_10k_yuan": 10_000, "lines": [report_line("raw_coal", 100)]})
    window.open_record(record_id)
    states["draft"] = enabled(window)
    window.service.store.submit(record_id, "tester")
    window.open_record(record_id)
    states["submitted"] = enabled(window)
    return states


def test_menus_toolbar_and_shortcuts_are_as_before(window):
    seen = {"zh": chrome(window)}
    window.set_language("en")
    seen["en"] = chrome(window)
    window.set_language("zh")
    assert chrome(window) == seen["zh"]  # a rebuild leaves nothing behind
    seen["enabled"] = seen_states(window)
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert seen == expected
