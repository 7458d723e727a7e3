"""SQLite ``file:`` URIs for any file name.

A name is pasted into a URI only percent-escaped: ``#`` would start a fragment and ``?`` the
query (so ``?mode=ro`` would be cut off and SQLite would create a stray file named after the
part before it), and ``%20`` would be read as an escape. The path is made absolute first: a
relative path has no correct ``file:`` form.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def file_uri(path: Path | str, **query: str) -> str:
    """``file:///…`` for ``path`` with every special character escaped, plus ``query``
    (e.g. ``mode="ro"``); for ``sqlite3.connect(..., uri=True)``."""
    text = Path(path).absolute().as_posix()
    if not text.startswith("/"):  # Windows: C:/x -> /C:/x
        text = "/" + text
    uri = "file://" + quote(text, safe="/:")
    if query:
        uri += "?" + "&".join(f"{key}={quote(value, safe='')}" for key, value in query.items())
    return uri


def read_only_uri(path: Path | str) -> str:
    """The URI opening ``path`` read-only (never creating it)."""
    return file_uri(path, mode="ro")
