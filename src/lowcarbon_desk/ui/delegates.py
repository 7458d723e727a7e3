"""Item delegates: drop-downs with Chinese labels for enumerations, checked text for numbers.

Every delegate here lets Tab leave the table: Tab (Shift+Tab) in a cell being typed commits it
and moves the focus on to the next (previous) widget after the table, not into the next cell
(Qt's default, which keeps a keyboard user inside the table); the arrows and Enter move
between cells (``table_keys``)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QComboBox, QLineEdit, QStyledItemDelegate, QWidget

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


class LeavingDelegate(QStyledItemDelegate):
    """A delegate whose editor commits and leaves the table on Tab (see the module docstring)."""

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(editor, QWidget)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            holder = editor.parentWidget()  # the view's viewport
            view = holder.parentWidget() if holder is not None else None
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            if view is not None:  # the view has the focus back: Tab from there leaves the table
                QApplication.sendEvent(view, QKeyEvent(event.type(), event.key(), event.modifiers()))
            return True
        return super().eventFilter(editor, event)


class EnumDelegate(LeavingDelegate):
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


class TypedTextDelegate(LeavingDelegate):
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
