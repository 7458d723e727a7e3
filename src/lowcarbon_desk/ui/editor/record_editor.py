"""A record editor generated from a ``FormDef``: no screen code per form or version.

Sections become group boxes; scalar fields rows of a form layout (label, editor, unit);
repeating groups editable tables; ``months`` a one-row table; attachments a list. The
record-level computed values sit beside the form. Sections of short fields that follow a
table are compact foldable boxes (``fold_box.py``), folded on a small window
(``responsive.folds_sections``) so the table keeps its rows, and unfolded before the focus goes
to one of their fields. The editor knows nothing about storage:
it gives out the data as typed (``data()``) and shows an evaluation (``show_evaluation``).
A computed value or cell clicked (or F1) opens its explanation on the data as typed
(``explain``); an entered value's link there brings the cursor back to that field.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.evaluate import Evaluation
from ...domain.forms import FieldDef, FormDef
from ...domain.issues import SEVERITY_ORDER
from ...domain.labels import parse_path, unit_text
from ...domain.reference import ReferenceData
from ..explain_dialog import ExplainDialog, explain_live
from ..responsive import folds_sections
from .attachments import AttachmentsWidget
from .computed_panel import ComputedPanel
from .fields import FieldBinding, make_binding
from .fold_box import FoldBox, filled_text
from .group_table import GroupTableWidget
from .months_table import MonthsWidget

ROW_SPACING = 6
PAIRED_FIELDS = 4  # a section with this many short fields (and a table in the form) pairs them


def _form_layout() -> QFormLayout:
    """Labels right-aligned before their fields; a field goes under its label when narrow."""
    layout = QFormLayout()
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    # set, not inherited: paired columns sit in a row spaced wide apart, and a form layout
    # takes its parent layout's spacing between its rows too
    layout.setVerticalSpacing(ROW_SPACING)
    return layout


def _is_long(spec: FieldDef) -> bool:
    """Free text and sets of check boxes need a line's width; a code (a text with a pattern,
    such as an industry code) is as short as a figure."""
    return spec.type == "set" or (spec.type == "text" and (spec.multiline or not spec.pattern))


class RecordEditor(QWidget):
    """Edits the ``data`` of one record of ``form``; emits ``edited`` on every user change."""

    edited = Signal()

    def __init__(self, form: FormDef, ref: ReferenceData, lang: str, parent=None):
        super().__init__(parent)
        self.form, self.ref, self.lang = form, ref, lang
        self.bindings: dict[str, FieldBinding] = {}
        self.groups: dict[str, GroupTableWidget] = {}
        self.months: dict[str, MonthsWidget] = {}
        self.attachments: AttachmentsWidget | None = None
        self.field_rows: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self.folds: dict[str, FoldBox] = {}  # section id → its box, for the sections that fold
        self._fold_of: dict[str, FoldBox] = {}  # field id → the box holding it
        self._folded_small: bool | None = None  # the window size the boxes were last folded for
        self._loading = False
        self._read_only = False

        units = [unit_text(f.unit(lang)) for f in form.scalar_fields()]
        self._unit_width = max((self.fontMetrics().horizontalAdvance(u) for u in units if u), default=0)
        body = QWidget()
        body.setObjectName("editor_body")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(4, 4, 4, 4)  # tight: the rows of a table need the height
        stretched = False
        has_table = any(spec.type == "group" for s in form.sections for spec in s.fields)
        after_table = False
        for section in form.sections:
            containers = any(spec.type in ("group", "months", "attachments") for spec in section.fields)
            box: QWidget
            if after_table and not containers:
                fold = FoldBox(section.label(lang))
                self.folds[section.id] = fold
                self._fold_of.update((spec.id, fold) for spec in section.fields)
                box, box_layout = fold, QVBoxLayout(fold.body)
                box_layout.setContentsMargins(6, 0, 6, 4)
            else:
                box = QGroupBox(section.label(lang))
                box_layout = QVBoxLayout(box)
                box_layout.setContentsMargins(6, 4, 6, 6)
            box.setObjectName(f"section_{section.id}")
            short = [spec for spec in section.fields if spec.type not in ("group", "months", "attachments")]
            # a form with a table: its short figures stand in two columns, as on the paper
            # form, so that the table's rows keep the height on a small screen
            paired = (has_table and len(short) >= PAIRED_FIELDS
                      and not any(_is_long(spec) for spec in short))
            columns = [_form_layout(), _form_layout()] if paired else [_form_layout()]
            first_column = -(-len(short) // len(columns))
            tables = 0
            for spec in section.fields:
                if spec.type in ("group", "months", "attachments"):
                    box_layout.addWidget(self._container(spec), 1 if spec.type == "group" else 0)
                    tables += spec.type == "group"
                else:
                    column = columns[0] if columns[0].rowCount() < first_column else columns[-1]
                    column.addRow(self._label(spec), self._scalar_row(spec))
            if short:
                row = QHBoxLayout()
                row.setSpacing(18)
                for column in columns:
                    row.addLayout(column, 1)
                box_layout.insertLayout(0, row)
            # a section with a table takes the height left over: the table grows into it
            body_layout.addWidget(box, 1 if tables else 0)
            stretched = stretched or bool(tables)
            after_table = after_table or bool(tables)
        if not stretched:
            body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("editor_scroll")
        self.scroll_area.setAccessibleName(form.title(lang))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)
        self.computed_panel = ComputedPanel(form, ref, lang)
        self.computed_panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.computed_panel.explainRequested.connect(self.explain)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.computed_panel)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.computed_panel.set_room(self.height())
        self.fold_for_window()

    def fold_for_window(self) -> None:
        """Fold the boxes on a small window, unfold them on a large one: only when the window
        crosses between the two, and never a box the user folded or unfolded himself."""
        window = self.window()
        small = folds_sections(window.width(), window.height())
        if small == self._folded_small:
            return
        self._folded_small = small
        for fold in self.folds.values():
            if not fold.user_chose:
                fold.set_expanded(not small)

    # --- building ------------------------------------------------------------------------
    def _label(self, spec: FieldDef) -> QLabel:
        text = spec.label(self.lang) + ("*" if spec.required else "")
        label = QLabel(text)
        label.setToolTip(spec.id)
        self._labels[spec.id] = label  # the field's buddy, once its widget exists
        return label

    def _scalar_row(self, spec: FieldDef) -> QWidget:
        binding = make_binding(self.form, spec, self.ref, self.lang, self._changed)
        binding.widget.setAccessibleName(spec.label(self.lang))  # what a screen reader says
        if spec.id in self._labels:
            self._labels[spec.id].setBuddy(binding.widget)
        self.bindings[spec.id] = binding
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(binding.widget, 1)
        unit = unit_text(spec.unit(self.lang))
        if unit or spec.type in ("number", "int"):
            unit_label = QLabel(unit)
            unit_label.setObjectName(f"unit_{spec.id}")
            # the units line up in a column as wide as the longest of the form's units
            unit_label.setMinimumWidth(self._unit_width)
            layout.addWidget(unit_label)
        if spec.type != "text":
            layout.addStretch(0)  # compact editors sit next to their label, not adrift
        self.field_rows[spec.id] = row
        return row

    def _container(self, spec: FieldDef) -> QWidget:
        if spec.type == "group":
            widget = GroupTableWidget(self.form, spec, self.ref, self.lang)
            widget.view.setAccessibleName(spec.label(self.lang))
            widget.view.frozen_view.setAccessibleName(spec.label(self.lang))
            widget.model.edited.connect(self._changed)
            widget.explainRequested.connect(self.explain)
            self.groups[spec.id] = widget
            return widget
        if spec.type == "months":
            months = MonthsWidget(spec, self.lang)
            months.view.setAccessibleName(spec.label(self.lang))
            months.model.edited.connect(self._changed)
            self.months[spec.id] = months
            return months
        self.attachments = AttachmentsWidget(spec, self.lang)
        self.attachments.view.setAccessibleName(spec.label(self.lang))
        return self.attachments

    # --- data ----------------------------------------------------------------------------
    def _changed(self) -> None:
        if not self._loading:
            self._summarise()
            self.edited.emit()

    def _summarise(self) -> None:
        """Each foldable box's line: the label, value and unit of every field filled in it."""
        for section in self.form.sections:
            fold = self.folds.get(section.id)
            if fold is None:
                continue
            parts = []
            for spec in section.fields:
                binding = self.bindings.get(spec.id)
                text = filled_text(binding) if binding is not None else None
                if text is not None:
                    unit = unit_text(spec.unit(self.lang))
                    parts.append(" ".join(p for p in (spec.label(self.lang), text, unit) if p))
            fold.set_summary(parts)

    def set_data(self, data: dict) -> None:
        """Load a record's entered values (no ``edited`` signal)."""
        self._loading = True
        try:
            for field_id, binding in self.bindings.items():
                binding.set_value(data.get(field_id))
            for field_id, group in self.groups.items():
                group.model.set_items(data.get(field_id) or [])
            for field_id, months in self.months.items():
                months.model.set_values(data.get(field_id))
            if self.attachments is not None:
                self.attachments.set_items(data.get(self.attachments.spec.id) or [])
        finally:
            self._loading = False
        self._summarise()

    def data(self) -> dict:
        """The values as typed; the domain reads and checks them."""
        data: dict = {field_id: b.value() for field_id, b in self.bindings.items()}
        for field_id, group in self.groups.items():
            data[field_id] = group.model.items()
        for field_id, months in self.months.items():
            data[field_id] = months.model.values()
        if self.attachments is not None:
            data[self.attachments.spec.id] = self.attachments.items()
        return {k: v for k, v in data.items() if v is not None}

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for binding in self.bindings.values():
            binding.set_read_only(read_only)
        for group in self.groups.values():
            group.set_read_only(read_only)
        for months in self.months.values():
            months.set_read_only(read_only)
        if self.attachments is not None:
            self.attachments.set_read_only(read_only)

    @property
    def read_only(self) -> bool:
        return self._read_only

    # --- evaluation ----------------------------------------------------------------------
    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Computed values beside the form, per-item values in the tables, issues highlighted."""
        computed = evaluation.computed
        self.computed_panel.set_values(computed)
        for field_id, group in self.groups.items():
            value = computed.get(field_id)
            group.model.set_computed(value if isinstance(value, list) else [])
        worst: dict[str, tuple[str, str]] = {}
        cells: dict[str, dict[tuple[int, str], tuple[str, str]]] = {g: {} for g in self.groups}
        month_cells: dict[str, dict[int, tuple[str, str]]] = {m: {} for m in self.months}
        for issue in evaluation.issues:
            name, index, column = parse_path(issue.field)
            message = issue.message(self.lang)
            if name in self.groups and index is not None:
                key = (index, column or "")
                if key not in cells[name] or SEVERITY_ORDER[issue.severity] < SEVERITY_ORDER[
                        cells[name][key][0]]:
                    cells[name][key] = (issue.severity, message)
            elif name in self.months and index is not None:
                month_cells[name][index] = (issue.severity, message)
            elif name in self.bindings and (name not in worst or SEVERITY_ORDER[
                    issue.severity] < SEVERITY_ORDER[worst[name][0]]):
                worst[name] = (issue.severity, message)
        for field_id, binding in self.bindings.items():
            severity, message = worst.get(field_id, (None, ""))
            binding.set_issue(severity if severity != "info" else None, message)
        for fold in self.folds.values():
            found = [worst[f][0] for f, box in self._fold_of.items() if box is fold and f in worst]
            fold.set_issue(min(found, key=SEVERITY_ORDER.__getitem__) if found else None)
        for field_id, group in self.groups.items():
            group.model.set_issues(cells[field_id])
        for field_id, months in self.months.items():
            months.model.set_issues(month_cells[field_id])

    def explain(self, path: str) -> ExplainDialog:
        """Open the explanation of the computed value at ``path`` on the data as typed."""
        dialog = ExplainDialog(explain_live(self.form, self.ref, self.lang, self.data(), path), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fieldRequested.connect(self.focus_field)
        dialog.open()
        return dialog

    def focus_field(self, path: str) -> bool:
        """Move the focus to the field (or table cell) a path names; False when unknown."""
        name, index, column = parse_path(path)
        if name in self.bindings:
            fold = self._fold_of.get(name)
            if fold is not None and not fold.expanded:
                fold.set_expanded(True)  # the field in view before the focus goes there
                # its rows laid out now, so the scroll below finds where they are
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            widget = self.field_rows.get(name, self.bindings[name].widget)
            self.scroll_area.ensureWidgetVisible(widget, 40, 40)
            self.bindings[name].focus()
            return True
        if name in self.groups:
            group = self.groups[name]
            self.scroll_area.ensureWidgetVisible(group, 20, 20)
            if index is not None and index < group.model.rowCount():
                position = group.model.column_of(column) if column else 0
                group.select_cell(index, max(position, 0))
            else:
                group.view.part_of(0).setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if name in self.months:
            months = self.months[name]
            self.scroll_area.ensureWidgetVisible(months, 20, 20)
            months.select_month(index or 0)
            return True
        if self.attachments is not None and name == self.attachments.spec.id:
            self.scroll_area.ensureWidgetVisible(self.attachments, 20, 20)
            self.attachments.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def focus_first(self) -> bool:
        """The focus on the form's first field that can take it (a new record starts there)."""
        for section in self.form.sections:
            for spec in section.fields:
                binding = self.bindings.get(spec.id)
                if binding is not None and not binding.widget.isEnabled():
                    continue
                if self.focus_field(spec.id):
                    return True
        return False

    def focused_path(self) -> str | None:
        """The path of the field or cell that has the focus (used by tests and the status bar)."""
        # the window's own focus widget when it is not the active one (a dialog just closed)
        focus = QApplication.focusWidget() or self.window().focusWidget()
        if focus is None:
            return None
        for field_id, binding in self.bindings.items():
            if focus is binding.widget or binding.widget.isAncestorOf(focus):
                return field_id
        for field_id, group in self.groups.items():
            if group.has_focus_inside(focus):
                current = group.view.currentIndex()
                if current.isValid():
                    column = group.model.columns[current.column()].id
                    return f"{field_id}[{current.row()}].{column}"
                return field_id
        for field_id, months in self.months.items():
            if focus is months.view or months.view.isAncestorOf(focus):
                return f"{field_id}[{months.view.currentIndex().column()}]"
        return None
