"""Stored targets: the migration step, who may set which division, audit, one transaction,
and the division's figures from the reports that count."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from domain.samples import COUNTY, COUNTY_ID, ENTERPRISE, ENTERPRISE_ID, PARK_ID, coal_line
from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.domain.targets import Target
from lowcarbon_desk.storage import Store, migrations
from lowcarbon_desk.storage.targets import (
    division_figures,
    get_target,
    list_targets,
    set_target,
    store_received,
)

from .conftest import OPERATOR, table_counts

TARGET = Target(COUNTY_ID, 2025, 2020, co2_intensity_cut_pct=18, energy_intensity_cut_pct=13.5)


def test_migration_step_4_adds_targets_after_a_backup(db_path: Path, monkeypatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        patch.setattr(migrations, "LATEST_VERSION", 3)
        with Store.open(db_path) as old:
            old.add_orgs([COUNTY], OPERATOR)
            assert "targets" not in old.db.table_names()
    with Store.open(db_path) as store:
        assert store.schema_version == migrations.LATEST_VERSION
        assert [b.name.split(".")[2].split("-2")[0] for b in store.backups] == ["before-v4"]
        assert store.db["settings"].get("migration.4")["value"] == "targets of a county or the province"
        columns = {c.name: c.type for c in store.db["targets"].columns}
        assert columns["energy_cap_tce"] == "REAL" and columns["base_year"] == "INTEGER"
        assert store.db["targets"].pks == ["division", "year"]
        backup = store.backups[0]
    copy = sqlite3.connect(backup)
    assert "targets" not in {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
    copy.close()


def test_set_and_change_a_target_with_audit(orgs_store: Store) -> None:
    stored = set_target(orgs_store, TARGET, OPERATOR)
    assert stored.set_by == OPERATOR and stored.set_at
    assert list_targets(orgs_store) == [stored]
    changed = set_target(orgs_store, Target(COUNTY_ID, 2025, 2020, co2_intensity_cut_pct=20,
                                            energy_intensity_cut_pct=13.5, energy_cap_tce=90_000), OPERATOR)
    assert (changed.co2_intensity_cut_pct, changed.energy_cap_tce) == (20, 90_000)
    log = orgs_store.audit_log_for_org(COUNTY_ID)
    entries = [(e["action"], e["field_path"], e["old_value"], e["new_value"]) for e in log
               if e["action"] == "target.set"]
    assert ("target.set", f"targets[{COUNTY_ID}/2025].co2_intensity_cut_pct", "18.0", "20") in entries
    assert ("target.set", f"targets[{COUNTY_ID}/2025].energy_cap_tce", None, "90000") in entries
    # the same values again change nothing and log nothing
    before = table_counts(orgs_store)
    set_target(orgs_store, changed, OPERATOR)
    assert table_counts(orgs_store) == before


def test_a_county_sets_only_its_own_division(orgs_store: Store) -> None:
    before = table_counts(orgs_store)
    with pytest.raises(InputError) as caught:
        set_target(orgs_store, Target("350200", 2025, 2020, 18), OPERATOR)
    assert "350200" in caught.value.message("zh") and "outside" in caught.value.message("en")
    assert table_counts(orgs_store) == before


def test_an_enterprise_database_sets_none(store: Store) -> None:
    store.add_orgs([ENTERPRISE], OPERATOR)
    store.add_record("energy_report", ENTERPRISE_ID, {"period": "2025", "value_added_10k_yuan": 1,
                                                      "lines": [coal_line()]}, OPERATOR)
    with pytest.raises(InputError) as caught:
        set_target(store, TARGET, OPERATOR)
    assert "only a county's or the province's" in caught.value.message("en")
    assert list_targets(store) == []


def test_received_targets_are_all_or_nothing_with_the_import(orgs_store: Store) -> None:
    with pytest.raises(RuntimeError), orgs_store.transaction():
        store_received(orgs_store, [TARGET], COUNTY_ID, OPERATOR)
        raise RuntimeError("the package's next member failed")
    assert get_target(orgs_store, COUNTY_ID, 2025) is None
    with orgs_store.transaction():
        assert store_received(orgs_store, [TARGET], COUNTY_ID, OPERATOR) == 1
    assert get_target(orgs_store, COUNTY_ID, 2025).set_by == COUNTY_ID


def test_division_figures_from_the_reports_that_count(orgs_store: Store) -> None:
    # 1,000 t raw coal = 714.3 tce each; value added 52,000 and 48,000 (10^4 yuan)
    a = orgs_store.add_record("energy_report", ENTERPRISE_ID, {"period": "2025", "value_added_10k_yuan": 52000,
                                                               "lines": [coal_line()]}, OPERATOR)
    b = orgs_store.add_record("energy_report", PARK_ID, {"period": "2025", "value_added_10k_yuan": 48000,
                                                         "lines": [coal_line()]}, OPERATOR)
    orgs_store.submit(a, OPERATOR)
    # a second draft of the same year does not displace the submitted report
    orgs_store.add_record("energy_report", ENTERPRISE_ID, {"period": "2025", "value_added_10k_yuan": 1,
                                                           "lines": [coal_line(consumption_total=5000,
                                                                               industrial_use=5000)]}, OPERATOR)
    co2 = orgs_store.get_record(a)["computed"]["total_co2_t"] + orgs_store.get_record(b)["computed"]["total_co2_t"]
    figures = division_figures(orgs_store, COUNTY_ID, [2024, 2025])
    assert figures[2024].reports == 0 and figures[2024].co2_intensity is None
    year = figures[2025]
    assert year.reports == 2
    assert year.total_tce == pytest.approx(1428.6)
    assert year.value_added_10k_yuan == pytest.approx(100_000)
    assert year.energy_intensity == pytest.approx(0.014286)
    assert year.total_co2_t == pytest.approx(co2)
    assert year.non_fossil_share_pct == 0  # version-2 reports of coal alone: no non-fossil energy


def test_the_province_sets_its_own_and_its_counties(store: Store) -> None:
    from domain.samples import sample

    province = {**COUNTY, "org_id": "350000", "admin_code": "350000", "name": "示例省"}
    store.add_orgs([province, COUNTY, ENTERPRISE], OPERATOR)
    store.add_record("pilot_application", "350000", sample("pilot_application"), OPERATOR)  # the province's own
    store.add_record("energy_report", ENTERPRISE_ID, {"period": "2025", "value_added_10k_yuan": 1000,
                                                      "lines": [coal_line()]}, OPERATOR)
    set_target(store, Target("350000", 2025, 2020, 18), OPERATOR)
    set_target(store, Target(COUNTY_ID, 2025, 2020, 20), OPERATOR)
    with pytest.raises(InputError) as caught:
        set_target(store, Target("360100", 2025, 2020, 18), OPERATOR)
    assert "360100" in caught.value.message("en")
    assert [t.division for t in list_targets(store)] == ["350000", COUNTY_ID]
    # the province's figures are its counties' enterprises and parks
    year = division_figures(store, "350000", [2025])[2025]
    assert (year.reports, year.total_tce, year.value_added_10k_yuan) == (1, pytest.approx(714.3), 1000)


def test_non_fossil_share_sums_the_reports_that_carry_it(orgs_store: Store) -> None:
    # the enterprise's version-2 report carries its non-fossil energy (a roof of its own PV); the
    # park's version-1 report carries none and stays out of the share
    pv = {"energy": "pv_self", "consumption_total": 100, "industrial_use": 100}
    a = orgs_store.add_record("energy_report", ENTERPRISE_ID, {"period": "2025", "value_added_10k_yuan": 52000,
                                                               "lines": [coal_line(), pv]}, OPERATOR)
    orgs_store.add_record("energy_report", PARK_ID, {"period": "2025", "value_added_10k_yuan": 48000,
                                                     "lines": [coal_line()]}, OPERATOR, version=1)
    computed = orgs_store.get_record(a)["computed"]
    assert computed["non_fossil_tce"] == pytest.approx(122.9)  # 100 (10^4 kWh) x 1.229
    year = division_figures(orgs_store, COUNTY_ID, [2025])[2025]
    assert (year.non_fossil_tce, year.non_fossil_basis_tce) == (pytest.approx(122.9), pytest.approx(714.3 + 122.9))
    assert year.non_fossil_share_pct == pytest.approx(100 * 122.9 / (714.3 + 122.9))
    assert year.total_tce == pytest.approx(714.3 * 2 + 122.9)  # the intensities still count both reports
