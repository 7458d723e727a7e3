"""A new form version is a data-only change: its tables and columns appear on open (after a
backup), old records keep their version and definition, new records use the newest, a record
moves onto the newest version only when asked, and an unknown version is refused.

Installations are played with ``LOWCARBON_DESK_FORMS_DIR``: the shipped forms alone, or with the
test's newer version of ``energy_report`` beside them (``tests/fixtures/versions.py``: the newest
shipped version ``SHIPPED`` plus one field, a renamed label and a rule, as version ``NEWER``).
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

from domain.samples import COUNTY, ENTERPRISE, coal_line, sample
from fixtures.versions import (
    NEW_FIELD,
    NEW_LABEL_ZH,
    NEW_RULE,
    NEWER,
    OLD_LABEL_ZH,
    RELABELLED,
    SHIPPED,
    SHIPPED_FILE,
    fixture_database,
    normalised_schema,
    use_newer,
    use_shipped_only,
)
from lowcarbon_desk.domain.errors import InputError, StateError
from lowcarbon_desk.domain.forms import FORMS_DIR_ENV, UnknownFormError, get_form
from lowcarbon_desk.paths import forms_dir
from lowcarbon_desk.storage import Store, migrations
from lowcarbon_desk.storage.migrations import form_table_changes
from lowcarbon_desk.storage.schema import checked_layout

from .conftest import OPERATOR, dump

V1_FORM = (forms_dir() / "energy_report.v1.toml").read_text(encoding="utf-8")
NEWEST_FORM = SHIPPED_FILE.read_text(encoding="utf-8")


def as_newer(text: str) -> str:
    """A form file's text as version ``NEWER`` (one above the newest shipped version)."""
    return re.sub(r"^version = \d+$", f"version = {NEWER}", text, count=1, flags=re.M)


def columns(path_or_store, table: str) -> list[str]:
    conn = path_or_store.db.conn if isinstance(path_or_store, Store) else sqlite3.connect(path_or_store)
    return [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]


def v2_report(**changes) -> dict:
    data = sample("energy_report")
    data.update({NEW_FIELD: 340, **changes})
    return data


def opened(path: Path) -> Store:
    return Store.open(path)


@pytest.fixture
def v1_database(tmp_path: Path, monkeypatch) -> tuple[Path, str, str]:
    """A database of an installation with only the shipped forms: a submitted and a draft energy
    report of the newest shipped version."""
    use_shipped_only(monkeypatch)
    path = tmp_path / "office.db"
    with opened(path) as store:
        store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
        report = sample("energy_report") | {"lines": [coal_line(closing_stock=60)]}  # a stock warning
        submitted = store.add_record("energy_report", ENTERPRISE["org_id"], report, OPERATOR)
        store.justify(submitted, "energy_report.stock_balance", "煤场损耗，已盘点", OPERATOR)
        store.submit(submitted, OPERATOR)
        draft = store.add_record("energy_report", ENTERPRISE["org_id"],
                                 sample("energy_report") | {"period": "2025-03"}, OPERATOR)
    return path, submitted, draft


# --- the schema follows the form files ------------------------------------------------------

def test_fresh_database_has_the_schema_of_the_released_program(tmp_path: Path, monkeypatch) -> None:
    """Step 1 names its own columns: a new file ends exactly like one made by the release
    before form versions became data (the schema-3 fixture, made by that release)."""
    released = tmp_path / "released-forms"
    released.mkdir()
    for path in forms_dir().glob("*.v1.toml"):  # the forms that release shipped
        (released / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv(FORMS_DIR_ENV, str(released))
    fresh = tmp_path / "fresh.db"
    # the numbered steps up to 4 (after that release: 4 adds targets); 5 changes indexes of records
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
    monkeypatch.setattr(migrations, "LATEST_VERSION", 4)
    opened(fresh).close()
    later = {"table targets"}  # numbered steps after that release (4: targets) add these
    schema = {k: v for k, v in normalised_schema(fresh).items() if k not in later}
    assert schema == normalised_schema(fixture_database(3, tmp_path))


def test_step_1_does_not_read_todays_forms(tmp_path: Path, monkeypatch) -> None:
    """Even with a v1 form file that has an extra field, migration step 1 builds the released
    tables; the extra column is then added by the form step, like any later version's."""
    folder = tmp_path / "forms"
    folder.mkdir()
    for path in forms_dir().glob("*.v1.toml"):  # a later version's columns would come after
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "energy_report.v1.toml").write_text(V1_FORM.replace(
        '[[section.field]]\nid = "grid_factor_id"',
        '[[section.field]]\nid = "late_field"\ntype = "text"\nlabel_zh = "后加"\nlabel_en = "Late"\n\n'
        '[[section.field]]\nid = "grid_factor_id"', 1), encoding="utf-8")
    monkeypatch.setenv(FORMS_DIR_ENV, str(folder))
    path = tmp_path / "office.db"
    with opened(path) as store:
        assert columns(store, "energy_reports")[-1] == "late_field"
        assert store.db["settings"].get("form.energy_report.v1")["value"] == "added column energy_reports.late_field"
        assert form_table_changes(store.db) == []


def test_new_version_adds_its_column_after_a_backup(v1_database, monkeypatch) -> None:
    path, submitted, _draft = v1_database
    before = dump_path(path)
    assert NEW_FIELD not in columns(path, "energy_reports")
    use_newer(monkeypatch)
    with opened(path) as store:
        assert len(store.backups) == 1 and store.backups[0].name.startswith(f"{path.name}.before-forms-")
        assert columns(store, "energy_reports")[-1] == NEW_FIELD
        assert store.db["settings"].get(f"form.energy_report.v{NEWER}")["value"] == \
            f"added column energy_reports.{NEW_FIELD}"
        assert store.get_record(submitted)["form_version"] == SHIPPED
    backup = store.backups[0]
    assert NEW_FIELD not in columns(backup, "energy_reports")
    assert dump_path(backup) == before, "the backup is the database as it was before"
    with opened(path) as again:
        assert again.backups == []


def test_a_failed_form_step_changes_nothing(v1_database, monkeypatch) -> None:
    path, _submitted, _draft = v1_database
    before = dump_path(path)
    use_newer(monkeypatch)
    real = migrations.apply_form_table_changes

    def broken(db, changes) -> None:
        real(db, changes)
        raise RuntimeError("disk trouble")
    monkeypatch.setattr(migrations, "apply_form_table_changes", broken)
    with pytest.raises(RuntimeError):
        Store.open(path)
    assert dump_path(path) == before
    assert any(p.name.startswith(f"{path.name}.before-forms-") for p in path.parent.iterdir())


def dump_path(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump()]
    finally:
        conn.close()


def test_a_later_version_can_add_list_columns_and_lists(tmp_path: Path, monkeypatch) -> None:
    """A newer version (written here) adds a column to the energy lines and a whole new list."""
    folder = tmp_path / "forms"
    folder.mkdir()
    v3 = as_newer(NEWEST_FORM).replace(
        'id = "co2_factor_source"', 'id = "meter_id"\ntype = "text"\nlabel_zh = "计量表号"\nlabel_en = "Meter"\n\n'
        '[[section.field.column]]\nid = "co2_factor_source"', 1)
    v3 += ('\n[[section]]\nid = "meters"\nlabel_zh = "计量器具"\nlabel_en = "Meters"\n\n[[section.field]]\n'
           'id = "meters"\ntype = "group"\ntable = "energy_report_meters"\nlabel_zh = "计量器具"\n'
           'label_en = "Meters"\n\n[[section.field.column]]\nid = "serial"\ntype = "text"\nrequired = true\n'
           'label_zh = "编号"\nlabel_en = "Serial"\n\n[[section.field.column]]\nid = "calibrated"\n'
           'type = "date"\nlabel_zh = "检定日期"\nlabel_en = "Calibrated"\n')
    (folder / f"energy_report.v{NEWER}.toml").write_text(v3, encoding="utf-8")
    monkeypatch.setenv(FORMS_DIR_ENV, f"{forms_dir()}{os.pathsep}{folder}")
    path = tmp_path / "office.db"
    with opened(path) as store:
        assert "meter_id" in columns(store, "energy_lines")
        assert columns(store, "energy_report_meters") == ["record_id", "position", "serial", "calibrated"]
        store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
        data = sample("energy_report")
        data["lines"][0]["meter_id"] = "M-7"
        data["meters"] = [{"serial": "M-7", "calibrated": "2025-03-01"}, {"serial": "M-8", "calibrated": None}]
        record_id = store.add_record("energy_report", ENTERPRISE["org_id"], data, OPERATOR)
        doc = store.get_record(record_id)
    assert doc["form_version"] == NEWER
    assert doc["data"]["lines"][0]["meter_id"] == "M-7"
    assert doc["data"]["meters"] == [{"serial": "M-7", "calibrated": "2025-03-01"},
                                     {"serial": "M-8", "calibrated": None}]


def test_a_version_that_retypes_a_column_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "energy_report.v1.toml").write_text(V1_FORM, encoding="utf-8")
    retyped = as_newer(NEWEST_FORM).replace(
        'id = "gross_output_10k_yuan"\ntype = "number"', 'id = "gross_output_10k_yuan"\ntype = "text"', 1)
    (folder / f"energy_report.v{NEWER}.toml").write_text(retyped, encoding="utf-8")
    from lowcarbon_desk.domain.forms import load_form_file

    forms = [load_form_file(folder / "energy_report.v1.toml"), load_form_file(folder / f"energy_report.v{NEWER}.toml")]
    with pytest.raises(ValueError, match=rf"energy_report\.v{NEWER}\.toml: column energy_reports\.gross_output_10k_yuan "
                                         r"is REAL in energy_report\.v1\.toml; a column is never retyped"):
        checked_layout(forms)


def test_shipped_and_fixture_versions_fit_together(monkeypatch) -> None:
    use_newer(monkeypatch)
    from lowcarbon_desk.domain.forms import all_forms

    specs = checked_layout([f for f in all_forms().values() if f.kind == "record"])
    assert {(s.name, s.version) for s in specs if s.form == "energy_report"} >= {
        ("energy_reports", SHIPPED), ("energy_reports", NEWER), ("energy_lines", NEWER)}


# --- records keep their version ----------------------------------------------------------------

def test_old_records_keep_their_version_and_definition(v1_database, monkeypatch) -> None:
    path, submitted, draft = v1_database
    use_newer(monkeypatch)
    with opened(path) as store:
        old = store.get_record(submitted)
        assert old["form_version"] == SHIPPED and NEW_FIELD not in old["data"]
        # the rule the newer version added does not apply to an older record, even where it would fire
        store.update_record(draft, sample("energy_report") | {"period": "2025-03", "gross_output_10k_yuan": 10},
                            OPERATOR)
        assert NEW_RULE not in {i.rule for i in store.issues(draft)}
        assert store.get_record(draft)["form_version"] == SHIPPED
        new_id = store.add_record("energy_report", ENTERPRISE["org_id"], v2_report(gross_output_10k_yuan=10), OPERATOR)
        new = store.get_record(new_id)
        assert new["form_version"] == NEWER and new["data"][NEW_FIELD] == 340
        issue = next(i for i in new["issues"] if i["rule"] == NEW_RULE)
        assert issue["severity"] == "error" and issue["field"] == "value_added_10k_yuan"
        assert "工业增加值不能大于工业总产值" in issue["message_zh"]
        assert "value added cannot exceed gross output" in issue["message_en"]
        explicit = store.add_record("energy_report", ENTERPRISE["org_id"], sample("energy_report"), OPERATOR,
                                    version=SHIPPED)
        assert store.get_record(explicit)["form_version"] == SHIPPED
        listed = {r["record_id"]: r["form_version"] for r in store.list_records(form="energy_report")}
        assert listed[submitted] == SHIPPED and listed[new_id] == NEWER


def test_an_older_record_refuses_a_newer_versions_value(v1_database, monkeypatch) -> None:
    path, _submitted, draft = v1_database
    use_newer(monkeypatch)
    with opened(path) as store:
        before = dump(store)
        with pytest.raises(InputError) as info:
            store.update_record(draft, sample("energy_report") | {NEW_FIELD: 3}, OPERATOR)
        assert NEW_FIELD in info.value.message("en")
        with pytest.raises(InputError, match=f"version {SHIPPED} of Energy purchase"):
            store.update_record(draft, sample("energy_report"), OPERATOR, version=NEWER)
        assert dump(store) == before


def test_an_unknown_version_is_refused_with_update_the_program(v1_database, monkeypatch) -> None:
    """A newer version's record in a database opened by an installation without that version
    (a newer program wrote it)."""
    path, _submitted, _draft = v1_database
    use_newer(monkeypatch)
    with opened(path) as store:
        newer = store.add_record("energy_report", ENTERPRISE["org_id"], v2_report(), OPERATOR)
    use_shipped_only(monkeypatch)
    with opened(path) as store:
        assert store.backups == []
        before = dump(store)
        assert {r["record_id"] for r in store.list_records()} >= {newer}
        for action in (lambda: store.get_record(newer), lambda: store.issues(newer),
                       lambda: store.update_record(newer, sample("energy_report"), OPERATOR),
                       lambda: store.add_record("energy_report", ENTERPRISE["org_id"], v2_report(), OPERATOR,
                                                version=NEWER)):
            with pytest.raises(UnknownFormError) as info:
                action()
            assert "energy_report" in info.value.message("zh") and f"第 {NEWER} 版" in info.value.message("zh")
            assert "请更新程序" in info.value.message("zh")
            assert f"form energy_report version {NEWER}" in info.value.message("en")
            assert "update the program" in info.value.message("en")
        assert dump(store) == before


# --- moving a record onto the newest version --------------------------------------------------

def test_revise_to_latest_makes_a_new_revision_on_the_newest_version(v1_database, monkeypatch) -> None:
    path, submitted, _draft = v1_database
    use_newer(monkeypatch)
    with opened(path) as store:
        old_doc = store.get_record(submitted, with_audit=True)
        assert store.version_changes(submitted).added[0].path == NEW_FIELD
        moved = store.revise_to_latest(submitted, "迁移员")
        assert moved.previous_record_id == submitted and moved.record_id != submitted
        assert moved.dropped == ()
        assert [c.path for c in moved.changes.added] == [NEW_FIELD]
        assert [(c.path, c.old_label_zh, c.label_zh) for c in moved.changes.relabelled] == [
            (RELABELLED, OLD_LABEL_ZH, NEW_LABEL_ZH)]
        assert moved.changes.removed == ()
        lines = "\n".join(moved.lines("zh"))
        assert f"第 {SHIPPED} 版 → 第 {NEWER} 版" in lines and "新增字段" in lines and NEW_LABEL_ZH in lines
        assert "renamed labels" in "\n".join(moved.lines("en"))
        new_doc = store.get_record(moved.record_id, with_audit=True)
        assert new_doc["form_version"] == NEWER and new_doc["state"] == "draft" and new_doc["revision"] == 2
        assert new_doc["data"] == {**old_doc["data"], NEW_FIELD: None}
        assert new_doc["computed"] == old_doc["computed"]
        assert [j["text"] for j in new_doc["justifications"]] == ["煤场损耗，已盘点"]
        assert [i["justification"] for i in new_doc["issues"] if i["rule"] == "energy_report.stock_balance"] == [
            "煤场损耗，已盘点"]
        entry = {e["field_path"]: e for e in new_doc["audit_log"]}
        assert entry["form_version"]["old_value"] == str(SHIPPED)
        assert entry["form_version"]["new_value"] == str(NEWER)
        assert entry["form_version"]["action"] == "record.revise"
        assert store.get_record(submitted, with_audit=True) == old_doc, "the old revision is unchanged"
        with pytest.raises(StateError):
            store.revise_to_latest(submitted, OPERATOR)  # superseded now


def test_a_draft_moves_in_place(v1_database, monkeypatch) -> None:
    path, _submitted, draft = v1_database
    use_newer(monkeypatch)
    with opened(path) as store:
        before = store.get_record(draft)
        moved = store.revise_to_latest(draft, OPERATOR)
        assert moved.record_id == draft and moved.previous_record_id is None
        after = store.get_record(draft, with_audit=True)
        assert after["form_version"] == NEWER and after["revision"] == before["revision"]
        assert after["data"] == {**before["data"], NEW_FIELD: None}
        assert after["audit_log"][-1]["action"] == "record.form_version"
        with pytest.raises(StateError, match="already on the newest version"):
            store.revise_to_latest(draft, OPERATOR)


def test_values_of_a_removed_field_are_dropped_and_reported(tmp_path: Path, monkeypatch) -> None:
    """A newer version (written here) without ``grid_factor_id`` and with a withdrawn energy code."""
    use_shipped_only(monkeypatch)
    path = tmp_path / "office.db"
    with opened(path) as store:
        store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
        data = sample("energy_report") | {"grid_factor_id": store.reference().default_grid_factor}
        draft = store.add_record("energy_report", ENTERPRISE["org_id"], data, OPERATOR)
    folder = tmp_path / "forms"
    folder.mkdir()
    v3 = as_newer(NEWEST_FORM)
    start = v3.index('[[section.field]]\nid = "grid_factor_id"')
    end = v3.index("\n[[section", start) + 1  # the field alone, not the rest of its section
    v3 = v3[:start] + v3[end:]
    (folder / f"energy_report.v{NEWER}.toml").write_text(v3, encoding="utf-8")
    monkeypatch.setenv(FORMS_DIR_ENV, f"{forms_dir()}{os.pathsep}{folder}")
    with opened(path) as store:
        changes = store.version_changes(draft)
        assert [c.path for c in changes.removed] == ["grid_factor_id"]
        moved = store.revise_to_latest(draft, OPERATOR)
        assert moved.dropped == (("grid_factor_id", data["grid_factor_id"]),)
        assert "grid_factor_id" not in store.get_record(draft)["data"]
        assert store.get_record(draft)["form_version"] == get_form("energy_report").version == NEWER
        entry = next(e for e in store.audit_log(draft) if e["field_path"] == "grid_factor_id")
        assert entry["old_value"] == f'"{data["grid_factor_id"]}"' and entry["new_value"] is None
