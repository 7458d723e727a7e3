"""Screenshots of the county menu's dialogs at 1600×1000 and 1024×700, into docs/screenshots/.

    python scripts/county_screenshots.py [--out FOLDER]

A demo county is built in a temporary folder; two demo enterprises send their 2025 packages to a
fresh county database, which accepts one record and returns another, so that the decision
package dialog has decisions to list. Each dialog is shot over the window (the whole screen).
"""

from __future__ import annotations

import sys
from pathlib import Path

import shots

SIZES = {"1600x1000": (1600, 1000), "1024x700": (1024, 700)}


def main(argv: list[str] | None = None) -> int:
    out, work = shots.start(__doc__, "county", argv)

    from lowcarbon_desk.packages.create import create_submission_package, sendable_record_ids
    from lowcarbon_desk.packages.importer import import_packages
    from lowcarbon_desk.packages.keys import InstallationKey
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n

    demo = shots.demo_store(work / "demo.db", enterprises=12)
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

    shots.application()
    for lang in ("zh", "en"):
        i18n.install(lang)
        for size_name, size in SIZES.items():
            for db_name in ("demo.db", "county.db"):
                settings = work / f"{lang}{size_name}.ini"
                with shots.window_on(work / db_name, "县审核员", lang, settings, size) as window:
                    window.reload_records(synchronous=True)
                    shots.settle()
                    if db_name == "demo.db":
                        dialogs = [("13-rollup", window.county.export_rollup()),
                                   ("14-template", window.county.export_template())]
                    else:
                        dialog = window.county.export_decisions()
                        shots.wait_until(lambda d=dialog: d.table.rowCount() > 0)
                        dialogs = [("15-decisions", dialog)]
                    for name, dialog in dialogs:
                        dialog.folder.edit.setText(str(Path.home() / ("Documents" if lang == "en" else "文档")))
                        shots.settle()
                        shots.save(shots.with_dialog(window, dialog, centred=True),
                                   out / f"{name}-{lang}-{size_name}.png")
                        dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
