"""What the user arranged in the window, carried across a rebuild of its widgets.

Switching the language rebuilds the window's widgets; the user keeps the page, the splitter
positions, the list's filters and sort, the open record with its tab, scroll position and
folded computed values (``capture`` before, ``restore`` after). Column widths follow the new
language's texts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMainWindow


def capture(window: Any) -> dict:
    """The arrangement of ``window`` (a ``MainWindow``) worth keeping."""
    pane = window.pane
    editor = pane.editor
    return {
        "page": window.pages.currentIndex(),
        "splitters": {name: getattr(window, name).sizes()
                      for name in ("main_splitter", "records_splitter")},
        "record_splitter": pane.splitter.sizes(),
        "list": window.list_view.filter_state(),
        "tab": pane.tabs.currentIndex(),
        "computed_expanded": pane.computed_expanded,
        "scroll": editor.scroll_area.verticalScrollBar().value() if editor is not None else 0,
        "navigator_compact": window.compact.compact,
    }


def restore(window: Any, state: dict) -> None:
    """Put ``state`` (from ``capture``) back on the rebuilt ``window``."""
    layout = window.layout() if isinstance(window, QMainWindow) else None
    if layout is not None:
        layout.activate()  # the new widgets get their sizes before the splitters move
    window.compact.compact = state["navigator_compact"]
    for name, sizes in state["splitters"].items():
        splitter = getattr(window, name)
        if len(sizes) == splitter.count():
            splitter.setSizes(sizes)
    pane = window.pane
    if len(state["record_splitter"]) == pane.splitter.count():
        pane.splitter.setSizes(state["record_splitter"])
    window.list_view.restore_filter_state(state["list"])
    window.pages.setCurrentIndex(state["page"])
    if pane.editor is not None:
        if state["computed_expanded"] is not None:
            pane.computed_expanded = state["computed_expanded"]
            pane.editor.computed_panel.set_expanded(state["computed_expanded"])
        if 0 <= state["tab"] < pane.tabs.count():
            pane.tabs.setCurrentIndex(state["tab"])
        pane.editor.scroll_area.verticalScrollBar().setValue(state["scroll"])
