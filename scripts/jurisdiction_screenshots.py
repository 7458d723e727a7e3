"""Screenshots of a package from another county (issue 17), into docs/screenshots/.

    python scripts/jurisdiction_screenshots.py [--out FOLDER]

A small demo county (410199) imports a package of an enterprise of county 330106: 26 is the
confirmation that lists it with both division codes; after importing it anyway, the officer
returns its record with a decision package, which cannot be signed for another county: 27 is
the return dialog opened again with the typed comment and the reason. Both in Chinese and
English.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shots

FOREIGN_COUNTY = "330106"
COMMENT = {"zh": "请补充 3 月份的电费发票，核对外购电量后重新报送。",
           "en": "Please add the March electricity invoice and check the purchased power, then send again."}


class Chooser:
    """Answers the window's file and folder questions without a dialog."""

    def __init__(self, files: list[Path], folder: Path):
        self.files, self.folder = files, folder

    def open_files(self, parent, title, filter_text):
        return list(self.files)

    def directory(self, parent, title, start=""):
        return self.folder


def foreign_package(work: Path) -> Path:
    """An enterprise of county 330106 with a submitted annual energy report, packaged."""
    from lowcarbon_desk.domain.creditcode import make_credit_code
    from lowcarbon_desk.packages.create import create_submission_package
    from lowcarbon_desk.packages.keys import InstallationKey
    from lowcarbon_desk.storage import open_store

    org_id = make_credit_code(FOREIGN_COUNTY, "MA0000042")
    line = {"energy": "raw_coal", "opening_stock": 0, "purchase_qty": 1000, "purchase_value_k_yuan": 900,
            "consumption_total": 1000, "industrial_use": 1000, "non_industrial_use": 0, "feedstock_use": 0,
            "transport_use": 0, "closing_stock": 0}
    store = open_store(work / "foreign.db")
    store.add_orgs([{"org_id": org_id, "kind": "enterprise", "name": "邻县化工有限公司",
                     "admin_code": FOREIGN_COUNTY, "industry_code": "C2614", "contact_name": "赵工",
                     "contact_phone": "13900139000"}], "赵工")
    record_id = store.add_record("energy_report", org_id, {
        "period": "2025", "gross_output_10k_yuan": 15000, "value_added_10k_yuan": 5200, "lines": [line]}, "赵工")
    for issue in store.issues(record_id):
        if issue.severity == "warning" and not issue.justification:
            store.justify(record_id, issue.rule, "已核实", "赵工", field=issue.field)
    store.submit(record_id, "赵工")
    (work / "usb").mkdir(exist_ok=True)
    made = create_submission_package(store, org_id, work / "usb", operator="赵工", period="2025",
                                     key=InstallationKey.generate())
    store.close()
    return made.path


def main(argv: list[str] | None = None) -> int:
    out, work = shots.start(__doc__, "foreign", argv)

    from lowcarbon_desk.ui import i18n

    package = foreign_package(work)
    shots.application()
    (work / "decisions").mkdir()

    def shot(name: str, widget) -> None:
        shots.settle(5)
        shots.save(widget, out / f"{name}.png")

    for lang in ("zh", "en"):
        i18n.install(lang)
        store = shots.demo_store(work / f"county-{lang}.db", enterprises=3)
        window = shots.main_window(store, "县审核员", lang, work / f"{lang}.ini", (1400, 900))
        window.service.chooser = Chooser([package], work / "decisions")
        window.reload_records(synchronous=True)
        window.packages.import_packages([package])
        shots.wait_for(window.packages.imported)
        ask = window.packages.foreign_dialog
        shot(f"26-foreign-division-{lang}", ask)
        ask.accept()
        shots.wait_for(window.packages.imported)
        window.packages.results_dialog.close()
        review = window.show_review()
        shots.wait_for(review.loaded)
        foreign = [r for r in review.model.record_ids()
                   if window.service.record(r)["org_id"].startswith(f"91{FOREIGN_COUNTY}")]
        review.select_records(foreign)
        dialog = review.return_selected()
        dialog.comment.setPlainText(COMMENT[lang])
        dialog.accept()  # the decision package cannot be signed for 330106: the dialog comes back
        shot(f"27-return-comment-kept-{lang}", review.return_dialog)
        review.return_dialog.reject()
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
