"""Writing a package straight into its output file, one member at a time (package.md, "Layout").

The archive is ``manifest.json``, ``manifest.sig``, then the members in name order. The
manifest comes first and lists every member's SHA-256, so every hash is known before the
first member is written: the generated members (record files, PDFs, workbooks, the roll-up)
are hashed from their bytes; the large ones kept in the database (nested packages,
attachments) carry their hash in their name or in their record and are copied in bounded
chunks, never whole. Each is hashed again while it is copied and refused, naming the member,
when the stored copy does not hash to what the manifest says; the caller's atomic output then
leaves no file behind.

The member order, time stamps, attributes and compression are fixed, so the same inputs give
the same bytes (a county's package is compared byte for byte when it is made again).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from .. import __version__
from ..domain.records import canonical_json
from .archive import CHUNK
from .errors import FileMismatchError
from .keys import InstallationKey
from .layout import FORMAT, FORMAT_VERSION, MANIFEST, SIGNATURE

# Members already compressed (or a nested package, which the verifier reads in place) are
# stored; everything else is deflated. A record PDF's streams are compressed already: deflating
# it again saved 12 % of its size for 29 ms of CPU a package at the sender, and cost every
# receiver 5.5 ms a package to inflate before hashing (a fifth of verifying one).
STORED_SUFFIXES = (".lcpkg", ".pdf", ".xlsx", ".docx", ".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class Member:
    """One file of the package: its name, the SHA-256 the manifest lists for it, and its bytes
    as chunks (``chunks()`` is called once, when the member is written)."""

    name: str
    sha256: str
    chunks: Callable[[], Iterator[bytes]]


def bytes_member(name: str, content: bytes) -> Member:
    """A member made here, held in memory (a record file, a PDF, a workbook)."""
    def chunks() -> Iterator[bytes]:
        yield content

    return Member(name, hashlib.sha256(content).hexdigest(), chunks)


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A member's time stamp: the package's creation time (ZIP cannot say a year before 1980)."""
    return (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)


def compression(name: str) -> int:
    return zipfile.ZIP_STORED if name.endswith(STORED_SUFFIXES) else zipfile.ZIP_DEFLATED


def manifest_bytes(*, kind: str, sender: dict, key: InstallationKey, records: list[dict], files: dict[str, str],
                   reference_data_version: str, created_at: dt.datetime) -> bytes:
    """The canonical JSON of the manifest (package.md §2)."""
    return canonical_json({
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": kind,
        "created_at": created_at.isoformat(),
        "app_version": __version__,
        "sender": sender,
        "public_key": key.public_base64,
        "reference_data_version": reference_data_version,
        "records": records,
        "files": files,
    })


def stored_copy_damaged(name: str) -> FileMismatchError:
    return FileMismatchError("stored_copy_damaged",
                             f"本程序保存的 {name} 已损坏（内容与其 SHA-256 不符），未写出数据包",
                             f"the copy of {name} this program keeps is damaged (its bytes do not match "
                             "its SHA-256); no package was written", subject=name)


class _Digest:
    """The SHA-256 of an archive as it is written. ``zipfile`` rewrites a member's local header
    once the member's data is written, so the bytes are final only then: after each member
    the new part is read back (it was just written and is still in the page cache)."""

    def __init__(self, out: BinaryIO):
        self.out = out
        self.digest = hashlib.sha256()
        self.done = 0

    def catch_up(self) -> None:
        end = self.out.seek(0, 2)
        self.out.seek(self.done)
        while self.done < end:
            chunk = self.out.read(min(CHUNK, end - self.done))
            if not chunk:
                raise OSError("the package file became shorter while it was written")
            self.digest.update(chunk)
            self.done += len(chunk)
        self.out.seek(end)

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


@contextmanager
def _closed_after(chunks: Iterator[bytes]) -> Iterator[Iterator[bytes]]:
    """``chunks``, closed afterwards when it can be: a generator reading an SQLite blob lets go
    of it even when writing stops half-way."""
    try:
        yield chunks
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def _copy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: Member) -> None:
    digest = hashlib.sha256()
    with archive.open(info, "w") as target, _closed_after(member.chunks()) as chunks:
        for chunk in chunks:
            digest.update(chunk)
            target.write(chunk)
    if digest.hexdigest() != member.sha256:
        raise stored_copy_damaged(member.name)


def write_package(out: BinaryIO, *, kind: str, sender: dict, key: InstallationKey, records: list[dict],
                  members: Iterable[Member], reference_data_version: str, created_at: dt.datetime) -> str:
    """Write a complete signed package into ``out`` (an empty file opened for writing and
    reading, ``w+b``, or a ``BytesIO``): the manifest listing every member's SHA-256, its
    signature, then the members in name order, each copied chunk by chunk. Returns the SHA-256
    of the whole archive. A member whose bytes do not hash to its ``sha256`` raises
    ``FileMismatchError`` naming it (the archive is then incomplete: write into a temporary)."""
    by_name = {member.name: member for member in members}
    ordered = [by_name[name] for name in sorted(by_name)]
    manifest = manifest_bytes(kind=kind, sender=sender, key=key, records=records,
                              files={m.name: m.sha256 for m in ordered},
                              reference_data_version=reference_data_version, created_at=created_at)
    signature = base64.b64encode(key.sign(manifest))
    stamp = zip_time(created_at)
    digest = _Digest(out)
    with zipfile.ZipFile(out, "w") as archive:
        for member in [bytes_member(MANIFEST, manifest), bytes_member(SIGNATURE, signature), *ordered]:
            info = zipfile.ZipInfo(member.name, stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = compression(member.name)
            _copy(archive, info, member)
            digest.catch_up()
    digest.catch_up()  # the central directory
    return digest.hexdigest()


__all__ = [
    "STORED_SUFFIXES",
    "Member",
    "bytes_member",
    "manifest_bytes",
    "stored_copy_damaged",
    "write_package",
    "zip_time",
]
