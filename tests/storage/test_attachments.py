"""Attachments of a pilot application: allowed types, the 50 MB limit, SHA-256 (§5)."""

from __future__ import annotations

import hashlib

import pytest

from domain.samples import COUNTY, ENTERPRISE_ID, sample
from lowcarbon_desk.domain.errors import InputError, NotFoundError, StateError
from lowcarbon_desk.storage import Store

from .conftest import OPERATOR, dump

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 4
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
JPEG = b"\xff\xd8\xff\xe0" + bytes(64)
ZIP = b"PK\x03\x04" + bytes(64)  # XLSX and DOCX are ZIP containers
CONTENT = {"jpg": JPEG, "jpeg": JPEG, "png": PNG, "xlsx": ZIP, "docx": ZIP, "pdf": PDF}
LIMIT = 50 * 1024 * 1024


@pytest.fixture
def pilot(orgs_store: Store) -> str:
    return orgs_store.add_record("pilot_application", COUNTY["org_id"],
                                 sample("pilot_application"), OPERATOR)


def test_add_attachment_stores_metadata_and_content(orgs_store: Store, pilot: str) -> None:
    meta = orgs_store.add_attachment(pilot, "实施方案.pdf", PDF, OPERATOR)
    assert meta == {"name": "实施方案.pdf", "size": len(PDF),
                    "sha256": hashlib.sha256(PDF).hexdigest(), "media_type": "application/pdf"}
    doc = orgs_store.get_record(pilot)
    assert doc["data"]["attachments"] == [meta]
    assert doc["issues"] == []
    assert orgs_store.attachment_content(meta["sha256"]) == PDF
    logged = {e["field_path"]: e["new_value"] for e in orgs_store.audit_log(pilot)
              if e["action"] == "record.update"}
    assert logged["attachments[0].sha256"] == f'"{meta["sha256"]}"'
    assert logged["attachments[0].name"] == '"实施方案.pdf"'


@pytest.mark.parametrize("name, media_type", [
    ("scan.JPG", "image/jpeg"), ("photo.jpeg", "image/jpeg"), ("map.png", "image/png"),
    ("table.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("REPORT.PDF", "application/pdf"),
])
def test_allowed_types(orgs_store: Store, pilot: str, name: str, media_type: str) -> None:
    content = CONTENT[name.rsplit(".", 1)[1].lower()]
    assert orgs_store.add_attachment(pilot, name, content, OPERATOR)["media_type"] == media_type


@pytest.mark.parametrize(("name", "content"), [("setup.pdf", b"MZ\x90\x00"), ("photo.png", JPEG),
                                               ("table.xlsx", PDF), ("empty.jpg", b"")])
def test_content_must_match_the_type(orgs_store: Store, pilot: str, name: str, content: bytes) -> None:
    before = dump(orgs_store)
    with pytest.raises(InputError) as info:
        orgs_store.add_attachment(pilot, name, content, OPERATOR)
    assert name in info.value.message("zh") and "not a" in info.value.message("en")
    assert dump(orgs_store) == before


@pytest.mark.parametrize("name", ["setup.exe", "notes.txt", "archive.zip", "no_suffix",
                                  "report.pdf.exe", "old.doc", ".pdf"])
def test_refused_types(orgs_store: Store, pilot: str, name: str) -> None:
    before = dump(orgs_store)
    with pytest.raises(InputError) as info:
        orgs_store.add_attachment(pilot, name, b"content", OPERATOR)
    assert name in info.value.message("zh") and name in info.value.message("en")
    assert "PDF, JPEG, PNG, XLSX, DOCX" in info.value.message("en")
    assert dump(orgs_store) == before


def test_size_limit(orgs_store: Store, pilot: str) -> None:
    before = dump(orgs_store)
    with pytest.raises(InputError) as info:
        orgs_store.add_attachment(pilot, "big.pdf", bytes(LIMIT + 1), OPERATOR)
    assert "50 MB" in info.value.message("en") and "big.pdf" in info.value.message("zh")
    assert dump(orgs_store) == before


def test_exactly_50_mb_is_accepted(orgs_store: Store, pilot: str) -> None:
    content = PDF + bytes(LIMIT - len(PDF))
    meta = orgs_store.add_attachment(pilot, "exact.pdf", content, OPERATOR)
    assert meta["size"] == LIMIT
    assert meta["sha256"] == hashlib.sha256(content).hexdigest()
    assert orgs_store.get_record(pilot)["issues"] == []


def test_path_parts_are_dropped_from_the_name(orgs_store: Store, pilot: str) -> None:
    meta = orgs_store.add_attachment(pilot, "../../etc/证明.pdf", PDF, OPERATOR)
    assert meta["name"] == "证明.pdf"


def test_same_content_is_stored_once(orgs_store: Store, pilot: str) -> None:
    first = orgs_store.add_attachment(pilot, "a.pdf", PDF, OPERATOR)
    second = orgs_store.add_attachment(pilot, "b.pdf", PDF, OPERATOR)
    assert first["sha256"] == second["sha256"]
    assert orgs_store.db.execute("SELECT count(*) FROM attachment_blobs").fetchone()[0] == 1
    assert [a["name"] for a in orgs_store.get_record(pilot)["data"]["attachments"]] == [
        "a.pdf", "b.pdf"]


def test_remove_attachment(orgs_store: Store, pilot: str) -> None:
    orgs_store.add_attachment(pilot, "a.pdf", PDF, OPERATOR)
    orgs_store.add_attachment(pilot, "b.png", PNG, OPERATOR)
    orgs_store.remove_attachment(pilot, 0, OPERATOR)
    assert [a["name"] for a in orgs_store.get_record(pilot)["data"]["attachments"]] == ["b.png"]
    with pytest.raises(InputError) as info:
        orgs_store.remove_attachment(pilot, 5, OPERATOR)
    assert "6" in info.value.message("en")


def test_unknown_content(orgs_store: Store) -> None:
    with pytest.raises(NotFoundError):
        orgs_store.attachment_content("0" * 64)


def test_forms_without_attachments_refuse_them(orgs_store: Store) -> None:
    record_id = orgs_store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"),
                                      OPERATOR)
    with pytest.raises(InputError) as info:
        orgs_store.add_attachment(record_id, "a.pdf", PDF, OPERATOR)
    assert "takes no attachments" in info.value.message("en")


def test_submitted_application_takes_no_attachment(orgs_store: Store, pilot: str) -> None:
    orgs_store.add_attachment(pilot, "a.pdf", PDF, OPERATOR)
    orgs_store.submit(pilot, OPERATOR)
    before = dump(orgs_store)
    with pytest.raises(StateError):
        orgs_store.add_attachment(pilot, "b.pdf", PDF, OPERATOR)
    with pytest.raises(StateError):
        orgs_store.remove_attachment(pilot, 0, OPERATOR)
    assert dump(orgs_store) == before
    # the revision carries the attachment along
    new_id = orgs_store.revise(pilot, OPERATOR)
    assert orgs_store.get_record(new_id)["data"]["attachments"] == \
        orgs_store.get_record(pilot)["data"]["attachments"]
