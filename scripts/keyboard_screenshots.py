"""Screenshots of the keyboard help at 1024×700, into docs/screenshots/.

    python scripts/keyboard_screenshots.py [--out FOLDER]

A small demo county is made in a temporary folder; its first annual energy report is opened in
the window at 1024×700 with the keyboard focus in the energy table (its focus ring showing; Chinese only),
and Help ▸ Keyboard shortcuts opened over it, in Chinese and in English. Each picture is the
window with the dialog drawn where it opened.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SIZE = (1024, 700)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lowcarbon-keyboard-shots-"))
    os.environ.setdefault("LOWCARBON_DESK_HOME", str(work / "home"))

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QPainter

    from lowcarbon_desk.demo import build_demo
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n
    from lowcarbon_desk.ui.launch import application
    from lowcarbon_desk.ui.main_window import MainWindow
    from lowcarbon_desk.ui.service import DeskService
    from lowcarbon_desk.ui.settings import WindowSettings

    store = open_store(work / "demo.db")
    build_demo(store, county="410199", enterprises=3, seed=2025)
    app = application()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    for lang in ("zh", "en"):
        i18n.install(lang)
        service = DeskService(store, "截图", lang)
        settings = WindowSettings(QSettings(str(work / f"window-{lang}.ini"), QSettings.Format.IniFormat))
        window = MainWindow(service, settings)
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        window.reload_records(synchronous=True)
        annual = next(r[0] for r in window.rows if r[1] == "energy_report" and len(r[6] or "") == 4)
        window.open_record(annual)
        settle()
        group = window.pane.editor.groups["lines"]
        group.select_cell(0, group.model.column_of("purchase_qty"))
        settle()
        if lang == "zh":
            target = args.out / "29-focus-ring-zh-1024x700.png"
            window.grab().save(str(target))
            print(target)
        dialog = window.show_shortcuts()
        settle()
        picture = window.grab()
        painter = QPainter(picture)
        corner = dialog.mapToGlobal(dialog.rect().topLeft()) - window.mapToGlobal(window.rect().topLeft())
        painter.drawPixmap(corner, dialog.grab())
        painter.end()
        target = args.out / f"28-shortcuts-{lang}-1024x700.png"
        picture.save(str(target))
        print(target)
        dialog.close()
        window.pane.save_now()
        window.close()
        settle()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
