"""Header text shared by the table models: column titles across, row numbers down."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt


def numbered_header(titles: Sequence[str], section: int, orientation: Qt.Orientation,
                    role: int) -> object:
    """``titles[section]`` for a column, ``section + 1`` for a row; nothing for other roles."""
    if role != Qt.ItemDataRole.DisplayRole:
        return None
    if orientation == Qt.Orientation.Horizontal:
        return titles[section] if 0 <= section < len(titles) else None
    return str(section + 1)
