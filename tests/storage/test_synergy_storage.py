"""Version-2 audits and pilots store their pollutant cuts and co-benefits in the typed tables
and read them back; a version-1 record stays version 1 without the new values."""

from __future__ import annotations

from domain.samples import COUNTY, ENTERPRISE, sample
from lowcarbon_desk.storage import Store

from .conftest import OPERATOR

PROJECT = {"name": "燃煤锅炉淘汰", "category": "industry", "co2_cut_t_per_year": 500,
           "so2_cut_t_per_year": 1.9, "nox_cut_t_per_year": 0.95}


def test_a_v2_pilot_keeps_its_pollutant_cuts_and_co_benefits(orgs_store: Store) -> None:
    data = sample("pilot_application") | {"projects": [PROJECT, {
        "name": "末端脱硝", "category": "industry", "co2_cut_t_per_year": -50, "nox_cut_t_per_year": 1.9}]}
    record_id = orgs_store.add_record("pilot_application", COUNTY["org_id"], data, OPERATOR)
    columns = [r[1] for r in orgs_store.db.conn.execute("PRAGMA table_info(pilot_projects)")]
    assert {"so2_cut_t_per_year", "nox_cut_t_per_year", "pm_cut_t_per_year",
            "vocs_cut_t_per_year"} <= set(columns)
    doc = orgs_store.get_record(record_id)
    assert doc["form_version"] == 2
    assert doc["data"]["projects"][1]["co2_cut_t_per_year"] == -50
    assert doc["computed"]["projects"] == [
        {"equivalents_cut": 3000, "synergy_class": "synergy", "co_control_ratio": 0.166667},
        {"equivalents_cut": 2000, "synergy_class": "trade_off", "co_control_ratio": -0.025}]
    assert doc["computed"]["total_equivalents_cut"] == 5000
    assert doc["computed"]["synergy_count_trade_off"] == 1


def test_a_v1_audit_stays_v1_without_the_new_values(orgs_store: Store) -> None:
    option = {"code": "A", "name": "脱硫", "category": "equipment", "cost_class": "no_low",
              "co2_reduction_t": 500, "so2_t": 1.9, "status": "implemented"}
    data = sample("cp_audit") | {"options": [option]}
    v1 = orgs_store.add_record("cp_audit", ENTERPRISE["org_id"], data, OPERATOR, version=1)
    v2 = orgs_store.add_record("cp_audit", ENTERPRISE["org_id"], data | {"audit_year": 2026}, OPERATOR)
    old, new = orgs_store.get_record(v1), orgs_store.get_record(v2)
    assert (old["form_version"], new["form_version"]) == (1, 2)
    assert "synergy_class" not in old["computed"]["options"][0]
    assert not [k for k in old["computed"] if "synergy" in k or "equivalents" in k]
    assert new["computed"]["options"][0]["synergy_class"] == "synergy"
    assert new["computed"]["implemented_equivalents_cut"] == 2000
