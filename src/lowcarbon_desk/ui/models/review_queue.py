"""Imported records awaiting review: a table model over ``DeskService.review_queue`` rows and a
sort/filter proxy that sorts on raw values (``SORT_ROLE``), not on the display text.

What a reviewer weighs comes first: period, form, organisation, then the record's energy and
CO2, how many warnings it carries (each justified by the sender) and, for an annual energy
report, where its energy intensity sits among its industry class in the county (the
``energy_report.intensity_outlier`` figure: "偏高 3.4σ" and the peers' median); the package it
came in and when, last."""

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

from ...domain.forms import get_form
from ...domain.text import printable
from ...storage.history import IntensityPosition
from ..formatting import fmt_number
from .headers import numbered_header
from .roles import ID_ROLE, SORT_ROLE, read_only_flags

Index = QModelIndex | QPersistentModelIndex

# (row key, right-aligned)
COLUMNS = (("period", False), ("form", False), ("org_name", False), ("org_id", False),
           ("revision", True), ("total_tce", True), ("total_co2_t", True), ("warnings", True),
           ("intensity_sd", True), ("intensity_median", True),
           ("submitted_at", False), ("package_file", False), ("imported_at", False))
COLUMN_OF = {key: number for number, (key, _right) in enumerate(COLUMNS)}
NUMBERS = {"total_tce", "total_co2_t"}
INTENSITY = {"intensity_sd", "intensity_median"}
OUTLIER = QColor("#c62828")


def _headers() -> list[str]:
    # Listed literally so that pyside6-lupdate finds every header.
    return [QCoreApplication.translate("ReviewQueueModel", "期间"),
            QCoreApplication.translate("ReviewQueueModel", "表单"),
            QCoreApplication.translate("ReviewQueueModel", "单位"),
            QCoreApplication.translate("ReviewQueueModel", "代码"),
            QCoreApplication.translate("ReviewQueueModel", "版本"),
            QCoreApplication.translate("ReviewQueueModel", "综合能耗\n（吨标准煤）"),
            QCoreApplication.translate("ReviewQueueModel", "二氧化碳\n（吨）"),
            QCoreApplication.translate("ReviewQueueModel", "警告"),
            QCoreApplication.translate("ReviewQueueModel", "能耗强度\n与同行比较"),
            QCoreApplication.translate("ReviewQueueModel", "同行中位数\n（吨标准煤/万元）"),
            QCoreApplication.translate("ReviewQueueModel", "提交时间"),
            QCoreApplication.translate("ReviewQueueModel", "数据包"),
            QCoreApplication.translate("ReviewQueueModel", "导入时间")]


def _stamp(value: object) -> str:
    return str(value or "")[:19].replace("T", " ")


def distance_text(position: IntensityPosition) -> str:
    """"偏高 3.4σ" / "偏低 3.1σ" beyond the threshold, the signed distance ("+0.8σ") within."""
    size = f"{abs(position.distance_sd):.1f}"
    if position.outlier:
        word = (QCoreApplication.translate("ReviewQueueModel", "偏高 %1σ") if position.distance_sd > 0
                else QCoreApplication.translate("ReviewQueueModel", "偏低 %1σ"))
        return word.replace("%1", size)
    return f"{'−' if position.distance_sd < 0 else '+'}{size}σ"


def position_tip(position: IntensityPosition) -> str:
    """What the figure compares: the record's intensity, the class, the peers and their spread."""
    return QCoreApplication.translate(
        "ReviewQueueModel",
        "能耗强度 %1 吨标准煤/万元；本县 %2 类 %3 家同行的中位数 %4，稳健标准差 %5（中位数绝对偏差 × 1.4826）；"
        "偏离 %6 个稳健标准差").replace("%1", fmt_number(position.intensity, 4)).replace(
        "%2", position.industry_class).replace("%3", str(position.peers)).replace(
        "%4", fmt_number(position.median, 4)).replace("%5", fmt_number(position.robust_sd, 4)).replace(
        "%6", f"{position.distance_sd:+.1f}")


class ReviewQueueModel(QAbstractTableModel):
    """Rows are dicts (``record_id, form, form_version, org_id, org_name, period, revision,
    submitted_at, package_file, imported_at, fingerprint``, and the figures ``total_tce,
    total_co2_t, warnings``; a form without energy or CO2 totals has them empty) and
    ``intensity_position`` (an ``IntensityPosition``, or None where there is no comparison)."""

    def __init__(self, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = lang
        self._rows: list[dict] = []
        self._headers = _headers()
        self._titles: dict[tuple[str, int], str] = {}

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def remove_records(self, record_ids: list[str]) -> None:
        """Take decided records out of the queue, one contiguous block at a time."""
        gone = set(record_ids)
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row]["record_id"] in gone:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()

    def row_dict(self, row: int) -> dict:
        return self._rows[row]

    def record_ids(self) -> list[str]:
        return [r["record_id"] for r in self._rows]

    def _title(self, form: str, version: int | None) -> str:
        key = (form, version or 0)
        if key not in self._titles:
            try:
                self._titles[key] = get_form(form, version).title(self.lang)
            except Exception:  # a form version unknown here: show its id
                self._titles[key] = form
        return self._titles[key]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return read_only_flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key, right = COLUMNS[index.column()]
        if role == ID_ROLE:
            return row["record_id"]
        if key in INTENSITY:
            return self._intensity(row.get("intensity_position"), key, role, right)
        value = row.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if key == "form":
                return self._title(str(value), row.get("form_version"))
            if key in ("submitted_at", "imported_at"):
                return _stamp(value)
            if key in NUMBERS:
                return fmt_number(value, 2)
            if key == "warnings" and role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("ReviewQueueModel", "警告数（均已由报送单位说明）")
            if key == "package_file" and role == Qt.ItemDataRole.ToolTipRole:
                return f"{printable(value or '')}\n{row.get('fingerprint') or ''}".strip()
            # names and files that came in a package: control and bidi characters as escapes
            return "" if value is None else printable(value)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _intensity(self, position: IntensityPosition | None, key: str, role: int, right: bool) -> object:
        """The intensity columns; they sort on the distance's size (both kinds of outlier
        together at one end) and on the median."""
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if position is None:
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "ReviewQueueModel", "不比较：仅年度能源报表与本县同行业（行业代码前几位相同）足够多的企业比较")
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return distance_text(position) if key == "intensity_sd" else fmt_number(position.median, 4)
        if role == Qt.ItemDataRole.ToolTipRole:
            return position_tip(position)
        if role == SORT_ROLE:
            return abs(position.distance_sd) if key == "intensity_sd" else position.median
        if role == Qt.ItemDataRole.ForegroundRole and position.outlier and key == "intensity_sd":
            return OUTLIER
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return numbered_header(self._headers, section, orientation, role)


class ReviewFilterProxy(QSortFilterProxyModel):
    """Filters on any column's text (case-insensitive) and sorts on the raw values; an empty
    value sorts last."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

    def record_id_at(self, row: int) -> str:
        return self.index(row, 0).data(ID_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is not None and b is None
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a < b
        return str(a) < str(b)
