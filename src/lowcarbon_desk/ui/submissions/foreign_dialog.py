"""Packages from outside this database's division: both division codes, and an explicit choice.

Shown after an import run refused packages as ``foreign`` (``packages.jurisdiction``); only
"import them anyway" imports them again, with ``accept_foreign``. Their organisations then
appear in the review queue and the record list only, never in this division's overview or
roll-up.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout

from ..screen_fit import FitsScreen
from .tasks import FileResult


class ForeignDivisionDialog(FitsScreen, QDialog):
    """One box per refused file: the sender, the sender's division and this database's."""

    def __init__(self, rows: list[FileResult], parent=None):
        super().__init__(parent)
        self.setObjectName("foreign_division_dialog")
        self.setWindowTitle(self.tr("辖区以外的数据包"))
        self.rows = rows
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "以下数据包的发送方不属于本库的辖区，已拒绝，未做任何改动。可能是别的县的企业误投，也可能是"
            "转来代管的材料。确认确实要接收时再导入：这些单位只出现在审核队列和记录列表中，不计入本辖区的"
            "总览和汇总。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code_labels: list[tuple[QLabel, QLabel]] = []
        for row in rows:
            box = QGroupBox(f"{row.sender_name}（{row.sender_org_id}） — {row.file_name}")
            form = QFormLayout(box)
            theirs = QLabel(row.sender_division or "—")
            theirs.setStyleSheet("color: #b26a00; font-weight: bold;")
            ours = QLabel(row.home_division or "—")
            form.addRow(self.tr("发送方所属行政区划"), theirs)
            form.addRow(self.tr("本库辖区"), ours)
            self.code_labels.append((theirs, ours))
            layout.addWidget(box)
        self.buttons = QDialogButtonBox()
        self.accept_button = self.buttons.addButton(self.tr("仍然导入这些数据包"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setObjectName("foreign_accept")
        self.buttons.addButton(self.tr("不导入"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(720, self.sizeHint().height())
