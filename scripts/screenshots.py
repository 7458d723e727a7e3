"""Screenshots of each main view of the window on the demo database, into docs/screenshots/.

Each is taken at 1600×1000; the views a small screen changes most are taken again at 1024×700
(``*-1024x700.png``). The package shots (10-12, 17, 18) play a county office: packages of three
demo enterprises (each with its own key), one imported before, one re-signed by a
"reinstalled" enterprise and one damaged file are imported at once into a fresh county
database; then the review queue, the confirmation before accepting, and a received record
opened with its accept / return buttons. The submit confirmation is 16.

    python scripts/screenshots.py [--db PATH] [--out FOLDER]

Runs on Qt's offscreen platform unless ``QT_QPA_PLATFORM`` says otherwise (``xcb`` under
Xvfb works too). Without ``--db`` a demo county is built in a temporary folder first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shots

LARGE = (1600, 1000)
SMALL = shots.SMALL


def main(argv: list[str] | None = None) -> int:
    parser = shots.parser(__doc__)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args(argv)
    work = shots.work_folder("window")
    shots.offscreen_screen((LARGE[0] + 100, LARGE[1] + 100))
    out = args.out

    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n

    db_path = args.db or work / "demo.db"
    if args.db is None:
        shots.demo_store(db_path, enterprises=40).close()
    shots.application()
    i18n.install("zh")
    store = open_store(db_path)
    window = shots.main_window(store, "截图", "zh", work / "window.ini", LARGE)
    service = window.service
    window.reload_records(synchronous=True)
    out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        shots.settle(5)

    def shot(name: str, widget=None) -> None:
        settle()
        shots.save(widget or window, out / f"{name}.png")

    def small_too(name: str, target=None, prepare=None) -> None:
        """``name`` at 1600×1000, then at 1024×700 (``prepare`` redoes what the resize undid)."""
        target = target or window
        for size, suffix in ((LARGE, ""), (SMALL, "-1024x700")):
            target.resize(*size)
            settle()
            if prepare is not None:
                prepare()
            shot(name + suffix, target)
        target.resize(*LARGE)

    rows = window.rows

    def first(form: str, annual: bool | None = None, state: str | None = None) -> str:
        for row in rows:
            if row[1] != form or (state and row[7] != state):
                continue
            if annual is not None and (len(row[6] or "") == 4) != annual:
                continue
            return row[0]
        raise SystemExit(f"no {form} record in the demo database")

    window.open_record(first("energy_report", annual=True))
    small_too("01-records-energy-report")
    window.open_record(first("energy_budget"))
    window.pane.tabs.setCurrentIndex(1)
    shot("02-budget-chart")
    # a draft with issues: raise the budget so that a warning shows, add a bad line
    draft = window.service.create_record("energy_report", rows[0][2] if rows[0][4] != "county"
                                         else first_org(service), {"period": "2025-12"})
    window.open_record(draft)
    group = window.pane.editor.groups["lines"]
    group.add_item()
    model = group.model
    for column, value in (("energy", "raw_coal"), ("opening_stock", "10"), ("purchase_qty", "500"),
                          ("consumption_total", "480"), ("industrial_use", "400"),
                          ("feedstock_use", "450"), ("non_industrial_use", "20"),
                          ("closing_stock", "40")):
        model.setData(model.index(0, model.column_of(column)), value)
    window.pane.validate()
    small_too("03-issues-panel")
    # the confirmation before submitting: the errors corrected, the warning justified
    window.pane.editor.groups["lines"].model.setData(
        model.index(0, model.column_of("feedstock_use")), "40")
    window.pane.editor.groups["lines"].model.setData(
        model.index(0, model.column_of("industrial_use")), "460")
    window.pane.editor.bindings["value_added_10k_yuan"].set_value("3000")
    window.pane.editor.edited.emit()
    window.pane.save_now()
    for issue in window.pane.issues.model.issues():
        if issue.severity == "warning":
            window.pane.justify(issue.rule, issue.field, "12 月底盘点，损耗 10 吨已报备")
    confirm = window.submit()
    if confirm is not None:
        shot("16-submit-confirmation", confirm)
        confirm.reject()
    window.open_record(first("cp_audit"))
    shot("04-audit-editor")
    window.open_record(first("pilot_application"))
    window.pane.focus_field("projects")
    shot("05-pilot-application")
    dialog = window.show_history()
    shot("06-history", dialog)
    dialog.close()
    window.pages.setCurrentIndex(1)
    window.overview.fill_years()
    window.overview.set_year(2025)
    window.overview.refresh(synchronous=True)
    small_too("07-county-overview")
    window.pages.setCurrentIndex(0)
    window.open_record(first("energy_budget"))
    window.set_language("en")
    window.resize(*LARGE)
    shot("08-english")
    window.pane.tabs.setCurrentIndex(1)
    shot("09-english-budget-chart")
    window.open_record(first("energy_report", annual=True))
    small_too("08-english-energy-report")
    window.set_language("zh")
    window.pane.save_now()
    window.close()
    package_shots(store, work, shot=shot, small_too=small_too)
    store.close()
    shots.settle(1)
    return 0


def package_shots(demo_store, work: Path, shot, small_too) -> None:
    """10: the import result table, 11: the changed-key question, 12: the review queue, 17: the
    confirmation before accepting, 18: a received record with accept / return."""
    from lowcarbon_desk.packages.create import create_submission_package, sendable_record_ids
    from lowcarbon_desk.packages.importer import import_packages
    from lowcarbon_desk.packages.keys import InstallationKey
    from lowcarbon_desk.storage import open_store

    enterprises = [o for o in demo_store.list_orgs() if o["kind"] == "enterprise"
                   and sendable_record_ids(demo_store, o["org_id"], "2025")][:3]
    county = demo_store.get_org(enterprises[0]["admin_code"])
    keys = [InstallationKey.generate() for _ in enterprises]
    for folder in [*(f"usb-{i}" for i in range(len(enterprises))), "reinstalled"]:
        (work / folder).mkdir(parents=True, exist_ok=True)
    made = [create_submission_package(demo_store, org["org_id"], work / f"usb-{i}", operator=org["contact_name"],
                                      period="2025", key=key)
            for i, (org, key) in enumerate(zip(enterprises, keys, strict=True))]
    resigned = create_submission_package(demo_store, enterprises[0]["org_id"], work / "reinstalled",
                                         operator=enterprises[0]["contact_name"], period="2025",
                                         key=InstallationKey.generate())
    damaged = work / "usb-0" / "损坏的数据包.lcpkg"
    content = bytearray(made[1].path.read_bytes())
    content[len(content) // 2] ^= 0xFF
    damaged.write_bytes(bytes(content))
    county_store = open_store(work / "county.db")
    county_store.add_orgs([{k: v for k, v in county.items() if k not in ("created_at", "updated_at")}],
                          "县审核员")
    import_packages(county_store, [made[0].path], "县审核员")  # received last week
    window = shots.main_window(county_store, "县审核员", "zh", work / "county.ini", LARGE)
    window.reload_records(synchronous=True)
    window.packages.import_packages([made[1].path, made[2].path, made[0].path, resigned.path, damaged])
    shots.wait_for(window.packages.imported)
    results = window.packages.results_dialog
    shot("10-import-results", results)
    results.resize(SMALL[0] - 16, min(results.height(), SMALL[1] - 40))  # as it opens on a 1024×700 screen
    shot("10-import-results-1024x700", results)
    ask = window.packages.key_change_dialog
    shot("11-key-changed", ask)
    ask.reject()
    results.close()
    review = window.show_review()
    shots.wait_for(review.loaded)  # the queue is read on a worker
    small_too("12-review-queue", window, prepare=lambda: review.view.selectRow(0))
    review.view.selectRow(0)
    accept = review.accept_selected()
    shot("17-accept-confirmation", accept)
    accept.reject()
    window.pages.setCurrentIndex(0)
    window.open_record(review.model.row_dict(0)["record_id"])
    small_too("18-received-record", window)
    window.close()
    county_store.close()


def first_org(service) -> str:
    return next(o["org_id"] for o in service.orgs() if o["kind"] == "enterprise")


if __name__ == "__main__":
    sys.exit(main())
