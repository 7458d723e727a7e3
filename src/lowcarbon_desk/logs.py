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


def _rotating_file(path: Path) -> logging.Handler:
    """The log file's handler (at most ``MAX_BYTES`` a file, ``BACKUP_COUNT`` older ones),
    opened at the first record written. ``logging.handlers`` is imported here, when the file
    is first needed: the window's frame shows without it (5-10 ms)."""
    from logging.handlers import RotatingFileHandler

    class QuietRotatingHandler(RotatingFileHandler):
        """Drops a record it cannot write (a full disk, another process rotating on Windows)
        instead of printing logging's own traceback on stderr."""

        def _open(self):
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)  # held: made only now
            return super()._open()

        def handleError(self, record: logging.LogRecord) -> None:
            pass

    return QuietRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8",
                                errors="backslashreplace", delay=True)


class _RunLog(logging.Handler):
    """The run's log file. While ``held`` is a list, records below WARNING wait there and
    nothing touches the disk (the window's welcome page promises that); a warning or an
    error releases them, and is written after them."""

    def __init__(self, path: Path, *, hold: bool):
        super().__init__()
        self.baseFilename = str(path.absolute())
        self.held: list[logging.LogRecord] | None = [] if hold else None
        self.file: logging.Handler | None = None
        if not hold:  # held: opened at the first record written (if it cannot be, dropped)
            file = self._file()
            file.stream = file._open()  # type: ignore[attr-defined]

    def _file(self) -> logging.Handler:
        if self.file is None:
            self.file = _rotating_file(Path(self.baseFilename))
            self.file.setFormatter(self.formatter)
        return self.file

    def setFormatter(self, fmt: logging.Formatter | None) -> None:
        super().setFormatter(fmt)
        if self.file is not None:
            self.file.setFormatter(fmt)

    def emit(self, record: logging.LogRecord) -> None:
        if self.held is not None:
            if record.levelno < logging.WARNING:
                if len(self.held) < HOLD_LIMIT:
                    self.held.append(record)
                return
            self.release_held()
        self._file().emit(record)

    def release_held(self, *, keep: bool = True) -> None:
        """Stop holding; write what was held (``keep``) or drop it."""
        records, self.held = self.held or [], None
        if keep:
            for record in records:
                self._file().emit(record)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        super().close()


_handler: _RunLog | None = None


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
            handler = _RunLog(path, hold=hold)
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
    value = unraisable.exc_value
    logger.warning("ignored %s (%s)", unraisable.exc_type.__name__, unraisable.err_msg or "in a finaliser",
                   exc_info=(unraisable.exc_type, value, unraisable.exc_traceback) if value is not None else None)


def one_line(text: object, limit: int = 300) -> str:
    """``text`` (an exception too: its message) on one line, shortened to ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
