"""Organisations, records and attachments as stored: reading and writing them.

``Persistence`` adds to the open database (``StoreBase``) the profiles of organisations, the
records' entered and computed values with their issues, and attached documents. Every public
method that changes something runs in one transaction and writes the audit log; a method that
raises has changed nothing. The workflow on top (submit, decide, revise …) is ``workflow.py``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from ..domain.creditcode import full_width_reason, has_full_width
from ..domain.errors import InputError, NotFoundError, StateError
from ..domain.evaluate import Evaluation, apply_justifications, evaluate, evaluate_org, run_rules
from ..domain.forms import RECORD_KIND, FormDef, get_form
from ..domain.issues import Issue, sort_issues
from ..domain.jsontypes import Computed, JsonObject, RecordData, Row
from ..domain.records import new_record_id, record_period
from ..domain.reference import ReferenceData
from ..domain.rules import Rule
from ..domain.text import shown
from . import audit
from .attachments import checked_attachment
from .base import StoreBase
from .history import record_history
from .ordering import ORGS_ORDER
from .record_io import delete_content, read_computed, read_content, write_content
from .rows import DbRow
from .tables import table

ORG_FIELDS = ("org_id", "kind", "name", "admin_code", "industry_code", "contact_name",
              "contact_phone", "address")
RECORD_COLUMNS = ("record_id", "lineage_id", "revision", "previous_record_id", "form",
                  "form_version", "org_id", "period", "state", "decision_comment",
                  "reference_data_version", "origin", "created_at", "updated_at",
                  "submitted_at", "decided_at", "operator")
EDITABLE_STATES = ("draft",)


def problems_error(problems: list[Issue], subject: str) -> InputError:
    """One ``InputError`` listing ``problems`` (Chinese and English joined)."""
    zh = "；".join(p.message_zh for p in problems)
    en = "; ".join(p.message_en for p in problems)
    return InputError(zh, en, subject=subject, problems=problems)


class Persistence(StoreBase):
    """Organisations, records and attachments of one open database."""

    @contextmanager
    def content_unchanged(self) -> Iterator[None]:
        """For a change that leaves the stored values as they are (a state, a justification,
        the audit log): the record just written need not be read back after it."""
        with self._written.unchanged():
            yield

    # --- organisations -------------------------------------------------------------------
    def add_orgs(self, orgs: Iterable[object], operator: str) -> list[str]:
        """Add organisations (all or none); returns their ids."""
        items = list(orgs)
        clean_orgs: list[RecordData] = []
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
            raise problems_error(problems, "org")
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

    def update_org(self, org_id: str, changes: JsonObject, operator: str) -> DbRow:
        """Change an organisation's profile (not its id); returns the stored profile."""
        current = self.require_org(org_id)
        merged = {**{k: current.get(k) for k in ORG_FIELDS}, **changes, "org_id": org_id}
        result = evaluate_org(merged)
        if result.errors:
            raise problems_error(result.errors, "org")
        new = {k: result.data.get(k) for k in ORG_FIELDS}
        diffs = [(k, current.get(k), new[k]) for k in ORG_FIELDS if current.get(k) != new[k]]
        if diffs:
            with self.transaction():
                table(self.db, "organisations").update(org_id, {**new, "updated_at": audit.now_iso()})
                audit.log(self.db, operator=operator, action="org.update", org_id=org_id, changes=diffs)
        return self.require_org(org_id)

    def get_org(self, org_id: str) -> DbRow | None:
        rows = self._rows("SELECT * FROM organisations WHERE org_id = ?", [org_id])
        return rows[0] if rows else None

    def require_org(self, org_id: str) -> DbRow:
        org = self.get_org(org_id)
        if org is None and has_full_width(org_id):
            zh, en = full_width_reason(org_id)
            raise InputError(f"org_id：{zh}", f"org_id: {en}", subject="org_id")
        if org is None:
            raise NotFoundError(f"单位 {shown(str(org_id))} 不存在（请先用 org add 添加）",
                                f"organisation {shown(str(org_id))} does not exist (add it with org add first)",
                                subject="org_id")
        return org

    def list_orgs(self, kind: str | None = None, admin_code: str | None = None) -> list[DbRow]:
        where, params = [], []
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if admin_code:
            where.append("admin_code = ?")
            params.append(admin_code)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return list(self.db.query(f"SELECT * FROM organisations {clause} ORDER BY {ORGS_ORDER}", params))

    # --- records: reading ----------------------------------------------------------------
    def record_row(self, record_id: str) -> DbRow:
        rows = self._rows("SELECT * FROM records WHERE record_id = ?", [record_id])
        if not rows:
            raise NotFoundError(f"记录 {record_id} 不存在", f"record {record_id} does not exist",
                                subject="record_id")
        return rows[0]

    def justifications(self, record_id: str) -> dict[str, DbRow]:
        """Stored justifications keyed ``rule@field``."""
        return {f"{r['rule']}@{r['field']}": r for r in self._rows(
            "SELECT * FROM justifications WHERE record_id = ? ORDER BY rule, field", [record_id])}

    def _issues(self, row: DbRow, data: RecordData, computed: Computed,
                which: Callable[[Rule], bool] | None = None) -> list[Issue]:
        form = get_form(row["form"], row["form_version"])
        ref = self.reference_for(row["reference_data_version"])
        org = self.get_org(row["org_id"])
        issues = sort_issues(run_rules(form, data, computed, org, ref, record_history(self, row, org, ref),
                                       which))
        texts = {k: j["text"] for k, j in self.justifications(row["record_id"]).items()}
        return apply_justifications(issues, texts)

    def row_issues(self, row: DbRow, which: Callable[[Rule], bool] | None = None) -> list[Issue]:
        """The issues of a stored record (its ``records`` row), of the rules ``which`` accepts."""
        form = get_form(row["form"], row["form_version"])
        data, computed = self._written.content(row["record_id"]) or read_content(self.db, form, row["record_id"])
        return self._issues(row, data, computed, which)

    def record_content(self, form: FormDef, record_id: str) -> tuple[RecordData, Computed]:
        """A stored record's entered and computed values, read as ``form`` (its version) lays
        them out, without its issues or history (for reports reading many records)."""
        return read_content(self.db, form, record_id)

    def get_record(self, record_id: str, *, with_audit: bool = False) -> JsonObject:
        """The record document: entered and computed values, issues, state and history links."""
        row = self.record_row(record_id)
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

    def get_record_computed(self, record_id: str) -> Computed:
        """Only the stored computed values of a record (cheap: no rules run)."""
        written = self._written.content(record_id)  # nothing written since: it exists
        if written:
            return written[1]
        self.record_row(record_id)
        return read_computed(self.db, record_id)

    def issues(self, record_id: str) -> list[Issue]:
        """Current issues of a stored record, with justifications attached."""
        return self.row_issues(self.record_row(record_id))

    def list_records(self, form: str | None = None, org_id: str | None = None,
                     period: str | None = None, state: str | None = None,
                     latest_only: bool = False) -> list[DbRow]:
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

    def revisions(self, record_id: str) -> list[DbRow]:
        """Every revision of the record's lineage, oldest first."""
        lineage = self.record_row(record_id)["lineage_id"]
        return list(self.db.query("SELECT * FROM records WHERE lineage_id = ? ORDER BY revision",
                                  [lineage]))

    def audit_log(self, record_id: str) -> list[DbRow]:
        return audit.entries(self.db, record_id)

    # --- records: changing ---------------------------------------------------------------
    def evaluate_for_storage(self, form_id: str, org: DbRow, data: object, ref: ReferenceData,
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
            raise problems_error(problems, "data")
        return result

    def add_record(self, form_id: str, org_id: str, data: object, operator: str, *,
                   reference_version: str | None = None, rng: random.Random | None = None, record_id: str | None = None,
                   at: str | None = None, version: int | None = None) -> str:
        """Store a new draft (of the newest form version unless ``version`` names another);
        malformed input raises ``InputError`` and stores nothing."""
        form = get_form(form_id, version)
        if form.kind != RECORD_KIND:
            raise InputError("单位请用 org add 添加", "add organisations with org add", subject="form")
        org = self.require_org(org_id)
        ref = self.reference(reference_version)
        result = self.evaluate_for_storage(form.id, org, data, ref, form.version)
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

    def require_editable(self, row: DbRow) -> None:
        if row["state"] not in EDITABLE_STATES:
            raise StateError(f"记录 {row['record_id']} 已{'提交' if row['state'] == 'submitted' else '处理'}，只读；如需修改请先“修订”生成新版本",
                             f"record {row['record_id']} is {row['state']} and read-only; revise it to make a new draft",
                             subject="state")

    def update_record(self, record_id: str, data: object, operator: str, *,
                      reference_version: str | None = None, version: int | None = None) -> JsonObject:
        """Replace a draft's entered values (recomputing them); returns the new document.

        ``version``: the form version ``data`` was laid out for (a workbook sheet's); refused
        when the record is of another version, whose fields it would not fill.
        """
        row = self.record_row(record_id)
        self.require_editable(row)
        form = get_form(row["form"], row["form_version"])
        if version is not None and version != form.version:
            raise InputError(f"记录 {record_id} 是{form.title_zh}第 {form.version} 版，填写的数据是第 {version} 版；"
                             "请重新导出后填写",
                             f"record {record_id} is version {form.version} of {form.title_en}; the data is "
                             f"for version {version}. Export it again and fill that in", subject="form_version")
        org = self.require_org(row["org_id"])
        ref = self.reference_for(reference_version or row["reference_data_version"])
        result = self.evaluate_for_storage(form.id, org, data, ref, form.version)
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

    def recompute(self, record_id: str, operator: str, reference_version: str | None = None) -> JsonObject:
        """Recompute a draft with another (default: the newest) reference set."""
        row = self.record_row(record_id)
        data, _ = read_content(self.db, get_form(row["form"], row["form_version"]), record_id)
        return self.update_record(record_id, data, operator,
                                  reference_version=reference_version or self.catalog.latest().version)

    # --- attachments ---------------------------------------------------------------------
    def add_attachment(self, record_id: str, name: str, content: bytes, operator: str) -> Row:
        """Attach a document to a draft pilot application; returns its metadata."""
        row = self.record_row(record_id)
        self.require_editable(row)
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
        row = self.record_row(record_id)
        self.require_editable(row)
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
        content: bytes = row[0]
        return content

    def audit_log_for_org(self, org_id: str) -> list[DbRow]:
        return list(self.db.query("SELECT * FROM audit_log WHERE org_id = ? ORDER BY id", [org_id]))
