"""Screenshots of "explain this number" at 1024×700, into docs/screenshots/.

    python scripts/explain_screenshots.py [--out FOLDER]

A small demo county is made in a temporary folder; its first annual energy report is opened in
the window at 1024×700, the computed values unfolded, and a value explained: the total CO2 in
Chinese, the first line's CO2 (a per-line cell, F1) in English. Each picture is the window with
the dialog drawn where it opened.
"""

from __future__ import annotations

import sys

import shots


def main(argv: list[str] | None = None) -> int:
    out, work = shots.start(__doc__, "explain", argv)

    from lowcarbon_desk.ui import i18n

    store = shots.demo_store(work / "demo.db", enterprises=3)
    app = shots.application()
    for lang, path in (("zh", "total_co2_t"), ("en", "lines[0].line_co2_t")):
        i18n.install(lang)
        window = shots.main_window(store, "截图", lang, work / f"window-{lang}.ini", shots.SMALL)
        window.reload_records(synchronous=True)
        annual = next(r[0] for r in window.rows if r[1] == "energy_report" and len(r[6] or "") == 4)
        window.open_record(annual)
        editor = window.pane.editor
        editor.computed_panel.set_expanded(True)
        shots.settle(5)
        if "[" in path:
            group = editor.groups["lines"]
            column = next(i for i, c in enumerate(group.model.columns) if c.id == path.split(".")[-1])
            group.select_cell(0, column)
            group.explain_current()
        else:
            editor.computed_panel.labels[path].activated.emit()
        shots.settle(5)
        dialogs = [d for d in app.topLevelWidgets() if d.objectName() == "explain_dialog" and d.isVisible()]
        shots.save(shots.with_dialog(window, dialogs[0]), out / f"21-explain-{lang}-1024x700.png")
        for widget in dialogs:
            widget.close()
        window.pane.save_now()
        window.close()
        shots.settle(5)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
