"""``CountyActions``: the county office's menu actions, each a dialog and then one operation.

The dialog collects the choice; the work is an ``Operation`` (``operations.county``) on a
worker with progress and cancel; the result is a status line and a signal the tests wait on.
Folders come from ``service.chooser`` (tests answer it without dialogs).
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid

from ...storage.identity import PROVINCE, division_codes, home_of, is_province_code
from ..operations import Operation, OperationHub
from ..operations.county import RollupWritten, decided_records_op, decision_packages_op, rollup_op, template_op
from ..operations.province import PROVINCE_ROLLUP, province_rollup_op
from ..service import DeskService
from ..written import show_written
from .decisions_dialog import DecisionsDialog
from .rollup_dialog import RollupDialog
from .target_row import template_name
from .template_dialog import TemplateDialog

DialogT = TypeVar("DialogT", bound=QDialog)


class CountyActions(QObject):
    """导出全县汇总…, 导出空白模板…, 导出审核结论包…"""

    rollupWritten = Signal(object)  # RollupWritten
    templateWritten = Signal(object)  # Path
    decisionsWritten = Signal(list)  # list[CreatedPackage]
    message = Signal(str)

    def __init__(self, service: DeskService, hub: OperationHub, window: QWidget):
        super().__init__(window)
        self.service = service
        self.hub = hub
        self.window = window
        self.last_dialog: QDialog | None = None

    def _open(self, dialog: DialogT) -> DialogT:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def counties(self) -> list[tuple[str, str]]:
        """(division code, county name) of every county of this database's division (never one
        whose organisations were imported from another division)."""
        orgs = self.service.orgs()
        names = {o["org_id"]: o["name"] for o in orgs if o["kind"] == "county"}
        home = home_of(self.service.store)
        if home.kind == PROVINCE:  # 全省汇总 first, then each county (never the province's own code)
            return [(PROVINCE_ROLLUP, names.get(home.code, home.code))] + [
                (code, names.get(code, code)) for code in division_codes(self.service.store)
                if not is_province_code(code)]
        return [(code, names.get(code, code)) for code in division_codes(self.service.store)]

    # --- roll-up -------------------------------------------------------------------------
    def export_rollup(self) -> RollupDialog:
        """Ask for the county, year, formats and folder; then write the roll-up."""
        dialog = RollupDialog(self.counties(), self.service.years(), self.service.chooser,
                              self.service.lang, self.window)
        dialog.accepted.connect(lambda: self.run_rollup(dialog.chosen_year(), dialog.county_code(),
                                                        *dialog.targets()))
        return self._open(dialog)

    def run_rollup(self, year: int | None, county: str | None, pdf: Path | None,
                   xlsx: Path | None) -> Operation | None:
        if year is None or (pdf is None and xlsx is None):
            return None
        work = province_rollup_op(year, pdf, xlsx) if county == PROVINCE_ROLLUP else rollup_op(year, county, pdf, xlsx)
        op = Operation(self.hub, work, title=self.tr("导出全县汇总"),
                       label=self.tr("正在汇总 %1 年的数据并生成文件…").replace("%1", str(year)))
        return op.success(self._rollup_written).run_in_background()

    def _rollup_written(self, written: object) -> None:
        assert isinstance(written, RollupWritten)
        text = (self.tr("已导出全县汇总：%1（%2 个单位，缺报 %3 个）")
                .replace("%1", self.tr("、").join(p.name for p in written.paths))
                .replace("%2", str(written.organisations)).replace("%3", str(written.missing)))
        self.message.emit(text)
        self.last_written = show_written(self.window, self.tr("导出全县汇总"), written.paths, text)
        self.rollupWritten.emit(written)

    # --- blank template ------------------------------------------------------------------
    def export_template(self) -> TemplateDialog:
        """Ask for the folder and name; then write the blank standard workbook."""
        counties = self.counties()
        name = counties[0][1] if len(counties) == 1 else ""
        dialog = TemplateDialog(template_name(name, self.service.lang), self.service.chooser, self.window)
        dialog.accepted.connect(lambda: self.run_template(dialog.target()))
        return self._open(dialog)

    def run_template(self, path: Path | None) -> Operation | None:
        if path is None:
            return None
        op = Operation(self.hub, template_op(path), title=self.tr("导出空白模板"),
                       label=self.tr("正在生成空白模板…"))
        return op.success(self._template_written).run_in_background()

    def _template_written(self, path: object) -> None:
        self.message.emit(self.tr("已导出空白模板：%1").replace("%1", str(path)))
        self.last_written = show_written(self.window, self.tr("导出空白模板"), [Path(str(path))])
        self.templateWritten.emit(path)

    # --- decision packages ---------------------------------------------------------------
    def export_decisions(self, checked: list[str] | None = None) -> DecisionsDialog:
        """The decided records (read on a worker), ticked; then one package per enterprise."""
        dialog = DecisionsDialog(self.service.chooser, self.service.lang, self.window)
        wanted = set(checked) if checked is not None else None
        def fill(rows: object) -> None:
            if isValid(dialog):  # the officer may have closed it before the list arrived
                dialog.set_rows(list(rows), wanted)  # type: ignore[call-overload]

        Operation(self.hub, decided_records_op(), show_progress=False).success(fill).run_in_background()
        dialog.accepted.connect(lambda: self.run_decisions(dialog.chosen_ids(), dialog.target_folder()))
        return self._open(dialog)

    def run_decisions(self, record_ids: list[str], folder: Path | None) -> Operation | None:
        if not record_ids or folder is None:
            return None
        op = Operation(self.hub, decision_packages_op(record_ids, folder, self.service.operator),
                       title=self.tr("导出审核结论包"), label=self.tr("正在签名并写出审核结论包…"))
        return op.success(self._decisions_written).run_in_background()

    def _decisions_written(self, made: object) -> None:
        packages = list(made)  # type: ignore[call-overload]
        self.message.emit(self.tr("已写出 %1 个审核结论包：%2").replace("%1", str(len(packages)))
                          .replace("%2", self.tr("、").join(p.path.name for p in packages)))
        if packages:
            self.last_written = show_written(self.window, self.tr("导出审核结论包"), [p.path for p in packages])
        self.decisionsWritten.emit(packages)
