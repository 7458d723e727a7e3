"""The copies of a database in its backups folder, one row per copy (the restore dialog's list)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from ...storage.autobackup import BackupCopy
from .headers import numbered_header
from .roles import SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

MADE, KIND, SIZE = range(3)


class BackupCopiesModel(QAbstractTableModel):
    """Time made, kind and size of each copy; the path as tooltip; ``copy(row)`` gives the copy."""

    def __init__(self, copies: Sequence[BackupCopy], kind_text: Callable[[str], str],
                 size_text: Callable[[int], str], parent=None):
        super().__init__(parent)
        self._copies = list(copies)
        self._kind_text = kind_text
        self._size_text = size_text
        self._titles = [QCoreApplication.translate("RestoreDialog", "时间"),
                        QCoreApplication.translate("RestoreDialog", "类型"),
                        QCoreApplication.translate("RestoreDialog", "大小")]

    def copy(self, row: int) -> BackupCopy | None:
        """The copy shown in ``row``; None outside the list."""
        return self._copies[row] if 0 <= row < len(self._copies) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._copies)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        copy = self.copy(index.row()) if index.isValid() else None
        if copy is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == MADE:
                return f"{copy.made_at:%Y-%m-%d %H:%M:%S}"
            if column == KIND:
                return self._kind_text(copy.kind)
            if column == SIZE:
                return self._size_text(copy.size)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(copy.path)
        if role == SORT_ROLE:
            return (copy.made_at, copy.kind, copy.size)[column] if 0 <= column < 3 else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return numbered_header(self._titles, section, orientation, role)
