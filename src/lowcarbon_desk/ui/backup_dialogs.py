"""File ▸ Restore… (the list of copies) and the dialog for a database that cannot be used."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..storage.autobackup import BackupCopy, list_backups
from .models.backup_copies import BackupCopiesModel
from .screen_fit import FitsScreen

RESTORE, OPEN_OTHER = "restore", "open"


def kind_label(kind: str, lang: str) -> str:
    """A person's name for a kind of copy."""
    labels = {"daily": ("每日自动备份", "daily"), "manual": ("手动备份", "manual"),
              "before-package-import": ("导入数据包前", "before a package import"),
              "before-workbook-import": ("导入工作簿前", "before a workbook import"),
              "before-restore": ("恢复前的数据库", "before a restore"),
              "before-forms": ("表单升级前", "before a form update")}
    if kind.startswith("before-v") and kind[8:].isdigit():
        return f"升级到结构版本 {kind[8:]} 前" if lang == "zh" else f"before schema {kind[8:]}"
    zh, en = labels.get(kind, (kind, kind))
    return en if lang == "en" else zh


def size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"


class RestoreDialog(FitsScreen, QDialog):
    """The copies of a database, newest first; ``chosen`` is the one to restore."""

    def __init__(self, db_path: Path, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(self.tr("从备份恢复"))
        self.copies: list[BackupCopy] = list_backups(db_path)
        self.chosen: BackupCopy | None = None
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("选择一个备份替换数据库 %1。当前数据库会另存一份，不会丢失。").replace("%1", str(db_path))
                      if self.copies else self.tr("数据库 %1 还没有备份。").replace("%1", str(db_path)))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.model = BackupCopiesModel(self.copies, lambda kind: kind_label(kind, lang), size_text, self)
        self.table = QTableView()
        self.table.setObjectName("backup_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        if self.copies:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self.choose())
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        restore = buttons.addButton(self.tr("恢复"), QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setEnabled(bool(self.copies))
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def choose(self, row: int | None = None) -> BackupCopy | None:
        if row is None:
            rows = self.table.selectionModel().selectedRows()
            row = rows[0].row() if rows else -1
        if not 0 <= row < len(self.copies):
            return None
        self.chosen = self.model.copy(row)
        self.accept()
        return self.chosen


class UnusableDatabaseDialog(QMessageBox):
    """A damaged, cut-short, foreign or newer database: restore the newest intact copy (checked
    before it is offered), open another file, or quit. ``answer`` is RESTORE, OPEN_OTHER or None."""

    def __init__(self, message: str, copy: BackupCopy | None, lang: str, parent: QWidget | None = None):
        super().__init__(QMessageBox.Icon.Critical, "", "", QMessageBox.StandardButton.NoButton, parent)
        self.setObjectName("unusable_database_dialog")
        self.setWindowTitle(self.tr("数据库无法使用"))
        self.copy = copy
        self.answer: str | None = None
        offer = (self.tr("最新的完好备份：%1（%2，已通过完整性检查）。恢复时，当前文件会原样另存，不会被修改。")
                 .replace("%1", f"{copy.made_at:%Y-%m-%d %H:%M}").replace("%2", kind_label(copy.kind, lang))
                 if copy is not None else self.tr("没有找到完好的备份。"))
        self.setText(f"{message}\n\n{offer}")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button: QPushButton | None = None
        if copy is not None:
            self.restore_button = self.addButton(self.tr("从备份恢复"), QMessageBox.ButtonRole.AcceptRole)
        self.open_button = self.addButton(self.tr("打开其他数据库…"), QMessageBox.ButtonRole.ActionRole)
        self.quit_button = self.addButton(self.tr("退出"), QMessageBox.ButtonRole.RejectRole)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button) -> None:
        if button is self.restore_button:
            self.answer = RESTORE
        elif button is self.open_button:
            self.answer = OPEN_OTHER
