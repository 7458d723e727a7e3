"""One repeating group of a form (energy lines, options, projects…) as an editable table.

Columns come from the form definition: every input column, a read-only unit column after the
energy code when quantities take their unit from it, and the group's per-item computed values
(read-only, refreshed as the user types). Cells keep what was typed; the domain reads it.

Headers have two rows where the form file bands columns together (205-1: 购进量 over 实物量 and
金额): ``HEADER_BAND_ROLE`` gives the band, ``HEADER_LABEL_ROLE`` the label under it; the
computed columns share one band. ``DisplayRole`` keeps the one-line label with its unit.

Computed cells can be explained: ``EXPLAIN_ROLE`` gives the path of the value they show
(``lines[0].line_tce``), their text is underlined like a link and their tooltip says how.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.forms import ComputedDef, FieldDef, FormDef
from ...domain.labels import unit_text
from ...domain.reference import ReferenceData
from ..formatting import edit_text, fmt_number
from .headers import numbered_header
from .roles import EXPLAIN_ROLE, HEADER_BAND_ROLE, HEADER_LABEL_ROLE, PATH_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
SEVERITY_COLOURS = {"error": "#fde2e1", "warning": "#fff3cd", "info": "#e3f0fb"}
COMPUTED_BACKGROUND = "#f1f3f5"


@dataclass(frozen=True)
class GroupColumn:
    """A column of the table: an input column, the derived unit, or a computed value."""

    kind: str  # "input" | "unit" | "computed"
    id: str
    header: str
    spec: FieldDef | None = None
    computed: ComputedDef | None = None
    band: str = ""  # the header band over this column ("" = the header spans both rows)
    label: str = ""  # the header under the band


def _with_unit(label: str, unit: str) -> str:
    return f"{label}\n({unit_text(unit)})" if unit else label


def enum_labels(form: FormDef, spec: FieldDef, ref: ReferenceData, lang: str) -> list[tuple[str, str]]:
    """(value, label) pairs of an enumeration column."""
    return [(o.value, o.label(lang)) for o in form.enum_options(spec.enum, ref)]


def group_columns(form: FormDef, group: FieldDef, lang: str, unit_label: str,
                  computed_band: str = "") -> list[GroupColumn]:
    """The table columns of ``group``: inputs (+ unit after the energy code) then computed."""
    columns: list[GroupColumn] = []
    needs_unit = any(c.unit_from == "@energy" for c in group.columns)
    for spec in group.columns:
        unit = spec.unit(lang)
        band = spec.header_group(lang)
        columns.append(GroupColumn("input", spec.id, _with_unit(spec.label(lang), unit), spec=spec,
                                   band=band, label=_with_unit(spec.header_label(lang), unit)))
        if needs_unit and spec.enum == "@energy":
            columns.append(GroupColumn("unit", "@unit", unit_label, label=unit_label))
    for computed in form.computed_for(group.id):
        header = _with_unit(computed.label(lang), computed.unit(lang))
        columns.append(GroupColumn("computed", computed.id, header, computed=computed,
                                   band=computed_band, label=header))
    return columns


def frozen_count(group: FieldDef, columns: list[GroupColumn]) -> int:
    """How many leading columns name the row and stay in view while the others scroll: through
    the derived unit column (energy and unit), else the row's key column when it comes first;
    none for narrow tables."""
    if len(columns) < 6:
        return 0
    for position, column in enumerate(columns):
        if column.kind == "unit":
            return position + 1
    key = group.fixed_key or group.unique
    return 1 if key and columns and columns[0].id == key else 0


class GroupTableModel(QAbstractTableModel):
    """Items of one group; ``edited`` fires after every change the user makes."""

    edited = Signal()

    def __init__(self, form: FormDef, group: FieldDef, ref: ReferenceData, lang: str,
                 unit_label: str, parent=None, computed_band: str = "", explain_tip: str = ""):
        super().__init__(parent)
        self.form, self.group, self.ref, self.lang = form, group, ref, lang
        self.explain_tip = explain_tip  # the tooltip of a computed cell: how to see its explanation
        self.columns = group_columns(form, group, lang, unit_label, computed_band)
        self._labels = {c.id: dict(enum_labels(form, c.spec, ref, lang))
                        for c in self.columns if c.spec is not None and c.spec.enum}
        self._rows: list[dict] = []
        self._computed: list[dict] = []
        self._issues: dict[tuple[int, str], tuple[str, str]] = {}
        self.read_only = False

    # --- content -------------------------------------------------------------------------
    def set_items(self, items: list[dict] | None) -> None:
        self.beginResetModel()
        self._rows = [dict(item) for item in (items or [])]
        self._computed = []
        self._issues = {}
        self.endResetModel()

    def items(self) -> list[dict]:
        """The rows as typed (blank cells dropped)."""
        return [{k: v for k, v in row.items() if v is not None and v != ""} for row in self._rows]

    def set_computed(self, computed: list[dict] | None) -> None:
        self._computed = list(computed or [])
        first = [i for i, c in enumerate(self.columns) if c.kind == "computed"]
        if first and self._rows:
            self.dataChanged.emit(self.index(0, first[0]),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1))

    def set_issues(self, issues: dict[tuple[int, str], tuple[str, str]]) -> None:
        """Cells to highlight: (row, column id) → (severity, message)."""
        changed = set(self._issues) | set(issues)
        self._issues = dict(issues)
        for row, column_id in changed:
            column = self.column_of(column_id)
            if 0 <= row < len(self._rows) and column >= 0:
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    def enum_options(self, column_id: str) -> list[tuple[str, str]]:
        """(value, label) pairs of an enumeration column (empty for other columns)."""
        return list(self._labels.get(column_id, {}).items())

    def column_of(self, column_id: str) -> int:
        for position, column in enumerate(self.columns):
            if column.id == column_id and column.kind == "input":
                return position
        return -1

    @property
    def fixed(self) -> bool:
        """Rows are fixed (audit stages): no adding, removing or moving."""
        return bool(self.group.fixed_key)

    def insert_item(self, row: int | None = None) -> int:
        if self.fixed or self.read_only or len(self._rows) >= self.group.max_items:
            return -1
        row = len(self._rows) if row is None else max(0, min(row, len(self._rows)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, {})
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_items(self, rows: list[int]) -> None:
        if self.fixed or self.read_only:
            return
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                if row < len(self._computed):
                    del self._computed[row]
                self.endRemoveRows()
        self.edited.emit()

    def move_item(self, row: int, delta: int) -> int:
        """Move a row up (-1) or down (+1); returns its new position or -1."""
        target = row + delta
        if self.fixed or self.read_only or not (0 <= row < len(self._rows)) or not (
                0 <= target < len(self._rows)):
            return -1
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        if len(self._computed) == len(self._rows):
            self._computed.insert(target, self._computed.pop(row))
        self.endMoveRows()
        self.edited.emit()
        return target

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def _raw(self, row: int, column: GroupColumn) -> object:
        if column.kind == "input":
            return self._rows[row].get(column.id)
        if column.kind == "computed":
            return self._computed[row].get(column.id) if row < len(self._computed) else None
        energy = self.ref.energy.get(str(self._rows[row].get("energy") or ""))
        return unit_text(energy.unit(self.lang)) if energy else None

    def _display(self, row: int, column: GroupColumn) -> str:
        value = self._raw(row, column)
        if column.id in self._labels and value is not None:
            labels = self._labels[column.id]
            return labels.get(value, str(value)) if isinstance(value, str) else str(value)
        if column.kind == "computed" and column.computed is not None:
            return fmt_number(value, column.computed.shown_decimals)
        return edit_text(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self.columns[index.column()]
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            value = self._raw(row, column)
            return value if column.id in self._labels else edit_text(value)
        if role == SORT_ROLE:
            return self._raw(row, column)
        if role == PATH_ROLE:
            return f"{self.group.id}[{row}].{column.id}"
        if role == EXPLAIN_ROLE:
            return f"{self.group.id}[{row}].{column.id}" if column.kind == "computed" else None
        if role == Qt.ItemDataRole.FontRole and column.kind == "computed":
            font = QFont()
            font.setUnderline(True)
            return font
        issue = self._issues.get((row, column.id))
        if role == Qt.ItemDataRole.BackgroundRole:
            if issue:
                return QBrush(QColor(SEVERITY_COLOURS.get(issue[0], "#ffffff")))
            if column.kind != "input" or (self.fixed and column.id == self.group.fixed_key):
                return QBrush(QColor(COMPUTED_BACKGROUND))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if issue:
                return issue[1]
            if column.kind == "computed":
                return "\n".join(t for t in (column.header.replace("\n", " "), self.explain_tip) if t)
            spec = column.spec
            return spec.help_en if spec and self.lang == "en" else (spec.help_zh if spec else None)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            spec_type = column.spec.type if column.spec else "number"
            if column.kind == "computed" or spec_type in ("number", "int", "year"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if (column.kind == "input" and not self.read_only
                and not (self.fixed and column.id == self.group.fixed_key)):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = self.columns[index.column()]
        if isinstance(value, str):
            value = value.strip() or None
        if self._rows[index.row()].get(column.id) == value:
            return False
        self._rows[index.row()][column.id] = value
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), len(self.columns) - 1))
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == HEADER_BAND_ROLE:
                return column.band
            if role == HEADER_LABEL_ROLE:
                return column.label or column.header
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{column.header.replace(chr(10), ' ')}\n{column.id}"
        return numbered_header([c.header for c in self.columns], section, orientation, role)
