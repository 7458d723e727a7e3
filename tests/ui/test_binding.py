"""The Qt binding we ship must not corrupt ``None``'s reference count (PySide6 6.12 on 3.11 does)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_refcount(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("碳")
    assert sys.getrefcount(None) >= before - 10
