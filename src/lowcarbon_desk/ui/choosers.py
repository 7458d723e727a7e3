"""File and folder choosers behind one small interface, so tests can answer them.

The window asks ``service.chooser`` for paths instead of calling ``QFileDialog`` itself; a
test replaces the chooser with one that returns prepared paths, so no real dialog opens.
An empty answer (``None`` or ``[]``) means the user cancelled.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


class FileChooser:
    """The real choosers: Qt's file dialogs (native where the platform has them)."""

    def directory(self, parent: QWidget | None, title: str, start: str = "") -> Path | None:
        chosen = QFileDialog.getExistingDirectory(parent, title, start)
        return Path(chosen) if chosen else None

    def open_file(self, parent: QWidget | None, title: str, filter_text: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(parent, title, "", filter_text)
        return Path(chosen) if chosen else None

    def open_files(self, parent: QWidget | None, title: str, filter_text: str) -> list[Path]:
        chosen, _ = QFileDialog.getOpenFileNames(parent, title, "", filter_text)
        return [Path(p) for p in chosen]
