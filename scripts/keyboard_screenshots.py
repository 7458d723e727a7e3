"""Screenshots of the keyboard help at 1024×700, into docs/screenshots/.

    python scripts/keyboard_screenshots.py [--out FOLDER]

A small demo county is made in a temporary folder; its first annual energy report is opened in
the window at 1024×700 with the keyboard focus in the energy table (its focus ring showing; Chinese only),
and Help ▸ Keyboard shortcuts opened over it, in Chinese and in English. Each picture is the
window with the dialog drawn where it opened.
"""

from __future__ import annotations

import sys

import shots


def main(argv: list[str] | None = None) -> int:
    out, work = shots.start(__doc__, "keyboard", argv)

    from lowcarbon_desk.ui import i18n

    store = shots.demo_store(work / "demo.db", enterprises=3)
    shots.application()
    for lang in ("zh", "en"):
        i18n.install(lang)
        window = shots.main_window(store, "截图", lang, work / f"window-{lang}.ini", shots.SMALL)
        window.activateWindow()
        window.reload_records(synchronous=True)
        annual = next(r[0] for r in window.rows if r[1] == "energy_report" and len(r[6] or "") == 4)
        window.open_record(annual)
        shots.settle(5)
        group = window.pane.editor.groups["lines"]
        group.select_cell(0, group.model.column_of("purchase_qty"))
        shots.settle(5)
        if lang == "zh":
            shots.save(window, out / "29-focus-ring-zh-1024x700.png")
        dialog = window.show_shortcuts()
        shots.settle(5)
        shots.save(shots.with_dialog(window, dialog), out / f"28-shortcuts-{lang}-1024x700.png")
        dialog.close()
        window.pane.save_now()
        window.close()
        shots.settle(5)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
