"""Program entry: with a command it runs headless; without one it opens the desktop window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """``lowcarbon-desk [--db PATH] [--operator NAME] [COMMAND …]``."""
    from . import logs
    from .cli.main import run

    # what is finalised at exit after the log is closed is dropped, not printed as a traceback
    sys.unraisablehook = logs.log_unraisable
    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
