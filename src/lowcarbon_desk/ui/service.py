"""The window's one door to the data: a controller the views are given, never the database.

Reads work on this thread's ``Store``. Every write is an ``operations.Operation`` announced on
the service's ``OperationHub`` (``hub.executed(changes, operation)``), which the views follow:
the short ones here run at once on this thread's ``Store``, long work runs on a worker with
its own connection.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject

from ..domain.evaluate import Evaluation, evaluate
from ..domain.forms import RECORD_FORMS, FormDef, get_form
from ..domain.issues import WARNING, Issue
from ..domain.labels import justified_warnings, record_file_name, record_totals
from ..domain.records import state_label
from ..domain.reference import ReferenceData
from ..domain.versions import VersionMove
from ..packages.create import CreatedPackage
from ..packages.keys import InstallationKey, load_or_create_key
from ..storage import Store
from ..storage.budget_pull import BudgetPull, pull_monthly_actuals
from ..storage.history import OrgTrend, history_for, org_trend, positions_of_records
from ..storage.imported import IMPORTED_ORIGIN, review_queue
from ..storage.overview import Overview, county_overview, years_with_data
from ..storage.record_index import FIELD_INDEX, record_index
from .choosers import FileChooser
from .confirm_dialog import RecordSummary
from .operations import edits
from .operations.base import Operation, OperationFunction, OperationHub

T = TypeVar("T")


class DeskService(QObject):
    """Operations of the window on one database, as one operator, in one language; ``hub``
    announces what every write changed (the main window shows its dialogs)."""

    def __init__(self, store: Store, operator: str, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.store = store
        self.operator = operator
        self.lang = lang
        self.chooser = FileChooser()  # tests put a chooser answering without dialogs here
        self.hub = OperationHub(self, parent=self)

    @property
    def db_path(self) -> Path | None:
        return self.store.path

    # --- reading -------------------------------------------------------------------------
    def record_forms(self) -> list[FormDef]:
        return [get_form(form_id) for form_id in RECORD_FORMS]

    def form(self, form_id: str, version: int | None = None) -> FormDef:
        return get_form(form_id, version)

    def reference(self, version: str | None = None) -> ReferenceData:
        try:
            return self.store.reference(version)
        except Exception:
            return self.store.reference()

    def orgs(self) -> list[dict]:
        return self.store.list_orgs()

    def org(self, org_id: str) -> dict | None:
        return self.store.get_org(org_id)

    def index_rows(self, record_ids: list[str] | None = None) -> list[tuple]:
        return record_index(self.store.db, record_ids)

    def record(self, record_id: str) -> dict:
        return self.store.get_record(record_id)

    def revisions(self, record_id: str) -> list[dict]:
        return self.store.revisions(record_id)

    def audit_log(self, record_id: str) -> list[dict]:
        return self.store.audit_log(record_id)

    def evaluate(self, doc: dict, data: dict) -> Evaluation:
        """Check the editor's current data as the stored record would be checked."""
        justifications = {f"{j['rule']}@{j['field']}": j["text"] for j in doc.get("justifications", [])}
        org, ref = self.org(doc["org_id"]), self.reference(doc.get("reference_data_version"))
        history = history_for(self.store.db, {**doc, "data": data}, org, ref)
        return evaluate(doc["form"], data, org=org, ref=ref, justifications=justifications,
                        version=doc.get("form_version"), history=history)

    def stored_issues(self, record_id: str) -> list[Issue]:
        return self.store.issues(record_id)

    def years(self) -> list[int]:
        return years_with_data(self.store)

    def overview(self, year: int, admin_code: str | None = None) -> Overview:
        return county_overview(self.store, year, admin_code)

    def heading(self, doc: dict) -> str:
        """A record as a line people read: period, form, organisation, revision, state."""
        org = self.org(doc["org_id"]) or {"name": doc["org_id"]}
        form = self.form(doc["form"], doc["form_version"])
        revision = f"revision {doc['revision']}" if self.lang == "en" else f"第 {doc['revision']} 版"
        return " · ".join([f"{doc.get('period') or '—'} {form.title(self.lang)}", org["name"], revision,
                           state_label(doc["state"], self.lang)])

    def record_file_name(self, record_id: str, suffix: str = ".pdf") -> str:
        """The default file name of a record's PDF (organisation, form, period), not its id."""
        doc = self.record(record_id)
        org = self.org(doc["org_id"]) or {"name": doc["org_id"]}
        return record_file_name(self.form(doc["form"], doc["form_version"]), org["name"], doc.get("period"),
                                doc["revision"], self.lang, suffix)

    def received(self, doc: dict) -> bool:
        """Whether a record came in a package (the upper level decides on it, never revises it)."""
        return doc.get("origin") == IMPORTED_ORIGIN

    def summary(self, record_id: str) -> RecordSummary:
        """What a confirmation shows of a stored record: its totals and justified warnings."""
        doc = self.record(record_id)
        form = self.form(doc["form"], doc["form_version"])
        ref = self.reference(doc.get("reference_data_version"))
        issues = self.stored_issues(record_id)
        return RecordSummary(record_id, self.heading(doc),
                             record_totals(form, doc.get("computed") or {}, self.lang, ref),
                             justified_warnings(form, issues, doc.get("data"), self.lang, ref))

    def installation_key(self) -> InstallationKey:
        """This installation's signing key pair (made on first use), for its fingerprint."""
        return load_or_create_key()

    def review_queue(self) -> list[dict]:
        """The review queue with its figures, read on this thread (``review_queue_rows``)."""
        return review_queue_rows(self.store)

    def org_trend(self, org_id: str) -> OrgTrend:
        """The organisation's energy, CO2 and intensity over the years (its trend page)."""
        return org_trend(self.store.db, org_id)

    # --- changing ------------------------------------------------------------------------
    # Every write is an Operation (operations/edits.py) run at once on this thread's Store; the
    # hub announces its Changes and the views follow. ``origin``: the view asking, which has
    # shown the result itself and may skip the announcement.
    def _write(self, fn: OperationFunction[T], origin: object = None) -> T:
        return Operation(self.hub, fn, origin=origin).run_now()

    def add_org(self, data: dict, origin: object = None) -> str:
        return self._write(edits.add_org_op(data, self.operator), origin)

    def create_record(self, form_id: str, org_id: str, data: dict, origin: object = None) -> str:
        return self._write(edits.create_record_op(form_id, org_id, data, self.operator), origin)

    def save_draft(self, record_id: str, data: dict, origin: object = None) -> dict:
        """Store a draft's values (malformed input raises ``InputError`` and stores nothing)."""
        return self._write(edits.save_draft_op(record_id, data, self.operator), origin)

    def justify(self, record_id: str, rule: str, field: str, text: str, origin: object = None) -> int:
        return self._write(edits.justify_op(record_id, rule, field, text, self.operator), origin)

    def submit(self, record_id: str, origin: object = None) -> None:
        self._write(edits.submit_op(record_id, self.operator), origin)

    def revise(self, record_id: str, origin: object = None) -> str:
        return self._write(edits.revise_op(record_id, self.operator), origin)

    def revise_to_latest(self, record_id: str, origin: object = None) -> VersionMove:
        """A new draft revision of ``record_id`` on the newest version of its form (``record revise
        --to-latest``); what changed and the values not carried over are in the result."""
        return self._write(edits.revise_to_latest_op(record_id, self.operator), origin)

    def delete_draft(self, record_id: str, origin: object = None) -> None:
        self._write(edits.delete_draft_op(record_id, self.operator), origin)

    def decide(self, record_ids: list[str], decision: str, comment: str | None = None,
               folder: Path | None = None, origin: object = None) -> list[CreatedPackage]:
        """Accept or return received records (a return needs ``comment``), all or none; with
        ``folder``, also write each enterprise's signed decision package there (as
        ``review -o`` does)."""
        return self._write(edits.decide_op(list(record_ids), decision, self.operator, comment, folder), origin)

    def add_attachment(self, record_id: str, path: Path, origin: object = None) -> dict:
        return self._write(edits.add_attachment_op(record_id, path, self.operator), origin)

    def remove_attachment(self, record_id: str, index: int, origin: object = None) -> None:
        self._write(edits.remove_attachment_op(record_id, index, self.operator), origin)

    def attachment_file(self, attachment: dict) -> Path:
        """The attachment's content written to a temporary file (for the system viewer)."""
        folder = Path(tempfile.mkdtemp(prefix="lowcarbon-attachment-"))
        target = folder / Path(attachment["name"]).name
        target.write_bytes(self.store.attachment_content(attachment["sha256"]))
        return target

    def pull_budget(self, doc: dict, data: dict) -> BudgetPull:
        """The year's monthly report totals for a budget (nothing stored: the editor takes them)."""
        year = data.get("year") or doc.get("period")
        return pull_monthly_actuals(self.store, doc["org_id"], int(year),
                                    str(data.get("basis") or "equivalent"),
                                    _number(data.get("power_coal_gce_per_kwh")))



def _number(value: object) -> float | None:
    try:
        return float(str(value).replace(",", "")) if value not in (None, "") else None
    except ValueError:
        return None


def review_queue_rows(store: Store) -> list[dict]:
    """Imported records awaiting the officer's decision (``submitted``, received in a package),
    with the package each came in, their energy and CO2 totals and how many warnings each
    carries (every one justified, or the sender could not have submitted it), and where an
    annual energy report's intensity sits among its peers (``intensity_position``).

    Takes a ``Store`` rather than the service: the review view runs it on a worker (the
    intensity figures take most of a second for a few hundred rows)."""
    rows = review_queue(store.db)
    record_ids = [r["record_id"] for r in rows]
    positions = positions_of_records(store.db, record_ids, store.reference())
    index = {r[FIELD_INDEX["record_id"]]: r for r in record_index(store.db, record_ids)}
    for row in rows:
        summary = index.get(row["record_id"])
        row["total_tce"] = summary[FIELD_INDEX["total_tce"]] if summary else None
        row["total_co2_t"] = summary[FIELD_INDEX["total_co2_t"]] if summary else None
        row["warnings"] = sum(1 for i in store.issues(row["record_id"]) if i.severity == WARNING)
        row["intensity_position"] = positions.get(row["record_id"])
    return rows
