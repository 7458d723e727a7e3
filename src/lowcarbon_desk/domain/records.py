"""The record document: the one shape that storage, the CLI, reports and packages exchange.

``{"form", "form_version", "record_id", "lineage_id", "revision", "previous_record_id",
"org_id", "period", "state", "decision_comment", "data", "computed", "issues",
"justifications", "reference_data_version", "created_at", "updated_at", "submitted_at"}``
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid

from .forms import get_form
from .jsontypes import JsonObject, RecordData

STATES = ("draft", "submitted", "accepted", "returned")
STATE_LABELS = {"draft": ("草稿", "Draft"), "submitted": ("已提交", "Submitted"),
                "accepted": ("已接收", "Accepted"), "returned": ("已退回", "Returned")}


def state_label(state: str, lang: str = "zh") -> str:
    zh, en = STATE_LABELS.get(state, (state, state))
    return en if lang == "en" else zh


def new_record_id(rng: random.Random | None = None) -> str:
    """A fresh record id (UUID4 text); ``rng`` (a ``random.Random``) makes it reproducible."""
    if rng is None:
        return str(uuid.uuid4())
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def record_period(form_id: str, data: RecordData, version: int | None = None) -> str | None:
    """The period a record belongs to: the value of its form's ``period_field`` as text
    (``YYYY`` / ``YYYY-MM`` for reports, the year otherwise); ``None`` when it has none."""
    key = get_form(form_id, version).period_field
    value = data.get(key) if key else None
    return None if value is None else str(value)


def canonical_json(value: object) -> bytes:
    """UTF-8, keys sorted, no insignificant white space, numbers as JSON numbers: a NaN or an
    infinity anywhere raises ``ValueError`` (``allow_nan=False``)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def canonical_sha256(value: object) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


CONTENT_KEYS = ("form", "form_version", "record_id", "lineage_id", "revision", "previous_record_id",
                "org_id", "period", "reference_data_version", "data", "computed")


def content_fingerprint(doc: JsonObject) -> str:
    """SHA-256 of what a record says (not its state, timestamps or history).

    Works on a stored record document and on a package's record file alike.
    """
    justifications = sorted(({"rule": j["rule"], "field": j["field"], "text": j["text"]}
                             for j in doc.get("justifications") or []),
                            key=lambda j: (j["rule"], j["field"]))
    content = {k: doc.get(k) for k in CONTENT_KEYS}
    content["justifications"] = justifications
    return canonical_sha256(content)
