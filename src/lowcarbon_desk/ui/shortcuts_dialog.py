"""Help ▸ 快捷键: every shortcut of the window, menu by menu, then the keys inside tables.

The menu part is read from the window's menus as built from the action table, so it lists
exactly the shortcuts the menus show; the table part is ``table_keys.TABLE_KEYS``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from .table_keys import TABLE_KEYS


def _plain(text: str) -> str:
    """A menu text without its mnemonic ("文件(&F)" → "文件", "&File" → "File")."""
    for mnemonic in ("(&", "（&"):
        if mnemonic in text:
            text = text[:text.index(mnemonic)]
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(command, keys)]) for every menu with an action that has a shortcut."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []

    def walk(menu: QMenu, title: str) -> None:
        rows: list[tuple[str, str]] = []
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{title} ▸ {_plain(action.menu().title())}")
            elif not action.isSeparator() and action.shortcuts():
                # Return and Enter may read the same ("Ctrl+回车"): each reading once
                texts = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
                keys = " / ".join(dict.fromkeys(texts))
                rows.append((_plain(action.text()), keys))
        if rows:
            groups.append((title, rows))

    for action in menu_bar.actions():
        if action.menu() is not None:
            walk(action.menu(), _plain(action.menu().title()))
    return groups


class ShortcutsDialog(QDialog):
    """The list of shortcuts (see the module docstring); Esc or Enter closes it."""

    def __init__(self, menu_bar: QMenuBar, parent=None):
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(self.tr("快捷键"))
        note = QLabel(self.tr("菜单中的命令也可用 Alt 加菜单名后的字母打开。焦点所在的控件有醒目的边框。"))
        note.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcuts_tree")
        self.tree.setAccessibleName(self.tr("快捷键"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("命令"), self.tr("按键")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        groups = menu_shortcuts(menu_bar)
        groups.append((self.tr("表格与字段中"), [
            (QCoreApplication.translate("ShortcutsDialog", what), keys) for keys, what in TABLE_KEYS]))
        for title, rows in groups:
            group = QTreeWidgetItem(self.tree, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for command, keys in rows:
                QTreeWidgetItem(group, [command, keys])
            group.setExpanded(True)
        self.tree.setCurrentItem(self.tree.topLevelItem(0))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(640, 600)

    def rows(self) -> list[tuple[str, str]]:
        """(command, keys) of every line (tests read them)."""
        found = []
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            found += [(group.child(i).text(0), group.child(i).text(1)) for i in range(group.childCount())]
        return found


def shortcut_actions(window) -> list[QAction]:
    """The window's actions with a shortcut (tests compare them with the page)."""
    return [a for a in window.findChildren(QAction) if a.shortcuts() and a.text()]
