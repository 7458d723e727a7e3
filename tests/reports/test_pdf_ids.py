"""Each PDF has its own document ID, derived from its content: a record's PDF with and
without the appendix, and the appendix in Chinese and English, are four documents with four
IDs; the same variant rendered twice has the same ID and the same bytes."""

from __future__ import annotations

from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.storage import Store

from . import pdfa_checks


def _ids(content: bytes) -> tuple[bytes, bytes, str]:
    reader = pdfa_checks.open_pdf(content)
    first, second = (pdfa_checks.raw(part) for part in reader.trailer["/ID"])
    xmp = pdfa_checks.xmp_values(reader.root_object["/Metadata"].get_object().get_data())
    return first, second, xmp["xmpMM:DocumentID"]


def test_every_variant_has_its_own_id(store: Store, ids: dict[str, str]) -> None:
    record = ids["annual"]
    variants = {explain: record_pdf(store, record, explain) for explain in (None, "zh", "en")}
    found = {explain: _ids(content) for explain, content in variants.items()}
    for first, second, document in found.values():
        assert first == second and document == pdfa_checks._uuid(first)
    assert len({first for first, _, _ in found.values()}) == 3
    assert len({document for _, _, document in found.values()}) == 3
    # a second record of the same form: another ID again
    assert _ids(record_pdf(store, ids["month1"]))[0] not in {first for first, _, _ in found.values()}
    # the same variant twice: the same bytes, so the same ID
    again = record_pdf(store, record, "en")
    assert again == variants["en"]
    assert _ids(again) == found["en"]
