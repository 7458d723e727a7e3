"""A modifier a test leaves pressed is released before the next test."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from .keys import release_modifiers


def test_a_ctrl_left_down_is_released(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    QTest.keyPress(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.ControlModifier

    release_modifiers()

    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
