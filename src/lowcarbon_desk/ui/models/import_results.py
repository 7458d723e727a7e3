"""The result of importing several package files: one row per file."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain.text import printable
from ..submissions.tasks import ALREADY, CANCELLED, FOREIGN, IMPORTED, KEY_CHANGED, REFUSED, FileResult
from .headers import numbered_header
from .roles import ID_ROLE, SORT_ROLE, read_only_flags

Index = QModelIndex | QPersistentModelIndex

FILE, SENDER, RECORDS, RESULT, DETAIL = range(5)
COLOURS = {IMPORTED: "#2e7d32", ALREADY: "#1f5fa8", REFUSED: "#b23c17", KEY_CHANGED: "#b26a00",
           FOREIGN: "#b26a00", CANCELLED: "#6b6b6b"}


# Every text below is a literal QCoreApplication.translate call, so that pyside6-lupdate finds it.


def status_text(status: str) -> str:
    return {
        IMPORTED: QCoreApplication.translate("ImportResultsModel", "已导入"),
        ALREADY: QCoreApplication.translate("ImportResultsModel", "已导入过"),
        REFUSED: QCoreApplication.translate("ImportResultsModel", "已拒绝"),
        KEY_CHANGED: QCoreApplication.translate("ImportResultsModel", "已拒绝：密钥已更换"),
        FOREIGN: QCoreApplication.translate("ImportResultsModel", "已拒绝：辖区以外"),
        CANCELLED: QCoreApplication.translate("ImportResultsModel", "已取消，未处理"),
    }.get(status, status)


def detail_text(row: FileResult) -> str:
    """The reason of a refusal, or what an import did."""
    if row.status == KEY_CHANGED:
        return QCoreApplication.translate("ImportResultsModel", "由另一把密钥签名，未做任何改动。已登记的指纹：%1；本数据包的指纹：%2").replace(
            "%1", row.previous_fingerprint).replace("%2", row.fingerprint)
    if row.status in (REFUSED, FOREIGN):
        return row.message.replace("\n", " ")
    result = row.result
    if row.status == ALREADY and result is not None:
        return QCoreApplication.translate("ImportResultsModel", "已于 %1 导入过，未做任何改动").replace("%1", str(result.imported_at or "")[:19].replace("T", " "))
    if result is None:
        return ""
    parts = []
    if result.kind == "decision":
        parts.append(QCoreApplication.translate("ImportResultsModel", "%1 条审核结论生效，%2 条此前已生效").replace("%1", str(len(result.decided)))
                     .replace("%2", str(len(result.unchanged))))
    else:
        added = len(result.added) + sum(len(n.added) for n in result.nested)
        present = len(result.present) + sum(len(n.present) for n in result.nested)
        parts.append(QCoreApplication.translate("ImportResultsModel", "新增 %1 条记录，已有 %2 条").replace("%1", str(added)).replace("%2", str(present)))
    if result.key_status == "first_use":
        parts.append(QCoreApplication.translate("ImportResultsModel", "首次收到该单位的数据包，已登记密钥指纹（请与对方核对）"))
    elif result.key_status == "accepted_new":
        parts.append(QCoreApplication.translate("ImportResultsModel", "已接受新密钥（已记入修改日志）"))
    return QCoreApplication.translate("ImportResultsModel", "；").join(parts)


class ImportResultsModel(QAbstractTableModel):
    """Rows are ``FileResult``s; ``replace`` updates a file's row after a second attempt."""

    def __init__(self, rows: list[FileResult] | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[FileResult] = list(rows or [])
        self._headers = [QCoreApplication.translate("ImportResultsModel", "文件"), QCoreApplication.translate("ImportResultsModel", "发送方"),
                         QCoreApplication.translate("ImportResultsModel", "记录数"), QCoreApplication.translate("ImportResultsModel", "结果"),
                         QCoreApplication.translate("ImportResultsModel", "说明")]

    @property
    def rows(self) -> list[FileResult]:
        return list(self._rows)

    def set_rows(self, rows: list[FileResult]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def replace(self, result: FileResult) -> None:
        """Put a new result in place of the row of the same file."""
        for row, old in enumerate(self._rows):
            if old.path == result.path:
                self._rows[row] = result
                self.dataChanged.emit(self.index(row, 0), self.index(row, DETAIL))
                return

    def result(self, row: int) -> FileResult:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return read_only_flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == FILE:  # names and senders from a package: control and bidi characters as escapes
                return printable(row.file_name if role == Qt.ItemDataRole.DisplayRole else str(row.path))
            if column == SENDER:
                return f"{printable(row.sender_name)}（{printable(row.sender_org_id)}）" if row.sender_org_id else ""
            if column == RECORDS:
                return "" if row.records is None else str(row.records)
            if column == RESULT:
                return status_text(row.status)
            if role == Qt.ItemDataRole.ToolTipRole:
                return printable(row.message or detail_text(row), keep_lines=True)
            return printable(detail_text(row), keep_lines=True)
        if role == SORT_ROLE:
            return (row.file_name, row.sender_org_id, row.records, row.status, row.message)[column]
        if role == ID_ROLE:
            return str(row.path)
        if role == Qt.ItemDataRole.ForegroundRole and column == RESULT:
            return QColor(COLOURS.get(row.status, "#000000"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RECORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return numbered_header(self._headers, section, orientation, role)
