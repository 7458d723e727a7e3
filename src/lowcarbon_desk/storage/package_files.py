"""Imported packages' original bytes kept as files beside the database.

A county keeps every package it imports, unchanged, to forward it upward. Written into SQLite,
each byte goes through the write-ahead log and then again into the database file: at 10,000
packages (15 GB) that double write kept the importing core busy. A package of at least
``FILE_THRESHOLD`` bytes is therefore kept as ``<database>-packages/<sha256>.lcpkg`` and its
row in ``imported_packages`` names the file (``content_file``) with an empty ``content``;
a smaller package (a decision package), a database without a file, and every package stored
before stay in the database.

Rules that keep the files and the rows in step:

- A file is written only inside a write transaction (``BEGIN IMMEDIATE`` holds the
  database's write lock), first under a temporary name, then renamed to its final name. Two
  programs cannot write packages at the same moment, so the name is never raced.
- Before the transaction commits, every file it wrote is synced to disk and so is the folder
  (``make_durable``); a row naming a file is never committed before its file is on disk.
- When the transaction, or the savepoint the file was written in, rolls back, the files
  written in it are removed (``discard_since``). A file left behind by a killed program is
  named by no row: nothing reads it, a later import of the same package writes it again, and
  ``remove_unnamed`` (after a restore) takes it away.
- The files are never changed after the commit; a package forwarded upward is hashed while
  it is copied, as a blob in the database is, and one that no longer matches is refused.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from ..domain.errors import FileError
from ..fileio import file_error
from .connection import database, transaction

# SQLite's own measurement ("Internal Versus External BLOBs", sqlite.org/intern-v-extern-blob.html):
# with 4096-byte pages (this database's), reading a 100 KB blob from a file of its own took 0.890
# of the time it took from the database, a 50 KB one 1.173. A submission package with its record
# PDFs is 1-2 MB; a decision package a few KB.
FILE_THRESHOLD = 100 * 1024
FOLDER_SUFFIX = "-packages"
FILE_SUFFIX = ".lcpkg"
TEMP_SUFFIX = ".part"
CHUNK_BYTES = 1 << 20
_FILE_NAME = re.compile(r"^[0-9a-f]{64}\.lcpkg$")


def valid_file_name(name: str) -> bool:
    """Whether ``name`` is a package file's name (never a path: a row cannot point elsewhere)."""
    return bool(_FILE_NAME.match(name))


def checked_file_name(name: str) -> str:
    """``name`` from a row's ``content_file``, refused in one line unless a package file's name."""
    if not valid_file_name(name):
        raise FileError(f"数据库中数据包原件的文件名 {name!r} 无效", f"the package file name {name!r} in the "
                        "database is not valid", subject=name)
    return name


def folder_of(db_path: Path) -> Path:
    """The folder of ``db_path``'s package files: ``<database file name>-packages`` beside it."""
    return db_path.with_name(db_path.name + FOLDER_SUFFIX)


def database_path(conn: sqlite3.Connection) -> Path | None:
    """The file of ``conn``'s main database, or ``None`` in memory."""
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def file_name(sha256: str) -> str:
    """The file a package with this SHA-256 is kept in (inside the folder)."""
    return sha256 + FILE_SUFFIX


def missing_file(path: Path) -> FileError:
    """The one line for a package file that is not there (copied without its folder)."""
    return FileError(
        f"数据包原件 {path} 不存在：数据库文件被复制或移动时没有带上它旁边的文件夹 {path.parent.name}。"
        "请把该文件夹放回数据库旁，或从本程序做的备份恢复（备份包含数据包原件）",
        f"the package original {path} is missing: the database file was copied or moved without the "
        f"folder {path.parent.name} beside it. Put the folder back beside the database, or restore a "
        "backup made by this program (backups hold the package originals)",
        subject=str(path))


def open_package_file(path: Path) -> BinaryIO:
    """A package file opened for reading; missing or unreadable: one line naming it."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise missing_file(path) from None
    except OSError as exc:
        raise file_error(exc, path) from None


class PackageFiles:
    """The package files of one open database and those written by its open transaction."""

    def __init__(self, conn: sqlite3.Connection):
        db_path = database_path(conn)
        self.folder = None if db_path is None else folder_of(db_path)
        self._pending: list[Path] = []  # written in the open transaction

    def keeps(self, size: int) -> bool:
        """Whether a package of ``size`` bytes is kept as a file (else in the database)."""
        return self.folder is not None and size >= FILE_THRESHOLD

    def path(self, name: str) -> Path:
        """Where the package file ``name`` (from ``content_file``) is."""
        assert self.folder is not None  # a row names a file only in a database with a folder
        return self.folder / checked_file_name(name)

    # --- writing (inside a transaction) --------------------------------------------------------
    def write(self, sha256: str, size: int, chunks: Iterable[bytes | memoryview]) -> str:
        """Write a package's ``size`` bytes from ``chunks`` into its file; its name. A wrong
        count of bytes, or an error of the chunks (a hash check), removes what was written."""
        assert self.folder is not None
        name = file_name(sha256)
        target = self.folder / name
        temp = self.folder / f".{name}.{os.getpid()}{TEMP_SUFFIX}"
        try:
            self.folder.mkdir(exist_ok=True)
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise file_error(exc, temp if exc.filename is None else exc.filename) from None
        try:
            try:
                written = _write_all(handle, chunks, size, target)
            finally:
                os.close(handle)
            if written != size:
                raise ValueError(f"{written} bytes instead of the {size} announced for {name}")
            os.replace(temp, target)
        except BaseException as exc:
            with suppress(OSError):
                temp.unlink()
            if isinstance(exc, OSError):
                raise file_error(exc, target) from None
            raise
        # synced at the commit, not now: a group's files then reach the disk together
        self._pending.append(target)
        return name

    def mark(self) -> int:
        """Where a savepoint starts, for ``discard_since``."""
        return len(self._pending)

    def discard_since(self, mark: int) -> None:
        """Remove the files written since ``mark`` (their savepoint or transaction rolled back)."""
        for target in self._pending[mark:]:
            with suppress(OSError):
                target.unlink()
        del self._pending[mark:]

    def make_durable(self) -> None:
        """Sync every file written in the transaction, then the folder, before it commits."""
        if not self._pending:
            return
        for target in self._pending:
            _sync_file(target)
        assert self.folder is not None
        sync_folder(self.folder)

    def committed(self) -> None:
        """The transaction committed: the files are the database's now."""
        self._pending.clear()

    # --- reading -------------------------------------------------------------------------------
    def open(self, name: str) -> BinaryIO:
        """The package file ``name`` opened for reading; a missing one is one line. Its bytes are
        checked by whoever reads them, as a blob's are (the ZIP directory, the SHA-256)."""
        return open_package_file(self.path(name))

    def chunks(self, name: str, chunk: int) -> Iterator[bytes]:
        """The package file's bytes, ``chunk`` at a time (the file opened at the first)."""
        with self.open(name) as handle:
            while piece := handle.read(chunk):
                yield piece


def _write_all(handle: int, chunks: Iterable[bytes | memoryview], size: int, target: Path) -> int:
    written = 0
    for chunk in chunks:
        if written + len(chunk) > size:
            raise ValueError(f"more than the {size} bytes announced for {target.name}")
        view = memoryview(chunk)
        while view:
            view = view[os.write(handle, view):]
        written += len(chunk)
    return written


def _sync_file(path: Path) -> None:
    """Sync a file written and closed earlier (Windows flushes only through a writable handle)."""
    try:
        handle = os.open(path, (os.O_WRONLY | getattr(os, "O_BINARY", 0)) if os.name == "nt" else os.O_RDONLY)
        try:
            os.fsync(handle)
            if hasattr(os, "posix_fadvise"):
                # kept to be forwarded some day, not read now: its pages need not crowd out the
                # database's and the next packages' in the cache (10,000 packages are 15 GB)
                os.posix_fadvise(handle, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(handle)
    except OSError as exc:
        raise file_error(exc, path) from None


def sync_folder(folder: Path) -> None:
    """Sync the folder's entries (the renames), where the system lets a folder be opened."""
    if os.name == "nt":  # Windows cannot open a folder this way; NTFS journals its entries
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise file_error(exc, folder) from None
    try:
        os.fsync(handle)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EBADF):  # file systems that cannot sync a folder
            raise file_error(exc, folder) from None
    finally:
        os.close(handle)


def remove_unnamed(conn: sqlite3.Connection, db_path: Path) -> list[Path]:
    """Remove the package files (and temporaries) no row of ``imported_packages`` names: those
    of a database a restore replaced, or left by a killed import. Under the write lock, so no
    import is writing one; returns what was removed."""
    folder = folder_of(db_path)
    if not folder.is_dir():
        return []
    with transaction(database(conn)):
        return remove_unnamed_in_transaction(conn, folder)


def remove_unnamed_in_transaction(conn: sqlite3.Connection, folder: Path) -> list[Path]:
    """``remove_unnamed`` inside the caller's write transaction."""
    if not folder.is_dir():
        return []
    named = {row[0] for row in conn.execute(
        "SELECT content_file FROM imported_packages WHERE content_file IS NOT NULL")}
    removed: list[Path] = []
    for entry in folder.iterdir():
        ours = valid_file_name(entry.name) or (entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX))
        if ours and entry.name not in named and entry.is_file():
            with suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed
