"""What every command gets: the database (opened on first use), the operator, the language.

Everything a command prints goes through ``out``, ``err`` or ``json_out``, which show control
and bidirectional formatting characters as escapes (``domain.text.printable``): text from a
package, a file or a database cannot drive the terminal or reorder a line. Line feeds between
lines stay; a value that must stay on its line is escaped by the command itself.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import default_database_path

if TYPE_CHECKING:
    from ..storage import Store


def default_operator() -> str:
    """The operator name recorded in the audit log when ``--operator`` is not given."""
    for key in ("LOWCARBON_DESK_OPERATOR", "USER", "USERNAME"):
        if os.environ.get(key):
            return os.environ[key]
    return "operator"


@dataclass
class CliContext:
    db_path: Path
    operator: str
    lang: str = "zh"
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args) -> CliContext:
        db = Path(args.db) if args.db else default_database_path()
        lang = args.lang or os.environ.get("LOWCARBON_DESK_LANG", "zh")
        return cls(db, args.operator or default_operator(), "en" if lang.startswith("en") else "zh")

    @property
    def store(self) -> Store:
        if self._store is None:
            from ..storage import open_store  # on first use: --help and usage errors stay quick

            self._store = open_store(self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def t(self, zh: str, en: str) -> str:
        """Pick the text in the user's language."""
        return en if self.lang == "en" else zh

    def out(self, text: str = "") -> None:
        from ..domain.text import printable  # here: the window starts without it (re, decimal)

        print(printable(text, keep_lines=True))

    def err(self, text: str) -> None:
        from ..domain.text import printable

        print(printable(text, keep_lines=True), file=sys.stderr)

    def json_out(self, value: object) -> None:
        from ..domain.text import printable_json

        sys.stdout.write(printable_json(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)) + "\n")
