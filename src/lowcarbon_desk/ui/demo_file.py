"""The demo county's own database file (never the user's), and whether a path is it: the
welcome page opens it, the title bar marks it 示范数据 / DEMO. No Qt here: the window's frame
asks before the welcome page's widgets are loaded."""

from __future__ import annotations

from pathlib import Path

from ..paths import user_data_path

DEMO_FILE = "demo.db"


def demo_database_path() -> Path:
    """The demo county's own file, never the user's database."""
    return user_data_path() / DEMO_FILE  # created with the demo database, not before


def is_demo_database(path: Path | str | None) -> bool:
    """Whether ``path`` is the demo county's file (the title bar says so)."""
    return path is not None and Path(path).resolve() == demo_database_path().resolve()
