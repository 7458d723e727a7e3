"""The fingerprint of a record: what the PDF's QR code holds, so paper matches data.

Exactly what is hashed (``domain.records.content_fingerprint``): the record's content —
``form``, ``form_version``, ``record_id``, ``lineage_id``, ``revision``,
``previous_record_id``, ``org_id``, ``period``, ``reference_data_version``, ``data``,
``computed`` and the justifications as ``{rule, field, text}`` — serialised as canonical JSON
(UTF-8, keys sorted, no insignificant white space) and hashed with SHA-256 (lower-case hex).

Left out on purpose: the workflow state, timestamps, operator names, the origin and the audit
log, which change when the record is submitted, accepted or imported without changing what
it says; and the derived issue list. So the same revision gives the same fingerprint at the
enterprise, at the county and at the province, and from its file in a submission package.
"""

from __future__ import annotations

from ..domain.records import content_fingerprint


def record_fingerprint(doc: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of the record's content (see the module docstring)."""
    return content_fingerprint(doc)


def qr_payload(doc: dict) -> str:
    """The text of the QR code on page 1: ``LCD1|<record_id>|r<revision>|<sha256>``."""
    return f"LCD1|{doc['record_id']}|r{doc['revision']}|{record_fingerprint(doc)}"
