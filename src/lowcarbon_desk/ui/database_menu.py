"""The database part of the File menu: new, open, recent, back up now, restore.

Changing the database closes the window and asks ``launch`` to open the next one
(``window.next_step``), with its own lock, check and store: nothing of the old database
stays open. Backing up runs on a worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # QtWidgets.QMessageBox, QFileDialog: looked up when used, after the frame
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from .demo_file import is_demo_database

if TYPE_CHECKING:  # imported where used: launch shows the window before storage loads
    from .backup_dialogs import RestoreDialog
    from .operations import Operation
    from .welcome import WelcomeDialog

RECENT_KEY = "recent_databases"
RECENT_COUNT = 8


@dataclass(frozen=True)
class NextStep:
    """What ``launch`` does after the window closes: ``open`` a path, ``create`` one with
    ``org``, or ``restore`` ``copy`` over ``path`` and open it."""

    action: str
    path: Path
    org: dict | None = None
    copy: Path | None = None


def recent_databases(settings) -> list[Path]:
    try:
        value = json.loads(settings.text(RECENT_KEY, "[]"))
    except ValueError:
        return []
    return [Path(p) for p in value if isinstance(p, str)] if isinstance(value, list) else []


def remember_database(settings, path: Path) -> None:
    paths = [str(Path(path).resolve())]
    paths += [str(p) for p in recent_databases(settings) if str(p) != paths[0]]
    settings.set_text(RECENT_KEY, json.dumps(paths[:RECENT_COUNT], ensure_ascii=False))
    settings.sync()


class DatabaseMenu(QObject):
    """Builds the File menu's database actions on ``window`` (again after a language change)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def build(self, menu: QMenu, action) -> None:
        """Add the actions at the top of ``menu``; ``action`` is the window's action factory."""
        window = self.window
        self.act_new_db = action(self.tr("新建数据库…"), self.new_database, None, "act_new_database")
        self.act_open_db = action(self.tr("打开数据库…"), self.open_database, "Ctrl+O", "act_open_database")
        self.act_backup = action(self.tr("备份…"), self.backup_now, None, "act_backup")
        self.act_restore = action(self.tr("恢复…"), self.restore, None, "act_restore")
        menu.addAction(self.act_new_db)
        menu.addAction(self.act_open_db)
        recent = menu.addMenu(self.tr("最近打开的数据库"))
        recent.setObjectName("recent_menu")
        current = Path(window.service.db_path).resolve() if window.service.db_path else None
        for path in recent_databases(window.settings):
            if path == current:
                continue
            item = action(str(path), lambda p=path: self.switch_to(p), None, "act_recent")
            recent.addAction(item)
        recent.setEnabled(bool(recent.actions()))
        menu.addSeparator()
        menu.addAction(self.act_backup)
        menu.addAction(self.act_restore)
        menu.addSeparator()
        if is_demo_database(window.service.db_path):
            window.setWindowTitle(self.tr("【示范数据】") + " " + window.windowTitle())

    def switch_to(self, step: NextStep | Path) -> None:
        """Close this window and let ``launch`` open the next database."""
        if isinstance(step, Path):
            step = NextStep("open", step)
        self.window.next_step = step
        self.window.close()

    def new_database(self, path: Path | None = None) -> WelcomeDialog | None:
        from .welcome import WelcomeDialog

        if path is None:
            chosen, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, self.tr("新建数据库"), "",
                                                    self.tr("数据库 (*.db)"))
            if not chosen:
                return None
            path = Path(chosen)
        if path.exists():
            QtWidgets.QMessageBox.warning(self.window, self.tr("新建数据库"),
                                self.tr("文件 %1 已存在；请用“打开数据库…”打开它。").replace("%1", str(path)))
            return None
        dialog = WelcomeDialog(path, self.window.service.lang, self.window, first_start=False)

        def chosen_org() -> None:
            if dialog.choice is not None:
                self.switch_to(NextStep("create", path, dialog.choice.org))

        dialog.accepted.connect(chosen_org)
        dialog.open()
        return dialog

    def open_database(self, path: Path | None = None) -> None:
        """Switch to an existing database; a file that is not one is named in a warning and
        this window stays as it was."""
        from .welcome import existing_database_problem

        if path is None:
            chosen, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, self.tr("打开数据库"), "",
                                                    self.tr("数据库 (*.db *.sqlite);;所有文件 (*)"))
            if not chosen:
                return
            path = Path(chosen)
        problem = existing_database_problem(path, self.window.service.lang)
        if problem is not None:
            self.window._failed(problem)
            return
        self.switch_to(path)

    def backup_now(self) -> Operation[Path]:
        """A ``manual`` copy in the database's folder of copies, made on a worker."""
        from ..storage.autobackup import MANUAL, make_backup
        from .operations import Changes, Done, Operation

        window = self.window
        db_path = window.service.db_path
        window.pane.save_now()

        def work(store, _progress) -> Done[Path]:
            path = make_backup(store, db_path, MANUAL)
            return Done(path, Changes(files=(path,)))

        op = Operation(window.operations, work, title=self.tr("备份"), label=self.tr("正在备份数据库…"),
                       cancellable=False)
        return op.success(lambda path: window.show_message(self.tr("已备份到 %1").replace("%1", str(path)))
                          ).failure(window._failed).run_in_background()

    def restore(self) -> RestoreDialog:
        from .backup_dialogs import RestoreDialog

        window = self.window
        window.pane.save_now()
        dialog = RestoreDialog(Path(window.service.db_path), window.service.lang, window)

        def chosen() -> None:
            if dialog.chosen is None:
                return
            answer = QtWidgets.QMessageBox.question(
                window, self.tr("从备份恢复"),
                self.tr("用 %1 的备份替换当前数据库？当前数据库会另存一份。").replace(
                    "%1", f"{dialog.chosen.made_at:%Y-%m-%d %H:%M}"))
            if answer == QtWidgets.QMessageBox.StandardButton.Yes:
                self.switch_to(NextStep("restore", Path(window.service.db_path), copy=dialog.chosen.path))

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog
