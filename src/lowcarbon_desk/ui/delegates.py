"""Item delegates: drop-downs with Chinese labels for enumerations, checked text for numbers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QWidget

NUMBER_PATTERN = r"^[-+]?[0-9０-９,，. ]*([eE][-+]?[0-9]*)?$"
SIGNED_FREE = r"^[-+]?"
DATE_PATTERN = r"^[0-9]{0,4}([-/.年][0-9]{0,2}([-/.月][0-9]{0,2}日?)?)?$"
YEAR_PATTERN = r"^[0-9]{0,4}年?$"
PERIOD_PATTERN = r"^[0-9]{0,4}(-[0-9]{0,2})?$"


def validator_for(kind: str, parent) -> QRegularExpressionValidator | None:
    """A permissive validator that blocks characters that can never be valid for ``kind``."""
    pattern = {"number": NUMBER_PATTERN, "int": NUMBER_PATTERN, "year": YEAR_PATTERN,
               "date": DATE_PATTERN, "period": PERIOD_PATTERN}.get(kind)
    if pattern is None:
        return None
    return QRegularExpressionValidator(QRegularExpression(pattern), parent)


class EnumDelegate(QStyledItemDelegate):
    """Edits an enumeration cell with a drop-down showing labels and storing values."""

    def __init__(self, options: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.options = options

    def createEditor(self, parent: QWidget, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem("", None)
        for value, label in self.options:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if not isinstance(editor, QComboBox):  # always the one createEditor made
            return
        value = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findData(value) if value is not None else 0
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class TypedTextDelegate(QStyledItemDelegate):
    """A line editor that refuses characters impossible for numbers, years, dates."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind

    def createEditor(self, parent: QWidget, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        validator = validator_for(self.kind, editor)
        if validator is not None:
            editor.setValidator(validator)
        if self.kind in ("number", "int", "year"):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor
