"""The record list: 100,000 summary tuples, shown, sorted on raw values and filtered fast.

Rows are the tuples of ``storage.record_index`` (never dicts), kept in load order by the
``QAbstractTableModel`` with precomputed lowercase search keys. ``RecordFilterProxy`` is a
``QAbstractProxyModel`` whose row mapping is a Python list, recomputed in bulk for each filter
change or sort (on the raw ``SORT_ROLE`` values); Qt never calls into Python once per row.
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import compress, repeat
from operator import itemgetter

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor

from ...domain.forms import RECORD_FORMS, get_form
from ...domain.records import STATES, state_label
from ...storage.record_index import FIELD_INDEX
from ..formatting import fmt_number
from .record_search import Plan, SearchIndex, ValueGroup
from .roles import ID_ROLE, SORT_ROLE, read_only_flags

Index = QModelIndex | QPersistentModelIndex

F = FIELD_INDEX
# (header context text, tuple position of the raw value). Period, form and state first: they
# tell one organisation's twelve monthly reports apart at any width; then who it is.
COLUMNS = (
    ("期间", F["period"]),
    ("表单", F["form"]),
    ("状态", F["state"]),
    ("单位", F["org_name"]),
    ("代码", F["org_id"]),
    ("版本", F["revision"]),
    ("综合能耗（吨标准煤）", F["total_tce"]),
    ("二氧化碳（吨）", F["total_co2_t"]),
    ("预算状态", F["budget_status"]),
    ("更新时间", F["updated_at"]),
)
NUMERIC = {F["total_tce"], F["total_co2_t"], F["revision"]}
# column number of each shown field: COLUMN_OF["period"] == 0
COLUMN_OF = {name: number for number, (_text, position) in enumerate(COLUMNS)
             for name, index in FIELD_INDEX.items() if index == position}
STATE_COLOURS = {"draft": "#6b6b6b", "submitted": "#1f5fa8", "accepted": "#2e7d32",
                 "returned": "#b23c17"}
BUDGET_LABELS = {"ok": ("正常", "OK"), "alert": ("预警", "Alert"), "exceeded": ("超出", "Exceeded")}
# Roles as plain ints: a repaint asks ~8 roles of each visible cell, so compare cheaply.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _headers() -> list[str]:
    # Listed literally so that pyside6-lupdate finds every header.
    return [QCoreApplication.translate("RecordListModel", "期间"),
            QCoreApplication.translate("RecordListModel", "表单"),
            QCoreApplication.translate("RecordListModel", "状态"),
            QCoreApplication.translate("RecordListModel", "单位"),
            QCoreApplication.translate("RecordListModel", "代码"),
            QCoreApplication.translate("RecordListModel", "版本"),
            QCoreApplication.translate("RecordListModel", "综合能耗（吨标准煤）"),
            QCoreApplication.translate("RecordListModel", "二氧化碳（吨）"),
            QCoreApplication.translate("RecordListModel", "预算状态"),
            QCoreApplication.translate("RecordListModel", "更新时间")]


def search_key(row: tuple) -> str:
    """What a user may type that is particular to the record's organisation and period, lowercased.

    Form titles and state names are the same for thousands of rows and record ids are only
    looked at for text that could be part of one, so neither is repeated in every key (see
    ``RecordListModel.facet_texts`` and ``RecordFilterProxy``).
    """
    return f"{row[F['org_name']] or ''} {row[F['org_id']] or ''} {row[F['period']] or ''}".lower()


class RecordListModel(QAbstractTableModel):
    """Summary rows of records; display text made on demand from the raw tuple.

    Beside the rows it keeps what the filter searches: one lowercase key per row
    (``search_key``), the lowercase record ids, and a small "facet" number per row for its
    (form, state) pair, whose text (titles and state names in both languages, and the ids) is
    kept once in ``facet_texts``.
    """

    def __init__(self, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = lang
        self._rows: list[tuple] = []
        self._keys: list[str] = []
        self._ids: list[str] = []
        self._id_chars: set[str] = set()
        self._facets: list[int] = []
        self._index: SearchIndex | None = None
        self._facet_codes: dict[tuple[str, str], int] = {}
        self.facet_texts: list[str] = []
        for form in RECORD_FORMS:
            for state in STATES:
                self._facet((form, state))
        self._titles = {f: get_form(f).title(lang) for f in RECORD_FORMS}
        self._headers = _headers()
        self._old = QCoreApplication.translate("RecordListModel", "旧版本")

    # --- content -------------------------------------------------------------------------
    @property
    def rows(self) -> list[tuple]:
        return self._rows

    @property
    def keys(self) -> list[str]:
        """``search_key`` of every row."""
        return self._keys

    @property
    def ids(self) -> list[str]:
        """Lowercase record id of every row."""
        return self._ids

    @property
    def facets(self) -> list[int]:
        """Facet number of every row: its (form, state) pair, an index into ``facet_texts``."""
        return self._facets

    @property
    def search_index(self) -> SearchIndex:
        """The rows grouped by organisation, period and facet (made again after a row changed)."""
        return self._make_index()

    def _facet(self, pair: tuple[str, str]) -> int:
        code = self._facet_codes.get(pair)
        if code is None:
            form, state = pair
            title = f"{get_form(form).title_zh} {get_form(form).title_en}" if form in RECORD_FORMS else ""
            self.facet_texts.append(
                f"{title} {form} {state_label(state, 'zh')} {state_label(state, 'en')} {state}".lower())
            code = self._facet_codes[pair] = len(self.facet_texts) - 1
        return code

    def may_be_in_record_id(self, text: str) -> bool:
        """Whether ``text`` uses only characters that occur in record ids."""
        return set(text) <= self._id_chars

    def _index_rows(self, rows: list[tuple]) -> tuple[list[str], list[str], list[int]]:
        """Search keys, lowercase ids and facets of ``rows``; learns their id characters."""
        keys = [search_key(r) for r in rows]
        ids = [r[F["record_id"]].lower() for r in rows]
        self._id_chars.update("".join(ids))
        facets = list(map(self._facet, map(itemgetter(F["form"], F["state"]), rows)))
        return keys, ids, facets

    def set_rows(self, rows: list[tuple]) -> None:
        """Replace every row (a reset: views keep no stale indexes)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._id_chars = set()
        self._keys, self._ids, self._facets = self._index_rows(self._rows)
        self._index = None
        self.endResetModel()
        # the list is shown first; the search index is made when the event loop is next idle
        # (or by the first keystroke before that)
        QTimer.singleShot(0, self, self._make_index)

    def _make_index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self._rows, self._facets, self.facet_texts, self._ids)
        return self._index

    def upsert_rows(self, rows: list[tuple]) -> None:
        """Replace rows with the same record id, append new ones; refresh is_latest of their lineages."""
        position = {r[F["record_id"]]: i for i, r in enumerate(self._rows)}
        lineages = {r[F["lineage_id"]]: r[F["revision"]] for r in rows}
        for row in rows:
            at = position.get(row[F["record_id"]])
            if at is None:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                keys, ids, facets = self._index_rows([row])
                self._rows.append(row)
                self._keys += keys
                self._ids += ids
                self._facets += facets
                if self._index is not None:
                    self._index.append(len(self._rows) - 1, row, facets[0])
                self.endInsertRows()
            else:
                keys, ids, facets = self._index_rows([row])
                self._rows[at] = row
                self._keys[at], self._ids[at], self._facets[at] = keys[0], ids[0], facets[0]
                self._index = None
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
                del self._ids[at]
                del self._facets[at]
                self._index = None
                self.endRemoveRows()
                return

    def row_of(self, record_id: str) -> int:
        for at, row in enumerate(self._rows):
            if row[F["record_id"]] == record_id:
                return at
        return -1

    def column_values(self, column: int, role: int = SORT_ROLE) -> list:
        """``role`` data of every row of ``column`` in one pass (the proxy sorts on these)."""
        if role == SORT_ROLE:
            position = COLUMNS[column][1]
            return [row[position] for row in self._rows]
        return [self.data_at(row, column, role) for row in range(len(self._rows))]

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
        return self.data_at(index.row(), index.column(), role)

    def data_at(self, row_number: int, column: int, role: int) -> object:
        """``data`` by row and column number (the proxy calls this without making indexes)."""
        if not 0 <= row_number < len(self._rows):
            return None
        row = self._rows[row_number]
        position = COLUMNS[column][1]
        if role == DISPLAY:
            return self._display(row, position)
        if role == SORT_ROLE:
            return row[position]
        if role == ID_ROLE:
            return row[F["record_id"]]
        if role == ALIGNMENT:
            return RIGHT if position in NUMERIC else None
        if role == FOREGROUND:
            if position == F["state"]:
                return QColor(STATE_COLOURS.get(row[position], "#000000"))
            if position == F["budget_status"]:
                return QColor({"alert": "#b26a00", "exceeded": "#c62828"}.get(row[position], "#2e7d32"))
            return None
        if role == TOOLTIP and position == F["org_name"]:
            return f"{row[F['org_name']]} ({row[F['org_id']]})\n{row[F['record_id']]}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(COLUMNS) else None
        return None


class RecordFilterProxy(QAbstractProxyModel):
    """The list as shown: filtered by text, form, state, period, organisations or record ids
    (latest revisions only unless asked), sorted on raw values through ``SORT_ROLE``.

    The row mapping is a plain list: proxy row ``p`` shows source row ``self._map[p]``. A filter
    change recomputes that list in bulk and announces it as one layout change in which
    persistent indexes, so the selection, follow their records. Nothing calls back into Python
    once per row, unlike ``QSortFilterProxyModel``:

    1. the rows passing the filters other than the text are found in source order in C-level
       ``map``/``compress`` passes, then kept in display order with a byte mask of them (one
       byte per position of the sort order), until the sort, the rows or those filters change;
    2. each typed part narrows the rows shown before it, keeping their order: a few rows are
       checked one by one on their keys, facets and ids (``map``/``compress`` passes); many
       are narrowed through masks: the part's rows are found by groups
       (``record_search.SearchIndex``: the rows that match, or all but the few that do not),
       marked in a mask that is ANDed with the shown rows' mask as one big integer, and the
       sort order is compressed through the result.

    The rows and masks of the last 8 texts are kept, so deleting back to a text typed before
    is a look-up and typing on narrows the rows of the longest text it starts with.
    """

    FILTERS = ("text", "form", "state", "period", "org_ids", "record_ids", "latest_only")
    TYPED_KEPT = 8  # texts whose rows are kept for deleting back to them (each a list of row numbers)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.form: str | None = None
        self.state: str | None = None
        self.period: str | None = None
        self.org_ids: frozenset[str] | None = None
        self.record_ids: frozenset[str] | None = None
        self.latest_only = True
        self._model: RecordListModel | None = None
        self._map: list[int] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._order: array[int] | None = None  # source rows in sort order; None: source order
        self._rank: array[int] | None = None  # position of each source row in ``_order``
        self._order_list: list[int] = []  # every source row in display order
        self._base: tuple | None = None  # (other filters, source rows passing them)
        # the base in display order and its mask, and (text, rows, mask or None) of the texts
        # typed last, newest last; valid for one sort order (``_order_rows`` forgets them)
        self._shown_base: tuple[list[int], bytes | bytearray] | None = None
        self._typed: list[tuple[str, list[int], bytes | bytearray | None]] = []
        self._row_bytes: dict[int, tuple] = {}  # id(group) -> (group, its row_bytes in display order)
        self._saved: list | None = None  # persistent indexes held across a source change
        self._connections: list[tuple] = []

    # --- source --------------------------------------------------------------------------
    def source(self) -> RecordListModel:
        if self._model is None:  # only the filters and the sort ask, once a source is set
            raise RuntimeError("the record list has no source model")
        return self._model

    def setSourceModel(self, model: RecordListModel) -> None:  # type: ignore[override]  # only ours
        self.beginResetModel()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        super().setSourceModel(model)
        self._model = model
        self._connections = [
            (model.modelAboutToBeReset, self.beginResetModel),
            (model.modelReset, self._source_reset),
            (model.rowsAboutToBeInserted, self._source_about_to_change),
            (model.rowsAboutToBeRemoved, self._source_about_to_change),
            (model.layoutAboutToBeChanged, self._source_about_to_change),
            (model.rowsInserted, self._source_changed),
            (model.rowsRemoved, self._source_changed),
            (model.layoutChanged, self._source_changed),
            (model.dataChanged, self._source_data_changed),
            (model.headerDataChanged, self.headerDataChanged),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self._recompute()
        self.endResetModel()

    def _recompute(self) -> list[int]:
        """Sort order, filters and mapping from scratch (the source rows changed)."""
        self._order_rows()
        self._base = None
        self._map = self._filtered()
        return self._map

    def _source_reset(self) -> None:
        self._recompute()
        self.endResetModel()

    def _source_about_to_change(self, *args) -> None:
        self.layoutAboutToBeChanged.emit()
        self._saved = [(index, QPersistentModelIndex(self.mapToSource(index)))
                       for index in self.persistentIndexList()]

    def _source_changed(self, *args) -> None:
        saved, self._saved = self._saved or [], None
        self._recompute()
        self.changePersistentIndexList(
            [index for index, _source in saved],
            [self._index_of(source.row(), index.column()) if source.isValid() else QModelIndex()
             for index, source in saved])
        self.layoutChanged.emit()

    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                             roles: list[int] | None = None) -> None:
        """Pass the change on for the rows shown; ``refilter`` re-sorts and refilters."""
        shown = [row for row in (self._proxy_row(r) for r in range(top_left.row(), bottom_right.row() + 1))
                 if row >= 0]
        for row in shown:
            self.dataChanged.emit(self.index(row, top_left.column()),
                                  self.index(row, bottom_right.column()), roles or [])

    # --- filters and sorting -------------------------------------------------------------
    def set_filters(self, **filters: object) -> None:
        """Change any of ``text, form, state, period, org_ids, record_ids, latest_only``."""
        for name, value in filters.items():
            if name not in self.FILTERS:
                raise KeyError(name)
            if name in ("org_ids", "record_ids") and value is not None:
                if not isinstance(value, Iterable):
                    raise TypeError(f"{name}: a collection of ids, not {value!r}")
                value = frozenset(value)
            setattr(self, name, value)
        self._relayout(self._filtered)

    def clear_filters(self) -> None:
        self.set_filters(text="", form=None, state=None, period=None, org_ids=None,
                         record_ids=None)

    def refilter(self) -> None:
        """Sort and filter again after rows changed in place (values, latest revisions)."""
        self._relayout(self._recompute)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the raw values (``SORT_ROLE``) with one Python sort; -1: source order."""
        wanted = (column, order) if column >= 0 else None
        if self._model is None or wanted == self._sort:
            return  # already so (QTableView.sortByColumn asks twice); refilter() re-sorts
        self._sort = wanted

        def sorted_map() -> list[int]:
            self._order_rows()
            index = self.source().search_index
            for group in (index.periods, index.facets):  # with the sort, not on the next keystroke
                self._display_bytes(group)
            return self._filtered()

        self._relayout(sorted_map)

    def _order_rows(self) -> None:
        """Compute the sort order and its inverse (or none: source order); forget what was
        kept in the previous display order."""
        self._order = self._rank = None
        self._shown_base = None
        self._typed = []
        self._row_bytes = {}
        rows = len(self._model.rows) if self._model is not None else 0
        if self._sort is not None and self._model is not None:
            self._order = array("q", self._sorted_rows(*self._sort))
            self._rank = array("q", bytes(8 * len(self._order)))
            deque(map(self._rank.__setitem__, self._order, range(len(self._order))), maxlen=0)
            self._order_list = list(self._order)
        else:
            self._order_list = list(range(rows))

    def _sorted_rows(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Source rows ordered on ``column``'s ``SORT_ROLE`` value; empty values always last.

        The distinct values are sorted once and rows are sorted on their integer rank: a
        column has few distinct values, and Python compares integers far faster than
        Chinese strings.
        """
        values = self.source().column_values(column, SORT_ROLE)
        rank = {value: position for position, value in enumerate(sorted(set(values) - {None}))}
        ranks = list(map(rank.get, values))
        present = list(compress(range(len(values)), map(operator.is_not, ranks, repeat(None))))
        missing = list(compress(range(len(values)), map(operator.is_, ranks, repeat(None))))
        present.sort(key=lambda i: ranks[i] or 0, reverse=order == Qt.SortOrder.DescendingOrder)  # never None
        return present + missing

    def _filtered(self) -> list[int]:
        """The new mapping after a filter change: the source rows to show, in display order."""
        if self._model is None:
            return []
        others = (self.form, self.state, self.period, self.org_ids, self.record_ids, self.latest_only)
        if self._base is None or self._base[0] != others:
            self._base = (others, self._select_without_text())
            self._shown_base = None
            self._typed = []
        if self._shown_base is None:
            self._shown_base = self._in_display_order(self._base[1])
        parts = self.text.strip().lower().split()
        if not parts:
            return self._shown_base[0]
        text = " ".join(parts)
        # Typing on only narrows an earlier result: check only the rows shown for the longest
        # text typed before that this one starts with; deleting back to such a text finds it.
        start = max((entry for entry in self._typed if text.startswith(entry[0])),
                    key=lambda entry: len(entry[0]), default=None)
        rows, mask = (start[1], start[2]) if start is not None else self._shown_base
        if start is None or start[0] != text:
            for part in parts:
                rows, mask = self._narrow(rows, mask, part)
        self._typed = [entry for entry in self._typed if entry[0] != text][-(self.TYPED_KEPT - 1):]
        self._typed.append((text, rows, mask))
        return rows

    def _in_display_order(self, rows: list[int]) -> tuple[list[int], bytes | bytearray]:
        """Source rows (in source order) in display order, and their mask."""
        if len(rows) == len(self._order_list):  # every row
            return self._order_list, b"\x01" * len(rows)
        mask = self._mask_of(rows)
        return (rows if self._rank is None else list(compress(self._order_list, mask))), mask

    def _mask_of(self, rows: Iterable[int], mask: bytearray | None = None, value: int = 1) -> bytearray:
        """``mask`` (default: none set) with the display positions of source ``rows`` set to ``value``."""
        if mask is None:
            mask = bytearray(len(self._order_list))
        positions = rows if self._rank is None else map(self._rank.__getitem__, rows)
        deque(map(mask.__setitem__, positions, repeat(value)), maxlen=0)
        return mask

    def _narrow(self, rows: list[int], mask: bytes | bytearray | None,
                part: str) -> tuple[list[int], bytes | bytearray | None]:
        """The ``rows`` (in display order, with their mask if known) containing ``part``."""
        model = self.source()
        if not rows:
            return rows, mask
        index = model.search_index
        plan = index.plan(part, model.may_be_in_record_id(part))
        size = len(self._order_list)
        if not self._by_masks(plan, len(rows), mask is not None):
            return self._matching(rows, part), None
        if mask is None:
            mask = self._mask_of(rows)
        if plan.complement:
            misses = index.misses(plan)
            if not misses:
                return rows, mask
            found = self._mask_of(misses, bytearray(b"\x01") * size, 0)
        else:
            found = self._mask_of(index.hits(plan), self._translated(plan))
        both = (int.from_bytes(mask, "little") & int.from_bytes(found, "little")).to_bytes(size, "little")
        return list(compress(self._order_list, both)), both

    def _translated(self, plan: Plan) -> bytearray:
        """The mask of the rows of ``plan.by_bytes``: each group's ``row_bytes`` in display
        order (kept for this order), translated through its table of the values that match."""
        found = 0
        for group, codes in plan.by_bytes:
            found |= int.from_bytes(self._display_bytes(group).translate(group.table(codes)), "little")
        return bytearray(found.to_bytes(len(self._order_list), "little"))

    def _display_bytes(self, group: ValueGroup) -> bytes:
        """``group.row_bytes()`` in display order (kept for this order); empty if it has none."""
        kept = self._row_bytes.get(id(group))
        if kept is None or kept[0] is not group:
            source = group.row_bytes() or b""
            kept = self._row_bytes[id(group)] = (
                group, source if self._order is None or not source else bytes(map(source.__getitem__, self._order)))
        return kept[1]

    def _by_masks(self, plan: Plan, shown: int, has_mask: bool) -> bool:
        """Whether narrowing ``shown`` rows by ``plan`` is cheaper through masks than one by one.

        One by one, a row costs a few C-level steps; by masks, each row found (or left out)
        costs about one, and the mask of the rows shown (unless kept), the AND and the
        compress one pass.
        """
        return plan.cost + len(self._order_list) // 8 + (0 if has_mask else 2 * shown) < 3 * shown

    def _matching(self, rows: list[int], part: str) -> list[int]:
        """The ``rows`` whose key, form, state or record id contains ``part``, in one pass."""
        model = self.source()
        hits = map(operator.contains, map(model.keys.__getitem__, rows), repeat(part))
        wanted = {code for code, text in enumerate(model.facet_texts) if part in text}
        if len(wanted) == len(model.facet_texts):
            return rows  # e.g. "e": every form title or state name has it
        if wanted:
            hits = map(operator.or_, hits, map(wanted.__contains__, map(model.facets.__getitem__, rows)))
        if model.may_be_in_record_id(part):
            ids = map(model.ids.__getitem__, rows)
            hits = map(operator.or_, hits, map(operator.contains, ids, repeat(part)))
        return list(compress(rows, hits))

    def _select_without_text(self) -> list[int]:
        """Rows passing every filter but the text, in source order (vectorised passes)."""
        records = self.source().rows
        selected: list[int] | range = range(len(records))

        def column(name: str) -> Iterator:
            return map(itemgetter(F[name]), map(records.__getitem__, selected))

        if self.record_ids is not None:
            selected = list(compress(selected, map(self.record_ids.__contains__, column("record_id"))))
        elif self.latest_only:
            selected = list(compress(selected, column("is_latest")))
        for name, wanted in (("form", self.form), ("state", self.state)):
            if wanted:
                selected = list(compress(selected, map(operator.eq, column(name), repeat(wanted))))
        if self.period:
            period = self.period
            selected = [i for i, value in zip(selected, column("period"), strict=True)
                        if value and value.startswith(period)]
        if self.org_ids is not None:
            selected = list(compress(selected, map(self.org_ids.__contains__, column("org_id"))))
        return list(selected)

    def _relayout(self, new_map: Callable[[], list[int]]) -> None:
        """Install ``new_map()`` as one layout change; persistent indexes follow their rows."""
        if self._model is None:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        current = self._map
        sources = [(current[index.row()], index.column()) for index in old]
        self._map = new_map()
        self.changePersistentIndexList(old, [self._index_of(row, column) for row, column in sources])
        self.layoutChanged.emit()

    # --- mapping ---------------------------------------------------------------------------
    def _proxy_row(self, source_row: int) -> int:
        """Where a source row is shown, or -1: a binary search, as ``_map`` follows the sort order."""
        shown, rank = self._map, self._rank
        if rank is None:
            at = bisect_left(shown, source_row)
        elif 0 <= source_row < len(rank):
            at = bisect_left(shown, rank[source_row], key=rank.__getitem__)
        else:
            return -1
        return at if at < len(shown) and shown[at] == source_row else -1

    def _index_of(self, source_row: int, column: int) -> QModelIndex:
        row = self._proxy_row(source_row)
        return self.index(row, column) if row >= 0 else QModelIndex()

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        if self._model is None or not proxy_index.isValid() or proxy_index.row() >= len(self._map):
            return QModelIndex()
        return self._model.index(self._map[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        return self._index_of(source_index.row(), source_index.column())

    # --- Qt model --------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._map) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    # the stubs merge QObject.parent() and QAbstractItemModel.parent(index) into one overload set
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._map)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._map)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The source's flags, without mapping each painted cell (the list is read-only)."""
        return read_only_flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if self._model is None or not 0 <= row < len(self._map):
            return None
        return self._model.data_at(self._map[row], index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self._model is None or orientation != Qt.Orientation.Horizontal:
            return None
        return self._model.headerData(section, orientation, role)

    def record_id_at(self, row: int) -> str | None:
        if self._model is None or not 0 <= row < len(self._map):
            return None
        record_id = self._model.data_at(self._map[row], 0, ID_ROLE)
        return record_id if isinstance(record_id, str) else None

