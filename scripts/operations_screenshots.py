"""Screenshots of the first import's registered sender keys and of revising a record onto the
newest form version, into docs/screenshots/ (Chinese and English).

    python scripts/operations_screenshots.py [--out FOLDER]

A small demo county is built in a temporary folder. 23: the packages of two demo enterprises
(each with its own key) imported through the window into a fresh county database; the result
lists the fingerprints registered on first use. 24/25: this runs as an installation with the
tests' newer version of the energy report (the newest shipped version plus one, made by
``tests/fixtures/versions.py``); a submitted report of the shipped version in the record pane at
1024×700, then the confirmation naming both versions.
"""

from __future__ import annotations

import os
import sys

import shots

sys.path.insert(1, str(shots.REPO / "tests"))


def main(argv: list[str] | None = None) -> int:
    out, work = shots.start(__doc__, "op", argv)
    from fixtures.versions import shipped_and_newer
    from lowcarbon_desk.domain.forms import FORMS_DIR_ENV

    os.environ[FORMS_DIR_ENV] = shipped_and_newer()

    from lowcarbon_desk.packages.create import create_submission_package, sendable_record_ids
    from lowcarbon_desk.packages.keys import InstallationKey
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n

    demo = shots.demo_store(work / "demo.db", enterprises=4)
    enterprises = [o for o in demo.list_orgs() if o["kind"] == "enterprise"
                   and sendable_record_ids(demo, o["org_id"], "2025")][:2]
    county = demo.get_org(enterprises[0]["admin_code"])
    packages = []
    for position, org in enumerate(enterprises):
        folder = work / f"usb-{position}"
        folder.mkdir()
        packages.append(create_submission_package(demo, org["org_id"], folder, operator=org["contact_name"],
                                                  period="2025", key=InstallationKey.generate()).path)
    report = old_version_report(demo, enterprises[0]["org_id"])
    shots.application()

    def save(widget, name: str) -> None:
        shots.settle(1)
        shots.save(widget, out / f"{name}.png")

    def window_for(store, lang: str, name: str, size: tuple[int, int]):
        i18n.install(lang)
        operator = "县审核员" if lang == "zh" else "officer"
        window = shots.main_window(store, operator, lang, work / f"{name}.ini", size)
        window.reload_records(synchronous=True)
        return window

    for lang in ("zh", "en"):
        county_store = open_store(work / f"county-{lang}.db")
        county_store.add_orgs([{k: v for k, v in county.items() if k not in ("created_at", "updated_at")}],
                              "县审核员")
        window = window_for(county_store, lang, f"county-{lang}", (1600, 1000))
        window.packages.import_packages(packages)
        shots.wait_for(window.packages.imported)
        results = window.packages.results_dialog
        save(results, f"23-first-import-keys-{lang}")
        results.close()
        window.close()
        county_store.close()

        window = window_for(demo, lang, f"enterprise-{lang}", shots.SMALL)
        window.open_record(report)
        save(window, f"24-revise-latest-{lang}-1024x700")
        box = window.pane.revise_to_latest()
        save(box, f"25-revise-latest-confirm-{lang}")
        box.close()
        window.close()
    demo.close()
    return 0


def old_version_report(store, org_id: str) -> str:
    """A submitted annual energy report of the newest shipped version (warnings justified)."""
    from fixtures.versions import SHIPPED

    record_id = store.add_record("energy_report", org_id, {
        "period": "2024", "gross_output_10k_yuan": 15000, "value_added_10k_yuan": 5200,
        "lines": [{"energy": "raw_coal", "opening_stock": 0, "purchase_qty": 1000, "purchase_value_k_yuan": 600,
                   "consumption_total": 1000, "industrial_use": 1000, "non_industrial_use": 0,
                   "feedstock_use": 0, "transport_use": 0, "closing_stock": 0}]}, "demo", version=SHIPPED)
    for issue in store.issues(record_id):
        if issue.severity == "warning" and not issue.justification:
            store.justify(record_id, issue.rule, "已核实", "demo", field=issue.field)
    store.submit(record_id, "demo")
    return record_id


if __name__ == "__main__":
    sys.exit(main())
