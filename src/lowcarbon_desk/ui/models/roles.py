"""Custom item data roles shared by the models and proxies."""

from __future__ import annotations

from PySide6.QtCore import Qt

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the raw value, for sorting
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # record id / org id of the row
PATH_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # field path of an issue
KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 4  # navigator node kind
FORM_ROLE = int(Qt.ItemDataRole.UserRole) + 5  # navigator: form id
HEADER_BAND_ROLE = int(Qt.ItemDataRole.UserRole) + 6  # table header: the band over a column group
HEADER_LABEL_ROLE = int(Qt.ItemDataRole.UserRole) + 7  # table header: the label under the band
EXPLAIN_ROLE = int(Qt.ItemDataRole.UserRole) + 8  # a computed cell: the path its explanation has

# a cell people select and read but never edit, in a flat table
READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


def read_only_flags(index) -> Qt.ItemFlag:
    """``flags()`` of a read-only table model: READ_ONLY for a cell, nothing for the root."""
    return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags
