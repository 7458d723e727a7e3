"""Screenshots of the first-start welcome page and the restore dialog, into docs/screenshots/.

    python scripts/database_screenshots.py [--out FOLDER]

A small demo database with two copies in its backups folder (one manual, one before a package
import) is made in a temporary folder; each dialog is shot on its own, in Chinese and English.
"""

from __future__ import annotations

import sys

import shots


def main(argv: list[str] | None = None) -> int:
    out, work = shots.start(__doc__, "db", argv)

    from lowcarbon_desk.storage.autobackup import BEFORE_PACKAGE_IMPORT, MANUAL, make_backup
    from lowcarbon_desk.ui import i18n
    from lowcarbon_desk.ui.backup_dialogs import RestoreDialog
    from lowcarbon_desk.ui.welcome import WelcomeDialog

    database = work / "县发改局.db"
    store = shots.demo_store(database, enterprises=3)
    make_backup(store, database, MANUAL)
    make_backup(store, database, BEFORE_PACKAGE_IMPORT)
    store.close()

    shots.application()
    for lang in ("zh", "en"):
        i18n.install(lang)
        dialogs = {"19-welcome": WelcomeDialog(work / "新的数据库.db", lang),
                   "20-restore": RestoreDialog(database, lang)}
        for name, dialog in dialogs.items():
            dialog.show()
            shots.settle(1)
            shots.save(dialog, out / f"{name}-{lang}.png")
            dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
