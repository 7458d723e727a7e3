"""An organisation's page: its total energy, CO2 and energy intensity over every year in the
database, as a chart with the figures beside it.

A window of its own (not a tab of the main window): a county reviewer opens it from the record
under review or the organisation in the navigator and keeps it beside the record while
deciding or calling the enterprise; an energy manager opens it from their own report. Each year
is the organisation's counting non-draft annual report (``storage.history.org_trend``); years
with only drafts are named under the chart, not drawn.

An open page follows the database: any write that reports records in its ``Changes`` (a draft
saved, a package or workbook import, a decision) makes it read its years again (``follow``,
connected to the service's ``OperationHub``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from ...domain.plausibility import change_pct
from ...storage.history import OrgTrend
from ..formatting import fmt_number
from ..models.roles import ID_ROLE
from ..models.trend import TrendModel
from ..operations import Changes
from ..screen_fit import FitsScreen
from ..service import DeskService
from .chart import TrendChart


class OrgTrendDialog(FitsScreen, QDialog):
    """Emits ``openRecord(record_id)`` when a year's row is double-clicked."""

    openRecord = Signal(str)

    def __init__(self, service: DeskService, org_id: str, parent=None):
        super().__init__(parent)
        self.setObjectName("org_trend_dialog")
        self.service = service
        self.org_id = org_id
        self.trend: OrgTrend | None = None
        org = service.org(org_id) or {}
        name = org.get("name") or org_id
        self.setWindowTitle(self.tr("单位趋势 — %1").replace("%1", name))
        heading = QLabel(f"<b>{_html(name)}</b>　{_html(org_id)}"
                         + (f"　{_html(org['industry_code'])}" if org.get("industry_code") else ""))
        heading.setObjectName("org_trend_heading")
        self.summary = QLabel()
        self.summary.setObjectName("org_trend_summary")
        self.summary.setWordWrap(True)
        self.chart = TrendChart({
            "energy": self.tr("综合能耗（吨标准煤）"), "co2": self.tr("二氧化碳（吨）"),
            "intensity": self.tr("能耗强度（吨标准煤/万元，右轴）"),
            "left_unit": self.tr("左轴：吨"), "right_unit": self.tr("右轴：吨标准煤/万元"),
            "empty": self.tr("数据库中还没有该单位的年度能源报表（草稿除外）"),
            "tip": self.tr("%1 年\n综合能耗 %2 吨标准煤%3\n二氧化碳 %4 吨\n能耗强度 %5 吨标准煤/万元"),
            "tip_missing": self.tr("%1 年：没有年度能源报表（草稿除外）"),
            "change": self.tr("（比上年 %1%）"),
        }, self)
        self.chart.setObjectName("org_trend_chart")
        self.model = TrendModel(service.lang, self)
        self.table = QTableView()
        self.table.setObjectName("org_trend_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.doubleClicked.connect(self._open)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("org_trend_splitter")
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.note = QLabel()
        self.note.setObjectName("org_trend_note")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(960, 640)
        service.hub.executed.connect(self.follow)
        self.reload()

    def reload(self) -> None:
        """Read the organisation's years again (one indexed query)."""
        self.trend = self.service.org_trend(self.org_id)
        points = list(self.trend.points)
        self.chart.set_points(points)
        self.model.set_points(points)
        self.summary.setText(self._summary_text())
        note = self.tr("每年取该单位最新的非草稿年度能源报表（已提交、已接收或已退回）；月报不计入。"
                       "悬停图表查看数值，双击表格中的年度打开报表。")
        if self.trend.draft_years:
            note += self.tr("只有草稿、未画出的年度：%1。").replace(
                "%1", self.tr("、").join(str(y) for y in self.trend.draft_years))
        self.note.setText(note)

    def _summary_text(self) -> str:
        points = self.trend.points if self.trend else ()
        if len(points) < 2:
            return ""
        first, last = points[0], points[-1]
        parts = []
        for text, before, after in ((self.tr("综合能耗 %1"), first.total_tce, last.total_tce),
                                    (self.tr("二氧化碳 %1"), first.total_co2_t, last.total_co2_t),
                                    (self.tr("能耗强度 %1"), first.energy_intensity, last.energy_intensity)):
            change = change_pct(after, before) if before is not None and after is not None else None
            if change is not None:
                parts.append(text.replace("%1", ("+" if change > 0 else "") + fmt_number(change, 1) + "%"))
        if not parts:
            return ""
        return self.tr("%1 年至 %2 年：%3").replace("%1", str(first.year)).replace(
            "%2", str(last.year)).replace("%3", self.tr("，").join(parts))

    def follow(self, changes: Changes, _operation: object = None) -> None:
        """A write finished: read the years again when it changed records.

        Whether the records are this organisation's is not looked up first: that would cost
        about as much as the one indexed query of ``reload``."""
        if changes.records:
            self.reload()

    def _open(self, index) -> None:
        record_id = index.data(ID_ROLE) if index.isValid() else None
        if record_id:
            self.openRecord.emit(record_id)


def _html(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
