"""The size limits every package must respect (package.md, "Import (upper level)").

They are a parameter everywhere so tests can lower them instead of writing 200 MB files.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
GB = 1024 * MB


@dataclass(frozen=True)
class PackageLimits:
    """Upper bounds checked from the central directory and again while reading."""

    max_package_bytes: int = 500 * MB
    max_members: int = 10_000
    max_member_bytes: int = 200 * MB
    max_ratio: float = 100.0
    max_total_bytes: int = 2 * GB


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
