"""Copies of a database and its package files (``package_files``) travelling together.

A backup is one file an officer can carry away: the package originals a database keeps in
files are written into the copy (``inline_package_files``), so the copy needs no folder
beside it. A database put in place from another file (a restore, a replaced damaged file) gets
the files that file names copied beside it first (``bring_package_files``), so no committed
row ever names a file that is not there.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

from ..domain.errors import FileError
from ..fileio import file_error
from .connection import database, transaction
from .package_files import (
    CHUNK_BYTES,
    TEMP_SUFFIX,
    checked_file_name,
    folder_of,
    open_package_file,
    sync_folder,
)


def named_files(conn: sqlite3.Connection) -> list[tuple[int, str, int, str]]:
    """``(rowid, content_file, size, sha256)`` of every package kept in a file (none before
    the schema had files)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(imported_packages)")}
    if "content_file" not in columns:
        return []
    return list(conn.execute("SELECT rowid, content_file, size, sha256 FROM imported_packages "
                             "WHERE content_file IS NOT NULL ORDER BY rowid"))


def _checked_chunks(path: Path, size: int, sha256: str) -> Iterator[bytes]:
    """The file's bytes, refused in one line if missing, of another size or another SHA-256."""
    digest = hashlib.sha256()
    read = 0
    with open_package_file(path) as handle:
        while True:
            try:
                piece = handle.read(CHUNK_BYTES)
            except OSError as exc:
                raise file_error(exc, path) from None
            if not piece:
                break
            digest.update(piece)
            read += len(piece)
            yield piece
    if read != size or digest.hexdigest() != sha256:
        raise FileError(f"数据包原件 {path} 已被改动（与导入时的大小或 SHA-256 不同）",
                        f"the package original {path} was changed (its size or SHA-256 differs from the one "
                        "imported)", subject=str(path))


def inline_package_files(dest: sqlite3.Connection, source_db: Path | None) -> None:
    """Write the package files of ``source_db`` into the copy ``dest`` (one transaction), so the
    copy holds every package's bytes itself."""
    rows = named_files(dest)
    if not rows:
        return
    assert source_db is not None  # only a database with a file names package files
    folder = folder_of(source_db)
    with transaction(database(dest)):
        for rowid, name, size, sha256 in rows:
            path = folder / checked_file_name(name)
            dest.execute("UPDATE imported_packages SET content = zeroblob(?), content_file = NULL WHERE rowid = ?",
                         [size, rowid])
            with dest.blobopen("imported_packages", "content", rowid) as blob:
                offset = 0
                for piece in _checked_chunks(path, size, sha256):
                    if offset + len(piece) > size:
                        break  # _checked_chunks refuses the wrong size at its end
                    blob.write(piece)
                    offset += len(piece)


def bring_package_files(source: sqlite3.Connection, source_db: Path, dest_db: Path) -> None:
    """Copy the package files ``source`` names from beside ``source_db`` to beside ``dest_db``
    (each checked, synced, then renamed), before ``source`` replaces the database there. A file
    already there with the same name is the same package (the name is its SHA-256) and is
    checked instead."""
    rows = named_files(source)
    if not rows:
        return
    source_folder, dest_folder = folder_of(source_db), folder_of(dest_db)
    if source_folder.resolve() == dest_folder.resolve():
        return
    try:
        dest_folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise file_error(exc, dest_folder) from None
    for _, name, size, sha256 in rows:
        target = dest_folder / checked_file_name(name)
        if target.is_file():
            for _ in _checked_chunks(target, size, sha256):
                pass
            continue
        _copy_checked(source_folder / name, target, size, sha256)
    sync_folder(dest_folder)


def _copy_checked(source: Path, target: Path, size: int, sha256: str) -> None:
    temp = target.with_name(f".{target.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        with temp.open("wb") as out:
            for piece in _checked_chunks(source, size, sha256):
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as exc:
        with suppress(OSError):
            temp.unlink()
        raise file_error(exc, target) from None
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
