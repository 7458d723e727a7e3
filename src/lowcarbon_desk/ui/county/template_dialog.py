"""导出空白模板…: the empty standard workbook (every record form) for enterprises to fill in Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from ..choosers import FileChooser
from ..dialog_buttons import export_layout
from ..operations.county import file_name_part
from ..screen_fit import FitsScreen
from ..written import confirm_overwrite
from .target_row import FolderRow

ERROR_STYLE = "color: #b23c17;"


class TemplateDialog(FitsScreen, QDialog):
    """The folder and file name of the blank template."""

    def __init__(self, default_name: str, chooser: FileChooser, parent=None):
        super().__init__(parent)
        self.setObjectName("template_dialog")
        self.setWindowTitle(self.tr("导出空白模板"))
        self.folder = FolderRow(chooser)
        self.name = QLineEdit(default_name)
        self.name.setObjectName("template_name")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        note = QLabel(self.tr("空白的标准工作簿：每种填报表一个工作表，带下拉选项和填写说明。"
                              "企业在 Excel 中填写后，用“文件 → 导入工作簿…”读入。"))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("保存到"), self.folder)
        form.addRow(self.tr("文件名"), self.name)
        self.ok = export_layout(self, note, form, self.error, self.tr("导出"))
        self.resize(600, self.sizeHint().height())

    def target(self) -> Path | None:
        """The workbook to write (``.xlsx`` added when missing)."""
        folder, name = self.folder.folder(), file_name_part(self.name.text().strip())
        if folder is None or name == "-":
            return None
        return folder / (name if name.lower().endswith(".xlsx") else f"{name}.xlsx")

    def accept(self) -> None:
        if self.target() is None:
            self.error.setText(self.tr("请填写保存的文件夹和文件名"))
            return
        if not confirm_overwrite(self, [self.target()], self.error, self.ok):
            return
        super().accept()
