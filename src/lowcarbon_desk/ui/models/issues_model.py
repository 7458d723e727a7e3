"""The issues of the record being edited: severity, where, what, and each warning's justification.

The 位置 column names the field as the editor labels it (``domain.labels.field_label``: "第 1 行
原煤 · 期末库存量"); the field's id is only in its tooltip. The justification column is editable for warnings while the record is a draft; an edit is
not stored here but announced through ``justifyRequested`` for the controller to store.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.forms import FormDef
from ...domain.issues import SEVERITY_ORDER, WARNING, Issue
from ...domain.labels import field_label, issue_reason
from ...domain.reference import ReferenceData
from .roles import PATH_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
COLOURS = {"error": "#c62828", "warning": "#b26a00", "info": "#1f5fa8"}
SEVERITY_COLUMN, FIELD_COLUMN, MESSAGE_COLUMN, JUSTIFICATION_COLUMN = range(4)


class IssuesModel(QAbstractTableModel):
    """Rows are ``Issue`` objects of one record."""

    justifyRequested = Signal(str, str, str)  # rule, field, text

    def __init__(self, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.form: FormDef | None = None
        self.record_data: dict = {}
        self.ref: ReferenceData | None = None
        self._issues: list[Issue] = []
        self.editable = False
        self._headers = [QCoreApplication.translate("IssuesModel", "级别"),
                         QCoreApplication.translate("IssuesModel", "位置"),
                         QCoreApplication.translate("IssuesModel", "问题"),
                         QCoreApplication.translate("IssuesModel", "情况说明")]
        self._header_tips = [QCoreApplication.translate("IssuesModel", "错误须更正；警告须填写情况说明；提示仅供参考"),
                             QCoreApplication.translate("IssuesModel", "问题所在的字段（单击跳转）"), "",
                             QCoreApplication.translate("IssuesModel", "警告须填写情况说明（双击填写）")]

    def set_issues(self, form: FormDef | None, issues: list[Issue], data: dict | None = None,
                   ref: ReferenceData | None = None) -> None:
        """Show ``issues``; the record's ``data`` (and ``ref``) name the rows ("第 1 行 原煤")."""
        self.beginResetModel()
        self.form = form
        self.record_data = data or {}
        self.ref = ref
        self._issues = list(issues)
        self.endResetModel()

    def issues(self) -> list[Issue]:
        return list(self._issues)

    def issue(self, row: int) -> Issue:
        return self._issues[row]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for issue in self._issues:
            counts[issue.severity] += 1
        return counts

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def where(self, issue: Issue) -> str:
        """The field as a person reads it (no id)."""
        if self.form is None:
            return issue.field
        return field_label(self.form, issue.field, self.lang, self.record_data, self.ref)

    def _reason(self, issue: Issue) -> str:
        """The message without the field description it starts with (the 位置 column has it)."""
        return issue_reason(self.form, issue, self.lang) if self.form else issue.message(self.lang)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._issues):
            return None
        issue = self._issues[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column in (FIELD_COLUMN, MESSAGE_COLUMN):
            # the ids stay out of sight but at hand: field path and rule in the tooltip
            text = self.where(issue) if column == FIELD_COLUMN else self._reason(issue)
            return f"{text}\n{issue.field or '—'} · {issue.rule}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == SEVERITY_COLUMN:
                return issue.severity_label(self.lang)
            if column == FIELD_COLUMN:
                return self.where(issue)
            if column == MESSAGE_COLUMN:
                return self._reason(issue)
            if issue.severity == WARNING:
                return issue.justification or (
                    QCoreApplication.translate("IssuesModel", "（双击填写说明）")
                    if role == Qt.ItemDataRole.DisplayRole and self.editable else "")
            return ""
        if role == Qt.ItemDataRole.EditRole and column == JUSTIFICATION_COLUMN:
            return issue.justification or ""
        if role == SORT_ROLE:
            return SEVERITY_ORDER[issue.severity] if column == SEVERITY_COLUMN else issue.field
        if role == PATH_ROLE:
            return issue.field
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == SEVERITY_COLUMN:
                return QBrush(QColor(COLOURS[issue.severity]))
            if column == JUSTIFICATION_COLUMN and not issue.justification:
                return QBrush(QColor("#8a8a8a"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        issue = self._issues[index.row()]
        if index.column() == JUSTIFICATION_COLUMN and self.editable and issue.severity == WARNING:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or not self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        text = str(value or "").strip()
        issue = self._issues[index.row()]
        if not text or text == (issue.justification or ""):
            return False
        self.justifyRequested.emit(issue.rule, issue.field, text)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 4:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._header_tips[section] or None
        return None
