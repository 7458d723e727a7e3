"""A record keeps the reference set it was computed with until it is recomputed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.samples import ENTERPRISE_ID, sample
from lowcarbon_desk.domain.errors import StateError
from lowcarbon_desk.domain.reference import ReferenceCatalog
from lowcarbon_desk.storage import Store

from .conftest import OPERATOR

# the newest shipped set (read, not pinned) and the version of the user's newer set below
SHIPPED = ReferenceCatalog().latest_shipped().version
NEWER = "2099.1"

GRID_2026 = """\
version = "2099.1"
default_grid_factor = "mee_2026"

[[grid_factors]]
id = "mee_2026"
label_zh = "全国电网 2026"
label_en = "National grid 2026"
tco2_per_mwh = 0.5
year = 2026
source = "MEE notice 2026"
"""


def electricity_report() -> dict:
    data = sample("energy_report")
    data["lines"].append({"energy": "electricity", "consumption_total": 100,
                          "industrial_use": 100})
    return data


def add_newer_set(user_reference: Path, tmp_path: Path) -> ReferenceCatalog:
    source = tmp_path / "grid-2026.toml"
    source.write_text(GRID_2026, encoding="utf-8")
    catalog = ReferenceCatalog(user_root=user_reference)
    catalog.add_file(source)
    return catalog


def test_record_keeps_its_version_until_recomputed(orgs_store: Store, db_path: Path,
                                                   user_reference: Path, tmp_path: Path) -> None:
    record_id = orgs_store.add_record("energy_report", ENTERPRISE_ID, electricity_report(),
                                      OPERATOR)
    doc = orgs_store.get_record(record_id)
    assert doc["reference_data_version"] == SHIPPED
    assert doc["computed"]["electricity_co2_t"] == pytest.approx(570.3)  # 100 x 5.703
    orgs_store.close()

    add_newer_set(user_reference, tmp_path)
    with Store.open(db_path, ReferenceCatalog(user_root=user_reference)) as store:
        assert store.catalog.latest().version == NEWER
        kept = store.get_record(record_id)
        assert kept["reference_data_version"] == SHIPPED
        assert kept["computed"] == doc["computed"]
        # an ordinary edit keeps the record's set too
        data = electricity_report()
        data["gross_output_10k_yuan"] = 160000
        edited = store.update_record(record_id, data, OPERATOR)
        assert edited["reference_data_version"] == SHIPPED
        assert edited["computed"]["electricity_co2_t"] == pytest.approx(570.3)
        # recomputing moves it to the newest set
        new = store.recompute(record_id, "复核员")
        assert new["reference_data_version"] == NEWER
        assert new["computed"]["electricity_co2_t"] == pytest.approx(500)  # 100 x 5.0
        assert new["computed"]["grid_factor_used"] == "mee_2026"
        assert new["computed"]["total_tce"] == doc["computed"]["total_tce"]
        entry = [e for e in store.audit_log(record_id)
                 if e["field_path"] == "reference_data_version"]
        assert [(e["old_value"], e["new_value"], e["operator"]) for e in entry] == [
            (json.dumps(SHIPPED), json.dumps(NEWER), "复核员")]
        # recomputing with the same set again changes nothing
        count = len(store.audit_log(record_id))
        assert store.recompute(record_id, OPERATOR)["computed"] == new["computed"]
        assert len(store.audit_log(record_id)) == count
        # and back to a chosen version
        back = store.recompute(record_id, OPERATOR, reference_version=SHIPPED)
        assert back["computed"]["electricity_co2_t"] == pytest.approx(570.3)


def test_new_records_use_the_newest_set_unless_told(orgs_store: Store, db_path: Path,
                                                    user_reference: Path,
                                                    tmp_path: Path) -> None:
    orgs_store.close()
    add_newer_set(user_reference, tmp_path)
    with Store.open(db_path, ReferenceCatalog(user_root=user_reference)) as store:
        newest = store.add_record("energy_report", ENTERPRISE_ID, electricity_report(), OPERATOR)
        chosen = store.add_record("energy_report", ENTERPRISE_ID, electricity_report(), OPERATOR,
                                  reference_version=SHIPPED)
        assert store.get_record(newest)["reference_data_version"] == NEWER
        assert store.get_record(chosen)["reference_data_version"] == SHIPPED


def test_submitted_record_is_not_recomputed(orgs_store: Store, db_path: Path,
                                            user_reference: Path, tmp_path: Path) -> None:
    record_id = orgs_store.add_record("energy_report", ENTERPRISE_ID, electricity_report(),
                                      OPERATOR)
    orgs_store.submit(record_id, OPERATOR)
    orgs_store.close()
    add_newer_set(user_reference, tmp_path)
    with Store.open(db_path, ReferenceCatalog(user_root=user_reference)) as store:
        with pytest.raises(StateError):
            store.recompute(record_id, OPERATOR)
        assert store.get_record(record_id)["reference_data_version"] == SHIPPED
        # its revision starts on the old set and can then be recomputed
        new_id = store.revise(record_id, OPERATOR)
        assert store.get_record(new_id)["reference_data_version"] == SHIPPED
        assert store.recompute(new_id, OPERATOR)["reference_data_version"] == NEWER
