"""各县汇总 on the overview of a province database: one row per county (the province roll-up's
columns, ``reports.province_rollup_columns``); double-clicking a county shows its enterprises,
double-clicking an enterprise opens its records of the year. Texts follow ``lang`` like the
roll-up's own labels."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ..reports.province_rollup_columns import COUNTY_COLUMNS, county_values
from ..reports.province_rollup_data import NO_VALUE, CountyRow, ProvinceRollup
from ..reports.rollup_data import RollupRow
from .formatting import fmt_number
from .models.roles import ID_ROLE
from .models.rows_model import Column, RowsTableModel


def pick(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def source_words(row: RollupRow, lang: str) -> str:
    """Where a row's energy comes from, in ``lang`` (the roll-up's 年报 / 月报合计 / 缺报)."""
    if row.energy_source == "annual":
        return pick(lang, "年报", "annual report")
    if row.energy_source == "monthly":
        return pick(lang, f"月报合计（{row.months} 个月）", f"monthly sum ({row.months} months)")
    return pick(lang, "缺报", "missing") if row.missing_report else "—"


def _shown(kind: str, decimals: int):
    def show(value: object) -> str:
        if value is None:
            return ""
        if value == NO_VALUE or kind == "text":
            return str(value)
        return fmt_number(value, 0 if kind == "int" else decimals)
    return show


class ProvincePanel(QGroupBox):
    """The county table and, after a double-click, that county's enterprises. Emits
    ``openOrg(org_id, name)`` when an enterprise is double-clicked."""

    openOrg = Signal(str, str)

    def __init__(self, lang: str = "zh", parent=None):
        super().__init__(pick(lang, "各县汇总（双击县查看其企业）", "Counties (double-click a county for its enterprises)"),
                         parent)
        self.setObjectName("province_panel")
        self.lang = lang
        self.rollup: ProvinceRollup | None = None
        self.county: CountyRow | None = None
        self.county_model = RowsTableModel(
            [Column(str(i), pick(lang, c.label, c.label_en) + (f"\n{c.unit}" if c.unit and lang != "en" else ""),
                    _shown(c.kind, c.decimals), c.kind != "text")
             for i, c in enumerate(COUNTY_COLUMNS)], [], id_key="code", parent=self)
        self.county_view = self._table("province_counties", self.county_model, pick(lang, "各县", "Counties"))
        self.county_view.doubleClicked.connect(lambda index: self.show_county(index.data(ID_ROLE)))
        self.org_model = RowsTableModel([
            Column("name", pick(lang, "单位", "Organisation")),
            Column("org_id", pick(lang, "代码", "Code")),
            Column("source", pick(lang, "能源数据来源", "Energy data")),
            Column("total_tce", pick(lang, "综合能耗（吨标准煤）", "Energy (tce)"), lambda v: fmt_number(v, 2), True),
            Column("total_co2_t", pick(lang, "二氧化碳（吨）", "CO2 (t)"), lambda v: fmt_number(v, 2), True),
            Column("energy_intensity", pick(lang, "能耗强度", "Energy intensity"), lambda v: fmt_number(v, 4), True),
            Column("carbon_intensity", pick(lang, "碳排放强度", "CO2 intensity"), lambda v: fmt_number(v, 4), True),
        ], [], id_key="org_id", parent=self)
        self.org_view = self._table("province_county_orgs", self.org_model,
                                    pick(lang, "本县单位", "The county's organisations"))
        self.org_view.doubleClicked.connect(self._open_org)
        self.county_label = QLabel()
        self.back = QPushButton(pick(lang, "返回各县", "Back to the counties"))
        self.back.setObjectName("province_back")
        self.back.clicked.connect(self.show_counties)
        head = QHBoxLayout()
        head.addWidget(self.back)  # on the left: the page may be wider than the window
        head.addWidget(self.county_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.county_view)
        layout.addWidget(self.org_view)
        self.show_counties()

    def _table(self, name: str, model: RowsTableModel, accessible: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setTabKeyNavigation(False)  # Tab leaves the table
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setMinimumHeight(200)
        return view

    def show_rollup(self, rollup: ProvinceRollup) -> None:
        """Show the province roll-up's counties (and keep a county's enterprises in view)."""
        self.rollup = rollup
        rows = []
        for county in rollup.counties:
            values = county_values(county)
            row = {str(i): v for i, v in enumerate(values)}
            row["code"] = county.code
            rows.append(row)
        self.county_model.set_rows(rows)
        self.county_view.resizeColumnsToContents()
        if self.county is not None:
            self.show_county(self.county.code)

    def show_counties(self) -> None:
        """Back to the county table."""
        self.county = None
        self.org_view.hide()
        self.back.hide()
        self.county_view.show()
        self.county_label.setText(pick(self.lang, "每县一行：该县数据包中的记录按县级汇总的规则计算",
                                       "One row per county, counted from its package by the county roll-up's rules"))

    def show_county(self, code: object) -> None:
        """The enterprises (and parks) of county ``code``."""
        county = next((c for c in (self.rollup.counties if self.rollup else []) if c.code == code), None)
        if county is None:
            return
        self.county = county
        rows = [{"name": r.name, "org_id": r.org_id, "source": source_words(r, self.lang), "total_tce": r.total_tce,
                 "total_co2_t": r.total_co2_t, "energy_intensity": r.energy_intensity,
                 "carbon_intensity": r.carbon_intensity} for r in county.rollup.reporting]
        self.org_model.set_rows(rows)
        self.org_view.resizeColumnsToContents()
        self.county_view.hide()
        self.org_view.show()
        self.back.show()
        self.county_label.setText(pick(self.lang, f"{county.name}（{county.code}）的单位：{len(rows)} 个（双击查看记录）",
                                       f"{county.name} ({county.code}): {len(rows)} organisations (double-click for records)"))

    def _open_org(self, index) -> None:
        row = self.org_model.row_dict(index.row())
        self.openOrg.emit(row["org_id"], row["name"])


def province_of(store, year: int) -> ProvinceRollup | None:
    """The province roll-up of ``year`` when the database is the province's, else None."""
    from ..reports.province_rollup_data import province_rollup
    from ..storage.province import is_province_database

    return province_rollup(store, year) if is_province_database(store) else None
