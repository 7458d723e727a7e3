"""Keyboard state between window tests.

Qt takes the application's keyboard modifiers from the last key event it delivered. A test whose
synthetic key press ends in a modal dialog, or whose widget closes between the press and the
release, can leave Ctrl "down" for every later test, where it turns a click or a selection into
a toggle. The suite releases the modifiers after each test (``conftest.no_modifier_left_down``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def release_modifiers() -> None:
    """Deliver one key release without modifiers, so that the application holds none down."""
    if QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
        return
    probe = QWidget()
    QTest.keyRelease(probe, Qt.Key.Key_Control, Qt.KeyboardModifier.NoModifier)
    probe.deleteLater()
