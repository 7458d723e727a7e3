"""Work the window does for the database in the background: the start-up check and the
daily copy. Both run in the thread pool (the check reads the whole file: 0.2-0.3 s on a
150 MB county database) and report back on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from .. import logs
from ..domain.errors import LowcarbonError
from ..storage.autobackup import DAILY, daily_backup_due, make_backup
from ..storage.health import check_database, is_unusable
from .workers import run_task

DAILY_CHECK_MS = 60 * 60 * 1000  # look every hour whether today's copy exists
FIRST_COPY_DELAY_MS = 15 * 1000  # not while the window is still loading


class DatabaseCare(QObject):
    """Runs the quick check once and the daily copy while the window is open."""

    unusable = Signal(str)    # the database failed the check: the message
    backedUp = Signal(object)  # the path of a daily copy just made

    def __init__(self, db_path: Path, lang: str, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.lang = lang
        self.checked_seconds: float | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(DAILY_CHECK_MS)
        self.timer.timeout.connect(self.daily_copy)

    def start(self) -> None:
        """Check now, then make the day's copy after a short delay and look again hourly."""
        self.check()
        QTimer.singleShot(FIRST_COPY_DELAY_MS, self.daily_copy)
        self.timer.start()

    def check(self):
        def work(_store, _progress):
            try:
                return check_database(self.db_path)
            except LowcarbonError as exc:
                if is_unusable(exc):
                    return exc
                raise

        def done(result: object) -> None:
            if isinstance(result, LowcarbonError):
                logs.logger.warning("start-up check: %s", logs.one_line(result.message("en"), 500))
                self.unusable.emit(result.message(self.lang))
            elif isinstance(result, int | float):  # the check's duration in seconds
                self.checked_seconds = float(result)
                logs.logger.info("start-up check of %s: %.3f s", self.db_path, self.checked_seconds)

        return run_task(None, "", "", None, work, done, self._failed, lang=self.lang, show_progress=False)

    def daily_copy(self):
        """Make today's copy if there is none yet (on a worker with its own connection)."""
        if not self.db_path.exists() or not daily_backup_due(self.db_path):
            return None

        def work(store, _progress):
            return make_backup(store, self.db_path, DAILY)

        def done(path: object) -> None:
            logs.logger.info("daily backup: %s", path)
            self.backedUp.emit(path)

        return run_task(None, "", "", self.db_path, work, done, self._failed, lang=self.lang,
                        show_progress=False)

    def _failed(self, message: str) -> None:
        logs.logger.warning("database care: %s", logs.one_line(message, 500))
