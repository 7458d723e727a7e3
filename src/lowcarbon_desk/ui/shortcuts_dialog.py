"""Help ▸ 快捷键: every shortcut of the window, menu by menu, then the keys inside tables.

The menu part is read from the window's menus as built from the action table, so it lists
exactly the shortcuts the menus show; the table part is ``table_keys.TABLE_KEYS``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
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
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{title} ▸ {_plain(submenu.title())}")
            elif not action.isSeparator() and action.shortcuts():
                # Return and Enter may read the same ("Ctrl+回车"): each reading once
                texts = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
                keys = " / ".join(dict.fromkeys(texts))
                rows.append((_plain(action.text()), keys))
        if rows:
            groups.append((title, rows))

    for action in menu_bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(menu.title()))
    return groups


class ShortcutsDialog(QDialog):
    """The list of shortcuts (see the module docstring); Esc or Enter closes it."""

    def __init__(self, menu_bar: QMenuBar, parent=None):
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(self.tr("快捷键"))
        note = QLabel(self.tr("菜单中的命令也可用 Alt 加菜单名后的字母打开。焦点所在的控件有醒目的边框。"))
        note.setWordWrap(True)
        self.tree = self._tree("shortcuts_tree", self.tr("快捷键"))
        for title, rows in menu_shortcuts(menu_bar):
            self._group(self.tree, title, rows)
        # the keys inside tables beside the menus: both in view at once on a 1024×700 screen
        self.keys_tree = self._tree("table_keys_tree", self.tr("表格与字段中"))
        self.keys_tree.setWordWrap(True)
        self.keys_tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._group(self.keys_tree, self.tr("表格与字段中"), [
            (QCoreApplication.translate("ShortcutsDialog", what), keys) for keys, what in TABLE_KEYS])
        first = self.tree.topLevelItem(0)
        line = first.child(0) if first is not None and first.childCount() else None
        if line is not None:
            self.tree.setCurrentItem(line)  # arrows scroll from the top
        trees = QHBoxLayout()
        trees.addWidget(self.tree, 1)
        trees.addWidget(self.keys_tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(trees, 1)
        layout.addWidget(buttons)
        self.resize(980, 620)

    def _tree(self, name: str, accessible: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName(name)
        tree.setAccessibleName(accessible)
        tree.setColumnCount(2)
        tree.setHeaderLabels([self.tr("命令"), self.tr("按键")])
        tree.setRootIsDecorated(False)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        tree.header().setStretchLastSection(False)
        return tree

    @staticmethod
    def _group(tree: QTreeWidget, title: str, rows: list[tuple[str, str]]) -> None:
        group = QTreeWidgetItem(tree, [title])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setFirstColumnSpanned(True)
        for command, keys in rows:
            QTreeWidgetItem(group, [command, keys])
        group.setExpanded(True)

    def rows(self) -> list[tuple[str, str]]:
        """(command, keys) of every line (tests read them)."""
        found = []
        for tree in (self.tree, self.keys_tree):
            for top in range(tree.topLevelItemCount()):
                group = tree.topLevelItem(top)
                if group is None:
                    continue
                lines = [group.child(i) for i in range(group.childCount())]
                found += [(line.text(0), line.text(1)) for line in lines if line is not None]
        return found


def shortcut_actions(window) -> list[QAction]:
    """The window's actions with a shortcut (tests compare them with the page)."""
    return [a for a in window.findChildren(QAction) if a.shortcuts() and a.text()]
