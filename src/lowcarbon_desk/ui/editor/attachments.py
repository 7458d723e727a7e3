"""Attachments of a pilot application: list with size and SHA-256; add, open, remove."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import FieldDef
from ..formatting import fmt_size
from ..models.rows_model import Column, RowsTableModel


class AttachmentsWidget(QWidget):
    """Shows the attachment list; the record pane does the storing (signals below)."""

    addRequested = Signal()
    openRequested = Signal(int)
    removeRequested = Signal(int)

    def __init__(self, spec: FieldDef, lang: str, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.model = RowsTableModel([
            Column("name", self.tr("文件名")),
            Column("size", self.tr("大小"), fmt_size, align_right=True),
            Column("media_type", self.tr("类型")),
            Column("sha256", self.tr("SHA-256")),
        ], [], id_key="sha256", parent=self)
        self.view = QTableView(self)
        self.view.setObjectName(f"table_{spec.id}")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 220)
        self.view.setMinimumHeight(120)
        self.view.doubleClicked.connect(lambda index: self.openRequested.emit(index.row()))
        types = ", ".join(t.upper() for t in spec.allowed_types)
        limit = spec.max_bytes // 1048576
        note = QLabel(self.tr("允许的类型：%1；每个文件不超过 %2 MB。附件须先保存草稿后添加。")
                      .replace("%1", types).replace("%2", str(limit)))
        note.setWordWrap(True)
        self.add_button = QPushButton(self.tr("添加附件…"))
        self.open_button = QPushButton(self.tr("打开"))
        self.remove_button = QPushButton(self.tr("移除"))
        self.add_button.clicked.connect(self.addRequested)
        self.open_button.clicked.connect(lambda: self._emit_current(self.openRequested))
        self.remove_button.clicked.connect(lambda: self._emit_current(self.removeRequested))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        layout.addWidget(note)

    def _emit_current(self, signal) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            signal.emit(index.row())

    def set_items(self, items: list[dict] | None) -> None:
        self.model.set_rows(items or [])

    def items(self) -> list[dict]:
        return [self.model.row_dict(i) for i in range(self.model.rowCount())]

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
