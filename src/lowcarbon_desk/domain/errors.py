"""Exceptions the headless layers raise; each carries a bilingual message naming the subject."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .issues import Issue


class LowcarbonError(Exception):
    """Base for errors shown to the user (exit status 1 on the command line)."""

    def __init__(self, message_zh: str, message_en: str | None = None, *, subject: str = ""):
        self.message_zh = message_zh
        self.message_en = message_en or message_zh
        self.subject = subject
        super().__init__(self.message_en)

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.message_en if lang == "en" else self.message_zh


class InputError(LowcarbonError):
    """The input is malformed: wrong type, out of range, unknown code or organisation."""

    def __init__(self, message_zh: str, message_en: str | None = None, *, subject: str = "",
                 problems: list[Issue] | None = None):
        super().__init__(message_zh, message_en, subject=subject)
        self.problems = problems or []


class ReferenceDataError(LowcarbonError):
    """A reference-data file or set is missing or malformed."""


class StateError(LowcarbonError):
    """The action is not allowed in the record's current state."""


class NotFoundError(LowcarbonError):
    """A record, organisation or file does not exist."""


class FileError(LowcarbonError):
    """A file or folder cannot be read or written: permission, missing folder, disk full,
    a folder where a file was expected, a file open in another program."""


class StorageError(LowcarbonError):
    """The database file cannot be used: disk full, locked by another writer, read-only,
    damaged, or a disk error. ``reason`` is one of ``full``, ``locked``, ``readonly``,
    ``damaged``, ``io``, ``cantopen``, ``other``."""

    def __init__(self, message_zh: str, message_en: str | None = None, *, subject: str = "",
                 reason: str = "other"):
        super().__init__(message_zh, message_en, subject=subject)
        self.reason = reason
