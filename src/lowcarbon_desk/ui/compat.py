"""Work-arounds for the Qt binding we ship with.

PySide6 6.12 on CPython 3.11 returns ``None`` from every void method without taking a
reference (as if ``None`` were immortal, which it only is from Python 3.12). Each call to
``setText``, ``setData``, ``appendRow``… lowers ``None``'s reference count by one; after some
tens of thousands of calls the interpreter aborts with "deallocating None". Raising the count
once by a huge margin makes that unreachable (``None`` is never freed anyway).
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 48


def guard_none_refcount() -> bool:
    """Raise ``None``'s reference count on CPython before 3.12; True when done."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if getattr(sys, "_lowcarbon_none_guard", False):
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += _MARGIN
    sys._lowcarbon_none_guard = True  # type: ignore[attr-defined]
    return True
