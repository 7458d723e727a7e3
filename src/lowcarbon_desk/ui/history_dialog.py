"""Revision history and audit log of a record."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QTabWidget,
    QVBoxLayout,
)

from ..domain.audit_labels import action_label, path_label, short_ref, value_text
from ..domain.records import state_label
from .models.roles import ID_ROLE
from .models.rows_model import Column, RowsTableModel
from .screen_fit import FitsScreen
from .service import DeskService


def _stamp(value: object) -> str:
    return str(value or "")[:19].replace("T", " ")


class HistoryDialog(FitsScreen, QDialog):
    """Two tabs: every revision of the lineage (double-click opens one) and the audit log."""

    openRecord = Signal(str)

    def __init__(self, service: DeskService, record_id: str, parent=None):
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(self.tr("修订历史与审计日志"))
        lang = service.lang
        doc = service.record(record_id)
        form = service.form(doc["form"], doc["form_version"])
        ref = service.reference(doc.get("reference_data_version"))
        self.revisions = RowsTableModel([
            Column("revision", self.tr("版本"), align_right=True),
            Column("state", self.tr("状态"), lambda v: state_label(str(v), lang)),
            Column("created_at", self.tr("创建"), _stamp),
            Column("submitted_at", self.tr("提交"), _stamp),
            Column("decided_at", self.tr("审核"), _stamp),
            Column("decision_comment", self.tr("审核意见")),
            Column("operator", self.tr("操作人")),
            # a short reference, as people quote it; the whole id in the tooltip
            Column("record_id", self.tr("记录编号"), lambda v: short_ref(str(v or "")), mono=True, tip=str),
        ], service.revisions(record_id), id_key="record_id", parent=self)
        # labels, not the stored ids and JSON (the tooltips keep what is stored); a value is
        # worded knowing its field: the cell holds (field path, stored value)
        entries = [dict(entry) for entry in service.audit_log(record_id)]
        for entry in entries:
            for key in ("old_value", "new_value"):
                entry[key] = (entry.get("field_path"), entry.get(key))

        def value(cell: object) -> str:
            path, stored = cell if isinstance(cell, tuple) else (None, cell)
            return value_text(form, path, stored, lang, ref)

        def stored(cell: object) -> str:
            return str((cell[1] if isinstance(cell, tuple) else cell) or "")

        self.audit = RowsTableModel([
            Column("at", self.tr("时间"), _stamp),
            Column("operator", self.tr("操作人")),
            Column("action", self.tr("操作"), lambda v: action_label(str(v or ""), lang), tip=str),
            Column("field_path", self.tr("字段"), lambda v: path_label(form, str(v or ""), lang, ref), tip=str),
            Column("old_value", self.tr("原值"), value, tip=stored),
            Column("new_value", self.tr("新值"), value, tip=stored),
        ], entries, parent=self)
        tabs = QTabWidget()
        self.revision_view = self._table(self.revisions)
        self.revision_view.doubleClicked.connect(self._open)
        self.audit_view = self._table(self.audit)
        self.audit_view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        tabs.addTab(self.revision_view, self.tr("修订历史"))
        tabs.addTab(self.audit_view, self.tr("审计日志"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(980, 520)

    def _table(self, model: RowsTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setWordWrap(False)
        view.resizeColumnsToContents()
        for column in range(model.columnCount()):
            view.setColumnWidth(column, min(view.columnWidth(column), 320))
        return view

    def _open(self, index) -> None:
        record_id = index.data(ID_ROLE)
        if record_id:
            self.openRecord.emit(record_id)
            self.accept()
