"""Names inside a package and of the package file itself (package.md, "Layout").

```
manifest.json                 manifest.sig
目录.pdf                      index.html                   (what the package holds, for people)
records/<record_id>.json      reports/<period>-<form>-r<revision>.pdf      reports/submission.xlsx
attachments/<sha256>.<ext>    packages/<sha256>.lcpkg (a county's accepted enterprise packages)
reports/rollup.pdf            reports/rollup.xlsx (a county's roll-up of the package's year)
targets.json                  (a county's targets, when it has any)
```

Packages made before the index was added carry ``reports/<record_id>.pdf`` and no index; they
still verify (``report_names.py`` derives the readable names).
"""

from __future__ import annotations

import datetime as dt
import re

FORMAT = "lowcarbon-desk-package"
FORMAT_VERSION = 1
EXTENSION = ".lcpkg"
KIND_SUBMISSION = "submission"
KIND_DECISION = "decision"
KINDS = (KIND_SUBMISSION, KIND_DECISION)

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
WORKBOOK = "reports/submission.xlsx"
ROLLUP_PDF = "reports/rollup.pdf"
ROLLUP_XLSX = "reports/rollup.xlsx"
ROLLUP_MEMBERS = (ROLLUP_PDF, ROLLUP_XLSX)
TARGETS = "targets.json"  # a county's targets (optional; packages/targets_member.py)

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"
SHA_PATTERN = r"[0-9a-f]{64}"
RECORD_ID = re.compile(ID_PATTERN)
SHA256_HEX = re.compile(SHA_PATTERN)
RECORD_MEMBER = re.compile(rf"records/({ID_PATTERN})\.json")
REPORT_MEMBER = re.compile(rf"reports/({ID_PATTERN})\.pdf")
ATTACHMENT_MEMBER = re.compile(rf"attachments/({SHA_PATTERN})\.([a-z0-9]{{1,8}})")
NESTED_MEMBER = re.compile(rf"packages/({SHA_PATTERN})\.lcpkg")
_FILE_PATTERNS = (RECORD_MEMBER, REPORT_MEMBER, ATTACHMENT_MEMBER, NESTED_MEMBER)
_SAFE_NAME_PART = re.compile(r"[^A-Za-z0-9_-]+")


def record_member(record_id: str) -> str:
    return f"records/{record_id}.json"


def report_member(record_id: str) -> str:
    return f"reports/{record_id}.pdf"


def attachment_member(sha256: str, name: str) -> str:
    """``attachments/<sha256>.<ext>``; the extension comes from the attachment's file name."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else "bin"
    if not re.fullmatch(r"[a-z0-9]{1,8}", ext):
        ext = "bin"
    return f"attachments/{sha256}.{ext}"


def nested_member(sha256: str) -> str:
    return f"packages/{sha256}.lcpkg"


def is_listed_member(name: str) -> bool:
    """True for a name that may appear in the manifest's ``files``."""
    from .report_names import INDEX_MEMBERS, is_named_report

    return (name in (WORKBOOK, TARGETS) or name in ROLLUP_MEMBERS or name in INDEX_MEMBERS
            or is_named_report(name) or any(p.fullmatch(name) for p in _FILE_PATTERNS))


def is_layout_member(name: str) -> bool:
    """True for any name the layout allows (the listed ones plus manifest and signature)."""
    return name in (MANIFEST, SIGNATURE) or is_listed_member(name)


def package_file_name(org_id: str, period: str | None, when: dt.datetime) -> str:
    """``<org_id>_<period>_<YYYYMMDDTHHMMSS>.lcpkg`` (``all`` when no period was chosen)."""
    safe_org = _SAFE_NAME_PART.sub("-", org_id) or "org"
    safe_period = _SAFE_NAME_PART.sub("-", period) if period else "all"
    return f"{safe_org}_{safe_period}_{when.strftime('%Y%m%dT%H%M%S')}{EXTENSION}"
