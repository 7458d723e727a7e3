"""``PackageActions``: the window's package actions, from the file choice to the result shown.

Files and folders come from ``service.chooser`` (tests answer it without dialogs); the work
is an ``Operation`` (``operations.packages``) on a worker with progress and cancel, whose
``Changes`` the window's views follow; results open in a dialog (``open()``, never blocking)
and are also emitted as signals, which the tests wait on. A failure is the operation's one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ..operations import Operation, OperationHub
from ..operations.packages import export_package_op, import_packages_op, verify_package_op
from ..service import DeskService
from .dialogs import (
    ExportDialog,
    ExportResultDialog,
    ImportResultsDialog,
    KeyChangeDialog,
    KeyDialog,
    VerifyDialog,
)
from .foreign_dialog import ForeignDivisionDialog
from .tasks import FOREIGN, KEY_CHANGED, ExportOutcome, FileResult, VerifyOutcome

PACKAGE_FILTER = "*.lcpkg"


DialogT = TypeVar("DialogT", bound=QDialog)


class PackageActions(QObject):
    """Export, verify and import packages; show this installation's key."""

    exported = Signal(object)  # ExportOutcome
    verified = Signal(object)  # VerifyOutcome
    imported = Signal(list)  # list[FileResult], after each import run (also a confirmed re-import)
    message = Signal(str)

    def __init__(self, service: DeskService, hub: OperationHub, window: QWidget):
        super().__init__(window)
        self.service = service
        self.hub = hub
        self.window = window
        self.results_dialog: ImportResultsDialog | None = None
        self.key_change_dialog: KeyChangeDialog | None = None
        self.foreign_dialog: ForeignDivisionDialog | None = None
        self.last_dialog: QDialog | None = None

    def _open(self, dialog: DialogT, parent_close: bool = True) -> DialogT:
        if parent_close:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_dialog = dialog
        return dialog

    # --- key -----------------------------------------------------------------------------
    def show_key(self) -> KeyDialog:
        return self._open(KeyDialog(self.service.installation_key(), self.window))

    # --- export --------------------------------------------------------------------------
    def export_package(self, org_id: str | None = None, period: str = "") -> ExportDialog:
        """Ask for the organisation (default: the one selected) and period, then the folder."""
        dialog = ExportDialog(self.service.orgs(), org_id, period, self.window)
        dialog.accepted.connect(lambda: self.export_to_folder(dialog.org_id(), dialog.period_text()))
        return self._open(dialog)

    def export_to_folder(self, org_id: str | None, period: str, folder: Path | None = None) -> Operation | None:
        if not org_id:
            return None
        folder = folder or self.service.chooser.directory(
            self.window, self.tr("选择保存数据包的文件夹或 U 盘"))
        if folder is None:
            return None
        op = Operation(self.hub, export_package_op(org_id, period, Path(folder), self.service.operator,
                                                   self.service.lang),
                       title=self.tr("导出上报数据包"), label=self.tr("正在生成数据包（PDF、工作簿、签名）…"))
        return op.success(self._exported).run_in_background()

    def _exported(self, outcome: object) -> None:
        assert isinstance(outcome, ExportOutcome)
        if outcome.created is not None:
            paths = [part.path for part in outcome.created.parts] or [outcome.created.path]
            self.message.emit(self.tr("已写出数据包：%1").replace("%1", " ".join(map(str, paths))))
        else:
            self.message.emit(outcome.nothing)
        self._open(ExportResultDialog(outcome, self.service.lang, self.window))
        self.exported.emit(outcome)

    # --- verify --------------------------------------------------------------------------
    def verify_package(self, path: Path | None = None) -> Operation | None:
        path = path or self.service.chooser.open_file(
            self.window, self.tr("校验数据包"), self.tr("上报数据包 (%1)").replace("%1", PACKAGE_FILTER))
        if path is None:
            return None
        op = Operation(self.hub, verify_package_op(Path(path), self.service.lang), title=self.tr("校验数据包"),
                       label=self.tr("正在校验 %1…").replace("%1", Path(path).name), uses_database=False)
        return op.success(self._verified).run_in_background()

    def _verified(self, outcome: object) -> None:
        assert isinstance(outcome, VerifyOutcome)
        self._open(VerifyDialog(outcome, self.service.lang, self.window))
        self.verified.emit(outcome)

    # --- import --------------------------------------------------------------------------
    def import_packages(self, paths: list[Path] | None = None) -> Operation | None:
        """Import many files at once; a cancel stops between files; then the result table."""
        paths = paths or self.service.chooser.open_files(
            self.window, self.tr("导入数据包（可多选）"), self.tr("上报数据包 (%1)").replace("%1", PACKAGE_FILTER))
        if not paths:
            return None
        return self._run_import([Path(p) for p in paths], accept_new_key=False)

    def _run_import(self, paths: list[Path], accept_new_key: bool, accept_foreign: bool = False) -> Operation:
        label = self.tr("正在校验并导入 %1 个数据包…").replace("%1", str(len(paths)))
        op = Operation(self.hub, import_packages_op(paths, self.service.operator, self.service.lang, accept_new_key,
                                                    accept_foreign),
                       title=self.tr("导入数据包"), label=label)
        return op.success(lambda rows: self._imported(rows, accept_new_key, accept_foreign)).run_in_background()

    def _imported(self, rows: object, accepted_new_key: bool, accepted_foreign: bool = False) -> None:
        results: list[FileResult] = list(rows)  # type: ignore[call-overload]
        if (accepted_new_key or accepted_foreign) and self.results_dialog is not None:
            for row in results:
                self.results_dialog.model.replace(row)
        else:
            if self.results_dialog is not None:
                self.results_dialog.close()
            dialog = ImportResultsDialog(results, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(lambda _o=None: setattr(self, "results_dialog", None))
            dialog.open()
            self.results_dialog = dialog
        done = sum(1 for r in results if r.status == "imported")
        self.message.emit(self.tr("导入完成：%1 个数据包已导入").replace("%1", str(done)))
        changed = [r for r in results if r.status == KEY_CHANGED]
        foreign = [r for r in results if r.status == FOREIGN]
        self.imported.emit(results)
        if changed and not accepted_new_key:
            self.ask_new_key(changed)
        if foreign and not accepted_foreign:
            self.ask_foreign(foreign)

    def ask_new_key(self, rows: list[FileResult]) -> KeyChangeDialog:
        """Both fingerprints; only an explicit confirmation imports again with the new key."""
        parent = self.results_dialog or self.window
        dialog = KeyChangeDialog(rows, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._run_import([r.path for r in rows], accept_new_key=True))
        dialog.destroyed.connect(lambda _o=None: setattr(self, "key_change_dialog", None))
        dialog.open()
        self.key_change_dialog = dialog
        return dialog

    def ask_foreign(self, rows: list[FileResult]) -> ForeignDivisionDialog:
        """Both division codes; only an explicit confirmation imports them again (--accept-foreign)."""
        parent = self.results_dialog or self.window
        dialog = ForeignDivisionDialog(rows, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._run_import([r.path for r in rows], accept_new_key=False,
                                                         accept_foreign=True))
        dialog.destroyed.connect(lambda _o=None: setattr(self, "foreign_dialog", None))
        dialog.open()
        self.foreign_dialog = dialog
        return dialog
