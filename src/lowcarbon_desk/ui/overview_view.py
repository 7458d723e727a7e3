"""County overview for a chosen year: every figure is a button that opens the records behind it.
In a province database the counties' table (``province_panel``) takes the place of the top units.

The figures come from ``storage.overview.county_overview``, computed on a worker thread by an
``Operation`` of the service's ``OperationHub``. The view follows the hub: a write that changed
the database makes the figures stale, read again at once when the view shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..reports.synergy_data import SynergyRollup, synergy_rollup
from ..storage.overview import Figure, Overview, county_overview
from ..storage.targets import DivisionProgress, overview_targets
from .county.synergy_chart import QuadrantChart
from .formatting import fmt_number
from .models.roles import ID_ROLE
from .models.rows_model import Column, RowsTableModel
from .province_panel import ProvincePanel, province_of
from .service import DeskService
from .targets.panel import TargetsPanel

if TYPE_CHECKING:
    from ..reports.province_rollup_data import ProvinceRollup
    from .operations import Changes, Operation, OperationHub

    # what the overview reads on a worker: the figures, the targets, the measures and (a
    # province) the counties
    OverviewFigures = tuple[Overview, list[DivisionProgress], SynergyRollup, ProvinceRollup | None]

TOP_UNITS = 20


class OverviewView(QWidget):
    """Emits ``openFigure(record_ids, org_ids, title)`` when a figure is clicked."""

    openFigure = Signal(list, list, str)
    loaded = Signal()

    def __init__(self, service: DeskService, hub: OperationHub | None = None, parent=None):
        super().__init__(parent)
        self.service = service
        self.hub = hub or service.hub
        self.hub.executed.connect(self._follow)
        self.pending: Operation[OverviewFigures] | None = None  # the overview being computed
        self.lang = service.lang
        self.overview: Overview | None = None
        self.figure_buttons: dict[str, QPushButton] = {}
        self.target_dialog: QDialog | None = None
        self.year_box = QComboBox()
        self.year_box.setObjectName("overview_year")
        self.year_box.setAccessibleName(self.tr("年度"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        self.year_box.activated.connect(lambda _i: self.refresh())
        self.note = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        top.addWidget(self.year_box)
        top.addWidget(self.refresh_button)
        top.addWidget(self.note, 1)
        self.groups_holder = QWidget()
        self.groups_layout = QGridLayout(self.groups_holder)
        self.top_model = RowsTableModel([
            Column("name", self.tr("单位")),
            Column("org_id", self.tr("代码")),
            Column("tce", self.tr("综合能耗（吨标准煤）"), lambda v: fmt_number(v, 2), True),
            Column("co2_t", self.tr("二氧化碳（吨）"), lambda v: fmt_number(v, 2), True),
            Column("source", self.tr("口径"), self._source_text),
        ], [], id_key="org_id", parent=self)
        self.top_view = QTableView()
        self.top_view.setObjectName("overview_top")
        self.top_view.setModel(self.top_model)
        self.top_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.top_view.doubleClicked.connect(self._open_top)
        self.top_view.setMinimumHeight(240)
        top_box = QGroupBox(self.tr("用能前 %1 位单位（双击查看记录）").replace("%1", str(TOP_UNITS)))
        QVBoxLayout(top_box).addWidget(self.top_view)
        # the year's measures (减污降碳协同): texts in the view's language, like the figures
        self.synergy_chart = QuadrantChart(self.lang)
        self.synergy_box = QGroupBox("Co-benefits of measures: CO2 cut and pollutant-equivalent cut"
                                     if self.lang == "en" else "减污降碳协同：各项措施的二氧化碳减排量与污染当量削减量")
        self.synergy_box.setObjectName("overview_synergy")
        QVBoxLayout(self.synergy_box).addWidget(self.synergy_chart)
        self.synergy_chart.setMinimumHeight(360)
        self.top_box = top_box
        # a province database: one row per county instead of the units (hidden elsewhere)
        self.province_panel = ProvincePanel(self.lang)
        self.province_panel.openOrg.connect(self._open_org)
        self.province_panel.hide()
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.province_panel)  # first in a province database
        body_layout.addWidget(self.groups_holder)
        self.targets_panel = TargetsPanel(self.lang)
        self.targets_panel.editRequested.connect(self.edit_targets)
        body_layout.addWidget(self.targets_panel)
        body_layout.addWidget(top_box)
        body_layout.addWidget(self.synergy_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self._sources = {"annual": self.tr("年报"), "monthly": self.tr("月报合计")}

    def _source_text(self, value: object) -> str:
        return self._sources.get(str(value), str(value or ""))

    def fill_years(self) -> None:
        years = self.service.years()
        current = self.year_box.currentData()
        self.year_box.clear()
        for year in years:
            self.year_box.addItem(str(year), year)
        if current in years:
            self.year_box.setCurrentIndex(years.index(current))

    def set_year(self, year: int) -> None:
        position = self.year_box.findData(year)
        if position < 0:
            self.year_box.addItem(str(year), year)
            position = self.year_box.count() - 1
        self.year_box.setCurrentIndex(position)

    def _follow(self, changes: Changes, _operation: object = None) -> None:
        """A write finished: the figures are stale when it changed the database."""
        if changes.database:
            self.overview = None
            if self.isVisibleTo(self.window()):  # the page in front: read now, else when shown
                self.refresh()

    def refresh(self, synchronous: bool = False) -> Operation[OverviewFigures] | None:
        """Recompute the overview of the chosen year (on a worker unless ``synchronous``)."""
        year = self.year_box.currentData()
        if year is None:
            self.fill_years()
            year = self.year_box.currentData()
        if year is None:
            self.note.setText(self.tr("数据库中还没有记录。"))
            return None
        self.note.setText(self.tr("正在统计…"))
        if synchronous or self.service.db_path is None:
            self.show_overview(self.service.overview(int(year)), synergy_rollup(self.service.store, int(year)))
            self.show_targets(overview_targets(self.service.store, int(year)), int(year))
            self.show_province(province_of(self.service.store, int(year)))
            return None
        from .operations import Operation, reading

        op = Operation(self.hub, reading(lambda store, _progress: (county_overview(store, int(year)),
                                                                   overview_targets(store, int(year)),
                                                                   synergy_rollup(store, int(year)),
                                                                   province_of(store, int(year)))),
                       show_progress=False)
        self.pending = op

        def arrived(result: OverviewFigures) -> None:
            # the view may have been rebuilt (language switch), or a newer year asked for meanwhile
            if isValid(self) and self.pending is op:
                figures, targets, synergy, province = result
                self.show_overview(figures, synergy)
                self.show_targets(targets, int(year))
                self.show_province(province)

        def failed(message: str) -> None:
            if isValid(self) and self.pending is op:
                self.note.setText(message)

        return op.success(arrived).failure(failed).run_in_background()

    def show_overview(self, overview: Overview, synergy: SynergyRollup | None = None) -> None:
        """Show the figures (and the year's measures in the quadrant chart, when given)."""
        self.overview = overview
        if synergy is not None:
            self.synergy_chart.set_measures(synergy.measures)
        while self.groups_layout.count():
            item = self.groups_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.figure_buttons = {}
        for position, (zh, en, figures) in enumerate(overview.groups()):
            box = QGroupBox(en if self.lang == "en" else zh)
            grid = QGridLayout(box)
            for at, figure in enumerate(figures):
                grid.addWidget(self._button(figure), at // 4, at % 4)
            self.groups_layout.addWidget(box, position // 2, position % 2)
        ranked = sorted(overview.energy, key=lambda e: e.tce, reverse=True)[:TOP_UNITS]
        self.top_model.set_rows([e.__dict__ for e in ranked])
        self.top_view.resizeColumnsToContents()
        self.note.setText(self.tr("%1 年；能耗取年报，无年报时取月报合计。").replace(
            "%1", str(overview.year)))
        self.loaded.emit()

    def show_province(self, rollup: ProvinceRollup | None) -> None:
        """A province database shows its counties (``rollup``) in place of the top units."""
        self.province_panel.setVisible(rollup is not None)
        self.top_box.setVisible(rollup is None)
        if rollup is not None:
            self.province_panel.show_rollup(rollup)

    def _open_org(self, org_id: str, name: str) -> None:
        """An organisation's records of the year (those its energy figures rest on)."""
        energy = next((e for e in (self.overview.energy if self.overview else []) if e.org_id == org_id), None)
        self.openFigure.emit(list(energy.record_ids) if energy else [], [org_id], name)

    def show_targets(self, targets: list[DivisionProgress], year: int) -> None:
        """The targets' progress at ``year`` (below the figures)."""
        self.targets_panel.show_targets(targets, year)

    def edit_targets(self) -> QDialog:
        """Open the target dialog (汇总 ▸ 目标…); the overview follows a saved change."""
        from .targets.dialog import TargetDialog

        dialog = TargetDialog(self.service, self.hub, self.year_box.currentData(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _t: isValid(self) and self.refresh(synchronous=self.hub is None))
        dialog.open()
        self.target_dialog = dialog
        return dialog

    def _button(self, figure: Figure) -> QPushButton:
        decimals = 0 if isinstance(figure.value, int) else 2
        value = fmt_number(figure.value, decimals)
        button = QPushButton(f"{figure.label(self.lang)}\n{value} {figure.unit(self.lang)}".strip())
        button.setObjectName(f"figure_{figure.key}")
        button.setMinimumHeight(56)
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        button.setStyleSheet("text-align: left; padding: 4px 8px;")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolTip(self.tr("点击查看相关记录"))
        button.clicked.connect(lambda _c=False, f=figure: self.open_figure(f.key))
        self.figure_buttons[figure.key] = button
        return button

    def figure(self, key: str) -> Figure | None:
        if self.overview is None:
            return None
        for _zh, _en, figures in self.overview.groups():
            for figure in figures:
                if figure.key == key:
                    return figure
        return None

    def open_figure(self, key: str) -> None:
        figure = self.figure(key)
        if figure is not None:
            self.openFigure.emit(list(figure.record_ids), list(figure.org_ids),
                                 figure.label(self.lang))

    def _open_top(self, index) -> None:
        org_id = index.data(ID_ROLE)
        row = self.top_model.row_dict(index.row())
        self.openFigure.emit(list(row["record_ids"]), [org_id], row["name"])
