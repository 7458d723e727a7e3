"""The focus ring: whatever has the keyboard focus is framed 2 px wide in the palette's
highlight colour, so a keyboard user always sees where typing goes.

A view's frame is 2 px wide focused or not (a light grey border when not): Qt sets a frame's
width once, and a ring wider than it would be hidden under the contents. Headers are item views
too, but never take the focus: they keep their own look.

A table with frozen columns is two views; its ring is drawn on the table around both, whichever
part has the focus (``table_keys`` sets the table's ``focusWithin`` property), never on the
overlay itself, which lies flush over the table's rows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

RING = "2px solid palette(highlight)"
FOCUS_STYLE = f"""
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractSpinBox:focus {{
    border: {RING}; border-radius: 2px;
}}
QComboBox:focus {{ border: {RING}; border-radius: 2px; padding: 1px 4px; }}
QTableView, QTreeView, QListView {{ border: 2px solid palette(midlight); }}
QTableView:focus, QTreeView:focus, QListView:focus, QTableView[focusWithin="true"] {{ border: {RING}; }}
QTableView#frozen_columns, QTableView#frozen_columns:focus {{ border: none; }}
QPushButton:focus, QToolButton:focus {{
    border: {RING}; border-radius: 3px; padding: 3px 10px; background-color: palette(button);
}}
QCheckBox:focus, QRadioButton:focus {{ border: {RING}; border-radius: 2px; }}
"""
# a field's own style sheet (an issue's colours) wins over the window's: it repeats the ring
FIELD_FOCUS = f"*:focus {{ border: {RING}; }}"


def apply_focus_style(window: QWidget) -> None:
    """The ring on ``window`` and everything in it, its dialogs included."""
    window.setStyleSheet(FOCUS_STYLE)
