"""Record ids for an ``IN (…)`` list, in chunks every SQLite build accepts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

CHUNK = 900  # bound parameters per query, below the 999 of older SQLite builds


def id_chunks(ids: Iterable[str]) -> Iterator[tuple[list[str], str]]:
    """``ids`` in lists of at most ``CHUNK``, each with its placeholders (``?, ?, ?``)."""
    items = list(ids)
    for start in range(0, len(items), CHUNK):
        chunk = items[start:start + CHUNK]
        yield chunk, ", ".join("?" * len(chunk))
