"""Budget tab of a budget record: status figures, the chart, and the pull-from-reports action."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.compute.numbers import num
from ...domain.reference import ReferenceData
from ..formatting import fmt_number
from .chart import BudgetChart, BudgetSeries

STATUS_COLOURS = {"ok": "#2e7d32", "alert": "#b26a00", "exceeded": "#c62828"}


def _value(value: object) -> float | None:
    try:
        return None if value in (None, "") else float(str(value).replace(",", ""))
    except ValueError:
        return None


class BudgetView(QWidget):
    pullRequested = Signal()

    def __init__(self, ref: ReferenceData, parent=None):
        super().__init__(parent)
        self.ref = ref
        texts = {"actual": self.tr("月度实际"), "cumulative": self.tr("累计实际"),
                 "projection": self.tr("全年预计"), "budget": self.tr("有效预算"),
                 "alert": self.tr("80% 预警线"), "month": self.tr("%1月"),
                 "unit": self.tr("单位：吨标准煤")}
        self._status_texts = {"ok": self.tr("正常"), "alert": self.tr("预警"),
                              "exceeded": self.tr("超出"), None: self.tr("无数据")}
        self.chart = BudgetChart(texts, self)
        self.chart.setObjectName("budget_chart")
        self.figures = QLabel()
        self.figures.setObjectName("budget_figures")
        self.figures.setWordWrap(True)
        self.pull_note = QLabel()
        self.pull_note.setObjectName("budget_pull_note")
        self.pull_note.setWordWrap(True)
        self.pull_button = QPushButton(self.tr("从本年度月度能源报表汇总实际用能"))
        self.pull_button.setObjectName("budget_pull")
        self.pull_button.clicked.connect(self.pullRequested)
        top = QHBoxLayout()
        top.addWidget(self.figures, 1)
        top.addWidget(self.pull_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pull_note)
        layout.addWidget(self.chart, 1)

    def set_read_only(self, read_only: bool) -> None:
        self.pull_button.setEnabled(not read_only)

    def show_budget(self, data: dict, computed: dict) -> None:
        monthly = [_value(v) for v in (data.get("monthly_actual_tce") or [None] * 12)]
        series = BudgetSeries(monthly=(monthly + [None] * 12)[:12],
                              effective_budget=computed.get("effective_budget_tce"),
                              alert_pct=self.ref.threshold("budget_alert_pct"),
                              exceeded_pct=self.ref.threshold("budget_exceeded_pct"),
                              projected=computed.get("projected_tce"))
        self.chart.set_series(series)
        status, projected = computed.get("status"), computed.get("projected_status")
        text = (self.tr("有效预算 %1 吨标准煤；累计实际 %2（%3%，%4）；全年预计 %5（%6%，%7）")
                .replace("%1", fmt_number(computed.get("effective_budget_tce"), 2))
                .replace("%2", fmt_number(computed.get("ytd_actual_tce"), 2))
                .replace("%3", fmt_number(num(computed.get("utilization_pct")), 1))
                .replace("%4", f"<b style='color:{STATUS_COLOURS.get(status or '', '#555')}'>"
                               f"{self._status_texts.get(status, '')}</b>")
                .replace("%5", fmt_number(computed.get("projected_tce"), 2))
                .replace("%6", fmt_number(num(computed.get("projected_utilization_pct")), 1))
                .replace("%7", f"<b style='color:{STATUS_COLOURS.get(projected or '', '#555')}'>"
                               f"{self._status_texts.get(projected, '')}</b>"))
        self.figures.setText(text)

    def show_pull_note(self, text: str) -> None:
        self.pull_note.setText(text)
