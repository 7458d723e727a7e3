"""导出审核结论包…: pick decided records (accepted or returned), write each enterprise's package.

Lists the records received in packages that this county has decided, newest decision first,
all ticked; the officer unticks what should not go and chooses the folder or USB stick. One
signed package per enterprise is written there (the spec's ``<org>_<period>_<time>.lcpkg``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.forms import get_form
from ...domain.records import state_label
from ..choosers import FileChooser
from ..screen_fit import FitsScreen
from .target_row import FolderRow

ERROR_STYLE = "color: #b23c17;"
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DecisionsDialog(FitsScreen, QDialog):
    """The decided records as a ticked list, and the folder the packages go to."""

    def __init__(self, chooser: FileChooser, lang: str, parent=None):
        super().__init__(parent)
        self.setObjectName("decisions_dialog")
        self.setWindowTitle(self.tr("导出审核结论包"))
        self.lang = lang
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("decisions_table")
        self.table.setHorizontalHeaderLabels([self.tr("单位"), self.tr("表单"), self.tr("期间"),
                                              self.tr("结论"), self.tr("意见"), self.tr("审核时间")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self._update())
        all_button = QPushButton(self.tr("全选"))
        all_button.clicked.connect(lambda: self.check_all(True))
        none_button = QPushButton(self.tr("全不选"))
        none_button.clicked.connect(lambda: self.check_all(False))
        self.count = QLabel(self.tr("正在读取…"))
        self.count.setObjectName("decisions_count")
        picks = QHBoxLayout()
        picks.addWidget(all_button)
        picks.addWidget(none_button)
        picks.addWidget(self.count, 1)
        self.folder = FolderRow(chooser)
        form = QFormLayout()
        form.addRow(self.tr("保存到"), self.folder)
        note = QLabel(self.tr("从数据包收到、已接收或退回的记录。每家企业写出一个签名的审核结论包，"
                              "企业导入后即可看到结论和退回意见；同一结论可以重复发送。"))
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("写出结论包"))
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(picks)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(860, 520)

    def set_rows(self, rows: list[dict], checked: set[str] | None = None) -> None:
        """Fill the list (``checked``: the ids to tick; default every row)."""
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            org = QTableWidgetItem(f"{row['org_name']}")
            org.setToolTip(row["org_id"])
            org.setData(ID_ROLE, row["record_id"])
            org.setFlags(org.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = checked is None or row["record_id"] in checked
            org.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            form = get_form(row["form"], row.get("form_version"))
            cells = [org, QTableWidgetItem(form.title(self.lang)), QTableWidgetItem(row["period"] or ""),
                     QTableWidgetItem(state_label(row["state"], self.lang)),
                     QTableWidgetItem((row["decision_comment"] or "").replace("\n", " ")),
                     QTableWidgetItem((row["decided_at"] or "")[:16].replace("T", " "))]
            cells[4].setToolTip(row["decision_comment"] or "")
            for c, item in enumerate(cells):
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        for column in range(4):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 12, 260))
        self._update()

    def check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        for item in self._check_items():
            item.setCheckState(state)
        self.table.blockSignals(False)
        self._update()

    def _check_items(self) -> list[QTableWidgetItem]:
        """The first column's items, one per row, each with a check box."""
        return [item for r in range(self.table.rowCount()) if (item := self.table.item(r, 0)) is not None]

    def chosen_ids(self) -> list[str]:
        return [item.data(ID_ROLE) for item in self._check_items()
                if item.checkState() == Qt.CheckState.Checked]

    def target_folder(self) -> Path | None:
        return self.folder.folder()

    def _update(self) -> None:
        chosen, total = len(self.chosen_ids()), self.table.rowCount()
        if total == 0:
            self.count.setText(self.tr("还没有审核过的记录：先在“待审核”中接收或退回"))
        else:
            self.count.setText(self.tr("已选 %1 / %2 条").replace("%1", str(chosen)).replace("%2", str(total)))
        self.ok.setEnabled(chosen > 0)

    def accept(self) -> None:
        folder = self.target_folder()
        if folder is None or not folder.is_dir():
            self.error.setText(self.tr("请选择一个已有的文件夹或 U 盘"))
            return
        super().accept()
