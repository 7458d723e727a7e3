"""Schema migrations: a ladder of numbered steps, each in its own transaction, then the
tables and columns the shipped form versions need.

Before anything changes on an existing file, the file is copied aside (SQLite's backup API, so
the copy is consistent). A database from a newer program version is refused.

The numbered steps are frozen: each names its own tables and columns and never reads today's
form definitions, so a database made by any release ends with the same schema as a new one.
The form tables then follow the form files (``sync_form_tables``): a table a form version
needs is created, a column it lacks is added; nothing is dropped or retyped. Dropping
``forms/<form>.v<N>.toml`` into the program is so enough to store records of version N.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from ..domain.errors import InputError
from ..domain.forms import RECORD_KIND, all_forms
from .connection import transaction
from .package_copies import inline_package_files
from .schema import COLUMN_SQL, TableSpec, checked_layout
from .tables import table

Migration = Callable[[sqlite_utils.Database], None]

# The form tables as version 1 of the forms defined them when step 1 was released:
# (table, columns in order, primary key). Written out here so the step never changes.
_STEP1_FORM_TABLES: tuple[tuple[str, dict[str, type], str | tuple[str, ...]], ...] = (
    ("energy_reports", {"record_id": str, "period": str, "gross_output_10k_yuan": float,
                        "value_added_10k_yuan": float, "grid_factor_id": str}, "record_id"),
    ("energy_lines", {"record_id": str, "position": int, "energy": str, "opening_stock": float,
                      "purchase_qty": float, "purchase_value_k_yuan": float, "consumption_total": float,
                      "industrial_use": float, "feedstock_use": float, "non_industrial_use": float,
                      "transport_use": float, "closing_stock": float, "coefficient": float,
                      "co2_factor": float, "co2_factor_source": str}, ("record_id", "position")),
    ("energy_budgets", {"record_id": str, "year": int, "basis": str, "power_coal_gce_per_kwh": float,
                        "baseline_year": int, "baseline_tce": float, "planned_value_added_10k_yuan": float,
                        "intensity_target": float, "budget_tce": float}, "record_id"),
    ("budget_adjustments", {"record_id": str, "position": int, "date": str, "delta_tce": float,
                            "reason": str, "note": str}, ("record_id", "position")),
    ("budget_months", {"record_id": str, "month": int, "value": float}, ("record_id", "month")),
    ("cp_audits", {"record_id": str, "audit_year": int, "kind": str, "consultancy": str, "focus": str,
                   "evaluation_date": str, "acceptance_date": str, "acceptance_result": str}, "record_id"),
    ("audit_mandatory_reasons", {"record_id": str, "position": int, "value": str}, ("record_id", "position")),
    ("audit_stages", {"record_id": str, "position": int, "stage": str, "start": str, "end": str},
     ("record_id", "position")),
    ("audit_indicators", {"record_id": str, "position": int, "name": str, "unit": str, "kind": str,
                          "baseline": float, "target": float, "achieved": float, "level": str},
     ("record_id", "position")),
    ("audit_options", {"record_id": str, "position": int, "code": str, "name": str, "category": str,
                       "cost_class": str, "investment_10k_yuan": float, "annual_benefit_10k_yuan": float,
                       "energy_saving_tce": float, "water_saving_t": float, "co2_reduction_t": float,
                       "cod_t": float, "nh3n_t": float, "so2_t": float, "nox_t": float,
                       "particulates_t": float, "vocs_t": float, "status": str}, ("record_id", "position")),
    ("pilot_applications", {"record_id": str, "pilot_type": str, "title": str, "baseline_year": int,
                            "baseline_energy_tce": float, "baseline_co2_t": float,
                            "baseline_value_added_10k_yuan": float, "baseline_non_fossil_pct": float,
                            "target_year": int, "co2_intensity_cut_pct": float, "non_fossil_target_pct": float,
                            "peak_year": int, "measures": str}, "record_id"),
    ("pilot_projects", {"record_id": str, "position": int, "name": str, "category": str,
                        "investment_10k_yuan": float, "co2_cut_t_per_year": float, "start_year": int,
                        "end_year": int}, ("record_id", "position")),
    ("pilot_self_assessment", {"record_id": str, "position": int, "indicator": str, "score": float,
                               "max_score": float}, ("record_id", "position")),
    ("attachments", {"record_id": str, "position": int, "name": str, "size": int, "sha256": str,
                     "media_type": str}, ("record_id", "position")),
)


def _m001_initial(db: sqlite_utils.Database) -> None:
    table(db, "organisations").create({
        "org_id": str, "kind": str, "name": str, "admin_code": str, "industry_code": str,
        "contact_name": str, "contact_phone": str, "address": str,
        "created_at": str, "updated_at": str,
    }, pk="org_id", not_null={"kind", "name", "admin_code"})
    table(db, "organisations").create_index(["admin_code"])
    table(db, "records").create({
        "record_id": str, "lineage_id": str, "revision": int, "previous_record_id": str,
        "form": str, "form_version": int, "org_id": str, "period": str, "state": str,
        "decision_comment": str, "reference_data_version": str, "origin": str,
        "created_at": str, "updated_at": str, "submitted_at": str, "decided_at": str,
        "operator": str,
    }, pk="record_id", not_null={"lineage_id", "revision", "form", "form_version", "org_id", "state"},
        foreign_keys=[("org_id", "organisations", "org_id")])
    table(db, "records").create_index(["form", "org_id", "period"])
    table(db, "records").create_index(["lineage_id", "revision"], unique=True)
    table(db, "records").create_index(["state"])
    table(db, "records").create_index(["org_id"])
    for name, columns, key in _STEP1_FORM_TABLES:
        table(db, name).create(columns, pk=key, foreign_keys=[("record_id", "records", "record_id")])
    table(db, "attachment_blobs").create({"sha256": str, "size": int, "content": bytes}, pk="sha256")
    table(db, "record_computed").create({"record_id": str, "key": str, "value_num": float,
                                         "value_text": str, "value_type": str},
                                        pk=("record_id", "key"),
                                        foreign_keys=[("record_id", "records", "record_id")])
    table(db, "justifications").create({"record_id": str, "rule": str, "field": str, "text": str,
                                        "operator": str, "created_at": str},
                                       pk=("record_id", "rule", "field"),
                                       foreign_keys=[("record_id", "records", "record_id")])
    table(db, "audit_log").create({"id": int, "at": str, "operator": str, "record_id": str,
                                   "org_id": str, "action": str, "field_path": str,
                                   "old_value": str, "new_value": str}, pk="id")
    table(db, "audit_log").create_index(["record_id"])
    table(db, "audit_log").create_index(["org_id"])
    db.execute("CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log "
               "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    db.execute("CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log "
               "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    table(db, "settings").create({"key": str, "value": str}, pk="key")


def _m002_packages(db: sqlite_utils.Database) -> None:
    """Submission packages: imported packages (original bytes kept), pinned sender keys, and
    which record came from (or was decided by) which package."""
    table(db, "imported_packages").create({
        "sha256": str, "file_name": str, "kind": str, "sender_org_id": str, "sender_name": str,
        "sender_operator": str, "public_key": str, "fingerprint": str, "created_at": str,
        "imported_at": str, "operator": str, "parent_sha256": str, "size": int, "content": bytes,
    }, pk="sha256", not_null={"kind", "sender_org_id", "public_key", "imported_at", "content"})
    table(db, "imported_packages").create_index(["sender_org_id"])
    table(db, "imported_packages").create_index(["parent_sha256"])
    table(db, "pinned_keys").create({
        "org_id": str, "public_key": str, "fingerprint": str, "first_seen": str,
        "first_package_sha256": str, "accepted_by": str, "accepted_at": str, "how": str,
    }, pk="org_id", not_null={"public_key", "fingerprint", "first_seen"})
    table(db, "package_records").create({
        "package_sha256": str, "record_id": str, "revision": int, "state": str, "result": str,
    }, pk=("package_sha256", "record_id"),
        foreign_keys=[("package_sha256", "imported_packages", "sha256"),
                      ("record_id", "records", "record_id")])
    table(db, "package_records").create_index(["record_id"])


def _m003_computed_without_rowid(db: sqlite_utils.Database) -> None:
    """Computed values clustered by (record_id, key): one B-tree seek per lookup instead of two
    (roll-ups read thousands of them). Rebuilt in place; the rows are copied unchanged."""
    db.execute("""CREATE TABLE record_computed_new (
        record_id TEXT NOT NULL REFERENCES records(record_id),
        key TEXT NOT NULL,
        value_num FLOAT,
        value_text TEXT,
        value_type TEXT,
        PRIMARY KEY (record_id, key)
    ) WITHOUT ROWID""")
    db.execute("INSERT INTO record_computed_new SELECT record_id, key, value_num, value_text, value_type "
               "FROM record_computed")
    db.execute("DROP TABLE record_computed")
    db.execute("ALTER TABLE record_computed_new RENAME TO record_computed")


def _m004_targets(db: sqlite_utils.Database) -> None:
    """Targets of a county or the province (reference data §5), one row per division and target
    year; who set it (the operator, or the county whose package carried it) and when."""
    table(db, "targets").create({
        "division": str, "year": int, "base_year": int, "co2_intensity_cut_pct": float,
        "energy_intensity_cut_pct": float, "energy_cap_tce": float, "non_fossil_share_pct": float,
        "set_by": str, "set_at": str,
    }, pk=("division", "year"), not_null={"base_year", "set_by", "set_at"})


# Step 5's figures of a record (``record_figures``): computed values by key, then typed columns
# by (table, column). Frozen with the step; another figure needs a new step.
FIGURE_KEYS = ("total_tce", "total_co2_t", "effective_budget_tce", "ytd_actual_tce", "utilization_pct",
               "status", "projected_status")
FIGURE_COLUMNS = (
    ("energy_reports", "value_added_10k_yuan"),  # the denominator of an energy report's intensity
    ("energy_budgets", "budget_tce"),  # the budget a county sets, beside its computed use
)


def rebuild_figures(db: sqlite_utils.Database) -> None:
    """Fill ``record_figures`` anew from the computed values and typed tables: a computed value
    as ``COALESCE(value_text, value_num)`` (what ``counting.computed_values`` reads), a typed
    column as stored; a row for each record holding any of them."""
    db.execute("DELETE FROM record_figures")
    keys = ", ".join(f"'{k}'" for k in FIGURE_KEYS)
    pivot = ", ".join(f"max(CASE WHEN key = '{k}' THEN COALESCE(value_text, value_num) END)" for k in FIGURE_KEYS)
    db.execute(f"INSERT INTO record_figures (record_id, {', '.join(f'[{k}]' for k in FIGURE_KEYS)}) "
               f"SELECT record_id, {pivot} FROM record_computed WHERE key IN ({keys}) GROUP BY record_id")
    for name, column in FIGURE_COLUMNS:
        db.execute(f"INSERT OR IGNORE INTO record_figures (record_id) SELECT record_id FROM [{name}]")
        db.execute(f"UPDATE record_figures SET [{column}] = (SELECT t.[{column}] FROM [{name}] t "
                   f"WHERE t.record_id = record_figures.record_id) WHERE record_id IN (SELECT record_id FROM [{name}])")


def _figure_triggers(db: sqlite_utils.Database) -> None:
    """Triggers keeping ``record_figures`` equal to its sources when a value is changed or
    removed by anything else than ``record_io`` (plain SQL, a repair): it writes a record's
    row itself with its values, as one statement (an insert trigger would run for each of the
    million computed values of a county's demo: 8 % of building it). A key is tested with ``=``
    and ``OR``: an ``IN`` list in a trigger is built again for every row."""
    def figure(row: str) -> str:
        return "(" + " OR ".join(f"{row}.key = '{k}'" for k in FIGURE_KEYS) + ")"

    def assign(row: str, value: str) -> str:
        return ", ".join(f"[{k}] = CASE WHEN {row}.key = '{k}' THEN {value} ELSE [{k}] END" for k in FIGURE_KEYS)

    new_value = "COALESCE(NEW.value_text, NEW.value_num)"
    db.execute(f"""CREATE TRIGGER record_figures_computed_delete AFTER DELETE ON record_computed
        WHEN {figure("OLD")} BEGIN
        UPDATE record_figures SET {assign("OLD", "NULL")} WHERE record_id = OLD.record_id;
        END""")
    db.execute(f"""CREATE TRIGGER record_figures_computed_update AFTER UPDATE ON record_computed
        WHEN {figure("OLD")} OR {figure("NEW")} BEGIN
        UPDATE record_figures SET {assign("OLD", "NULL")} WHERE record_id = OLD.record_id AND {figure("OLD")};
        INSERT OR IGNORE INTO record_figures (record_id) SELECT NEW.record_id WHERE {figure("NEW")};
        UPDATE record_figures SET {assign("NEW", new_value)} WHERE record_id = NEW.record_id AND {figure("NEW")};
        END""")
    for name, column in FIGURE_COLUMNS:
        db.execute(f"""CREATE TRIGGER record_figures_{name}_update AFTER UPDATE ON [{name}] BEGIN
            UPDATE record_figures SET [{column}] = NULL WHERE record_id = OLD.record_id;
            INSERT OR IGNORE INTO record_figures (record_id) VALUES (NEW.record_id);
            UPDATE record_figures SET [{column}] = NEW.[{column}] WHERE record_id = NEW.record_id;
            END""")
        db.execute(f"""CREATE TRIGGER record_figures_{name}_delete AFTER DELETE ON [{name}] BEGIN
            UPDATE record_figures SET [{column}] = NULL WHERE record_id = OLD.record_id;
            END""")
    db.execute("""CREATE TRIGGER record_figures_record_delete AFTER DELETE ON records BEGIN
        DELETE FROM record_figures WHERE record_id = OLD.record_id;
        END""")


def _m005_rollup_reads(db: sqlite_utils.Database) -> None:
    """What a county's roll-up reads of thousands of records, each in one place (no stored
    value changes):

    - ``record_figures``: per record the figures a roll-up takes (``FIGURE_KEYS`` of its
      computed values, ``FIGURE_COLUMNS`` of its typed table, the same affinity) in one row,
      so an energy report's or a budget's figures are one look-up instead of one per value among
      a million computed values; ``record_io`` writes it with the values, triggers follow any
      other change or removal;
    - the records by (form, org_id, period) with the columns that decide which record counts,
      so the candidates are read from the index alone (it replaces the index on
      (form, org_id, period), which it serves as well);
    - the records by (org_id, origin), which the database's identity reads (``identity.home_of``)
      without visiting each record's row (it replaces the index on org_id alone)."""
    columns = ", ".join([*(f"[{k}]" for k in FIGURE_KEYS), *(f"[{c}] REAL" for _, c in FIGURE_COLUMNS)])
    db.execute(f"CREATE TABLE record_figures (record_id TEXT NOT NULL PRIMARY KEY, {columns}) WITHOUT ROWID")
    rebuild_figures(db)
    _figure_triggers(db)
    db.execute('CREATE INDEX "idx_records_counting" ON "records" ("form", "org_id", "period", "record_id", '
               '"lineage_id", "revision", "state", "updated_at", "submitted_at")')
    db.execute('DROP INDEX "idx_records_form_org_id_period"')
    db.execute('CREATE INDEX "idx_records_org_id_origin" ON "records" ("org_id", "origin")')
    db.execute('DROP INDEX "idx_records_org_id"')


def _m006_package_files(db: sqlite_utils.Database) -> None:
    """An imported package's original bytes may be kept in a file beside the database
    (``package_files``): ``content_file`` names it, and ``content`` is then empty. Packages
    stored before stay where they are."""
    db.execute("ALTER TABLE imported_packages ADD COLUMN content_file TEXT")


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "initial schema", _m001_initial),
    (2, "submission packages: imported packages, pinned keys, package records", _m002_packages),
    (3, "computed values clustered by record (WITHOUT ROWID)", _m003_computed_without_rowid),
    (4, "targets of a county or the province", _m004_targets),
    (5, "roll-up reads: record figures, records by form and organisation with their rank, by organisation "
        "and origin", _m005_rollup_reads),
    (6, "imported packages' original bytes in files beside the database", _m006_package_files),
]
LATEST_VERSION = MIGRATIONS[-1][0]


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def backup_file(db: sqlite_utils.Database, path: Path, label: str) -> Path:
    """A consistent copy of the open database beside it: ``<name>.<label>-<time>.bak``."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
        inline_package_files(dest, path)
    finally:
        dest.close()
    return target


def check_openable(db: sqlite_utils.Database, path: Path | None) -> int:
    """Refuse a database this program must not touch; return its schema version.

    Refused: a schema version from a newer program, and an SQLite file of another program
    (version 0 but already holding tables: every file this program made has version >= 1).
    Only reads, so a refused file stays as it was.
    """
    current = schema_version(db)
    if current > LATEST_VERSION:
        raise InputError(
            f"数据库 {path} 的结构版本为 {current}，来自更新版本的程序（本程序支持到 {LATEST_VERSION}），请升级程序；未做任何改动",
            f"database {path} has schema version {current}, from a newer version of the program "
            f"(this one knows up to {LATEST_VERSION}); upgrade the program. Nothing was changed",
            subject=str(path))
    if current == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise InputError(
            f"数据库文件 {path} 是其他程序的 SQLite 数据库，不是 lowcarbon-desk 数据库；未做任何改动",
            f"database file {path} is an SQLite database of another program, not a lowcarbon-desk "
            f"database. Nothing was changed",
            subject=str(path))
    return current


@dataclass(frozen=True)
class FormTableChange:
    """A table a form version needs that the database lacks, or one column of it."""

    spec: TableSpec
    column: str | None = None  # None: create the table

    def describe(self) -> str:
        if self.column is None:
            return f"table {self.spec.name}"
        return f"column {self.spec.name}.{self.column}"


def _existing_columns(db: sqlite_utils.Database) -> dict[str, set[str]]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: {r[1] for r in db.execute(f"PRAGMA table_info([{t}])")} for t in tables}


def form_table_changes(db: sqlite_utils.Database) -> list[FormTableChange]:
    """What the form versions of this installation need that the database lacks, in order
    (form by form, oldest version first: the same order on every database)."""
    forms = [f for f in all_forms().values() if f.kind == RECORD_KIND]
    existing = _existing_columns(db)
    changes: list[FormTableChange] = []
    for spec in checked_layout(forms):
        have = existing.get(spec.name)
        if have is None:
            changes.append(FormTableChange(spec))
            existing[spec.name] = set(spec.columns)
            continue
        for column in spec.columns:
            if column not in have:
                changes.append(FormTableChange(spec, column))
                have.add(column)
    return changes


def apply_form_table_changes(db: sqlite_utils.Database, changes: list[FormTableChange]) -> None:
    """Create the tables and add the columns (the caller holds the transaction)."""
    done: dict[tuple[str, int], list[str]] = {}
    for change in changes:
        spec = change.spec
        if change.column is None:
            key = spec.pk[0] if len(spec.pk) == 1 else spec.pk
            table(db, spec.name).create(spec.columns, pk=key, foreign_keys=[("record_id", "records", "record_id")])
        else:
            db.execute(f'ALTER TABLE "{spec.name}" ADD COLUMN "{change.column}" '
                       f"{COLUMN_SQL[spec.columns[change.column]]}")
        done.setdefault((spec.form, spec.version), []).append(change.describe())
    for (form_id, version), what in done.items():
        table(db, "settings").upsert({"key": f"form.{form_id}.v{version}", "value": "added " + ", ".join(what)},
                                     pk="key")


def migrate(db: sqlite_utils.Database, path: Path | None) -> list[Path]:
    """Bring the schema up to date; returns the backups made (none for a new file)."""
    current = check_openable(db, path)
    backups: list[Path] = []
    pending = [m for m in MIGRATIONS if m[0] > current]
    if pending and current > 0 and path is not None:
        backups.append(backup_file(db, path, f"before-v{pending[0][0]}"))
    for number, name, step in pending:
        with transaction(db):
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
            table(db, "settings").upsert({"key": f"migration.{number}", "value": name}, pk="key")
    if form_table_changes(db):
        if current > 0 and path is not None and not backups:
            backups.append(backup_file(db, path, "before-forms"))
        with transaction(db):
            # asked again under the write lock: another program may have just added them
            apply_form_table_changes(db, form_table_changes(db))
    return backups
