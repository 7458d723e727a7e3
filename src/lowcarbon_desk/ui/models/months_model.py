"""The twelve monthly values of a ``months`` field as a one-row editable table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...domain.forms import MONTHS, FieldDef
from ..formatting import edit_text
from .group_model import SEVERITY_COLOURS
from .roles import PATH_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


class MonthsModel(QAbstractTableModel):
    """Columns are January..December; the one row carries the field's unit in its header."""

    edited = Signal()

    def __init__(self, spec: FieldDef, month_labels: list[str], row_label: str, parent=None):
        super().__init__(parent)
        self.spec = spec
        self._labels = month_labels
        self._row_label = row_label
        self._values: list[object] = [None] * MONTHS
        self._issues: dict[int, tuple[str, str]] = {}
        self.read_only = False

    def set_values(self, values: list | None) -> None:
        self.beginResetModel()
        self._values = (list(values or []) + [None] * MONTHS)[:MONTHS]
        self.endResetModel()

    def values(self) -> list:
        return [None if v in ("", None) else v for v in self._values]

    def set_issues(self, issues: dict[int, tuple[str, str]]) -> None:
        self._issues = dict(issues)
        self.dataChanged.emit(self.index(0, 0), self.index(0, MONTHS - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else MONTHS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() != 0:
            return None
        month = index.column()
        value = self._values[month]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return edit_text(value)
        if role == SORT_ROLE:
            return value
        if role == PATH_ROLE:
            return f"{self.spec.id}[{month}]"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and month in self._issues:
            return QBrush(QColor(SEVERITY_COLOURS.get(self._issues[month][0], "#ffffff")))
        if role == Qt.ItemDataRole.ToolTipRole and month in self._issues:
            return self._issues[month][1]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if self.read_only else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        if isinstance(value, str):
            value = value.strip() or None
        if self._values[index.column()] == value:
            return False
        self._values[index.column()] = value
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._labels[section] if 0 <= section < MONTHS else None
        return self._row_label
