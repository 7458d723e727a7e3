"""目标进展 on the county overview: per target a table of the four indicators (base year, this
year, change, target, linear path, progress, status; how each was computed in the tooltip) and
the two intensity paths as charts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.targets import Indicator, indicator_name, value_text
from ...storage.targets import DivisionProgress
from .chart import PathChart, PathSeries

DECIMALS = {"co2_intensity": 4, "energy_intensity": 4, "total_energy": 2, "non_fossil_share": 2}
UNITS = {"tCO2/10⁴ yuan": ("吨CO2/万元", "tCO2/10⁴ yuan"), "tce/10⁴ yuan": ("吨标准煤/万元", "tce/10⁴ yuan"),
         "tce": ("吨标准煤", "tce"), "%": ("%", "%")}
STATUS_COLOURS = {"on_track": "#2e7d32", "met": "#2e7d32", "within": "#2e7d32", "behind": "#b26a00",
                  "missed": "#c62828", "exceeded": "#c62828"}


def pick(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def heading_name(key: str, lang: str) -> str:
    """An indicator's name where it starts a line (capitalised in English)."""
    name = indicator_name(key, lang)
    return name[:1].upper() + name[1:]


def _pct(value: float | None) -> str:
    return value_text(value, 2) + ("" if value is None else "%")


def indicator_cells(ind: Indicator, lang: str) -> list[str]:
    """The table's cells of one indicator in ``lang``."""
    cut = ind.key in ("co2_intensity", "energy_intensity")
    down = pick(lang, "下降 ", "cut ")
    if ind.change_pct is None:
        change = "—"
    elif ind.key == "non_fossil_share":
        change = f"{ind.change_pct:+.2f}" + pick(lang, " 个百分点", " points")
    elif ind.key == "total_energy":
        change = ("+" if ind.change_pct >= 0 else "") + _pct(ind.change_pct)
    else:
        change = down + _pct(ind.change_pct)
    if ind.target is None:
        target = "—" if ind.guidance is None else pick(lang, f"—（参考 {_pct(ind.guidance)}）",
                                                        f"— (guidance {_pct(ind.guidance)})")
    elif ind.key == "total_energy":
        target = pick(lang, "上限 ", "cap ") + value_text(ind.target, 2)
    else:
        target = (down if cut else "") + _pct(ind.target)
    expected = "—" if ind.expected is None else (down if cut else "") + _pct(ind.expected)
    zh, en = UNITS.get(ind.unit, (ind.unit, ind.unit))
    places = DECIMALS[ind.key]
    return [heading_name(ind.key, lang), pick(lang, zh, en), value_text(ind.base, places),
            value_text(ind.now, places), change, target, expected, _pct(ind.progress_pct), ind.status_text(lang)]


def headers(lang: str) -> list[str]:
    if lang == "en":
        return ["Indicator", "Unit", "Base year", "This year", "Change", "Target", "Linear path", "Progress",
                "Status"]
    return ["指标", "单位", "基准年", "本年", "变化", "目标", "线性路径应达", "进度", "状态"]


class TargetsPanel(QGroupBox):
    """Shows a list of ``DivisionProgress``; ``editRequested`` asks for the target dialog."""

    editRequested = Signal()

    def __init__(self, lang: str, parent=None):
        super().__init__(pick(lang, "目标进展", "Progress towards the targets"), parent)
        self.setObjectName("targets_panel")
        self.lang = lang
        self.tables: list[QTableWidget] = []
        self.charts: list[PathChart] = []
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.edit_button = QPushButton(pick(lang, "设定目标…", "Set targets…"))
        self.edit_button.setObjectName("targets_edit")
        self.edit_button.clicked.connect(self.editRequested.emit)
        head = QHBoxLayout()
        head.addWidget(self.note, 1)
        head.addWidget(self.edit_button)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.body)

    def show_targets(self, targets: list[DivisionProgress], year: int) -> None:
        """Rebuild the panel for ``targets`` judged at ``year``."""
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.tables, self.charts = [], []
        lang = self.lang
        if not targets:
            self.note.setText(pick(lang, "尚未设定目标。湖南方案的非化石能源占比参考：2025 年约 22%，2030 年约 25%。",
                                   "No targets set yet. The Hunan plan's non-fossil share guidance: about 22 % "
                                   "by 2025, about 25 % by 2030."))
            return
        self.note.setText(pick(lang, f"{year} 年相对基准年的进展；强度 = Σ 排放或能耗 ÷ Σ 工业增加值（计入汇总的能源报表）。"
                                     "指向数字可看计算说明。",
                               f"Progress in {year} against the base year; intensity = Σ emissions or energy / "
                               "Σ value added (the energy reports the roll-up counts). Point at a figure for how it "
                               "was computed."))
        for dp in targets:
            self.body_layout.addWidget(self._block(dp))

    def _block(self, dp: DivisionProgress) -> QWidget:
        lang, target = self.lang, dp.target
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 6)
        who = target.set_by or "—"
        layout.addWidget(QLabel(pick(lang, f"<b>{target.division} · {target.year} 年目标</b>（基准年 {target.base_year}；设定：{who}）",
                                     f"<b>{target.division} · targets for {target.year}</b> (base year "
                                     f"{target.base_year}; set by {who})")))
        table = QTableWidget(len(dp.progress.indicators), 9)
        table.setObjectName(f"targets_table_{target.division}_{target.year}")
        table.setHorizontalHeaderLabels(headers(lang))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row, ind in enumerate(dp.progress.indicators):
            for column, text in enumerate(indicator_cells(ind, lang)):
                item = QTableWidgetItem(text)
                item.setToolTip(ind.explanation(lang))
                if 2 <= column <= 7:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 8 and ind.status in STATUS_COLOURS:
                    item.setForeground(QColor(STATUS_COLOURS[ind.status]))
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setFixedHeight(table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(4)) + 4)
        layout.addWidget(table)
        self.tables.append(table)
        charts = QGridLayout()
        legend = (pick(lang, "实际", "actual"), pick(lang, "线性目标路径", "linear target path"))
        for column, (key, cut) in enumerate((("co2_intensity", target.co2_intensity_cut_pct),
                                             ("energy_intensity", target.energy_intensity_cut_pct))):
            ind = dp.progress.indicator(key)
            unit = pick(lang, *UNITS[ind.unit])
            title = pick(lang, f"{indicator_name(key, lang)}（{unit}）", f"{heading_name(key, lang)} ({unit})")
            chart = PathChart(legend)
            chart.setObjectName(f"target_chart_{key}")
            chart.set_series(PathSeries.of(title, dp.series(key), target, cut, ind.base))
            chart.setToolTip(ind.explanation(lang))
            charts.addWidget(QLabel(title), 0, column)
            charts.addWidget(chart, 1, column)
            self.charts.append(chart)
        layout.addLayout(charts)
        return box
