"""The OK / Cancel row every editing dialog ends with."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK accepts the dialog, Cancel rejects it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def export_layout(dialog: QDialog, note: QLabel, form: QFormLayout, error: QLabel, ok_text: str) -> QPushButton:
    """The layout of an export dialog: an explaining note, the form, the error line, and the
    OK / Cancel row with OK renamed to ``ok_text``; returns the OK button."""
    buttons = ok_cancel(dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    layout = QVBoxLayout(dialog)
    layout.addWidget(note)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addStretch(1)
    layout.addWidget(buttons)
    return ok
