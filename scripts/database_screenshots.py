"""Screenshots of the first-start welcome page and the restore dialog, into docs/screenshots/.

    python scripts/database_screenshots.py [--out FOLDER]

A small demo database with two copies in its backups folder (one manual, one before a package
import) is made in a temporary folder; each dialog is shot on its own, in Chinese and English.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lowcarbon-db-shots-"))
    os.environ.setdefault("LOWCARBON_DESK_HOME", str(work / "home"))

    from lowcarbon_desk.demo import build_demo
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.storage.autobackup import BEFORE_PACKAGE_IMPORT, MANUAL, make_backup
    from lowcarbon_desk.ui import i18n
    from lowcarbon_desk.ui.backup_dialogs import RestoreDialog
    from lowcarbon_desk.ui.launch import application
    from lowcarbon_desk.ui.welcome import WelcomeDialog

    database = work / "县发改局.db"
    store = open_store(database)
    build_demo(store, county="410199", enterprises=3, seed=2025)
    make_backup(store, database, MANUAL)
    make_backup(store, database, BEFORE_PACKAGE_IMPORT)
    store.close()

    app = application()
    args.out.mkdir(parents=True, exist_ok=True)
    for lang in ("zh", "en"):
        i18n.install(lang)
        shots = {"19-welcome": WelcomeDialog(work / "新的数据库.db", lang),
                 "20-restore": RestoreDialog(database, lang)}
        for name, dialog in shots.items():
            dialog.show()
            app.processEvents()
            target = args.out / f"{name}-{lang}.png"
            dialog.grab().save(str(target))
            print(target)
            dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
