"""The record list with its filter bar: text search, record type, state, period, latest only.

The list follows the service's ``OperationHub`` (``follow``): the rows of the records a write
added, changed or deleted are read again, and the record shown stays selected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.forms import FormDef
from ..domain.records import STATES, state_label
from .models.record_list import COLUMN_OF, RecordFilterProxy, RecordListModel
from .responsive import COMPACT_WIDTH
from .table_keys import keyboard_table

if TYPE_CHECKING:
    from .operations import Changes, OperationHub


ORG_MIN_WIDTH = 130  # eight characters and a margin
FORM_MIN_WIDTH = 88
# the legal form every name ends with: where room is short it goes first, so that "东方实业化工
# 有限公司" and "东方实业造纸有限公司" show as "东方实业化工…" and "东方实业造纸…", not both as
# "东方实业…有限公司"
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", " Co., Ltd.", " Ltd.")
CELL_PADDING = 10


def shortened_name(name: str, fits) -> str:
    """``name`` as it fits (``fits(text)``): whole, else without its legal form, else cut at
    the end; an ellipsis marks what is left out."""
    if fits(name):
        return name
    for suffix in LEGAL_FORMS:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    while name and not fits(name + "…"):
        name = name[:-1]
    return name + "…"


class NameElided(QStyledItemDelegate):
    """An organisation's name where its column is narrow: the part that tells two names apart
    stays in view (``shortened_name``); the tooltip has the whole name."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        room = option.rect.width() - CELL_PADDING
        metrics = option.fontMetrics
        option.text = shortened_name(option.text, lambda text: metrics.horizontalAdvance(text) <= room)


class RecordListView(QWidget):
    """Shows ``proxy``; emits ``recordActivated`` for the record the user selects."""

    recordActivated = Signal(str)

    def __init__(self, model: RecordListModel, proxy: RecordFilterProxy, forms: list[FormDef],
                 lang: str, parent=None):
        super().__init__(parent)
        self.model, self.proxy = model, proxy
        self._quiet = False
        self.shown: str | None = None  # the record the window shows (select_record)
        self._rows_of: Callable[[list[str]], list[tuple]] | None = None
        self.search = QLineEdit()
        self.search.setObjectName("record_search")
        self.search.setPlaceholderText(self.tr("查找：单位名称、代码、期间、表单、状态…（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.set_filters(text=text))
        self.form_box = QComboBox()
        self.form_box.setObjectName("filter_form")
        self.form_box.setAccessibleName(self.tr("表单"))
        # the filters may be narrower than the longest title (the list is narrow on small screens)
        self.form_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.form_box.setMinimumContentsLength(8)
        self.form_box.addItem(self.tr("全部表单"), None)
        for form in forms:
            self.form_box.addItem(form.title(lang), form.id)
        self.form_box.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(form=self.form_box.currentData()))
        self.state_box = QComboBox()
        self.state_box.setObjectName("filter_state")
        self.state_box.setAccessibleName(self.tr("状态"))
        self.state_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.state_box.setMinimumContentsLength(5)
        self.state_box.addItem(self.tr("全部状态"), None)
        for state in STATES:
            self.state_box.addItem(state_label(state, lang), state)
        self.state_box.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(state=self.state_box.currentData()))
        self.period = QLineEdit()
        self.period.setObjectName("filter_period")
        self.period.setPlaceholderText(self.tr("期间，如 2025 或 2025-03"))
        self.period.setMaximumWidth(190)
        self.period.setMinimumWidth(96)
        self.period.textChanged.connect(lambda text: self.proxy.set_filters(period=text.strip() or None))
        self.latest = QCheckBox(self.tr("仅最新版本"))
        self.latest.setChecked(True)
        self.latest.toggled.connect(lambda on: self.proxy.set_filters(latest_only=on))
        self.scope = QLabel()
        self.scope.setObjectName("filter_scope")
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.count = QLabel()
        self.count.setObjectName("record_count")
        self.table = QTableView()
        self.table.setObjectName("record_table")
        self.table.setAccessibleName(self.tr("填报记录"))
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        keyboard_table(self.table)
        metrics = self.fontMetrics()
        titles = max((metrics.horizontalAdvance(f.title(lang)) for f in forms), default=120) + 16
        widths = {"period": metrics.horizontalAdvance("2025-12") + 20, "form": min(titles, 300),
                  "state": max(metrics.horizontalAdvance(state_label(s, lang)) for s in STATES) + 20,
                  "org_name": 200, "org_id": 150, "revision": 44, "total_tce": 130,
                  "total_co2_t": 110, "budget_status": 70, "updated_at": 130}
        for name, width in widths.items():
            self.table.setColumnWidth(COLUMN_OF[name], width)
        self._form_width = widths["form"]
        self.table.setItemDelegateForColumn(COLUMN_OF["org_name"], NameElided(self.table))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        for signal in (proxy.modelReset, proxy.layoutChanged, proxy.rowsInserted, proxy.rowsRemoved):
            signal.connect(self._update_count)
        row1 = QHBoxLayout()
        row1.addWidget(self.search, 1)
        row1.addWidget(self.clear_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.form_box, 3)
        row2.addWidget(self.state_box, 2)
        row2.addWidget(self.period, 2)
        row3 = QHBoxLayout()
        row3.addWidget(self.scope, 1)
        row3.addWidget(self.latest)
        row3.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addLayout(row3)
        layout.addWidget(self.table, 1)
        self._update_count()

    def resizeEvent(self, event) -> None:
        # the layout has placed the table already: its viewport has its new width
        super().resizeEvent(event)
        self._fit_org_column(self.table.viewport().width())

    def _fit_org_column(self, width: int) -> None:
        """The organisation's column fills what period, form and state leave in view, at least
        ``ORG_MIN_WIDTH``; in a narrow window the form's column gives way first (to
        ``FORM_MIN_WIDTH``, its title elided: the four forms differ in their first words)."""
        period, state = (self.table.columnWidth(COLUMN_OF[n]) for n in ("period", "state"))
        form = self._form_width
        if self.window().width() < COMPACT_WIDTH:
            form = max(FORM_MIN_WIDTH, min(form, width - period - state - ORG_MIN_WIDTH))
        self.table.setColumnWidth(COLUMN_OF["form"], form)
        self.table.setColumnWidth(COLUMN_OF["org_name"], max(ORG_MIN_WIDTH, width - period - state - form))

    def _current_changed(self, current, _previous) -> None:
        if current.isValid() and not self._quiet:
            record_id = self.proxy.record_id_at(current.row())
            if record_id:
                self.recordActivated.emit(record_id)

    def _update_count(self, *args) -> None:
        self.count.setText(self.tr("%1 / %2 条").replace("%1", str(self.proxy.rowCount()))
                           .replace("%2", str(self.model.rowCount())))

    def set_scope(self, text: str, org_ids: list[str] | None = None, form: str | None = None,
                  record_ids: list[str] | None = None) -> None:
        """Limit the list to organisations / a record type / given records (navigator, overview).

        Scoped to one organisation, the list leaves out its code (every row would repeat it)."""
        self.scope.setText(text)
        self.table.setColumnHidden(COLUMN_OF["org_id"], org_ids is not None and len(set(org_ids)) == 1)
        if form is not None:
            self.form_box.blockSignals(True)
            self.form_box.setCurrentIndex(max(self.form_box.findData(form), 0))
            self.form_box.blockSignals(False)
        self.proxy.set_filters(org_ids=org_ids, record_ids=record_ids,
                               form=form if form is not None else self.form_box.currentData())

    def show_records(self, title: str, record_ids: list[str] | None = None,
                     org_ids: list[str] | None = None) -> None:
        """Show exactly these records (or these organisations' records): a drill-down from the
        overview. The text, form, state and period filters are cleared first, so "重点用能单位
        6 家" lists those six, whatever was typed in the search before."""
        self._reset_filter_widgets()
        if record_ids:
            self.set_scope(title, None, None, record_ids)
        else:  # the organisations' records; a figure of nothing shows nothing
            self.set_scope(title, list(org_ids or []), None, None if org_ids else [])

    def _reset_filter_widgets(self) -> None:
        for widget in (self.search, self.period):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        for box in (self.form_box, self.state_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.proxy.set_filters(text="", form=None, state=None, period=None)

    def clear_filters(self) -> None:
        self._reset_filter_widgets()
        self.scope.clear()
        self.table.setColumnHidden(COLUMN_OF["org_id"], False)
        self.proxy.clear_filters()

    def filter_state(self) -> dict:
        """What the list is filtered and sorted by, to rebuild it as it was (language change;
        the column widths follow the new language's titles)."""
        header = self.table.horizontalHeader()
        return {"text": self.search.text(), "form": self.form_box.currentData(),
                "state": self.state_box.currentData(), "period": self.period.text(),
                "latest": self.latest.isChecked(), "scope": self.scope.text(),
                "org_ids": self.proxy.org_ids, "record_ids": self.proxy.record_ids,
                "sort": (header.sortIndicatorSection(), header.sortIndicatorOrder())}

    def restore_filter_state(self, state: dict) -> None:
        """Filter and sort as ``filter_state`` found it."""
        self.set_scope(state["scope"], list(state["org_ids"]) if state["org_ids"] is not None else None,
                       state["form"], list(state["record_ids"]) if state["record_ids"] is not None else None)
        self.state_box.setCurrentIndex(max(self.state_box.findData(state["state"]), 0))
        self.latest.setChecked(state["latest"])
        self.period.setText(state["period"])
        self.search.setText(state["text"])
        section, order = state["sort"]
        if section >= 0:
            self.table.sortByColumn(section, order)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def follow(self, hub: OperationHub, rows_of: Callable[[list[str]], list[tuple]]) -> None:
        """Keep the rows current: after each write, read the changed records' rows with
        ``rows_of(record_ids)`` (a deleted record has none and leaves the list)."""
        self._rows_of = rows_of
        hub.executed.connect(self._follow)

    def _follow(self, changes: Changes, _operation: object = None) -> None:
        if not changes.records or self._rows_of is None:
            return
        record_ids = list(changes.records)
        rows = self._rows_of(record_ids)
        found = {r[0] for r in rows}
        self.model.upsert_rows(rows)
        for record_id in record_ids:
            if record_id not in found:
                self.model.remove_record(record_id)
        self.proxy.refilter()
        if self.shown:
            self.select_record(self.shown)

    def select_record(self, record_id: str) -> bool:
        """Select the row of ``record_id`` (the record the window shows) without activating it."""
        self.shown = record_id
        source_row = self.model.row_of(record_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self._quiet = True
        try:
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._quiet = False
        self.table.scrollTo(index)
        return True
