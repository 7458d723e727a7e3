"""The review queue: imported records awaiting the officer's decision.

Accept, or return with a required comment (``Store.decide`` through the service); when asked,
the signed decision package for each enterprise is written to a chosen folder at the same
time (the call ``review -o`` makes). A decided record leaves the queue.

The queue is read with its figures on a worker (``review_queue_rows`` through an ``Operation``
of the service's ``OperationHub``): the intensity figures take most of a second for a few
hundred rows. The rows are shown when they arrive; a result overtaken by a newer read, a
decision or a rebuilt view is dropped. The view follows the hub: another write that changed
the database (an import, a decision in the record pane) reads the queue again while it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.errors import LowcarbonError
from ..confirm_dialog import ConfirmRecordsDialog
from ..models.review_queue import ReviewFilterProxy, ReviewQueueModel
from ..models.roles import ID_ROLE
from ..service import DeskService, review_queue_rows
from .dialogs import ReturnDialog

if TYPE_CHECKING:
    from ..operations import Changes, Operation, OperationHub


class ReviewQueueView(QWidget):
    """Emits ``openRecord`` (double-click), ``openTrend(org_id)`` (the organisation's years),
    ``message`` (status text), ``failed`` (an error to show) and
    ``decided(record_ids, decision, package_paths)``; ``loaded()`` once a read of the queue is shown."""

    openRecord = Signal(str)
    openTrend = Signal(str)
    message = Signal(str)
    failed = Signal(str)
    decided = Signal(list, str, list)
    loaded = Signal()

    def __init__(self, service: DeskService, hub: OperationHub | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("review_queue")
        self.service = service
        self.hub = hub or service.hub
        self.hub.executed.connect(self._follow)
        self.pending: Operation[list[dict]] | None = None  # the read of the queue under way
        self.return_dialog: ReturnDialog | None = None  # the latest one opened
        self.last_failure = ""  # the reason of the latest failed decision
        self.model = ReviewQueueModel(service.lang, self)
        self.proxy = ReviewFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setObjectName("review_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("查找：单位、代码、期间、数据包…"))
        self.search.textChanged.connect(self._filter)
        self.count = QLabel()
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        # the selected row's organisation over the years (in the top row: the bottom one is full at 1024 px)
        self.trend_button = QPushButton(self.tr("单位历年趋势"))
        self.trend_button.setObjectName("review_trend")
        self.trend_button.clicked.connect(self._open_trend)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.trend_button)
        top.addWidget(refresh)
        self.view = QTableView()
        self.view.setObjectName("review_table")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.accept_button = QPushButton(self.tr("接收所选"))
        self.accept_button.setObjectName("review_accept")
        self.accept_button.clicked.connect(self.accept_selected)
        self.return_button = QPushButton(self.tr("退回所选…"))
        self.return_button.setObjectName("review_return")
        self.return_button.clicked.connect(self.return_selected)
        self.open_button = QPushButton(self.tr("查看记录"))
        self.open_button.clicked.connect(lambda: self._open(self.view.currentIndex()))
        self.write_package = QCheckBox(self.tr("同时写出给企业的审核结论包（选择文件夹或 U 盘）"))
        self.write_package.setObjectName("review_write_package")
        bottom = QHBoxLayout()
        bottom.addWidget(self.accept_button)
        bottom.addWidget(self.return_button)
        bottom.addWidget(self.open_button)
        bottom.addSpacing(16)
        bottom.addWidget(self.write_package)
        bottom.addStretch(1)
        note = QLabel(self.tr("从数据包导入、等待审核的记录。接收后县级可将其随本县数据包上报；"
                              "退回须填写意见，企业导入审核结论包后可修订重报。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._update_buttons()

    # --- loading and selection -----------------------------------------------------------
    def _follow(self, changes: Changes, operation: Operation | None = None) -> None:
        """A write finished: read the queue again if it changed the database and the view
        shows (its own decisions it has already taken out of the queue)."""
        origin = getattr(operation, "origin", None)
        if changes.database and origin is not self and self.isVisibleTo(self.window()):
            self.refresh()

    def refresh(self, synchronous: bool = False) -> Operation[list[dict]] | None:
        """Read the queue with its figures again: on a worker unless ``synchronous``; the
        rows shown until then stay (and can be decided)."""
        if synchronous or self.service.db_path is None:
            self.pending = None
            self.show_rows(self.service.review_queue())
            return None
        from ..operations import Operation, reading

        self.count.setText(self.tr("正在读取待审核记录…"))
        op = Operation(self.hub, reading(lambda store, _progress: review_queue_rows(store)), show_progress=False)
        self.pending = op

        def arrived(rows: list[dict]) -> None:
            # the view may have been rebuilt (language switch), or read again meanwhile
            if isValid(self) and self.pending is op:
                self.pending = None
                self.show_rows(rows)

        def failed(message: str) -> None:
            if isValid(self) and self.pending is op:
                self.pending = None
                self.count.setText(message)
                self.count.setToolTip(message)

        return op.success(arrived).failure(failed).run_in_background()

    def show_rows(self, rows: list[dict]) -> None:
        """Show a read of the queue, keeping the selected records selected."""
        selected = self.selected_ids()
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column) + 12, 340))
        if selected:
            self.select_records(selected)
        self.count.setToolTip("")
        self._update_count()
        self.loaded.emit()

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.tr("待审核 %1 条").replace("%1", str(total))
        if shown != total:
            text = self.tr("显示 %1 / %2 条").replace("%1", str(shown)).replace("%2", str(total))
        self.count.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        some = bool(self.selected_ids())
        self.accept_button.setEnabled(some)
        self.return_button.setEnabled(some)
        self.open_button.setEnabled(some)
        self.trend_button.setEnabled(some)

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.proxy.record_id_at(row) for row in rows]

    def select_records(self, record_ids: list[str]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        wanted = set(record_ids)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(self.proxy.rowCount()):
            if self.proxy.record_id_at(row) in wanted:
                selection.select(self.proxy.index(row, 0), flags)

    def _open(self, index) -> None:
        record_id = index.data(ID_ROLE) if index.isValid() else None
        if record_id:
            self.openRecord.emit(record_id)

    def _open_trend(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            row = self.model.row_dict(self.proxy.mapToSource(index).row())
            self.openTrend.emit(row["org_id"])

    # --- decisions -----------------------------------------------------------------------
    def accept_selected(self) -> ConfirmRecordsDialog | None:
        """Ask for confirmation, showing each record's totals and justified warnings; the
        records are accepted when it is accepted."""
        record_ids = self.selected_ids()
        if not record_ids:
            return None
        dialog = ConfirmRecordsDialog(
            self.tr("接收记录"),
            self.tr("接收所选 %1 条记录；接收后可随本县数据包上报。请核对：").replace("%1", str(len(record_ids))),
            self.tr("接收"), [self.service.summary(r) for r in record_ids], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.decide(record_ids, "accepted"))
        dialog.open()
        return dialog

    def return_selected(self) -> ReturnDialog | None:
        record_ids = self.selected_ids()
        if not record_ids:
            return None
        return self._open_return(record_ids)

    def _open_return(self, record_ids: list[str], comment: str = "", error: str = "",
                     write_package: bool = True) -> ReturnDialog:
        """The return dialog; after a failed return it opens again with the typed comment,
        the package choice and the reason, so nothing the officer wrote is lost."""
        dialog = ReturnDialog(len(record_ids), self,
                              [self.service.heading(self.service.record(i)) for i in record_ids])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.comment.setPlainText(comment)
        dialog.write_package.setChecked(write_package)
        dialog.error.setWordWrap(True)
        dialog.error.setText(error)
        dialog.accepted.connect(lambda: self._return(record_ids, dialog.text(), dialog.writes_package()))
        dialog.open()
        self.return_dialog = dialog
        return dialog

    def _return(self, record_ids: list[str], comment: str, write_package: bool) -> bool:
        self.last_failure = ""
        if self.decide(record_ids, "returned", comment, write_package, announce=False):
            return True
        hint = self.tr("意见已保留。改正后可再次退回，或取消勾选写出审核结论包，只退回记录。")
        self._open_return(record_ids, comment, f"{self.last_failure}\n{hint}" if self.last_failure else "",
                          write_package)
        return False

    def decide(self, record_ids: list[str], decision: str, comment: str | None = None,
               write_package: bool | None = None, announce: bool = True) -> bool:
        """``write_package``: the return dialog's choice (default: the box under the queue);
        ``announce``: emit ``failed`` on a failure (the return dialog shows it itself)."""
        folder: Path | None = None
        if self.write_package.isChecked() if write_package is None else write_package:
            folder = self.service.chooser.directory(self, self.tr("审核结论包保存到"))
            if folder is None:
                return False
        try:
            made = self.service.decide(record_ids, decision, comment, folder, origin=self)
        except LowcarbonError as exc:
            self.last_failure = exc.message(self.service.lang)
            if announce:
                self.failed.emit(self.last_failure)
            return False
        self.model.remove_records(record_ids)
        self._update_count()
        if self.pending is not None:  # a read started before the decision would bring the rows back
            self.refresh()
        verb = self.tr("已接收 %1 条记录") if decision == "accepted" else self.tr("已退回 %1 条记录")
        text = verb.replace("%1", str(len(record_ids)))
        if made:
            text += self.tr("；审核结论包：%1").replace("%1", self.tr("、").join(m.path.name for m in made))
        self.message.emit(text)
        self.decided.emit(list(record_ids), decision, [str(m.path) for m in made])
        return True
