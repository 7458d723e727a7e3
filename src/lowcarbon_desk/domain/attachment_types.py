"""How each allowed kind of supporting document starts, so a renamed program is not taken for
a PDF: used when a document is added and again when one arrives inside a package."""

from __future__ import annotations

SIGNATURES = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "xlsx": b"PK\x03\x04",  # XLSX and DOCX are ZIP containers
    "docx": b"PK\x03\x04",
}
LONGEST_SIGNATURE = max(len(start) for start in SIGNATURES.values())


def content_matches(suffix: str, head: bytes) -> bool:
    """True when ``head`` (the first bytes of a document) starts the way a ``suffix`` file does;
    a suffix with no known signature never matches."""
    start = SIGNATURES.get(suffix.lower().lstrip("."))
    return start is not None and head.startswith(start)
