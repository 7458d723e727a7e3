"""The issues panel: errors, warnings and infos of the current record, each naming its field.

A click (or Enter) moves the focus to the field (``fieldActivated``); a warning's justification
is typed in place in the last column (``IssuesModel.justifyRequested``): F2 on it, or Ctrl+J
from anywhere (``justify_next``).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.issues import WARNING
from .delegates import LeavingDelegate
from .models.issues_model import FIELD_COLUMN, JUSTIFICATION_COLUMN, MESSAGE_COLUMN, SEVERITY_COLUMN, IssuesModel
from .models.roles import PATH_ROLE
from .table_keys import keyboard_table

FIELD_WIDTH = 240  # at most; the field column shrinks to its longest entry
JUSTIFICATION_WIDTH = 220


class IssuesPanel(QWidget):
    fieldActivated = Signal(str)

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.model = IssuesModel(lang, self)
        self.summary = QLabel()
        self.summary.setObjectName("issues_summary")
        self.view = QTableView(self)
        self.view.setObjectName("issues_view")
        self.view.setAccessibleName(self.tr("问题列表"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        # the message takes the width the other columns leave and wraps; rows grow to fit it
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SEVERITY_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIELD_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(JUSTIFICATION_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(FIELD_COLUMN, FIELD_WIDTH)
        self.view.setColumnWidth(JUSTIFICATION_COLUMN, JUSTIFICATION_WIDTH)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        keyboard_table(self.view)
        self.view.setItemDelegate(LeavingDelegate(self.view))
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.model.modelReset.connect(self._update_summary)
        self.model.modelReset.connect(self._fit_columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        self._update_summary()

    def _fit_columns(self) -> None:
        """Field column as wide as its longest entry, the justification column at its default,
        each within a share of the width; the message column (stretching) takes the rest."""
        width = self.view.viewport().width()
        self.view.resizeColumnToContents(FIELD_COLUMN)
        self.view.setColumnWidth(FIELD_COLUMN, min(self.view.columnWidth(FIELD_COLUMN), FIELD_WIDTH,
                                                   int(width * 0.28)))
        wanted = max(JUSTIFICATION_WIDTH, self.view.horizontalHeader().sectionSizeHint(JUSTIFICATION_COLUMN))
        self.view.setColumnWidth(JUSTIFICATION_COLUMN, min(wanted, int(width * 0.3)))
        # rows as tall as their wrapped text at these widths: none left tall from a narrower moment
        self.view.resizeRowsToContents()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != JUSTIFICATION_COLUMN:
            self.activate_row(index.row())

    def activate_row(self, row: int) -> None:
        """Announce the field of the issue in ``row`` (the record pane focuses it)."""
        path = self.model.data(self.model.index(row, 0), PATH_ROLE)
        if path is not None:
            self.fieldActivated.emit(path)

    def justify_next(self) -> int:
        """Open the justification of the selected warning, or else of the first warning not yet
        justified, for typing (Enter stores it); returns its row, -1 when there is none."""
        if not self.model.editable:
            return -1
        issues = self.model.issues()

        def unjustified(row: int) -> bool:
            return 0 <= row < len(issues) and issues[row].severity == WARNING and not issues[row].justification

        row = self.view.currentIndex().row()
        if not unjustified(row):
            row = next((r for r in range(len(issues)) if unjustified(r)), -1)
        if row < 0:
            return -1
        index = self.model.index(row, JUSTIFICATION_COLUMN)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.view.edit(index)
        return row

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
