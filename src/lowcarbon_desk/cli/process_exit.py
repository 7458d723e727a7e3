"""Leaving a command's process without the interpreter's last garbage collections.

When a Python process exits, the interpreter collects the garbage of everything still alive
more than once while it takes its modules apart. After ``package create`` that is every object
reportlab, openpyxl, the font tables and the forms left: 60–70 ms of a 0.9 s command, for
nothing, since the process's memory goes back to the system at once anyway. ``gc.freeze``,
run at exit, moves every object out of the collector's reach, so those passes find nothing to
walk. What exit owes a command still happens: the ``atexit`` functions registered before this
one (the log's handlers, multiprocessing's) run after it, the standard streams are flushed and
closed, and every object freed by its reference count is finalised as before. Only garbage
caught in a reference cycle is left unfinalised at exit, as Python already allows
(``object.__del__``: "It is not guaranteed that ``__del__()`` methods are called for objects
that still exist when the interpreter exits"); the commands close their files and database
connections themselves, with ``with`` blocks and ``CliContext.close``.

Only for commands: the window's exit is left as it is (Qt's objects are torn down at exit in
an order of their own).
"""

from __future__ import annotations

import atexit
import gc

_registered = False


def skip_final_collections() -> None:
    """Have this process freeze the garbage collector when it exits (registered once)."""
    global _registered
    if not _registered:
        atexit.register(gc.freeze)
        _registered = True
