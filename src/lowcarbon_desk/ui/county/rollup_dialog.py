"""导出全县汇总…: which county and year, PDF and/or Excel, and where. In a province database
the first choice is 全省汇总 (the province roll-up), then each county.

The years are those with records in the database, newest first and chosen by default; the
file names follow the county name and year and are shown before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
)

from ..choosers import FileChooser
from ..dialog_buttons import export_layout
from ..operations.province import PROVINCE_ROLLUP, province_base_name
from ..screen_fit import FitsScreen
from ..written import confirm_overwrite
from .target_row import FolderRow, rollup_base_name

ERROR_STYLE = "color: #b23c17;"


class RollupDialog(FitsScreen, QDialog):
    """Asks for the county (when the database has several), the year, the formats and the folder."""

    def __init__(self, counties: list[tuple[str, str]], years: list[int], chooser: FileChooser,
                 lang: str, parent=None):
        super().__init__(parent)
        self.setObjectName("rollup_dialog")
        self.setWindowTitle(self.tr("导出全县汇总"))
        self.lang = lang
        self.county = QComboBox()
        self.county.setObjectName("rollup_county")
        self.county_names = dict(counties)
        for code, name in counties:
            if code == PROVINCE_ROLLUP:
                self.county.addItem(self.tr("全省汇总（%1）").replace("%1", name), code)
            else:
                self.county.addItem(f"{name}（{code}）" if name != code else code, code)
        self.year = QComboBox()
        self.year.setObjectName("rollup_year")
        for year in years:
            self.year.addItem(str(year), year)
        self.pdf = QCheckBox(self.tr("PDF（打印、盖章）"))
        self.pdf.setObjectName("rollup_pdf")
        self.pdf.setChecked(True)
        self.xlsx = QCheckBox(self.tr("Excel 工作簿（再加工）"))
        self.xlsx.setObjectName("rollup_xlsx")
        self.xlsx.setChecked(True)
        formats = QHBoxLayout()
        formats.addWidget(self.pdf)
        formats.addWidget(self.xlsx)
        formats.addStretch(1)
        self.folder = FolderRow(chooser)
        self.names = QLabel()
        self.names.setObjectName("rollup_names")
        self.names.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("rollup_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("县（区）"), self.county)
        form.addRow(self.tr("汇总年度"), self.year)
        form.addRow(self.tr("格式"), formats)
        form.addRow(self.tr("保存到"), self.folder)
        form.addRow(self.tr("文件名"), self.names)
        note = QLabel(self.tr("每个单位取该年度最新的非草稿版本，没有时取最新草稿并标注；"
                              "与命令 export rollup 的结果相同。生成时可以取消，取消后不留下文件。"))
        note.setWordWrap(True)
        self.ok = export_layout(self, note, form, self.error, self.tr("导出"))
        for signal in (self.county.currentIndexChanged, self.year.currentIndexChanged,
                       self.pdf.toggled, self.xlsx.toggled, self.folder.changed):
            signal.connect(lambda *_: self._update())
        if not counties:
            self.error.setText(self.tr("数据库中没有县级单位，无法汇总"))
        elif not years:
            self.error.setText(self.tr("数据库中还没有任何记录，无法汇总"))
        self._update()
        self.resize(640, self.sizeHint().height())

    def county_code(self) -> str | None:
        return self.county.currentData()

    def county_name(self) -> str:
        code = self.county_code()
        return self.county_names.get(code, "") if code is not None else ""

    def chosen_year(self) -> int | None:
        return self.year.currentData()

    def targets(self) -> tuple[Path | None, Path | None]:
        """The PDF and workbook paths to write (``None`` for a format not chosen)."""
        folder, year = self.folder.folder(), self.chosen_year()
        if folder is None or year is None or self.county_code() is None:
            return None, None
        base = (province_base_name(self.county_name(), year, self.lang) if self.county_code() == PROVINCE_ROLLUP
                else rollup_base_name(self.county_name(), year, self.lang))
        return (folder / f"{base}.pdf" if self.pdf.isChecked() else None,
                folder / f"{base}.xlsx" if self.xlsx.isChecked() else None)

    def _update(self) -> None:
        paths = [p for p in self.targets() if p is not None]
        self.names.setText("\n".join(p.name for p in paths))
        self.ok.setEnabled(bool(paths))

    def accept(self) -> None:
        if not any(self.targets()):
            self.error.setText(self.tr("请至少选择一种格式和保存的文件夹"))
            return
        if not confirm_overwrite(self, self.targets(), self.error, self.ok):
            return
        super().accept()
