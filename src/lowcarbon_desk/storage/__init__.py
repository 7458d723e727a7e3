"""SQLite storage: migrations, typed tables per form, workflow and the audit log."""

from .store import Store, open_store

__all__ = ["Store", "open_store"]
