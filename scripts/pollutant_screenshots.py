"""Screenshots of energy report version 2 (pollutants with carbon) and the roll-up's data
centres, into docs/screenshots/.

    python scripts/pollutant_screenshots.py [--out FOLDER]

A small demo county is made in a temporary folder. Written: the window at 1024×700 with the
chemical plant's annual energy report scrolled to its section 污染物排放 (its SO2 cross-check
warning justified), in Chinese and English; the county roll-up PDF's page with 数据中心 as PNG
(pdftoppm).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SIZE = (1024, 700)


def _rollup_page(store, out: Path) -> None:
    import pypdf

    from lowcarbon_desk.reports.rollup_data import county_rollup
    from lowcarbon_desk.reports.rollup_pdf import write_rollup_pdf

    pdf = write_rollup_pdf(county_rollup(store, 2025), out.parent / "rollup.pdf")
    reader = pypdf.PdfReader(pdf)
    page = next(i for i, p in enumerate(reader.pages) if "数据中心（" in p.extract_text()) + 1
    target = out / "32-rollup-datacentres-pdf.png"
    subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "90", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(target.with_suffix(""))], check=True)
    pdf.unlink()
    print(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lowcarbon-pollutant-shots-"))
    os.environ.setdefault("LOWCARBON_DESK_HOME", str(work / "home"))

    from PySide6.QtCore import QSettings

    from lowcarbon_desk.demo import build_demo
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n
    from lowcarbon_desk.ui.launch import application
    from lowcarbon_desk.ui.main_window import MainWindow
    from lowcarbon_desk.ui.service import DeskService
    from lowcarbon_desk.ui.settings import WindowSettings

    store = open_store(work / "demo.db")
    build_demo(store, county="410199", enterprises=6, seed=2025)
    chemicals = next(o["org_id"] for o in store.list_orgs() if o.get("industry_code") == "C2614")
    record = next(r["record_id"] for r in store.list_records(form="energy_report")
                  if r["org_id"] == chemicals and len(r["period"]) == 4)
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
        window.reload_records(synchronous=True)
        window.open_record(record)
        settle()
        editor = window.pane.editor
        editor.focus_field("vocs_t")  # the section's last rows in view, its heading above
        editor.focus_field("permit_no")
        settle()
        target = args.out / f"32-energy-report-pollutants-{lang}-1024x700.png"
        window.grab().save(str(target))
        print(target)
        window.close()
        settle()
    _rollup_page(store, args.out)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
