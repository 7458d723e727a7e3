"""Screenshots of the county overview's 目标进展 and the target dialog at 1024×700, into
docs/screenshots/.

    python scripts/targets_screenshots.py [--out FOLDER]

A demo county (2025) is built in a temporary folder; each of its annual energy reports is
copied to 2020-2024 with a somewhat higher intensity (so the years have a path), and the county
sets targets for 2025 (base year 2020).
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


def earlier_years(store, county: str) -> None:
    """Copy the 2025 annual reports to 2020..2024: same energy, value added lower the earlier."""
    reports = [r for r in store.list_records(form="energy_report", period="2025", latest_only=True)]
    for record in reports:
        doc = store.get_record(record["record_id"])
        for year, share in ((2020, 0.80), (2021, 0.84), (2022, 0.88), (2023, 0.92), (2024, 0.95)):
            data = {**doc["data"], "period": str(year),
                    "value_added_10k_yuan": round((doc["data"].get("value_added_10k_yuan") or 0) * share, 1)}
            data.pop("attachments", None)
            rid = store.add_record("energy_report", doc["org_id"], data, "demo")
            for issue in store.issues(rid):
                if issue.severity == "warning" and not issue.justification:
                    store.justify(rid, issue.rule, "示范数据", "demo", field=issue.field)
            store.submit(rid, "demo")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lowcarbon-target-shots-"))
    os.environ.setdefault("LOWCARBON_DESK_HOME", str(work / "home"))

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    from lowcarbon_desk.demo import build_demo
    from lowcarbon_desk.domain.targets import Target
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.storage.targets import set_target
    from lowcarbon_desk.ui import i18n
    from lowcarbon_desk.ui.launch import application
    from lowcarbon_desk.ui.main_window import MainWindow
    from lowcarbon_desk.ui.service import DeskService
    from lowcarbon_desk.ui.settings import WindowSettings

    store = open_store(work / "demo.db")
    build_demo(store, county="410199", enterprises=12, seed=2025)
    earlier_years(store, "410199")
    set_target(store, Target("410199", 2025, 2020, co2_intensity_cut_pct=18, energy_intensity_cut_pct=13.5,
                             energy_cap_tce=450_000), "县发改局")
    store.close()

    app = application()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    for lang in ("zh", "en"):
        i18n.install(lang)
        store = open_store(work / "demo.db")
        service = DeskService(store, "县发改局", lang)
        settings = WindowSettings(QSettings(str(work / f"{lang}.ini"), QSettings.Format.IniFormat))
        window = MainWindow(service, settings)
        window.resize(WIDTH, HEIGHT)
        window.show()
        window.pages.setCurrentIndex(1)
        window.overview.fill_years()
        window.overview.set_year(2025)
        window.overview.refresh(synchronous=True)
        settle()
        scroll = window.overview.targets_panel.parentWidget().parentWidget().parentWidget()
        bar = scroll.verticalScrollBar()  # type: ignore[attr-defined]
        bar.setValue(window.overview.targets_panel.y())
        settle()
        path = args.out / f"22-targets-{lang}-1024x700.png"
        window.grab().save(str(path))
        print(path)
        dialog = window.overview.edit_targets()
        dialog.fields["year"].setText("2025")
        dialog.load()
        dialog.fields["co2_intensity_cut_pct"].setText("120")
        dialog.accept()  # refused: the error line names the field
        settle()
        image = window.grab()
        painter = QPainter(image)
        shot = dialog.grab()
        painter.drawPixmap((image.width() - shot.width()) // 2, (image.height() - shot.height()) // 3, shot)
        painter.end()
        path = args.out / f"23-target-dialog-{lang}-1024x700.png"
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
