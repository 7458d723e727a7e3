"""The fingerprint of a record: what the PDF's QR code holds and what packages can check.

Exactly what is hashed: the record document as returned by ``Store.get_record`` (form,
form_version, record_id, lineage_id, revision, previous_record_id, org_id, period, state,
decision_comment, reference_data_version, origin, created_at, updated_at, submitted_at,
decided_at, operator, data, computed, justifications), **without** the keys ``issues`` and
``audit_log``, serialised as canonical JSON (``domain.records.canonical_json``: UTF-8, keys
sorted, no insignificant white space) and hashed with SHA-256 (lower-case hex).

Why those two keys are left out: ``issues`` are derived on every read from data, computed
values and justifications (and their wording may improve between program versions), and
``audit_log`` is only present when asked for and grows with history; neither changes what the
record says. A record file in a package may carry both; strip them before comparing.
"""

from __future__ import annotations

from ..domain.records import canonical_sha256

VOLATILE_KEYS = ("issues", "audit_log")


def fingerprint_payload(doc: dict) -> dict:
    """The part of a record document that the fingerprint covers."""
    return {k: v for k, v in doc.items() if k not in VOLATILE_KEYS}


def record_fingerprint(doc: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of ``doc`` without ``issues`` and ``audit_log``."""
    return canonical_sha256(fingerprint_payload(doc))


def qr_payload(doc: dict) -> str:
    """The text of the QR code on page 1: ``LCD1|<record_id>|r<revision>|<sha256>``."""
    return f"LCD1|{doc['record_id']}|r{doc['revision']}|{record_fingerprint(doc)}"
