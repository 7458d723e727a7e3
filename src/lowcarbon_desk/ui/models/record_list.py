"""The record list: 100,000 summary tuples, shown, sorted on raw values and filtered fast.

Rows are the tuples of ``storage.record_index`` (never dicts). Each row has a precomputed
lowercase search key; the proxy filters in bulk over those keys into a byte mask, so its
``filterAcceptsRow`` is one index lookup. Sorting permutes the source rows on the raw values
(``SORT_ROLE``) with Python's sort instead of calling back into Python for every comparison.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from ...domain.forms import RECORD_FORMS, get_form
from ...domain.records import state_label
from ...storage.record_index import FIELD_INDEX
from ..formatting import fmt_number
from .roles import ID_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

F = FIELD_INDEX
# (header context text, tuple position of the raw value)
COLUMNS = (
    ("单位", F["org_name"]),
    ("代码", F["org_id"]),
    ("表单", F["form"]),
    ("期间", F["period"]),
    ("状态", F["state"]),
    ("版本", F["revision"]),
    ("综合能耗（吨标准煤）", F["total_tce"]),
    ("二氧化碳（吨）", F["total_co2_t"]),
    ("预算状态", F["budget_status"]),
    ("更新时间", F["updated_at"]),
)
NUMERIC = {F["total_tce"], F["total_co2_t"], F["revision"]}
STATE_COLOURS = {"draft": "#6b6b6b", "submitted": "#1f5fa8", "accepted": "#2e7d32",
                 "returned": "#b23c17"}
BUDGET_LABELS = {"ok": ("正常", "OK"), "alert": ("预警", "Alert"), "exceeded": ("超出", "Exceeded")}


def _headers() -> list[str]:
    # Listed literally so that pyside6-lupdate finds every header.
    return [QCoreApplication.translate("RecordListModel", "单位"),
            QCoreApplication.translate("RecordListModel", "代码"),
            QCoreApplication.translate("RecordListModel", "表单"),
            QCoreApplication.translate("RecordListModel", "期间"),
            QCoreApplication.translate("RecordListModel", "状态"),
            QCoreApplication.translate("RecordListModel", "版本"),
            QCoreApplication.translate("RecordListModel", "综合能耗（吨标准煤）"),
            QCoreApplication.translate("RecordListModel", "二氧化碳（吨）"),
            QCoreApplication.translate("RecordListModel", "预算状态"),
            QCoreApplication.translate("RecordListModel", "更新时间")]


def search_key(row: tuple, titles: dict[str, str]) -> str:
    """Everything a user may type to find a record, lowercased once."""
    return " ".join((row[F["org_name"]] or "", row[F["org_id"]] or "", row[F["period"]] or "",
                     titles.get(row[F["form"]], row[F["form"]]), row[F["form"]],
                     state_label(row[F["state"]], "zh"), state_label(row[F["state"]], "en"),
                     row[F["record_id"]])).lower()


class RecordListModel(QAbstractTableModel):
    """Summary rows of records; display text made on demand from the raw tuple."""

    def __init__(self, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = lang
        self._rows: list[tuple] = []
        self._keys: list[str] = []
        self._titles = {f: get_form(f).title(lang) for f in RECORD_FORMS}
        self._all_titles = {f: f"{get_form(f).title_zh} {get_form(f).title_en}" for f in RECORD_FORMS}
        self._headers = _headers()
        self._old = QCoreApplication.translate("RecordListModel", "旧版本")

    # --- content -------------------------------------------------------------------------
    @property
    def rows(self) -> list[tuple]:
        return self._rows

    @property
    def keys(self) -> list[str]:
        return self._keys

    def set_rows(self, rows: list[tuple]) -> None:
        """Replace every row (a reset: views keep no stale indexes)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = [search_key(r, self._all_titles) for r in self._rows]
        self.endResetModel()

    def upsert_rows(self, rows: list[tuple]) -> None:
        """Replace rows with the same record id, append new ones; refresh is_latest of their lineages."""
        position = {r[F["record_id"]]: i for i, r in enumerate(self._rows)}
        lineages = {r[F["lineage_id"]]: r[F["revision"]] for r in rows}
        for row in rows:
            at = position.get(row[F["record_id"]])
            if at is None:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                self._rows.append(row)
                self._keys.append(search_key(row, self._all_titles))
                self.endInsertRows()
            else:
                self._rows[at] = row
                self._keys[at] = search_key(row, self._all_titles)
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMNS) - 1))
        for at, row in enumerate(self._rows):
            newest = lineages.get(row[F["lineage_id"]])
            if newest is not None and row[F["revision"]] < newest and row[F["is_latest"]]:
                self._rows[at] = (*row[:-1], False)

    def remove_record(self, record_id: str) -> None:
        for at, row in enumerate(self._rows):
            if row[F["record_id"]] == record_id:
                self.beginRemoveRows(QModelIndex(), at, at)
                del self._rows[at]
                del self._keys[at]
                self.endRemoveRows()
                return

    def row_of(self, record_id: str) -> int:
        for at, row in enumerate(self._rows):
            if row[F["record_id"]] == record_id:
                return at
        return -1

    def sort_permutation(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Row order sorting ``column`` on its raw value; empty values always last."""
        position = COLUMNS[column][1]
        rows = self._rows
        present = [i for i in range(len(rows)) if rows[i][position] is not None]
        missing = [i for i in range(len(rows)) if rows[i][position] is None]
        present.sort(key=lambda i: rows[i][position],
                     reverse=order == Qt.SortOrder.DescendingOrder)
        return present + missing

    def apply_permutation(self, order: list[int]) -> None:
        """Reorder the rows (a layout change, so selections follow their rows)."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        new_position = {old_row: new_row for new_row, old_row in enumerate(order)}
        self._rows = [self._rows[i] for i in order]
        self._keys = [self._keys[i] for i in order]
        self.changePersistentIndexList(
            old, [self.index(new_position[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _display(self, row: tuple, position: int) -> str:
        value = row[position]
        if position == F["form"]:
            return self._titles.get(value, value)
        if position == F["state"]:
            text = state_label(value, self.lang)
            return text if row[F["is_latest"]] else f"{text} ({self._old})"
        if position == F["budget_status"]:
            pair = BUDGET_LABELS.get(value)
            return (pair[1] if self.lang == "en" else pair[0]) if pair else ""
        if position in (F["total_tce"], F["total_co2_t"]):
            return fmt_number(value, 2)
        if position == F["updated_at"]:
            return (value or "")[:16].replace("T", " ")
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        position = COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, position)
        if role == SORT_ROLE:
            return row[position]
        if role == ID_ROLE:
            return row[F["record_id"]]
        if role == Qt.ItemDataRole.TextAlignmentRole and position in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and position == F["state"]:
            return QColor(STATE_COLOURS.get(row[position], "#000000"))
        if role == Qt.ItemDataRole.ForegroundRole and position == F["budget_status"]:
            return QColor({"alert": "#b26a00", "exceeded": "#c62828"}.get(row[position], "#2e7d32"))
        if role == Qt.ItemDataRole.ToolTipRole and position == F["org_name"]:
            return f"{row[F['org_name']]} ({row[F['org_id']]})\n{row[F['record_id']]}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(COLUMNS) else None
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters by text, form, state, period, organisations or record ids; latest revisions only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.text = ""
        self.form: str | None = None
        self.state: str | None = None
        self.period: str | None = None
        self.org_ids: frozenset[str] | None = None
        self.record_ids: frozenset[str] | None = None
        self.latest_only = True
        self._mask = b""
        self._last: tuple | None = None  # (text, other filters, selected rows) of the last pass
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def source(self) -> RecordListModel:
        return self.sourceModel()  # type: ignore[return-value]

    def setSourceModel(self, model: RecordListModel) -> None:
        super().setSourceModel(model)
        model.modelReset.connect(self._source_reset)
        model.rowsInserted.connect(self._source_reset)
        self.refilter()

    def _source_reset(self, *args) -> None:
        self._last = None
        if self._sort is not None:
            self.source().apply_permutation(self.source().sort_permutation(*self._sort))
        self.refilter()

    def set_filters(self, **filters: object) -> None:
        """Change any of ``text, form, state, period, org_ids, record_ids, latest_only``."""
        for name, value in filters.items():
            if name not in ("text", "form", "state", "period", "org_ids", "record_ids",
                            "latest_only"):
                raise KeyError(name)
            if name in ("org_ids", "record_ids") and value is not None:
                value = frozenset(value)  # type: ignore[arg-type]
            setattr(self, name, value)
        self.refilter()

    def clear_filters(self) -> None:
        self.set_filters(text="", form=None, state=None, period=None, org_ids=None,
                         record_ids=None)

    def _compute_mask(self) -> bytes:
        """One byte per source row, 1 = shown; whole-list operations, no per-row Qt calls.

        Typing more characters only narrows the previous result, so only rows that passed
        last time are checked again.
        """
        model = self.source()
        if model is None:
            return b""
        rows, keys = model.rows, model.keys
        count = len(rows)
        text = self.text.strip().lower()
        others = (self.form, self.state, self.period, self.org_ids, self.record_ids,
                  self.latest_only, count, id(rows))
        previous = self._last
        if text and previous and previous[1] == others and previous[0] and text.startswith(previous[0]):
            parts = text.split()
            selected = [i for i in previous[2] if all(p in keys[i] for p in parts)]
        else:
            selected = self._select_without_text(rows)
            if text:
                parts = text.split()
                if len(parts) == 1:
                    part = parts[0]
                    selected = [i for i in selected if part in keys[i]]
                else:
                    selected = [i for i in selected if all(p in keys[i] for p in parts)]
        self._last = (text, others, selected)
        mask = bytearray(count)
        for i in selected:
            mask[i] = 1
        return bytes(mask)

    def _select_without_text(self, rows: list[tuple]) -> list[int]:
        selected: list[int] | range = range(len(rows))
        if self.record_ids is not None:
            record_ids = self.record_ids
            selected = [i for i in selected if rows[i][F["record_id"]] in record_ids]
        elif self.latest_only:
            selected = [i for i in selected if rows[i][F["is_latest"]]]
        for position, wanted in ((F["form"], self.form), (F["state"], self.state)):
            if wanted:
                selected = [i for i in selected if rows[i][position] == wanted]
        if self.period:
            period = self.period
            selected = [i for i in selected if (rows[i][F["period"]] or "").startswith(period)]
        if self.org_ids is not None:
            org_ids = self.org_ids
            selected = [i for i in selected if rows[i][F["org_id"]] in org_ids]
        return list(selected)

    def refilter(self) -> None:
        """Recompute the mask in bulk, then let Qt rebuild its mapping in one layout change."""
        self._mask = self._compute_mask()
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        mask = self._mask
        return source_row < len(mask) and mask[source_row] == 1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source rows on raw values (one Python sort), then refilter."""
        if column < 0:
            self._sort = None
            return
        self._sort = (column, order)
        self._last = None
        model = self.source()
        permutation = model.sort_permutation(column, order)
        self._mask = bytes(self._mask[i] for i in permutation) if self._mask else self._mask
        model.apply_permutation(permutation)  # the proxy remaps through the permuted mask

    def record_id_at(self, row: int) -> str | None:
        if not 0 <= row < self.rowCount():
            return None
        return self.data(self.index(row, 0), ID_ROLE)
