"""Values read back as the types storage declares them, also from rows no code of ours writes
(a computed value changed outside the program)."""

from __future__ import annotations

from domain.samples import ENTERPRISE_ID, sample
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.counting import year_energy
from lowcarbon_desk.storage.record_io import read_computed

from .conftest import OPERATOR


def _report(store: Store) -> str:
    return store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"), OPERATOR)


def test_an_integer_computed_value_without_its_number_reads_as_missing(orgs_store: Store) -> None:
    record_id = _report(orgs_store)
    orgs_store.db.execute("UPDATE record_computed SET value_num = NULL, value_type = 'int' "
                          "WHERE record_id = ? AND key = 'total_tce'", [record_id])
    assert read_computed(orgs_store.db, record_id)["total_tce"] is None


def test_a_total_stored_as_text_is_no_number_in_a_years_energy(orgs_store: Store) -> None:
    record_id = _report(orgs_store)
    orgs_store.db.execute("UPDATE record_computed SET value_num = NULL, value_text = 'viel', value_type = 'text' "
                          "WHERE record_id = ? AND key = 'total_tce'", [record_id])
    energy = year_energy(orgs_store, 2025)[ENTERPRISE_ID]
    assert energy.record_ids == [record_id]
    assert energy.total_tce is None
    assert energy.total_co2_t is not None and energy.total_co2_t > 0
