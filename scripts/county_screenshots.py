"""Screenshots of the county menu's dialogs at 1600×1000 and 1024×700, into docs/screenshots/.

    python scripts/county_screenshots.py [--out FOLDER]

A demo county is built in a temporary folder; two demo enterprises send their 2025 packages to a
fresh county database, which accepts one record and returns another, so that the decision
package dialog has decisions to list. Each dialog is shot over the window (the whole screen).
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

SIZES = {"1600x1000": (1600, 1000), "1024x700": (1024, 700)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lowcarbon-county-shots-"))
    os.environ.setdefault("LOWCARBON_DESK_HOME", str(work / "home"))

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from lowcarbon_desk.demo import build_demo
    from lowcarbon_desk.packages.create import create_submission_package, sendable_record_ids
    from lowcarbon_desk.packages.importer import import_packages
    from lowcarbon_desk.packages.keys import InstallationKey
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n
    from lowcarbon_desk.ui.launch import application
    from lowcarbon_desk.ui.main_window import MainWindow
    from lowcarbon_desk.ui.service import DeskService
    from lowcarbon_desk.ui.settings import WindowSettings

    demo = open_store(work / "demo.db")
    build_demo(demo, county="410199", enterprises=12, seed=2025)
    enterprises = [o for o in demo.list_orgs() if o["kind"] == "enterprise"
                   and sendable_record_ids(demo, o["org_id"], "2025")][:2]
    county_org = demo.get_org(enterprises[0]["admin_code"])
    (work / "usb").mkdir()
    made = [create_submission_package(demo, org["org_id"], work / "usb", operator=org["contact_name"],
                                      period="2025", key=InstallationKey.generate()) for org in enterprises]
    demo.close()
    county = open_store(work / "county.db")
    county.add_orgs([{k: v for k, v in county_org.items() if k not in ("created_at", "updated_at")}], "县审核员")
    import_packages(county, [m.path for m in made], "县审核员")
    received = [r["record_id"] for r in county.list_records(latest_only=True)]
    county.decide(received[0], "accepted", "县审核员", None)
    county.decide(received[1], "returned", "县审核员", "用能预算的基准年数据与上年年报不一致，请核对后重新提交")
    county.close()

    app = application()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    def wait_until(condition, seconds: float = 30) -> None:
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: condition() and loop.quit())
        timer.start(20)
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        timer.stop()

    for lang in ("zh", "en"):
        i18n.install(lang)
        for size_name, (width, height) in SIZES.items():
            for db_name in ("demo.db", "county.db"):
                store = open_store(work / db_name)
                service = DeskService(store, "县审核员", lang)
                settings = WindowSettings(QSettings(str(work / f"{lang}{size_name}.ini"), QSettings.Format.IniFormat))
                window = MainWindow(service, settings)
                window.resize(width, height)
                window.show()
                window.reload_records(synchronous=True)
                settle()
                if db_name == "demo.db":
                    dialogs = [("13-rollup", window.county.export_rollup()),
                               ("14-template", window.county.export_template())]
                else:
                    dialog = window.county.export_decisions()
                    wait_until(lambda d=dialog: d.table.rowCount() > 0)
                    dialogs = [("15-decisions", dialog)]
                for name, dialog in dialogs:
                    dialog.folder.edit.setText(str(Path.home() / ("Documents" if lang == "en" else "文档")))
                    settle()
                    path = args.out / f"{name}-{lang}-{size_name}.png"
                    image = window.grab()
                    from PySide6.QtGui import QPainter

                    painter = QPainter(image)
                    # offscreen windows have no frame or place: draw the dialog centred, as a window manager would
                    shot = dialog.grab()
                    painter.drawPixmap((image.width() - shot.width()) // 2, (image.height() - shot.height()) // 3, shot)
                    painter.end()
                    image.save(str(path))
                    print(path)
                    dialog.close()
                window.close()
                store.close()
                settle()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
