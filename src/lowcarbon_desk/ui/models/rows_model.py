"""A read-only table over a list of dicts: audit log, revisions, attachments, energy lists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontDatabase

from .headers import numbered_header
from .roles import ID_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: the dict key, its header and how to show a value."""

    key: str
    header: str
    show: Callable[[object], str] = lambda v: "" if v is None else str(v)
    align_right: bool = False
    mono: bool = False  # fixed-width font (hashes, fingerprints)
    tip: Callable[[object], str] | None = None  # the tooltip, when it says more than the cell


class RowsTableModel(QAbstractTableModel):
    """Rows are dicts; ``id_key`` names the value returned for ``ID_ROLE``."""

    def __init__(self, columns: list[Column], rows: list[dict] | None = None, id_key: str = "",
                 parent=None):
        super().__init__(parent)
        self._columns = columns
        self._rows = list(rows or [])
        self._id_key = id_key

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_dict(self, row: int) -> dict:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        value = row.get(column.key)
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip(value)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.show(value)
        if role == SORT_ROLE:
            return value
        if role == ID_ROLE:
            return row.get(self._id_key) if self._id_key else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column.mono:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return numbered_header([c.header for c in self._columns], section, orientation, role)
