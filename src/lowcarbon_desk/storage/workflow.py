"""The workflow of a record: justify a warning, submit, decide, revise (also onto the newest
form version) and delete a draft.

Each function takes the store (``Persistence``: organisations and records as stored) and, as
every change there, runs in one transaction and writes the audit log; one that raises has
changed nothing. ``Store`` offers each as a method of the same name.
"""

from __future__ import annotations

from ..domain import versions
from ..domain.errors import InputError, StateError
from ..domain.evaluate import evaluate
from ..domain.forms import get_form
from ..domain.issues import ERROR, WARNING
from ..domain.recompute import figure_mismatch
from ..domain.records import new_record_id, record_period
from ..domain.text import clean_free_text
from ..domain.versions import VersionChanges, VersionMove, carry_over, pop_path
from . import audit
from .persistence import Persistence, problems_error
from .record_io import delete_content, read_computed, read_content, write_content
from .rows import DbRow
from .tables import table


def justify(store: Persistence, record_id: str, rule: str, text: str, operator: str,
            field: str | None = None) -> int:
    """Justify the record's current warnings of ``rule`` (one field, or all); returns how many."""
    row = store.record_row(record_id)
    store.require_editable(row)
    text = clean_free_text(text or "", "说明", "justification", subject="text")
    if not text:
        raise InputError("说明内容不能为空", "the justification text must not be empty", subject="text")
    if len(text) > 2000:
        raise InputError("说明不能超过 2000 个字符", "the justification must be at most 2,000 characters",
                         subject="text")
    warnings = [i for i in store.row_issues(row, lambda r: r.id == rule)
                if i.severity == WARNING and i.rule == rule and (field is None or i.field == field)]
    if not warnings:
        raise InputError(f"记录 {record_id} 当前没有规则 {rule} 的警告" + (f"（字段 {field}）" if field else ""),
                         f"record {record_id} has no current warning of rule {rule}" + (f" on {field}" if field else ""),
                         subject="rule")
    stamp = audit.now_iso()
    existing = store.justifications(record_id)
    with store.content_unchanged(), store.transaction():
        for warning in warnings:
            old = existing.get(warning.key, {}).get("text")
            table(store.db, "justifications").upsert(
                {"record_id": record_id, "rule": rule, "field": warning.field, "text": text,
                 "operator": operator, "created_at": stamp}, pk=("record_id", "rule", "field"))
            audit.log(store.db, operator=operator, action="record.justify", record_id=record_id,
                      org_id=row["org_id"], at=stamp,
                      changes=[(f"justifications.{warning.key}", old, text)])
    return len(warnings)


def submit(store: Persistence, record_id: str, operator: str) -> None:
    """Move a draft to ``submitted``; refused with the reasons while anything blocks."""
    row = store.record_row(record_id)
    store.require_editable(row)
    # infos never block, so their rules (the peer comparison among them) are not run
    blockers = [i for i in store.row_issues(row, lambda r: r.severity in (ERROR, WARNING))
                if i.severity == ERROR or (i.severity == WARNING and not i.justification)]
    if blockers:
        lines_zh = [("错误：" if i.severity == "error" else "未说明的警告：") + i.message_zh for i in blockers]
        lines_en = [("error: " if i.severity == "error" else "unjustified warning: ") + i.message_en for i in blockers]
        raise StateError("不能提交：\n" + "\n".join(lines_zh), "cannot submit:\n" + "\n".join(lines_en),
                         subject="issues")
    _set_state(store, row, "submitted", operator, stamp_column="submitted_at")


def _set_state(store: Persistence, row: DbRow, state: str, operator: str, *, stamp_column: str,
               comment: str | None = None) -> None:
    stamp = audit.now_iso()
    with store.content_unchanged(), store.transaction():
        store.db.conn.execute(
            f"UPDATE records SET state = ?, {stamp_column} = ?, updated_at = ?, decision_comment = ? WHERE record_id = ?",
            [state, stamp, stamp, comment, row["record_id"]])
        changes: list[tuple[str, object, object]] = [("state", row["state"], state)]
        if comment is not None or row["decision_comment"] is not None:
            changes.append(("decision_comment", row["decision_comment"], comment))
        audit.log(store.db, operator=operator, action=f"record.{state}", record_id=row["record_id"],
                  org_id=row["org_id"], changes=changes, at=stamp)


def decide(store: Persistence, record_id: str, decision: str, operator: str, comment: str | None = None, *,
           allow_superseded: bool = False, check_figures: bool = True) -> None:
    """The upper level's decision on a submitted record: ``accepted`` or ``returned``.

    A superseded revision (a newer revision of its lineage is here) is refused, naming the
    newer one; ``allow_superseded`` is for decisions the county already took, arriving in a
    decision package at an enterprise that has revised the record since. A record is accepted
    only when its computed values follow from its entered values (worked out again here: a
    received record's figures are the sender's, not recomputed at import); ``check_figures``
    is off for a decision that arrives in a package, taken where it was checked.
    """
    row = store.record_row(record_id)
    if decision not in ("accepted", "returned"):
        raise InputError(f"未知的审核结论 {decision}", f"unknown decision {decision}", subject="decision")
    if row["state"] != "submitted":
        raise StateError(f"只有已提交的记录可以审核（当前状态：{row['state']}）",
                         f"only submitted records can be reviewed (state is {row['state']})", subject="state")
    newer = store.db.execute("SELECT record_id, revision FROM records WHERE lineage_id = ? AND revision > ?"
                             " ORDER BY revision DESC LIMIT 1", [row["lineage_id"], row["revision"]]).fetchone()
    if newer is not None and not allow_superseded:
        raise StateError(f"记录 {record_id}（第 {row['revision']} 版）已被更新的第 {newer[1]} 版 {newer[0]} 取代，"
                         "请审核最新版本",
                         f"record {record_id} (revision {row['revision']}) is superseded by revision "
                         f"{newer[1]}, {newer[0]}; review that one", subject="revision")
    comment = clean_free_text(comment or "", "审核意见", "review comment", subject="comment") or None
    if decision == "returned" and not comment:
        raise InputError("退回必须填写意见", "a return needs a comment", subject="comment")
    if decision == "accepted" and check_figures:
        _require_figures_follow(store, row)
    _set_state(store, row, decision, operator, stamp_column="decided_at", comment=comment)


def _require_figures_follow(store: Persistence, row: DbRow) -> None:
    """Refuse to accept a record whose stored computed values its entered values do not give."""
    form = get_form(row["form"], row["form_version"])
    data, computed = store.record_content(form, row["record_id"])
    ref = store.reference_for(row["reference_data_version"])
    found = figure_mismatch(form, data, computed, store.get_org(row["org_id"]), ref)
    if found is None:
        return
    short = row["record_id"][:8]
    raise StateError(
        f"记录 {short} 的{found.label(form)}报送为 {found.stored}，按录入值和参考数据 {ref.version} "
        f"重新计算为 {found.recomputed}：报送的计算值与录入值不符，不能接收，请退回并说明",
        f"record {short}: {found.label(form, 'en')} was sent as {found.stored}; its entered values with "
        f"reference data {ref.version} give {found.recomputed}. The sent figures do not follow from the "
        "entered values, so it cannot be accepted: return it with a comment", subject=found.path)


def revise(store: Persistence, record_id: str, operator: str) -> str:
    """A new draft revision (revision + 1) of a submitted, accepted or returned record."""
    row = store.record_row(record_id)
    if row["state"] == "draft":
        raise StateError("草稿可直接修改，无需修订", "a draft can be edited directly; no revision needed",
                         subject="state")
    latest = _require_newest_revision(store, row)
    form = get_form(row["form"], row["form_version"])
    data, _ = read_content(store.db, form, record_id)
    computed = read_computed(store.db, record_id)
    new_id = new_record_id()
    stamp = audit.now_iso()
    with store.transaction():
        store.db.conn.execute(
            "INSERT INTO records (record_id, lineage_id, revision, previous_record_id, form, form_version,"
            " org_id, period, state, reference_data_version, origin, created_at, updated_at, operator)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, 'local', ?, ?, ?)",
            [new_id, row["lineage_id"], latest + 1, record_id, row["form"], row["form_version"],
             row["org_id"], row["period"], row["reference_data_version"], stamp, stamp, operator])
        write_content(store.db, form, new_id, data, computed)
        for justification in store.justifications(record_id).values():
            table(store.db, "justifications").insert({**justification, "record_id": new_id})
        audit.log(store.db, operator=operator, action="record.revise", record_id=new_id,
                  org_id=row["org_id"], at=stamp,
                  changes=[("revision", row["revision"], latest + 1),
                           ("previous_record_id", None, record_id)])
    return new_id


def _require_newest_revision(store: Persistence, row: DbRow) -> int:
    latest: int = store.db.execute("SELECT MAX(revision) FROM records WHERE lineage_id = ?",
                              [row["lineage_id"]]).fetchone()[0]
    if row["revision"] != latest:
        raise StateError(f"记录 {row['record_id']} 已有更新的版本 {latest}，请修订最新版本",
                         f"record {row['record_id']} has a newer revision ({latest}); revise that one",
                         subject="revision")
    return latest


def version_changes(store: Persistence, record_id: str) -> VersionChanges:
    """What moving the record onto the newest version of its form would change (nothing is stored)."""
    row = store.record_row(record_id)
    return versions.version_changes(get_form(row["form"], row["form_version"]), get_form(row["form"]))


def revise_to_latest(store: Persistence, record_id: str, operator: str) -> VersionMove:
    """Move a record onto the newest version of its form, values carried over by field id.

    A draft moves in place; a submitted, accepted or returned record gets a new draft
    revision on the newest version (the old revision stays as it was). Values the newest
    version has no field for, or that no longer read under it (an option withdrawn), are
    left out and listed in ``VersionMove.dropped``; the audit log records every change.
    """
    row = store.record_row(record_id)
    old_form = get_form(row["form"], row["form_version"])
    new_form = get_form(row["form"])
    in_place = row["state"] == "draft"
    if in_place and new_form.version == old_form.version:
        raise StateError(f"记录 {record_id} 已是{new_form.title_zh}的最新版本（第 {new_form.version} 版）",
                         f"record {record_id} is already on the newest version of {new_form.title_en} "
                         f"(version {new_form.version})", subject="form_version")
    latest = row["revision"] if in_place else _require_newest_revision(store, row)
    org = store.require_org(row["org_id"])
    ref = store.reference_for(row["reference_data_version"])
    old_data, _ = read_content(store.db, old_form, record_id)
    carried, dropped = carry_over(old_form, new_form, old_data)
    result = evaluate(new_form.id, carried, org=org, ref=ref, version=new_form.version, rules=False)
    while result.input_problems:
        removed = [r for r in (pop_path(new_form, carried, p.field) for p in result.input_problems) if r]
        if not removed:
            raise problems_error(result.input_problems, "data")
        dropped.extend(removed)
        result = evaluate(new_form.id, carried, org=org, ref=ref, version=new_form.version, rules=False)
    result = store.evaluate_for_storage(new_form.id, org, carried, ref, new_form.version)
    changes = [("form_version", old_form.version, new_form.version),
               *audit.diff_paths(old_data, result.data)]
    period = record_period(new_form.id, result.data, new_form.version)
    stamp = audit.now_iso()
    with store.transaction():
        if in_place:
            moved, previous = record_id, None
            delete_content(store.db, old_form, record_id)
            store.db.conn.execute("UPDATE records SET form_version = ?, period = ?, updated_at = ? "
                                  "WHERE record_id = ?", [new_form.version, period, stamp, record_id])
            action = "record.form_version"
        else:
            moved, previous = new_record_id(), record_id
            store.db.conn.execute(
                "INSERT INTO records (record_id, lineage_id, revision, previous_record_id, form, form_version,"
                " org_id, period, state, reference_data_version, origin, created_at, updated_at, operator)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, 'local', ?, ?, ?)",
                [moved, row["lineage_id"], latest + 1, record_id, row["form"], new_form.version,
                 row["org_id"], period, row["reference_data_version"], stamp, stamp, operator])
            for justification in store.justifications(record_id).values():
                table(store.db, "justifications").insert({**justification, "record_id": moved})
            changes = [("revision", row["revision"], latest + 1), ("previous_record_id", None, record_id),
                       *changes]
            action = "record.revise"
        write_content(store.db, new_form, moved, result.data, result.computed)
        audit.log(store.db, operator=operator, action=action, record_id=moved, org_id=row["org_id"],
                  at=stamp, changes=changes)
    return VersionMove(moved, previous, versions.version_changes(old_form, new_form), tuple(dropped))


def delete_draft(store: Persistence, record_id: str, operator: str) -> None:
    """Remove a draft that was never submitted (the audit log keeps its trace)."""
    row = store.record_row(record_id)
    if row["state"] != "draft" or row["revision"] != 1:
        raise StateError("只能删除从未提交过的草稿", "only a never-submitted draft can be deleted",
                         subject="state")
    form = get_form(row["form"], row["form_version"])
    with store.transaction():
        delete_content(store.db, form, record_id)
        store.db.execute("DELETE FROM justifications WHERE record_id = ?", [record_id])
        store.db.execute("DELETE FROM records WHERE record_id = ?", [record_id])
        audit.log(store.db, operator=operator, action="record.delete", record_id=record_id,
                  org_id=row["org_id"])
