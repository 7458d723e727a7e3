"""Where an export goes: a folder (typed or chosen with the service's chooser) and file names.

Default names come from the county name and the year, never from ids (``default_names``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from ..choosers import FileChooser
from ..operations.county import file_name_part


def default_folder() -> Path:
    """The user's documents folder (the home folder when the system names none)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def rollup_base_name(county_name: str, year: int, lang: str) -> str:
    """``测试县2025年全县汇总`` / ``测试县 2025 county roll-up`` (no extension)."""
    county = file_name_part(county_name)
    return f"{county} {year} county roll-up" if lang == "en" else f"{county}{year}年全县汇总"


def template_name(county_name: str, lang: str) -> str:
    """The blank template's default file name."""
    county = file_name_part(county_name) if county_name else ""
    if lang == "en":
        return f"{county} blank template.xlsx".strip()
    return f"{county}填报空白模板.xlsx"


class FolderRow(QWidget):
    """A folder field with a browse button; ``changed`` when the text changes."""

    changed = Signal()

    def __init__(self, chooser: FileChooser, folder: Path | None = None, parent=None):
        super().__init__(parent)
        self.chooser = chooser
        self.edit = QLineEdit(str(folder or default_folder()))
        self.edit.setObjectName("folder_edit")
        self.edit.setMinimumWidth(260)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        browse = QPushButton(self.tr("浏览…"))
        browse.setObjectName("folder_browse")
        browse.clicked.connect(self.browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def browse(self) -> None:
        chosen = self.chooser.directory(self, self.tr("选择保存的文件夹或 U 盘"), self.edit.text())
        if chosen is not None:
            self.edit.setText(str(chosen))

    def folder(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None
