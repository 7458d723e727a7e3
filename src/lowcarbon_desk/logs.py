"""The program's log: one rotating file in the user log folder, written by every run.

Each command run logs its command line, how it ended (exit status and time), one line per
expected failure, and the full traceback of anything unexpected; the window logs its start,
its end and every unexpected exception. The user sees one line and the log's path; the
traceback is only here. Logging never stops the program: a folder that cannot be written
means no log (``log_file()`` is then None), and a failing write is dropped. The window holds
its records in memory until the user is past the welcome page (``start(hold=True)``,
``release``): before that choice nothing is written, not even the log.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from . import APP_NAME, __version__

LOG_NAME = "lowcarbon-desk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 4  # five files of at most 1 MB
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger("lowcarbon_desk")
# without a log file (a folder that cannot be written) records are dropped, never printed by
# logging's last-resort handler beside the one line the user already gets
logger.addHandler(logging.NullHandler())
WARNINGS_LOGGER = "py.warnings"


def log_dir() -> Path:
    """The user log folder; ``LOWCARBON_DESK_HOME`` (the tests' user folder) puts it in ``logs/``."""
    override = os.environ.get("LOWCARBON_DESK_HOME")
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


HOLD_LIMIT = 1000  # records kept in memory while held; later ones are dropped


class _QuietRotatingHandler(RotatingFileHandler):
    """Drops a record it cannot write (a full disk, another process rotating on Windows)
    instead of printing logging's own traceback on stderr.

    The file is opened at the first record written, not before. While ``held`` is a list,
    records below WARNING wait there and nothing touches the disk (the window's welcome
    page promises that); a warning or an error releases them, and is written after them."""

    held: list[logging.LogRecord] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.held is not None:
            if record.levelno < logging.WARNING:
                if len(self.held) < HOLD_LIMIT:
                    self.held.append(record)
                return
            self.release_held()
        super().emit(record)

    def release_held(self, *, keep: bool = True) -> None:
        """Stop holding; write what was held (``keep``) or drop it."""
        records, self.held = self.held or [], None
        if keep:
            for record in records:
                super().emit(record)

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)  # held: made only now
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        pass


_handler: _QuietRotatingHandler | None = None


def start(what: str, *, hold: bool = False) -> Path | None:
    """Open the log file of the current user folder (again, if it moved) and log the start
    of a run; returns the file, or None when it cannot be written. ``hold``: keep the
    records in memory, writing nothing, until ``release()`` (or a warning)."""
    global _handler
    path = log_dir() / LOG_NAME
    if _handler is not None and Path(_handler.baseFilename) != path.absolute():
        stop()
    if _handler is None:
        try:
            handler = _QuietRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                            encoding="utf-8", errors="backslashreplace", delay=True)
            if not hold:  # held: opened at the first record written (if it cannot be, dropped)
                handler.stream = handler._open()
        except OSError:
            return None
        handler.setFormatter(logging.Formatter(FORMAT))
        for name in (logger.name, WARNINGS_LOGGER):
            target = logging.getLogger(name)
            target.addHandler(handler)
            target.setLevel(logging.INFO)
            target.propagate = False  # the terminal gets our one-line messages, not records
        # a library's warning (openpyxl on a workbook feature it ignores) is for the log
        logging.captureWarnings(True)
        _handler = handler
    if hold and _handler.held is None:
        _handler.held = []
    logger.info("start %s (lowcarbon-desk %s, Python %s, %s)", what, __version__,
                sys.version.split()[0], sys.platform)
    return path


def release() -> None:
    """Write what ``start(hold=True)`` kept in memory, and from now on write at once."""
    if _handler is not None and _handler.held is not None:
        _handler.release_held()


def log_file() -> Path | None:
    """The file this run logs to, if any."""
    return Path(_handler.baseFilename) if _handler is not None else None


def stop() -> None:
    """Close the log file (the next ``start`` opens it again)."""
    global _handler
    if _handler is not None:
        logging.captureWarnings(False)
        for name in (logger.name, WARNINGS_LOGGER):
            logging.getLogger(name).removeHandler(_handler)
        _handler.release_held(keep=False)  # still held: the run did nothing worth a log file
        _handler.close()
        _handler = None


def unexpected(exc: BaseException, where: str) -> None:
    """Log an unexpected exception with its full traceback."""
    logger.error("unexpected %s in %s", type(exc).__name__, where, exc_info=(type(exc), exc, exc.__traceback__))


def log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """``sys.unraisablehook``: an exception Python cannot raise (in a finaliser, such as a
    half-built workbook's being collected after a failed export) goes to the log, never to
    the user's terminal."""
    if _handler is None or unraisable.exc_type is None:
        return
    logger.warning("ignored %s (%s)", unraisable.exc_type.__name__, unraisable.err_msg or "in a finaliser",
                   exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback))


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line, shortened to ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
