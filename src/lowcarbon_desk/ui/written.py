"""After an export: where it wrote, said in a box with 打开文件夹; before it: a file of the same
name is replaced only when the user says so.

``show_written`` is the box every export shows when its files are written (the status line
says it too). ``confirm_overwrite`` is what an export dialog's OK button calls: the first
click on a name that exists says so and turns the button into 覆盖; a second click goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from ..domain.text import printable


def _tr(text: str) -> str:
    return QCoreApplication.translate("Written", text)


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def show_written(parent: QWidget | None, title: str, paths: Iterable[Path], note: str = "") -> QMessageBox:
    """A box naming the files written and their folder, with 打开文件夹 (not modal)."""
    written = [Path(p) for p in paths]
    folder = written[0].parent if written else Path.cwd()
    lines = [_tr("已写出：")] + [f"  {printable(p.name)}" for p in written]
    lines += ["", _tr("文件夹：%1").replace("%1", printable(str(folder)))]
    if note:
        lines += ["", note]
    box = QMessageBox(QMessageBox.Icon.Information, title, "\n".join(lines), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("written_box")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    opener = box.addButton(_tr("打开文件夹"), QMessageBox.ButtonRole.ActionRole)
    opener.setObjectName("open_folder")
    opener.setProperty("folder", str(folder))
    # an action button would close the box: it opens the folder and leaves the box up
    opener.clicked.disconnect()
    opener.clicked.connect(lambda: open_folder(folder))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def confirm_overwrite(dialog: QWidget, paths: Iterable[Path | None], error: QLabel, ok: QPushButton) -> bool:
    """Whether the export may write ``paths``: yes when none exists, or when the user clicked
    again after being told which exist (the OK button then reads 覆盖)."""
    existing = sorted(str(p) for p in paths if p is not None and p.exists())
    if not existing or dialog.property("overwrite_confirmed") == existing:
        return True
    dialog.setProperty("overwrite_confirmed", existing)
    error.setWordWrap(True)
    error.setText(_tr("已有同名文件：%1。再点“覆盖”将替换它，或改用别的文件名或文件夹。").replace(
        "%1", "、".join(printable(Path(p).name) for p in existing)))
    ok.setText(_tr("覆盖"))
    return False
