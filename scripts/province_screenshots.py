"""Screenshots of the province desk at 1024×700, into docs/screenshots/.

    python scripts/province_screenshots.py [--out FOLDER]

The demo province (``demo --province``, 6 enterprises per county) is built in a temporary
folder; the shots: the overview's county table, and one county's enterprises after a
double-click.
"""

from __future__ import annotations

import sys

import shots


def main(argv: list[str] | None = None) -> int:
    out, work = shots.start(__doc__, "province", argv)

    from lowcarbon_desk.demo.province import build_province_demo
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n

    store = open_store(work / "province.db")
    build_province_demo(store, enterprises=6, seed=2025)
    store.close()

    shots.application()
    for lang in ("zh", "en"):
        i18n.install(lang)
        with shots.window_on(work / "province.db", "省发改委", lang, work / f"{lang}.ini", shots.SMALL) as window:
            shots.show_overview(window, 2025)
            panel = window.overview.province_panel
            shots.scroll_to(panel)
            shots.save(window, out / f"30-province-{lang}-1024x700.png")
            panel.county_view.doubleClicked.emit(panel.county_model.index(1, 0))
            shots.settle()
            shots.scroll_to(panel)
            shots.save(window, out / f"31-province-county-{lang}-1024x700.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
