"""New record dialog: record type, organisation and period; creates an empty draft.

The period starts at the year the chosen form is usually filled in for (``domain.periods``:
last year's annual energy report until the end of June, this year's budget…) and follows the
record type until the user types one.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ..domain.errors import LowcarbonError
from ..domain.periods import default_year
from .dialog_buttons import ok_cancel
from .screen_fit import FitsScreen
from .service import DeskService

PILOT_TYPES = {"county": "county", "park": "park", "enterprise": "enterprise"}


class NewRecordDialog(FitsScreen, QDialog):
    def __init__(self, service: DeskService, org_id: str | None = None, form_id: str | None = None,
                 parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self._period_typed = False
        self.setObjectName("new_record_dialog")
        self.setWindowTitle(self.tr("新建记录"))
        self.service = service
        self.record_id: str | None = None
        self.orgs = {o["org_id"]: o for o in service.orgs()}
        self.form_box = QComboBox()
        self.form_box.setObjectName("new_record_form")
        for form in service.record_forms():
            self.form_box.addItem(form.title(service.lang), form.id)
        self.org_box = QComboBox()
        self.org_box.setObjectName("new_record_org")
        self.org_box.setEditable(True)
        self.org_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.period = QLineEdit()
        self.period.setObjectName("new_record_period")
        self.period.textEdited.connect(lambda _text: setattr(self, "_period_typed", True))
        self.period.setPlaceholderText("YYYY / YYYY-MM")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.form_box.currentIndexChanged.connect(self._fill_orgs)
        self.form_box.currentIndexChanged.connect(self._default_period)
        if form_id:
            self.form_box.setCurrentIndex(max(self.form_box.findData(form_id), 0))
        self._fill_orgs()
        self._default_period()
        if org_id:
            self.org_box.setCurrentIndex(max(self.org_box.findData(org_id), 0))
        layout = QFormLayout()
        layout.addRow(self.tr("记录类型"), self.form_box)
        layout.addRow(self.tr("单位"), self.org_box)
        layout.addRow(self.tr("期间 / 年度"), self.period)
        buttons = ok_cancel(self)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(self.error)
        outer.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _default_period(self) -> None:
        """The year the chosen form is for by default (kept once the user typed a period)."""
        if self._period_typed:
            return
        form = self.service.form(self.form_box.currentData())
        self.period.setText(str(default_year(form.period_default, self.today)))

    def _fill_orgs(self) -> None:
        form = self.service.form(self.form_box.currentData())
        current = self.org_box.currentData()
        self.org_box.clear()
        for org in self.orgs.values():
            if org["kind"] in form.org_kinds:
                self.org_box.addItem(f"{org['name']}（{org['org_id']}）", org["org_id"])
        if current:
            self.org_box.setCurrentIndex(max(self.org_box.findData(current), 0))

    def choose(self, form_id: str, org_id: str, period: str) -> None:
        self.form_box.setCurrentIndex(self.form_box.findData(form_id))
        self.org_box.setCurrentIndex(self.org_box.findData(org_id))
        self.period.setText(period)

    def initial_data(self) -> dict:
        form = self.service.form(self.form_box.currentData())
        data: dict = {}
        period = self.period.text().strip()
        if form.period_field and period:
            data[form.period_field] = period
        org = self.orgs.get(self.org_box.currentData())
        if form.id == "pilot_application" and org:
            data["pilot_type"] = PILOT_TYPES.get(org["kind"])
        return data

    def accept(self) -> None:
        org_id = self.org_box.currentData()
        if not org_id:
            self.error.setText(self.tr("请选择单位（先在“文件 → 新建单位”中添加）"))
            return
        try:
            self.record_id = self.service.create_record(self.form_box.currentData(), org_id,
                                                        self.initial_data())
        except LowcarbonError as exc:
            self.error.setText(exc.message(self.service.lang))
            return
        super().accept()
