"""The confirmation before a record is frozen: submitting it, or accepting received ones.

It shows what is about to be vouched for: per record its totals (energy, CO2, where the form has
them) and every warning that lets it through, with the justification given. Nothing happens
until the user presses the confirm button; Cancel (and Esc) leave the record as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.labels import JustifiedWarning, Total, unit_text
from .screen_fit import FitsScreen


@dataclass(frozen=True)
class RecordSummary:
    """What the confirmation shows of one record."""

    record_id: str
    heading: str
    totals: list[Total]
    warnings: list[JustifiedWarning]


def _wrapped(text: str, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


class ConfirmRecordsDialog(FitsScreen, QDialog):
    """``accepted`` means: go ahead. ``confirm_text`` names the action on its button."""

    def __init__(self, title: str, intro: str, confirm_text: str, summaries: list[RecordSummary],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("confirm_records")
        self.setWindowTitle(title)
        self.summaries = summaries
        self.total_labels: dict[tuple[str, str], QLabel] = {}
        self.warning_labels: list[QLabel] = []
        body = QWidget()
        body_layout = QVBoxLayout(body)
        for summary in summaries:
            box = QGroupBox(summary.heading)
            box.setObjectName(f"confirm_{summary.record_id}")
            box_layout = QVBoxLayout(box)
            if summary.totals:
                figures = QFormLayout()
                figures.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
                for total in summary.totals:
                    shown = total.text if total.text == "—" else f"{total.text} {unit_text(total.unit)}"
                    value = QLabel(shown.strip())
                    value.setStyleSheet("font-weight: bold;")
                    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                    self.total_labels[(summary.record_id, total.id)] = value
                    figures.addRow(total.label, value)
                box_layout.addLayout(figures)
            if summary.warnings:
                box_layout.addWidget(_wrapped(
                    self.tr("已说明的警告（%1 项）：").replace("%1", str(len(summary.warnings))),
                    "color: #b26a00; font-weight: bold;"))
                for warning in summary.warnings:
                    label = _wrapped(self.tr("%1：%2\n说明：%3").replace("%1", warning.where)
                                     .replace("%2", warning.reason).replace("%3", warning.justification))
                    label.setContentsMargins(12, 0, 0, 4)
                    self.warning_labels.append(label)
                    box_layout.addWidget(label)
            else:
                box_layout.addWidget(_wrapped(self.tr("没有警告。"), "color: #2e7d32;"))
            body_layout.addWidget(box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(confirm_text)
        self.confirm_button.setObjectName("confirm_button")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(intro))
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(620, min(220 + 170 * len(summaries), 620))
