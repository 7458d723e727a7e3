"""Screenshots of the province desk at 1024×700, into docs/screenshots/.

    python scripts/province_screenshots.py [--out FOLDER]

The demo province (``demo --province``, 6 enterprises per county) is built in a temporary
folder; the shots: the overview's county table, and one county's enterprises after a
double-click.
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

WIDTH, HEIGHT = 1024, 700


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lowcarbon-province-shots-"))
    os.environ.setdefault("LOWCARBON_DESK_HOME", str(work / "home"))

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from lowcarbon_desk.demo.province import build_province_demo
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n
    from lowcarbon_desk.ui.launch import application
    from lowcarbon_desk.ui.main_window import MainWindow
    from lowcarbon_desk.ui.service import DeskService
    from lowcarbon_desk.ui.settings import WindowSettings

    store = open_store(work / "province.db")
    build_province_demo(store, enterprises=6, seed=2025)
    store.close()

    app = application()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    for lang in ("zh", "en"):
        i18n.install(lang)
        store = open_store(work / "province.db")
        service = DeskService(store, "省发改委", lang)
        settings = WindowSettings(QSettings(str(work / f"{lang}.ini"), QSettings.Format.IniFormat))
        window = MainWindow(service, settings)
        window.resize(WIDTH, HEIGHT)
        window.show()
        window.pages.setCurrentIndex(1)
        window.overview.fill_years()
        window.overview.set_year(2025)
        window.overview.refresh(synchronous=True)
        settle()
        panel = window.overview.province_panel
        scroll = panel.parentWidget().parentWidget().parentWidget()
        scroll.verticalScrollBar().setValue(panel.y())  # type: ignore[attr-defined]
        settle()
        path = args.out / f"30-province-{lang}-1024x700.png"
        window.grab().save(str(path))
        print(path)
        panel.county_view.doubleClicked.emit(panel.county_model.index(1, 0))
        settle()
        scroll.verticalScrollBar().setValue(panel.y())  # type: ignore[attr-defined]
        settle()
        path = args.out / f"31-province-county-{lang}-1024x700.png"
        window.grab().save(str(path))
        print(path)
        window.close()
        store.close()
        settle()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
