"""The PySide6 desktop window (the only package that imports Qt)."""

from .compat import guard_none_refcount

guard_none_refcount()
