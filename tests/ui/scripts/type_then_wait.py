"""Run by tests/ui/test_data_safety_window.py in a subprocess: open the window offscreen on a
database, type into a field of a draft, wait until the unsaved edit is kept, say so, and
keep running until the test kills the process (SIGKILL: a crash or a power cut)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from lowcarbon_desk.storage import open_store
from lowcarbon_desk.ui.edit_journal import EditJournal
from lowcarbon_desk.ui.main_window import MainWindow
from lowcarbon_desk.ui.service import DeskService


def main(db_path: str, record_id: str, field: str, text: str) -> int:
    app = QApplication(sys.argv[:1])
    store = open_store(Path(db_path))
    window = MainWindow(DeskService(store, "tester", "zh"))
    journal = EditJournal(window.pane, Path(db_path), window)
    window.show()
    window.open_record(record_id)
    window.pane._autosave.setInterval(10 * 60 * 1000)  # the kill comes before the autosave
    edit = window.pane.editor.findChild(QLineEdit, f"field_{field}")
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)  # key events, as typing sends them

    def kept() -> None:
        if journal.path is not None and journal.path.exists():
            print(f"kept {journal.path}", flush=True)
        else:
            QTimer.singleShot(50, kept)

    QTimer.singleShot(50, kept)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
