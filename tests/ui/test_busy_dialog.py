"""The progress dialog of a task or an operation: a cancel button only when it can be cancelled."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from lowcarbon_desk.ui.workers import busy_dialog


def test_cancel_button_only_with_a_text(qapp):
    plain, cancellable = busy_dialog("正在导出…", "", None), busy_dialog("正在导出…", "取消", None)
    try:
        assert plain.findChildren(QPushButton) == []
        assert [b.text() for b in cancellable.findChildren(QPushButton)] == ["取消"]
        assert (plain.minimum(), plain.maximum()) == (0, 0)  # busy: no range
    finally:
        plain.deleteLater()
        cancellable.deleteLater()
