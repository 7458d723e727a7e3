"""The limits every package must respect (package.md, "Import (upper level)", plus the ones a
reader needs to keep its memory bounded).

From the spec: the package file at most 500 MB, at most 10,000 members, no member expanding
beyond 200 MB or with a compression ratio above 100:1, at most 2 GB expanded in all. The
expanded total counts everything read while verifying one file, its nested packages included.

Added here: the members that are read whole into memory have their own caps (the manifest
4 MB, the signature 1 KB, a record file 2 MB), JSON in them nests at most 32 levels, and a
package together with the packages it nests holds at most 100,000 members.

They are a parameter everywhere so tests can lower them instead of writing 200 MB files.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
GB = 1024 * MB


@dataclass(frozen=True)
class PackageLimits:
    """Upper bounds checked from the ZIP structure before anything is read, and again while
    reading."""

    max_package_bytes: int = 500 * MB
    max_members: int = 10_000
    max_member_bytes: int = 200 * MB
    max_ratio: float = 100.0
    max_total_bytes: int = 2 * GB
    max_manifest_bytes: int = 4 * MB
    max_signature_bytes: int = 1024
    max_record_bytes: int = 2 * MB
    max_json_depth: int = 32
    max_tree_members: int = 100_000


DEFAULT_LIMITS = PackageLimits()


def size_text(size: int) -> str:
    """A byte count as people read it (``1.5 MB``, ``812 bytes``)."""
    if size >= GB:
        return f"{size / GB:.1f} GB"
    if size >= MB:
        return f"{size / MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"
