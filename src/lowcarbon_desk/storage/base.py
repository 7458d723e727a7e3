"""An open database: the connection, its transactions, reference sets, and plain reads.

``StoreBase`` is what every storage function needs from a store; ``Store`` (``store.py``)
builds on it with organisations and records (``persistence.py``) and their workflow
(``workflow.py``). The ``sqlite_utils.Database`` (``db``) is storage's own: code outside
``storage/`` goes through the functions and methods of this package, never through ``db``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import sqlite_utils

from ..domain.reference import ReferenceCatalog, ReferenceData
from .checkpoints import LogLimit, background_checkpoints, roomy_page_cache
from .connection import connect, database_error, enable_wal, is_expected, transaction
from .migrations import LATEST_VERSION, check_openable, migrate, schema_version
from .package_files import PackageFiles, remove_unnamed_in_transaction
from .rows import DbRow
from .written import LastWritten


class StoreBase:
    """One open lowcarbon-desk database file."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None, catalog: ReferenceCatalog):
        self.db = db
        self.path = path
        self.catalog = catalog
        self.backups: list[Path] = []
        self.package_files = PackageFiles(db.conn)
        self._written = LastWritten(db.conn)

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, catalog: ReferenceCatalog | None = None) -> Self:
        """Open (creating and migrating as needed) the database at ``path``."""
        path = Path(path)
        db = connect(path, wal=False)
        try:
            check_openable(db, path)  # before WAL mode changes the file header
            enable_wal(db)
            backups = migrate(db, path)
        except sqlite3.Error as exc:
            db.close()
            if not is_expected(exc):
                raise
            raise database_error(exc, path) from None
        except BaseException:
            db.close()
            raise
        store = cls(db, path, catalog or ReferenceCatalog())
        store.backups = backups
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.db)

    @property
    def latest_schema_version(self) -> int:
        return LATEST_VERSION

    @property
    def journal_mode(self) -> str:
        """SQLite's journal mode of the open file (``wal`` once opened by ``open``)."""
        return str(self.db.execute("PRAGMA journal_mode").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several changes into one transaction (nestable). Package files written in it
        are synced before it commits and removed when it (or the savepoint) rolls back."""
        outermost = not self.db.conn.in_transaction
        if outermost:
            self._written.new_scope()
        files = self.package_files.mark()
        try:
            with transaction(self.db):
                yield
                if outermost:
                    self.package_files.make_durable()
        except BaseException:
            self.package_files.discard_since(files)
            self._written.new_scope()  # rolled back: what was written is gone
            raise
        if outermost:
            self.package_files.committed()
            self._written.new_scope()

    def remove_unnamed_package_files(self) -> list[Path]:
        """Remove package files no committed row names (left by a killed import), under the
        write lock; nothing inside a transaction, where this one's files are not committed yet."""
        folder = self.package_files.folder
        if folder is None or self.db.conn.in_transaction:
            return []
        with self.transaction():
            return remove_unnamed_in_transaction(self.db.conn, folder)

    @contextmanager
    def bulk_writes(self) -> Iterator[LogLimit]:
        """While the body runs (a long import), a page cache larger than a commit group, and a
        thread that copies the write-ahead log into the database file instead of each commit's
        connection (``storage.checkpoints``); the body calls ``after_commit()`` of what this
        yields after each of its transactions."""
        with roomy_page_cache(self.db.conn):
            limit = LogLimit(self.db.conn, self.path)
            if self.path is None:  # an in-memory database has no log to copy
                yield limit
                return
            with background_checkpoints(self.db.conn, self.path):
                yield limit

    @contextmanager
    def temp_files_in_memory(self) -> Iterator[None]:
        """Keep SQLite's temporary files (a savepoint's rollback journal) in memory for the
        body, when no transaction is open yet (the caller's may have temporary files open)."""
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        previous = int(conn.execute("PRAGMA temp_store").fetchone()[0])
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA temp_store = {previous}")

    def reference(self, version: str | None = None) -> ReferenceData:
        """A reference set: the given version, or the newest known."""
        return self.catalog.get(version)

    def reference_for(self, version: str | None) -> ReferenceData:
        """The set a record was computed with; the newest known when that version is not here."""
        try:
            return self.catalog.get(version)
        except Exception:
            return self.catalog.latest()

    def _rows(self, sql: str, params: Sequence[object] | Mapping[str, object] = ()) -> list[DbRow]:
        """Rows as dicts, straight from the connection: ``db.query`` wraps every read in a
        savepoint, three statements where one does (the demo county reads thousands of rows)."""
        cursor = self.db.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


__all__ = ["StoreBase"]
