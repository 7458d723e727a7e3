"""Program entry: with a command it runs headless; without one it opens the desktop window."""

from __future__ import annotations

import sys


def _unraisable_to_log(unraisable) -> None:
    """An exception in a finaliser goes to the log (when one is open), never to the terminal."""
    logs = sys.modules.get("lowcarbon_desk.logs")  # not imported for --help: nothing to log
    if logs is not None:
        logs.log_unraisable(unraisable)


def main(argv: list[str] | None = None) -> int:
    """``lowcarbon-desk [--db PATH] [--operator NAME] [COMMAND …]``."""
    from .cli.main import run

    # also after run() has closed the log: what is finalised at exit is dropped, not printed
    sys.unraisablehook = _unraisable_to_log
    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
