"""The database of one office: organisations and records, their workflow and audit log.

Every public method that changes something runs in one transaction and writes the audit
log; a method that raises has changed nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from ..domain.creditcode import full_width_reason, has_full_width
from ..domain.errors import InputError, NotFoundError, StateError
from ..domain.evaluate import Evaluation, apply_justifications, evaluate, evaluate_org, run_rules
from ..domain.forms import RECORD_KIND, get_form
from ..domain.issues import ERROR, WARNING, Issue, sort_issues
from ..domain.records import new_record_id, record_period
from ..domain.reference import ReferenceCatalog, ReferenceData
from ..domain.rules import Rule
from ..domain.text import clean_free_text, shown
from ..domain.versions import VersionChanges, VersionMove, carry_over, pop_path, version_changes
from . import audit
from .attachments import checked_attachment
from .connection import connect, database_error, enable_wal, is_expected, transaction
from .history import record_history
from .migrations import LATEST_VERSION, check_openable, migrate, schema_version
from .record_io import delete_content, read_computed, read_content, write_content
from .written import LastWritten

ORG_FIELDS = ("org_id", "kind", "name", "admin_code", "industry_code", "contact_name",
              "contact_phone", "address")
RECORD_COLUMNS = ("record_id", "lineage_id", "revision", "previous_record_id", "form",
                  "form_version", "org_id", "period", "state", "decision_comment",
                  "reference_data_version", "origin", "created_at", "updated_at",
                  "submitted_at", "decided_at", "operator")
EDITABLE_STATES = ("draft",)


def _problems_error(problems: list[Issue], subject: str) -> InputError:
    zh = "；".join(p.message_zh for p in problems)
    en = "; ".join(p.message_en for p in problems)
    return InputError(zh, en, subject=subject, problems=problems)


class Store:
    """High-level access to one lowcarbon-desk database file."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None, catalog: ReferenceCatalog):
        self.db = db
        self.path = path
        self.catalog = catalog
        self.backups: list[Path] = []
        self._written = LastWritten(db.conn)

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, catalog: ReferenceCatalog | None = None) -> Store:
        """Open (creating and migrating as needed) the database at ``path``."""
        path = Path(path)
        db = connect(path, wal=False)
        try:
            check_openable(db, path)  # before WAL mode changes the file header
            enable_wal(db)
            backups = migrate(db, path)
        except sqlite3.Error as exc:
            db.close()
            if not is_expected(exc):
                raise
            raise database_error(exc, path) from None
        except BaseException:
            db.close()
            raise
        store = cls(db, path, catalog or ReferenceCatalog())
        store.backups = backups
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.db)

    @property
    def latest_schema_version(self) -> int:
        return LATEST_VERSION

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """Group several changes into one transaction (nestable)."""
        outermost = not self.db.conn.in_transaction
        if outermost:
            self._written.new_scope()
        try:
            with transaction(self.db) as db:
                yield db
        except BaseException:
            self._written.new_scope()  # rolled back: what was written is gone
            raise
        if outermost:
            self._written.new_scope()

    def reference(self, version: str | None = None) -> ReferenceData:
        """A reference set: the given version, or the newest known."""
        return self.catalog.get(version)

    # --- organisations -------------------------------------------------------------------
    def add_orgs(self, orgs: Iterable[object], operator: str) -> list[str]:
        """Add organisations (all or none); returns their ids."""
        items = list(orgs)
        clean_orgs: list[dict] = []
        problems: list[Issue] = []
        seen: set[str] = set()
        for index, raw in enumerate(items):
            result = evaluate_org(raw)
            prefix_zh, prefix_en = (f"第 {index + 1} 个单位：", f"organisation {index + 1}: ") if len(items) > 1 else ("", "")
            for issue in result.errors:
                problems.append(Issue(issue.rule, issue.severity, issue.field,
                                      prefix_zh + issue.message_zh, prefix_en + issue.message_en))
            org_id = result.data.get("org_id")
            if org_id and (org_id in seen or self.get_org(org_id) is not None):
                problems.append(Issue("org.duplicate", "error", "org_id",
                                      f"{prefix_zh}单位代码 {org_id} 已存在",
                                      f"{prefix_en}organisation {org_id} already exists"))
            if org_id:
                seen.add(org_id)
            clean_orgs.append(result.data)
        if not items:
            raise InputError("没有要添加的单位", "no organisation to add", subject="org")
        if problems:
            raise _problems_error(problems, "org")
        stamp = audit.now_iso()
        with self.transaction():
            columns = ", ".join((*ORG_FIELDS, "created_at", "updated_at"))
            for org in clean_orgs:
                row = {k: org.get(k) for k in ORG_FIELDS}
                # plain SQL: sqlite-utils' insert looks the table up again for every row
                self.db.conn.execute(f"INSERT INTO organisations ({columns}) VALUES ({', '.join('?' * (len(row) + 2))})",
                                     [*row.values(), stamp, stamp])
                audit.log(self.db, operator=operator, action="org.create", org_id=org["org_id"],
                          changes=[(k, None, v) for k, v in row.items() if v is not None], at=stamp)
        return [o["org_id"] for o in clean_orgs]

    def update_org(self, org_id: str, changes: dict, operator: str) -> dict:
        """Change an organisation's profile (not its id); returns the stored profile."""
        current = self.require_org(org_id)
        merged = {**{k: current.get(k) for k in ORG_FIELDS}, **changes, "org_id": org_id}
        result = evaluate_org(merged)
        if result.errors:
            raise _problems_error(result.errors, "org")
        new = {k: result.data.get(k) for k in ORG_FIELDS}
        diffs = [(k, current.get(k), new[k]) for k in ORG_FIELDS if current.get(k) != new[k]]
        if diffs:
            with self.transaction():
                self.db["organisations"].update(org_id, {**new, "updated_at": audit.now_iso()})
                audit.log(self.db, operator=operator, action="org.update", org_id=org_id, changes=diffs)
        return self.require_org(org_id)

    def _rows(self, sql: str, params: list) -> list[dict]:
        """Rows as dicts, straight from the connection: ``db.query`` wraps every read in a
        savepoint, three statements where one does (the demo county reads thousands of rows)."""
        cursor = self.db.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def get_org(self, org_id: str) -> dict | None:
        rows = self._rows("SELECT * FROM organisations WHERE org_id = ?", [org_id])
        return rows[0] if rows else None

    def require_org(self, org_id: str) -> dict:
        org = self.get_org(org_id)
        if org is None and has_full_width(org_id):
            zh, en = full_width_reason(org_id)
            raise InputError(f"org_id：{zh}", f"org_id: {en}", subject="org_id")
        if org is None:
            raise NotFoundError(f"单位 {shown(str(org_id))} 不存在（请先用 org add 添加）",
                                f"organisation {shown(str(org_id))} does not exist (add it with org add first)",
                                subject="org_id")
        return org

    def list_orgs(self, kind: str | None = None, admin_code: str | None = None) -> list[dict]:
        where, params = [], []
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if admin_code:
            where.append("admin_code = ?")
            params.append(admin_code)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        order = "CASE kind WHEN 'county' THEN 0 WHEN 'park' THEN 1 ELSE 2 END, org_id"
        return list(self.db.query(f"SELECT * FROM organisations {clause} ORDER BY {order}", params))

    # --- records: reading ----------------------------------------------------------------
    def _record_row(self, record_id: str) -> dict:
        rows = self._rows("SELECT * FROM records WHERE record_id = ?", [record_id])
        if not rows:
            raise NotFoundError(f"记录 {record_id} 不存在", f"record {record_id} does not exist",
                                subject="record_id")
        return rows[0]

    def justifications(self, record_id: str) -> dict[str, dict]:
        """Stored justifications keyed ``rule@field``."""
        return {f"{r['rule']}@{r['field']}": r for r in self._rows(
            "SELECT * FROM justifications WHERE record_id = ? ORDER BY rule, field", [record_id])}

    def reference_for(self, version: str | None) -> ReferenceData:
        """The set a record was computed with; the newest known when that version is not here."""
        try:
            return self.catalog.get(version)
        except Exception:
            return self.catalog.latest()

    def _issues(self, row: dict, data: dict, computed: dict,
                which: Callable[[Rule], bool] | None = None) -> list[Issue]:
        form = get_form(row["form"], row["form_version"])
        ref = self.reference_for(row["reference_data_version"])
        org = self.get_org(row["org_id"])
        issues = sort_issues(run_rules(form, data, computed, org, ref, record_history(self.db, row, org, ref),
                                       which))
        texts = {k: j["text"] for k, j in self.justifications(row["record_id"]).items()}
        return apply_justifications(issues, texts)

    def _row_issues(self, row: dict, which: Callable[[Rule], bool] | None = None) -> list[Issue]:
        """The issues of a stored record (its ``records`` row), of the rules ``which`` accepts."""
        form = get_form(row["form"], row["form_version"])
        data, computed = self._written.content(row["record_id"]) or read_content(self.db, form, row["record_id"])
        return self._issues(row, data, computed, which)

    def get_record(self, record_id: str, *, with_audit: bool = False) -> dict:
        """The record document: entered and computed values, issues, state and history links."""
        row = self._record_row(record_id)
        form = get_form(row["form"], row["form_version"])
        data, computed = read_content(self.db, form, record_id)
        doc = {k: row[k] for k in RECORD_COLUMNS}
        doc["data"] = data
        doc["computed"] = computed
        doc["issues"] = [i.to_json() for i in self._issues(row, data, computed)]
        doc["justifications"] = [
            {"rule": j["rule"], "field": j["field"], "text": j["text"], "operator": j["operator"],
             "created_at": j["created_at"]} for j in self.justifications(record_id).values()]
        if with_audit:
            doc["audit_log"] = self.audit_log(record_id)
        return doc

    def get_record_computed(self, record_id: str) -> dict:
        """Only the stored computed values of a record (cheap: no rules run)."""
        written = self._written.content(record_id)  # nothing written since: it exists
        if written:
            return written[1]
        self._record_row(record_id)
        return read_computed(self.db, record_id)

    def issues(self, record_id: str) -> list[Issue]:
        """Current issues of a stored record, with justifications attached."""
        return self._row_issues(self._record_row(record_id))

    def list_records(self, form: str | None = None, org_id: str | None = None,
                     period: str | None = None, state: str | None = None,
                     latest_only: bool = False) -> list[dict]:
        """Summary rows (record, organisation name, key figures), newest period first."""
        where, params = [], []
        for column, value in (("r.form", form), ("r.org_id", org_id), ("r.state", state)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if period:
            where.append("(r.period = ? OR r.period LIKE ?)")
            params.extend([period, f"{period}-%"])
        if latest_only:
            where.append("r.revision = (SELECT MAX(revision) FROM records x WHERE x.lineage_id = r.lineage_id)")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        sql = f"""
            SELECT r.record_id, r.lineage_id, r.revision, r.form, r.form_version, r.org_id,
                   o.name AS org_name, o.kind AS org_kind, r.period, r.state, r.updated_at,
                   (SELECT value_num FROM record_computed c WHERE c.record_id = r.record_id AND c.key = 'total_tce') AS total_tce,
                   (SELECT value_num FROM record_computed c WHERE c.record_id = r.record_id AND c.key = 'total_co2_t') AS total_co2_t,
                   (SELECT value_text FROM record_computed c WHERE c.record_id = r.record_id AND c.key = 'status') AS budget_status
            FROM records r JOIN organisations o ON o.org_id = r.org_id
            {clause}
            ORDER BY r.period DESC, r.org_id, r.form, r.revision"""
        return list(self.db.query(sql, params))

    def revisions(self, record_id: str) -> list[dict]:
        """Every revision of the record's lineage, oldest first."""
        lineage = self._record_row(record_id)["lineage_id"]
        return list(self.db.query("SELECT * FROM records WHERE lineage_id = ? ORDER BY revision",
                                  [lineage]))

    def audit_log(self, record_id: str) -> list[dict]:
        return audit.entries(self.db, record_id)

    # --- records: changing ---------------------------------------------------------------
    def _evaluate_for_storage(self, form_id: str, org: dict, data: object, ref: ReferenceData,
                              version: int | None = None) -> Evaluation:
        result = evaluate(form_id, data, org=org, ref=ref, version=version, rules=False)
        problems = list(result.input_problems)
        for index, item in enumerate(result.data.get("attachments") or []):
            stored = self.db.execute("SELECT size FROM attachment_blobs WHERE sha256 = ?",
                                     [str(item.get("sha256"))]).fetchone()
            if stored is None or stored[0] != item.get("size"):
                path = f"attachments[{index}]"
                problems.append(Issue(
                    "attachment.content", "error", path,
                    f"{result.form.describe(path, 'zh')}：附件“{item.get('name')}”的内容不在数据库中"
                    "（请用“添加附件”或 record attach 添加文件本身）",
                    f"{result.form.describe(path, 'en')}: attachment {item.get('name')!r} has no content in the "
                    "database (add the file itself with the window's attachment action or record attach)"))
        if problems:
            raise _problems_error(problems, "data")
        return result

    def add_record(self, form_id: str, org_id: str, data: object, operator: str, *,
                   reference_version: str | None = None, rng=None, record_id: str | None = None,
                   at: str | None = None, version: int | None = None) -> str:
        """Store a new draft (of the newest form version unless ``version`` names another);
        malformed input raises ``InputError`` and stores nothing."""
        form = get_form(form_id, version)
        if form.kind != RECORD_KIND:
            raise InputError("单位请用 org add 添加", "add organisations with org add", subject="form")
        org = self.require_org(org_id)
        ref = self.reference(reference_version)
        result = self._evaluate_for_storage(form.id, org, data, ref, form.version)
        record_id = record_id or new_record_id(rng)
        stamp = at or audit.now_iso()
        with self.transaction():
            self.db.conn.execute(
                "INSERT INTO records (record_id, lineage_id, revision, previous_record_id, form, form_version,"
                " org_id, period, state, reference_data_version, origin, created_at, updated_at, operator)"
                " VALUES (?, ?, 1, NULL, ?, ?, ?, ?, 'draft', ?, 'local', ?, ?, ?)",
                [record_id, record_id, form.id, form.version, org_id,
                 record_period(form.id, result.data, form.version), ref.version, stamp, stamp, operator])
            write_content(self.db, form, record_id, result.data, result.computed)
            audit.log(self.db, operator=operator, action="record.create", record_id=record_id,
                      org_id=org_id, at=stamp,
                      changes=[("data", None, result.data)])
            self._written.remember(record_id, form, result.data, result.computed)
        return record_id

    def _require_editable(self, row: dict) -> None:
        if row["state"] not in EDITABLE_STATES:
            raise StateError(f"记录 {row['record_id']} 已{'提交' if row['state'] == 'submitted' else '处理'}，只读；如需修改请先“修订”生成新版本",
                             f"record {row['record_id']} is {row['state']} and read-only; revise it to make a new draft",
                             subject="state")

    def update_record(self, record_id: str, data: object, operator: str, *,
                      reference_version: str | None = None, version: int | None = None) -> dict:
        """Replace a draft's entered values (recomputing them); returns the new document.

        ``version``: the form version ``data`` was laid out for (a workbook sheet's); refused
        when the record is of another version, whose fields it would not fill.
        """
        row = self._record_row(record_id)
        self._require_editable(row)
        form = get_form(row["form"], row["form_version"])
        if version is not None and version != form.version:
            raise InputError(f"记录 {record_id} 是{form.title_zh}第 {form.version} 版，填写的数据是第 {version} 版；"
                             "请重新导出后填写",
                             f"record {record_id} is version {form.version} of {form.title_en}; the data is "
                             f"for version {version}. Export it again and fill that in", subject="form_version")
        org = self.require_org(row["org_id"])
        version = reference_version or row["reference_data_version"]
        ref = self.reference_for(version)
        result = self._evaluate_for_storage(form.id, org, data, ref, form.version)
        old_data, _ = read_content(self.db, form, record_id)
        changes = audit.diff_paths(old_data, result.data)
        if not changes and ref.version == row["reference_data_version"]:
            return self.get_record(record_id)
        stamp = audit.now_iso()
        with self.transaction():
            delete_content(self.db, form, record_id)
            write_content(self.db, form, record_id, result.data, result.computed)
            self.db.conn.execute(
                "UPDATE records SET period = ?, updated_at = ?, reference_data_version = ? WHERE record_id = ?",
                [record_period(form.id, result.data, form.version), stamp, ref.version, record_id])
            if ref.version != row["reference_data_version"]:
                changes.append(("reference_data_version", row["reference_data_version"], ref.version))
            audit.log(self.db, operator=operator, action="record.update", record_id=record_id,
                      org_id=row["org_id"], changes=changes, at=stamp)
            self._written.remember(record_id, form, result.data, result.computed)
        return self.get_record(record_id)

    def recompute(self, record_id: str, operator: str, reference_version: str | None = None) -> dict:
        """Recompute a draft with another (default: the newest) reference set."""
        row = self._record_row(record_id)
        data, _ = read_content(self.db, get_form(row["form"], row["form_version"]), record_id)
        return self.update_record(record_id, data, operator,
                                  reference_version=reference_version or self.catalog.latest().version)

    def justify(self, record_id: str, rule: str, text: str, operator: str,
                field: str | None = None) -> int:
        """Justify the record's current warnings of ``rule`` (one field, or all); returns how many."""
        row = self._record_row(record_id)
        self._require_editable(row)
        text = clean_free_text(text or "", "说明", "justification", subject="text")
        if not text:
            raise InputError("说明内容不能为空", "the justification text must not be empty", subject="text")
        if len(text) > 2000:
            raise InputError("说明不能超过 2000 个字符", "the justification must be at most 2,000 characters",
                             subject="text")
        warnings = [i for i in self._row_issues(row, lambda r: r.id == rule)
                    if i.severity == WARNING and i.rule == rule and (field is None or i.field == field)]
        if not warnings:
            raise InputError(f"记录 {record_id} 当前没有规则 {rule} 的警告" + (f"（字段 {field}）" if field else ""),
                             f"record {record_id} has no current warning of rule {rule}" + (f" on {field}" if field else ""),
                             subject="rule")
        stamp = audit.now_iso()
        existing = self.justifications(record_id)
        with self._written.unchanged(), self.transaction():
            for warning in warnings:
                old = existing.get(warning.key, {}).get("text")
                self.db["justifications"].upsert(
                    {"record_id": record_id, "rule": rule, "field": warning.field, "text": text,
                     "operator": operator, "created_at": stamp}, pk=("record_id", "rule", "field"))
                audit.log(self.db, operator=operator, action="record.justify", record_id=record_id,
                          org_id=row["org_id"], at=stamp,
                          changes=[(f"justifications.{warning.key}", old, text)])
        return len(warnings)

    def submit(self, record_id: str, operator: str) -> None:
        """Move a draft to ``submitted``; refused with the reasons while anything blocks."""
        row = self._record_row(record_id)
        self._require_editable(row)
        # infos never block, so their rules (the peer comparison among them) are not run
        blockers = [i for i in self._row_issues(row, lambda r: r.severity in (ERROR, WARNING))
                    if i.severity == ERROR or (i.severity == WARNING and not i.justification)]
        if blockers:
            lines_zh = [("错误：" if i.severity == "error" else "未说明的警告：") + i.message_zh for i in blockers]
            lines_en = [("error: " if i.severity == "error" else "unjustified warning: ") + i.message_en for i in blockers]
            raise StateError("不能提交：\n" + "\n".join(lines_zh), "cannot submit:\n" + "\n".join(lines_en),
                             subject="issues")
        self._set_state(row, "submitted", operator, stamp_column="submitted_at")

    def _set_state(self, row: dict, state: str, operator: str, *, stamp_column: str,
                   comment: str | None = None) -> None:
        stamp = audit.now_iso()
        with self._written.unchanged(), self.transaction():
            self.db.conn.execute(
                f"UPDATE records SET state = ?, {stamp_column} = ?, updated_at = ?, decision_comment = ? WHERE record_id = ?",
                [state, stamp, stamp, comment, row["record_id"]])
            changes = [("state", row["state"], state)]
            if comment is not None or row["decision_comment"] is not None:
                changes.append(("decision_comment", row["decision_comment"], comment))
            audit.log(self.db, operator=operator, action=f"record.{state}", record_id=row["record_id"],
                      org_id=row["org_id"], changes=changes, at=stamp)

    def decide(self, record_id: str, decision: str, operator: str, comment: str | None = None, *,
               allow_superseded: bool = False) -> None:
        """The upper level's decision on a submitted record: ``accepted`` or ``returned``.

        A superseded revision (a newer revision of its lineage is here) is refused, naming the
        newer one; ``allow_superseded`` is for decisions the county already took, arriving in a
        decision package at an enterprise that has revised the record since.
        """
        row = self._record_row(record_id)
        if decision not in ("accepted", "returned"):
            raise InputError(f"未知的审核结论 {decision}", f"unknown decision {decision}", subject="decision")
        if row["state"] != "submitted":
            raise StateError(f"只有已提交的记录可以审核（当前状态：{row['state']}）",
                             f"only submitted records can be reviewed (state is {row['state']})", subject="state")
        newer = self.db.execute("SELECT record_id, revision FROM records WHERE lineage_id = ? AND revision > ?"
                                " ORDER BY revision DESC LIMIT 1", [row["lineage_id"], row["revision"]]).fetchone()
        if newer is not None and not allow_superseded:
            raise StateError(f"记录 {record_id}（第 {row['revision']} 版）已被更新的第 {newer[1]} 版 {newer[0]} 取代，"
                             "请审核最新版本",
                             f"record {record_id} (revision {row['revision']}) is superseded by revision "
                             f"{newer[1]}, {newer[0]}; review that one", subject="revision")
        comment = clean_free_text(comment or "", "审核意见", "review comment", subject="comment") or None
        if decision == "returned" and not comment:
            raise InputError("退回必须填写意见", "a return needs a comment", subject="comment")
        self._set_state(row, decision, operator, stamp_column="decided_at", comment=comment)

    def revise(self, record_id: str, operator: str) -> str:
        """A new draft revision (revision + 1) of a submitted, accepted or returned record."""
        row = self._record_row(record_id)
        if row["state"] == "draft":
            raise StateError("草稿可直接修改，无需修订", "a draft can be edited directly; no revision needed",
                             subject="state")
        latest = self._require_newest_revision(row)
        form = get_form(row["form"], row["form_version"])
        data, _ = read_content(self.db, form, record_id)
        computed = read_computed(self.db, record_id)
        new_id = new_record_id()
        stamp = audit.now_iso()
        with self.transaction():
            self.db.conn.execute(
                "INSERT INTO records (record_id, lineage_id, revision, previous_record_id, form, form_version,"
                " org_id, period, state, reference_data_version, origin, created_at, updated_at, operator)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, 'local', ?, ?, ?)",
                [new_id, row["lineage_id"], latest + 1, record_id, row["form"], row["form_version"],
                 row["org_id"], row["period"], row["reference_data_version"], stamp, stamp, operator])
            write_content(self.db, form, new_id, data, computed)
            for justification in self.justifications(record_id).values():
                self.db["justifications"].insert({**justification, "record_id": new_id})
            audit.log(self.db, operator=operator, action="record.revise", record_id=new_id,
                      org_id=row["org_id"], at=stamp,
                      changes=[("revision", row["revision"], latest + 1),
                               ("previous_record_id", None, record_id)])
        return new_id

    def _require_newest_revision(self, row: dict) -> int:
        latest = self.db.execute("SELECT MAX(revision) FROM records WHERE lineage_id = ?",
                                 [row["lineage_id"]]).fetchone()[0]
        if row["revision"] != latest:
            raise StateError(f"记录 {row['record_id']} 已有更新的版本 {latest}，请修订最新版本",
                             f"record {row['record_id']} has a newer revision ({latest}); revise that one",
                             subject="revision")
        return latest

    def version_changes(self, record_id: str) -> VersionChanges:
        """What moving the record onto the newest version of its form would change (nothing is stored)."""
        row = self._record_row(record_id)
        return version_changes(get_form(row["form"], row["form_version"]), get_form(row["form"]))

    def revise_to_latest(self, record_id: str, operator: str) -> VersionMove:
        """Move a record onto the newest version of its form, values carried over by field id.

        A draft moves in place; a submitted, accepted or returned record gets a new draft
        revision on the newest version (the old revision stays as it was). Values the newest
        version has no field for, or that no longer read under it (an option withdrawn), are
        left out and listed in ``VersionMove.dropped``; the audit log records every change.
        """
        row = self._record_row(record_id)
        old_form = get_form(row["form"], row["form_version"])
        new_form = get_form(row["form"])
        in_place = row["state"] == "draft"
        if in_place and new_form.version == old_form.version:
            raise StateError(f"记录 {record_id} 已是{new_form.title_zh}的最新版本（第 {new_form.version} 版）",
                             f"record {record_id} is already on the newest version of {new_form.title_en} "
                             f"(version {new_form.version})", subject="form_version")
        latest = row["revision"] if in_place else self._require_newest_revision(row)
        org = self.require_org(row["org_id"])
        ref = self.reference_for(row["reference_data_version"])
        old_data, _ = read_content(self.db, old_form, record_id)
        carried, dropped = carry_over(old_form, new_form, old_data)
        result = evaluate(new_form.id, carried, org=org, ref=ref, version=new_form.version, rules=False)
        while result.input_problems:
            removed = [r for r in (pop_path(new_form, carried, p.field) for p in result.input_problems) if r]
            if not removed:
                raise _problems_error(result.input_problems, "data")
            dropped.extend(removed)
            result = evaluate(new_form.id, carried, org=org, ref=ref, version=new_form.version, rules=False)
        result = self._evaluate_for_storage(new_form.id, org, carried, ref, new_form.version)
        changes = [("form_version", old_form.version, new_form.version),
                   *audit.diff_paths(old_data, result.data)]
        period = record_period(new_form.id, result.data, new_form.version)
        stamp = audit.now_iso()
        with self.transaction():
            if in_place:
                moved, previous = record_id, None
                delete_content(self.db, old_form, record_id)
                self.db.conn.execute("UPDATE records SET form_version = ?, period = ?, updated_at = ? "
                                     "WHERE record_id = ?", [new_form.version, period, stamp, record_id])
                action = "record.form_version"
            else:
                moved, previous = new_record_id(), record_id
                self.db.conn.execute(
                    "INSERT INTO records (record_id, lineage_id, revision, previous_record_id, form, form_version,"
                    " org_id, period, state, reference_data_version, origin, created_at, updated_at, operator)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, 'local', ?, ?, ?)",
                    [moved, row["lineage_id"], latest + 1, record_id, row["form"], new_form.version,
                     row["org_id"], period, row["reference_data_version"], stamp, stamp, operator])
                for justification in self.justifications(record_id).values():
                    self.db["justifications"].insert({**justification, "record_id": moved})
                changes = [("revision", row["revision"], latest + 1), ("previous_record_id", None, record_id),
                           *changes]
                action = "record.revise"
            write_content(self.db, new_form, moved, result.data, result.computed)
            audit.log(self.db, operator=operator, action=action, record_id=moved, org_id=row["org_id"],
                      at=stamp, changes=changes)
        return VersionMove(moved, previous, version_changes(old_form, new_form), tuple(dropped))

    def delete_draft(self, record_id: str, operator: str) -> None:
        """Remove a draft that was never submitted (the audit log keeps its trace)."""
        row = self._record_row(record_id)
        if row["state"] != "draft" or row["revision"] != 1:
            raise StateError("只能删除从未提交过的草稿", "only a never-submitted draft can be deleted",
                             subject="state")
        form = get_form(row["form"], row["form_version"])
        with self.transaction():
            delete_content(self.db, form, record_id)
            self.db.execute("DELETE FROM justifications WHERE record_id = ?", [record_id])
            self.db.execute("DELETE FROM records WHERE record_id = ?", [record_id])
            audit.log(self.db, operator=operator, action="record.delete", record_id=record_id,
                      org_id=row["org_id"])

    # --- attachments ---------------------------------------------------------------------
    def add_attachment(self, record_id: str, name: str, content: bytes, operator: str) -> dict:
        """Attach a document to a draft pilot application; returns its metadata."""
        row = self._record_row(record_id)
        self._require_editable(row)
        form = get_form(row["form"], row["form_version"])
        meta = checked_attachment(form, name, content)
        digest = meta["sha256"]
        data, _ = read_content(self.db, form, record_id)
        data["attachments"] = [*data.get("attachments", []), meta]
        with self.transaction():
            self.db.conn.execute("INSERT OR IGNORE INTO attachment_blobs (sha256, size, content) VALUES (?, ?, ?)",
                                 [digest, len(content), content])
            self.update_record(record_id, data, operator)
        return meta

    def remove_attachment(self, record_id: str, index: int, operator: str) -> None:
        row = self._record_row(record_id)
        self._require_editable(row)
        form = get_form(row["form"], row["form_version"])
        data, _ = read_content(self.db, form, record_id)
        items = data.get("attachments", [])
        if not 0 <= index < len(items):
            raise InputError(f"没有第 {index + 1} 个附件", f"there is no attachment {index + 1}",
                             subject="attachments")
        data["attachments"] = items[:index] + items[index + 1:]
        self.update_record(record_id, data, operator)

    def attachment_content(self, sha256: str) -> bytes:
        row = self.db.execute("SELECT content FROM attachment_blobs WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            raise NotFoundError(f"附件 {sha256} 不存在", f"attachment {sha256} not found", subject="attachments")
        return row[0]

    def audit_log_for_org(self, org_id: str) -> list[dict]:
        return list(self.db.query("SELECT * FROM audit_log WHERE org_id = ? ORDER BY id", [org_id]))


def open_store(path: Path | str) -> Store:
    """Open a database with the reference sets of this installation (shipped + user-added)."""
    from ..domain.reference import catalog

    return Store.open(path, catalog())
