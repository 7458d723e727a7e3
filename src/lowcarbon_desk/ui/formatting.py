"""Showing values: numbers with thousands separators, sizes, enumeration labels."""

from __future__ import annotations

from ..domain.rounding import format_number


def fmt_number(value: object, decimals: int | None = 2) -> str:
    """``12345.678`` → ``12,345.68`` (rounded half up, as the PDFs and workbooks); integers
    keep no decimals; ``decimals=None`` shows the value as applied; None → empty."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return format_number(value, decimals)
    return str(value)


def fmt_size(size: object) -> str:
    """A byte count as B, KB or MB."""
    if not isinstance(size, (int, float)):
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1048576:.1f} MB"


def edit_text(value: object) -> str:
    """A stored value as the text put into an editor (no separators, no trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
