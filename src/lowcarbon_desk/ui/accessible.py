"""Accessible names: what a screen reader says for each input, button and table.

Most controls already have a visible label: the row label of a form layout, a label whose buddy
the control is, the title of the group box or the tab it sits alone in, its placeholder text.
``name_controls`` gives every control without a name the text of that label, so the name is
the same words the eye reads (in the window's language). Controls with no label at all set
their name where they are made. ``DialogNamer`` does this for every dialog the window opens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from .table_keys import let_tab_leave

CONTROLS = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractButton, QAbstractItemView, QTextEdit, QPlainTextEdit)


def label_text(text: str) -> str:
    """A label as a name: no mnemonic "&", required-mark "*" or trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip("*：:").strip()


def is_sub_control(widget: QWidget) -> bool:
    """A part Qt builds into another control, which names it itself (a table's header, a
    drop-down's list, a spin box's or editable drop-down's text, a tab bar's arrows)."""
    if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar)):
            return True
        parent = parent.parentWidget()
    return False


def has_name(widget: QWidget) -> bool:
    """Named: an accessible name, or a button's own text."""
    if widget.accessibleName().strip():
        return True
    return isinstance(widget, QAbstractButton) and bool(label_text(widget.text()))


def unnamed_controls(root: QWidget) -> list[QWidget]:
    """The inputs, buttons and tables under ``root`` (itself included) without a name."""
    return [w for w in [root, *root.findChildren(QWidget)]
            if isinstance(w, CONTROLS) and not is_sub_control(w) and not has_name(w)]


def _controls_in(item) -> list[QWidget]:
    widget = item.widget() if item is not None else None
    if widget is not None:
        return [widget] if isinstance(widget, CONTROLS) else [
            w for w in widget.findChildren(QWidget) if isinstance(w, CONTROLS) and not is_sub_control(w)]
    layout = item.layout() if item is not None else None
    if isinstance(layout, QLayout):
        found: list[QWidget] = []
        for position in range(layout.count()):
            found += _controls_in(layout.itemAt(position))
        return found
    return []


def _form_labels(root: QWidget) -> dict[int, str]:
    """Control → the row label of the form layout it sits in (a row of one control only)."""
    names: dict[int, str] = {}
    layouts = [root.layout(), *root.findChildren(QLayout)] if root.layout() else root.findChildren(QLayout)
    for layout in layouts:
        if not isinstance(layout, QFormLayout):
            continue
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label_widget = label.widget() if label is not None else None
            if not isinstance(label_widget, QLabel) or not label_text(label_widget.text()):
                continue
            controls = [c for c in _controls_in(layout.itemAt(row, QFormLayout.ItemRole.FieldRole))
                        if not isinstance(c, QAbstractButton) or not has_name(c)]
            if len(controls) == 1:
                names[id(controls[0])] = label_text(label_widget.text())
                if label_widget.buddy() is None:
                    label_widget.setBuddy(controls[0])
    return names


def _context_name(widget: QWidget) -> str:
    """The title of the group box, the tab or the dialog holding ``widget`` (of its kind, the
    only one in a group box or a dialog)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QDialog) and parent.windowTitle():
            alone = len([w for w in parent.findChildren(type(widget)) if not is_sub_control(w)]) == 1
            return label_text(parent.windowTitle()) if alone else ""
        if isinstance(parent, QGroupBox) and parent.title():
            if len([w for w in parent.findChildren(type(widget)) if not is_sub_control(w)]) == 1:
                return label_text(parent.title())
            return ""
        if isinstance(parent, QTabWidget):
            for position in range(parent.count()):
                page = parent.widget(position)
                if page is not None and (page is widget or page.isAncestorOf(widget)):
                    alone = len([w for w in page.findChildren(type(widget)) if not is_sub_control(w)]) <= 1
                    return label_text(parent.tabText(position)) if alone else ""
            return ""
        parent = parent.parentWidget()
    return ""


def name_controls(root: QWidget) -> list[QWidget]:
    """Name every unnamed control under ``root`` from its label (see the module docstring);
    returns the ones still without a name."""
    form = _form_labels(root)
    buddies = {id(label.buddy()): label_text(label.text()) for label in root.findChildren(QLabel)
               if label.buddy() is not None and label_text(label.text())}
    left = []
    for widget in unnamed_controls(root):
        name = form.get(id(widget)) or buddies.get(id(widget)) or ""
        if not name and isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            name = label_text(widget.placeholderText())
        if not name and isinstance(widget, QAbstractItemView):
            name = _context_name(widget)
        if not name:
            name = label_text(widget.toolTip().split("\n")[0])
        if name:
            widget.setAccessibleName(name)
        else:
            left.append(widget)
    return left


class DialogNamer(QObject):
    """Names the controls of every dialog opened on ``window`` as it is shown (polished)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QDialog):
                name_controls(child)
                let_tab_leave(child)
        return False
