"""Why a package was refused: one exception type per family, one ``reason`` code per check.

Every refusal carries a bilingual message naming the package member (or the package) and the
reason, so the officer knows what to ask the sender for. ``reason`` is a stable code the tests
and the window use to tell the refusals apart.
"""

from __future__ import annotations

from ..domain.errors import LowcarbonError


class PackageError(LowcarbonError):
    """A package could not be created, verified or imported; nothing was changed."""

    def __init__(self, reason: str, message_zh: str, message_en: str, *, subject: str = "", field: str = ""):
        super().__init__(message_zh, message_en, subject=subject)
        self.reason = reason
        self.field = field


class NotAPackageError(PackageError):
    """The file is not a ZIP archive at all, or the archive is damaged or truncated."""


class UnsafeMemberError(PackageError):
    """A member is not a regular file at a safe relative path inside the package."""


class LimitError(PackageError):
    """The package or a member exceeds a size, count or compression-ratio limit."""


class ManifestError(PackageError):
    """``manifest.json`` is missing, unreadable or not in the package format."""


class SignatureError(PackageError):
    """``manifest.sig`` is missing, malformed, or does not verify with the manifest's key."""


class FileMismatchError(PackageError):
    """The members do not match the manifest's ``files`` list (missing, extra or changed)."""


class RecordFileError(PackageError):
    """A record file is malformed or its content does not validate against its form."""


class TrustError(PackageError):
    """The package is signed by a key other than the one pinned for its sender."""


class ImportConflictError(PackageError):
    """The package contradicts what the database already holds (ids, revisions, states)."""


class NothingToPackageError(PackageError):
    """There is no record (or accepted package) to put into a new package."""


class ArchiveLayoutError(PackageError):
    """The archive holds bytes the manifest does not account for: a comment, data before,
    between or after the members, a hidden or overlapping entry, a local header that differs
    from its central-directory entry, ZIP64 or split archives, extra fields."""


class NestingError(PackageError):
    """A package nests another where only a county's package may, or the nested package is
    not an enterprise's package of the county's division."""


class JurisdictionError(ImportConflictError):
    """The package comes from outside this database's division, decides records it has no say
    over, or claims to come from this database itself (``packages.jurisdiction``)."""
