"""Program entry: with a command it runs headless; without one it opens the desktop window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """``lowcarbon-desk [--db PATH] [--operator NAME] [COMMAND …]``."""
    from .cli.main import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
