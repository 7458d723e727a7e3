"""Bindings between one scalar field of a form and the widget that edits it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import FieldDef, FormDef
from ...domain.reference import ReferenceData
from ..delegates import validator_for
from ..focus_style import FIELD_FOCUS
from ..formatting import edit_text

ISSUE_STYLES = {"error": "* { border: 1px solid #c62828; background: #fde2e1; }",
                "warning": "* { border: 1px solid #b26a00; background: #fff3cd; }",
                "info": ""}


class FieldBinding:
    """Base: a widget, its value as typed, read-only state and issue highlighting."""

    def __init__(self, spec: FieldDef, widget: QWidget):
        self.spec = spec
        self.widget = widget
        self.widget.setObjectName(f"field_{spec.id}")
        self._tooltip = ""

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)

    def set_help(self, text: str) -> None:
        self._tooltip = text
        self.widget.setToolTip(text)

    def set_issue(self, severity: str | None, message: str = "") -> None:
        style = ISSUE_STYLES.get(severity or "", "") if severity else ""
        self.widget.setStyleSheet(f"{style} {FIELD_FOCUS}" if style else "")
        self.widget.setToolTip(message or self._tooltip)

    def focus(self) -> None:
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)


class LineBinding(FieldBinding):
    """Text, numbers, years, dates and periods in a line editor (validated as typed)."""

    def __init__(self, spec: FieldDef, on_change: Callable[[], None], placeholder: str = ""):
        editor = QLineEdit()
        super().__init__(spec, editor)
        validator = validator_for(spec.type, editor)
        if validator is not None:
            editor.setValidator(validator)
        if spec.type in ("number", "int"):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        if spec.type != "text":
            # figures, years, dates and periods stay compact beside their label and unit, so
            # they are never pushed out of sight when long labels or tables widen the form
            editor.setMaximumWidth(editor.fontMetrics().horizontalAdvance("0") * 22)
        if spec.type == "text":
            editor.setMaxLength(spec.max_length)
        editor.setPlaceholderText(placeholder)
        editor.textEdited.connect(lambda _text: on_change())
        self.editor = editor

    def value(self) -> object:
        return self.editor.text().strip() or None

    def set_value(self, value: object) -> None:
        self.editor.setText(edit_text(value))

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)


class MultilineBinding(FieldBinding):
    """Long text (measures) in a plain text editor."""

    def __init__(self, spec: FieldDef, on_change: Callable[[], None]):
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)
        editor.setMinimumHeight(110)
        super().__init__(spec, editor)
        editor.textChanged.connect(self._changed)
        self._on_change = on_change
        self._loading = False
        self.editor = editor

    def _changed(self) -> None:
        if not self._loading:
            self._on_change()

    def value(self) -> object:
        return self.editor.toPlainText().strip() or None

    def set_value(self, value: object) -> None:
        self._loading = True
        self.editor.setPlainText(edit_text(value))
        self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)


class EnumBinding(FieldBinding):
    """A drop-down of labels in the user's language; the stored value is the code."""

    def __init__(self, form: FormDef, spec: FieldDef, ref: ReferenceData, lang: str,
                 on_change: Callable[[], None]):
        combo = QComboBox()
        super().__init__(spec, combo)
        combo.addItem("", None)
        for option in form.enum_options(spec.enum, ref):
            combo.addItem(option.label(lang), option.value)
        combo.activated.connect(lambda _i: on_change())
        combo.setMinimumContentsLength(12)
        self.combo = combo

    def value(self) -> object:
        return self.combo.currentData()

    def set_value(self, value: object) -> None:
        position = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(position, 0))


class BoolBinding(FieldBinding):
    def __init__(self, spec: FieldDef, on_change: Callable[[], None]):
        box = QCheckBox()
        super().__init__(spec, box)
        box.clicked.connect(lambda _c: on_change())
        self.box = box

    def value(self) -> object:
        return self.box.isChecked()

    def set_value(self, value: object) -> None:
        self.box.setChecked(bool(value))


class SetBinding(FieldBinding):
    """A set of enumeration values as check boxes (mandatory audit reasons)."""

    def __init__(self, form: FormDef, spec: FieldDef, ref: ReferenceData, lang: str,
                 on_change: Callable[[], None]):
        holder = QWidget()
        super().__init__(spec, holder)
        options = form.enum_options(spec.enum, ref)
        # a few short options side by side; more, or long ones, one under the other (a row of
        # them would push the form wider than a small screen)
        side_by_side = len(options) <= 2 and all(len(o.label(lang)) <= 16 for o in options)
        layout = QHBoxLayout(holder) if side_by_side else QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        for option in options:
            box = QCheckBox(option.label(lang))
            box.setObjectName(f"field_{spec.id}_{option.value}")
            box.clicked.connect(lambda _c: on_change())
            layout.addWidget(box)
            self.boxes.append((option.value, box))
        layout.addStretch(1)

    def value(self) -> object:
        return [value for value, box in self.boxes if box.isChecked()]

    def set_value(self, value: object) -> None:
        chosen = set(value) if isinstance(value, list | tuple | set | frozenset) else set()
        for option, box in self.boxes:
            box.setChecked(option in chosen)

    def focus(self) -> None:
        if self.boxes:
            self.boxes[0][1].setFocus(Qt.FocusReason.OtherFocusReason)


def make_binding(form: FormDef, spec: FieldDef, ref: ReferenceData, lang: str,
                 on_change: Callable[[], None]) -> FieldBinding:
    """The binding for a scalar or set field."""
    placeholders = {"date": "YYYY-MM-DD", "period": "YYYY / YYYY-MM", "year": "YYYY"}
    if spec.type == "enum":
        binding: FieldBinding = EnumBinding(form, spec, ref, lang, on_change)
    elif spec.type == "set":
        binding = SetBinding(form, spec, ref, lang, on_change)
    elif spec.type == "bool":
        binding = BoolBinding(spec, on_change)
    elif spec.type == "text" and spec.multiline:
        binding = MultilineBinding(spec, on_change)
    else:
        binding = LineBinding(spec, on_change, placeholders.get(spec.type, ""))
    help_text = spec.help_en if lang == "en" else spec.help_zh
    binding.set_help(help_text)
    return binding
