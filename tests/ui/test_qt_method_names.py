"""A widget's attribute named like a Qt method hides that method (mypy's ``method-assign``):
the record editor's scroll area is ``scroll_area``, so ``QWidget.scroll`` still works."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea

from .conftest import ENTERPRISE


def test_record_editor_keeps_qwidget_scroll(window):
    record_id = window.service.create_record("energy_report", ENTERPRISE, {"period": "2025"})
    window.open_record(record_id)
    editor = window.pane.editor
    assert isinstance(editor.scroll_area, QScrollArea)
    editor.scroll(0, 0)  # QWidget.scroll(dx, dy), not the scroll area
