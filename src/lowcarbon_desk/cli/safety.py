"""What the command line does before it changes many things at once: check the database, copy it.

``PRAGMA quick_check`` is not run on every open (0.2-0.3 s on a 150 MB county database,
docs/data-safety.md); the commands that replace or bulk-change the database run it first, so a
damaged file is named in one line before anything is written, and a copy is kept in the
backups folder (``storage/autobackup.py``).
"""

from __future__ import annotations

from pathlib import Path

from .context import CliContext


def checked(ctx: CliContext) -> None:
    """Refuse a damaged, cut-short, foreign or newer database before the store opens it."""
    from .. import logs
    from ..storage.health import check_database

    spent = check_database(ctx.db_path)
    logs.logger.info("quick_check of %s: %.3f s", ctx.db_path, spent)


def checked_and_copied(ctx: CliContext, kind: str) -> Path | None:
    """``checked``, then open the store and keep a ``kind`` copy (none for an empty database)."""
    from .. import logs
    from ..storage.autobackup import backup_before

    checked(ctx)
    copy = backup_before(ctx.store, ctx.db_path, kind)
    if copy is not None:
        logs.logger.info("backup before %s: %s", kind, copy)
    return copy
