"""A record's computed values are the sender's (covered by its signature, not recomputed):
the receiver checks their shape against the form version and runs the deciding rules on them."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from lowcarbon_desk.domain.errors import StateError
from lowcarbon_desk.domain.records import canonical_json, content_fingerprint
from lowcarbon_desk.packages.errors import RecordFileError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.packages.verify import verify_bytes
from lowcarbon_desk.storage import imported as stored

from . import tamper
from .conftest import Built


def _signed(built: Built, change: Callable[[dict], None]) -> bytes:
    """The genuine package with the annual report's computed values changed, signed again by
    the sender's own key (what a sender could do, not a third party)."""
    name = f"records/{built.annual_id}.json"
    doc = json.loads(tamper.member(built.content, name))
    change(doc["computed"])
    return tamper.resign(built.content, load_or_create_key(built.home / "keys"), changes={name: canonical_json(doc)})


def _missing(computed: dict) -> None:
    del computed["total_co2_t"]


def _extra(computed: dict) -> None:
    computed["total_tce_recomputed"] = 1


def _text_for_number(computed: dict) -> None:
    computed["lines"][1]["line_tce"] = "245.8"


def _bool_for_number(computed: dict) -> None:
    computed["energy_intensity"] = True


def _number_for_bool(computed: dict) -> None:
    computed["key_energy_unit"] = 0


def _item_dropped(computed: dict) -> None:
    computed["lines"].pop()


def _item_key_extra(computed: dict) -> None:
    computed["lines"][0]["note"] = "x"


def _lines_not_a_list(computed: dict) -> None:
    computed["lines"] = {"0": computed["lines"][0]}


SHAPES = [
    ("a declared value missing", _missing, "total_co2_t"),
    ("a value the form does not declare", _extra, "total_tce_recomputed"),
    ("text for a number in an item", _text_for_number, "lines[1].line_tce"),
    ("a boolean for a number", _bool_for_number, "energy_intensity"),
    ("a number for a boolean", _number_for_bool, "key_energy_unit"),
    ("an item fewer than the entered lines", _item_dropped, "lines"),
    ("a key the item does not declare", _item_key_extra, "lines[0]"),
    ("the items not a list", _lines_not_a_list, "lines"),
]


@pytest.mark.parametrize(("case", "change", "where"), SHAPES, ids=[c[0] for c in SHAPES])
def test_computed_values_of_another_shape_are_refused_naming_the_value(county, enterprise_package, case,
                                                                       change, where):
    bad = _signed(enterprise_package, change)
    with pytest.raises(RecordFileError) as caught:
        verify_bytes(bad, "bad.lcpkg")
    assert caught.value.reason == "record_computed"
    assert f"computed.{where} " in caught.value.message_en and f"computed.{where} " in caught.value.message_zh
    assert "\n" not in caught.value.message_en + caught.value.message_zh
    before = county.dump()
    with pytest.raises(RecordFileError):
        import_package(county.store, bad, "县审核员")
    assert county.dump() == before


def test_the_deciding_rules_run_on_the_senders_computed_values(county, enterprise_package):
    """A combustion line without the factor it was computed with breaks an error rule that
    reads the computed values: refused, as the receiver's review would find it."""
    def no_factor(computed: dict) -> None:
        computed["lines"][0]["co2_factor_used"] = None

    bad = _signed(enterprise_package, no_factor)
    with pytest.raises(RecordFileError) as caught:
        verify_bytes(bad, "bad.lcpkg")
    assert caught.value.reason == "record_validation"
    assert "CO2 factor" in caught.value.message_en
    before = county.dump()
    with pytest.raises(RecordFileError):
        import_package(county.store, bad, "县审核员")
    assert county.dump() == before


def test_signed_figures_are_stored_as_the_senders_and_attributed_to_its_key(county, enterprise_package):
    """A sender that signs a figure of its own making (total energy 1 tce for 714.3 t of coal
    equivalent) is not second-guessed at import: the figure is stored as sent, under the
    package that carries the sender's key fingerprint, so the figure is the sender's word."""
    def understated(computed: dict) -> None:
        computed["total_tce"] = 1.0

    signed = _signed(enterprise_package, understated)
    package = verify_bytes(signed, "signed.lcpkg")
    result = import_package(county.store, signed, "县审核员")
    assert enterprise_package.annual_id in result.added
    assert county.store.get_record_computed(enterprise_package.annual_id)["total_tce"] == 1.0
    row = stored.imported_package(county.store, package.sha256)
    assert row["fingerprint"] == enterprise_package.fingerprint == package.fingerprint


def test_the_received_fingerprint_is_the_records_content_fingerprint(enterprise_package):
    package = verify_bytes(enterprise_package.content, "genuine.lcpkg")
    for record in package.records:
        assert record.fingerprint == content_fingerprint(record.doc)
    assert len({r.fingerprint for r in package.records}) == len(package.records)


def test_a_record_whose_signed_figures_do_not_follow_cannot_be_accepted(county, enterprise_package):
    """The figures are worked out again before the county accepts: the understated total is
    refused naming the value and both figures, nothing changes, and the record can be returned."""
    def understated(computed: dict) -> None:
        computed["total_tce"] = 1.0

    import_package(county.store, _signed(enterprise_package, understated), "县审核员")
    record_id = enterprise_package.annual_id
    before = county.dump()
    with pytest.raises(StateError) as refused:
        county.store.decide(record_id, "accepted", "县审核员")
    assert refused.value.subject == "total_tce"
    assert "综合能源消费量 (total_tce)报送为 1.0" in refused.value.message_zh
    recomputed = refused.value.message_en.split(" give ", 1)[1].split(".", 1)[0]
    assert float(recomputed) > 700
    assert "cannot be accepted" in refused.value.message_en
    assert county.dump() == before
    county.store.decide(record_id, "returned", "县审核员", "综合能源消费量与录入的能源品种不符")
    assert county.store.get_record(record_id)["state"] == "returned"


def test_genuine_figures_are_accepted(county, enterprise_package):
    import_package(county.store, enterprise_package.content, "县审核员")
    county.store.decide(enterprise_package.annual_id, "accepted", "县审核员")
    assert county.store.get_record(enterprise_package.annual_id)["state"] == "accepted"
