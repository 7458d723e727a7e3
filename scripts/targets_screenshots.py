"""Screenshots of the county overview's 目标进展 and the target dialog at 1024×700, into
docs/screenshots/.

    python scripts/targets_screenshots.py [--out FOLDER]

A demo county (2025) is built in a temporary folder; each of its annual energy reports is
copied to 2020-2024 with a somewhat higher intensity (so the years have a path), and the county
sets targets for 2025 (base year 2020).
"""

from __future__ import annotations

import sys

import shots


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
    out, work = shots.start(__doc__, "target", argv)

    from lowcarbon_desk.domain.targets import Target
    from lowcarbon_desk.storage.targets import set_target
    from lowcarbon_desk.ui import i18n

    store = shots.demo_store(work / "demo.db", enterprises=12)
    earlier_years(store, "410199")
    set_target(store, Target("410199", 2025, 2020, co2_intensity_cut_pct=18, energy_intensity_cut_pct=13.5,
                             energy_cap_tce=450_000), "县发改局")
    store.close()

    shots.application()
    for lang in ("zh", "en"):
        i18n.install(lang)
        with shots.window_on(work / "demo.db", "县发改局", lang, work / f"{lang}.ini", shots.SMALL) as window:
            shots.show_overview(window, 2025)
            shots.scroll_to(window.overview.targets_panel)
            shots.save(window, out / f"22-targets-{lang}-1024x700.png")
            dialog = window.overview.edit_targets()
            dialog.fields["year"].setText("2025")
            dialog.load()
            dialog.fields["co2_intensity_cut_pct"].setText("120")
            dialog.accept()  # refused: the error line names the field
            shots.settle()
            shots.save(shots.with_dialog(window, dialog, centred=True), out / f"23-target-dialog-{lang}-1024x700.png")
            dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
