"""The issues panel: errors, warnings and infos of the current record, each naming its field.

A click moves the focus to the field (``fieldActivated``); a warning's justification is typed
in place in the last column (``IssuesModel.justifyRequested``).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .models.issues_model import JUSTIFICATION_COLUMN, IssuesModel
from .models.roles import PATH_ROLE


class IssuesPanel(QWidget):
    fieldActivated = Signal(str)

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.model = IssuesModel(lang, self)
        self.summary = QLabel()
        self.summary.setObjectName("issues_summary")
        self.view = QTableView(self)
        self.view.setObjectName("issues_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(1, 300)
        self.view.setColumnWidth(3, 260)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.model.modelReset.connect(self._update_summary)
        self.model.modelReset.connect(self.view.resizeRowsToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        self._update_summary()

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != JUSTIFICATION_COLUMN:
            self.activate_row(index.row())

    def activate_row(self, row: int) -> None:
        """Announce the field of the issue in ``row`` (the record pane focuses it)."""
        path = self.model.data(self.model.index(row, 0), PATH_ROLE)
        if path is not None:
            self.fieldActivated.emit(path)

    def _update_summary(self) -> None:
        counts = self.model.counts()
        unjustified = sum(1 for i in self.model.issues()
                          if i.severity == "warning" and not i.justification)
        text = (self.tr("错误 %1 项，警告 %2 项（未说明 %3 项），提示 %4 项")
                .replace("%1", str(counts["error"])).replace("%2", str(counts["warning"]))
                .replace("%3", str(unjustified)).replace("%4", str(counts["info"])))
        colour = "#c62828" if counts["error"] else ("#b26a00" if unjustified else "#2e7d32")
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour}; font-weight: bold;")
