"""The figures beside an organisation's trend chart: one row per year with its counting annual
energy report (``storage.history.org_trend``), oldest first, and the change on the year before."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from ...domain.plausibility import change_pct
from ...domain.records import state_label
from ...storage.history import TrendPoint
from ..formatting import fmt_number
from .headers import numbered_header
from .roles import ID_ROLE, SORT_ROLE, read_only_flags

Index = QModelIndex | QPersistentModelIndex

# (key, decimals; None for text)
COLUMNS = (("year", None), ("total_tce", 2), ("tce_change_pct", 1), ("total_co2_t", 2),
           ("energy_intensity", 4), ("state", None))
COLUMN_OF = {key: number for number, (key, _decimals) in enumerate(COLUMNS)}


def _headers() -> list[str]:
    # Listed literally so that pyside6-lupdate finds every header.
    return [QCoreApplication.translate("TrendModel", "年度"),
            QCoreApplication.translate("TrendModel", "综合能耗\n（吨标准煤）"),
            QCoreApplication.translate("TrendModel", "比上年\n（%）"),
            QCoreApplication.translate("TrendModel", "二氧化碳\n（吨）"),
            QCoreApplication.translate("TrendModel", "能耗强度\n（吨标准煤/万元）"),
            QCoreApplication.translate("TrendModel", "状态")]


def year_change(points: list[TrendPoint], index: int) -> float | None:
    """The energy's change in percent on the year right before (None without that year)."""
    if index <= 0:
        return None
    before, this = points[index - 1], points[index]
    if before.year != this.year - 1 or before.total_tce is None or this.total_tce is None:
        return None
    return change_pct(this.total_tce, before.total_tce)


class TrendModel(QAbstractTableModel):
    """Rows are ``TrendPoint``s; ``ID_ROLE`` gives the record behind a year."""

    def __init__(self, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = lang
        self._points: list[TrendPoint] = []
        self._headers = _headers()

    def set_points(self, points: list[TrendPoint] | tuple[TrendPoint, ...]) -> None:
        self.beginResetModel()
        self._points = list(points)
        self.endResetModel()

    def point(self, row: int) -> TrendPoint:
        return self._points[row]

    def value(self, row: int, key: str) -> object:
        """The raw value of a cell (what the column shows and sorts on)."""
        if key == "tce_change_pct":
            return year_change(self._points, row)
        return getattr(self._points[row], key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._points)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return read_only_flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._points):
            return None
        key, decimals = COLUMNS[index.column()]
        value = self.value(index.row(), key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "state":
                return state_label(str(value), self.lang)
            if key == "year":
                return str(value)
            if key == "tce_change_pct" and isinstance(value, float):
                return ("+" if value > 0 else "") + fmt_number(value, decimals)
            return fmt_number(value, decimals)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "tce_change_pct":
                return QCoreApplication.translate("TrendModel", "综合能耗比上一年度的变化；上一年度无年报时为空")
            return QCoreApplication.translate("TrendModel", "双击打开该年度的能源报表")
        if role == SORT_ROLE:
            return value
        if role == ID_ROLE:
            return self._points[index.row()].record_id
        if role == Qt.ItemDataRole.TextAlignmentRole and decimals is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return numbered_header(self._headers, section, orientation, role)
