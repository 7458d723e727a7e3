"""Names people can read for the record PDFs of a package, and the package's index members
(package.md §1, "Layout"): ``reports/2025-能源购进消费与库存-r2.pdf`` instead of
``reports/<record_id>.pdf``; ``目录.pdf`` and ``index.html`` list what the package holds.

A name is derived from the manifest's record entry alone (period, form, revision), with a
suffix ``-2``, ``-3`` … in the manifest's order when two records would get the same name, so
the verifier derives the same names and requires exactly them. The parts come from fixed
alphabets (the period's digits, the form title of this program's form files with only CJK
letters, ASCII letters, digits and ``_`` kept, else the form id's such characters): a manifest
cannot smuggle a path, a control character or an odd script into a member name.
"""

from __future__ import annotations

import re

from ..domain.forms import form_versions, get_form

INDEX_PDF = "目录.pdf"
INDEX_HTML = "index.html"
INDEX_MEMBERS = (INDEX_PDF, INDEX_HTML)
_PERIOD = re.compile(r"\d{4}(?:-\d{2})?")
_FORM_CHARS = re.compile(r"[^A-Za-z0-9_\u4e00-\u9fff]+")
MAX_FORM_PART = 40
NAMED_REPORT = re.compile(r"reports/(?:\d{4}(?:-\d{2})?|none)-[A-Za-z0-9_\u4e00-\u9fff]{1,40}-r\d{1,6}(?:-\d{1,4})?\.pdf")


def form_part(form_id: str, version: object = None) -> str:
    """The form's part of a file name: its Chinese title without punctuation (能源购进消费与库存)."""
    known = form_versions(form_id) if isinstance(form_id, str) else ()
    title = ""
    if known:
        form = get_form(form_id, version if isinstance(version, int) and version in known else None)
        title = _FORM_CHARS.sub("", form.title_zh)
    if not title:
        title = _FORM_CHARS.sub("", str(form_id)) or "form"
    return title[:MAX_FORM_PART]


def report_stem(entry: dict) -> str:
    """``<period>-<form>-r<revision>`` of a manifest record entry (``none`` without a period)."""
    period = entry.get("period")
    period_part = period if isinstance(period, str) and _PERIOD.fullmatch(period) else "none"
    revision = entry.get("revision")
    revision_part = revision if isinstance(revision, int) and 0 <= revision < 1_000_000 else 0
    return f"{period_part}-{form_part(entry.get('form') or '', entry.get('form_version'))}-r{revision_part}"


def report_names(entries: list[dict]) -> dict[str, str]:
    """Record id → its PDF's member name, for the manifest's ``records`` in their order; a name
    already taken gets ``-2``, ``-3`` … (two records of the same form and period)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for entry in entries:
        stem = report_stem(entry)
        name, count = f"reports/{stem}.pdf", 1
        while name in taken:
            count += 1
            name = f"reports/{stem}-{count}.pdf"
        taken.add(name)
        names[entry["record_id"]] = name
    return names


def is_named_report(name: str) -> bool:
    return NAMED_REPORT.fullmatch(name) is not None
