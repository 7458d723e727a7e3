"""No typing lost: the open record's unsaved edit is kept in a recovery file as the user types.

The draft is saved 1.5 s after the last keystroke; a value that does not read as its type is
kept in the editor only. Until the draft holds everything, the editor's data sits in
``recovered/<record>-<time>.json`` of the user data folder (the format the exception dialog
writes, with ``"journal": true``), rewritten at most every ``THROTTLE_MS``. It is removed when
the draft is saved complete or the record is closed saved. After a crash or power loss the
next start finds it (``pending_recoveries``) and offers to put it back in the editor.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from .. import logs
from ..fileio import atomic_write_bytes
from ..paths import user_data_dir
from .exception_dialog import RECOVERED_FOLDER

THROTTLE_MS = 300
DECLINED_SUFFIX = ".declined"


@dataclass(frozen=True)
class Recovery:
    """An unsaved edit found at start: its file, record, database and when it was kept."""

    path: Path
    record_id: str
    form: str
    database: str
    kept_at: str
    data: dict


def recovered_dir() -> Path:
    return user_data_dir() / RECOVERED_FOLDER


def pending_recoveries(db_path: Path) -> list[Recovery]:
    """The journal files left for records of ``db_path`` (newest first)."""
    found = []
    folder = recovered_dir()
    if not folder.is_dir():
        return []
    for path in folder.glob("*.json"):
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(content, dict) or not content.get("journal"):
            continue
        if content.get("database") != str(Path(db_path).resolve()):
            continue
        if not isinstance(content.get("data"), dict) or not isinstance(content.get("record_id"), str):
            continue
        found.append(Recovery(path, content["record_id"], str(content.get("form", "")),
                              content["database"], str(content.get("kept_at", "")), content["data"]))
    found.sort(key=lambda r: r.kept_at, reverse=True)
    return found


def set_aside(recovery: Recovery) -> Path:
    """The user declined: keep the file, but do not offer it again."""
    target = recovery.path.with_name(recovery.path.stem + DECLINED_SUFFIX + ".json.txt")
    recovery.path.replace(target)
    return target


class EditJournal(QObject):
    """Follows a ``RecordPane``: writes its unsaved edit, removes the file once saved."""

    def __init__(self, pane, db_path: Path | None, parent: QObject | None = None):
        super().__init__(parent or pane)
        self.pane = pane
        self.database = str(Path(db_path).resolve()) if db_path is not None else ""
        self.path: Path | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(THROTTLE_MS)
        self._timer.timeout.connect(self.write)
        self._editor = None
        pane.recordOpened.connect(self._follow)
        pane.saved.connect(self._saved)
        self._follow()

    def _follow(self, _record_id: str = "") -> None:
        self.discard()
        editor = self.pane.editor
        if editor is not None and editor is not self._editor:
            editor.edited.connect(self.edited)
            self._editor = editor

    def edited(self) -> None:
        if not self._timer.isActive():  # throttled, not debounced: a long burst is still kept
            self._timer.start()

    def write(self) -> Path | None:
        """Keep the editor's data now (nothing when there is no unsaved edit)."""
        self._timer.stop()
        pane = self.pane
        if pane.doc is None or pane.editor is None or pane.read_only or not self._unsaved():
            return None
        record_id = pane.doc["record_id"]
        if self.path is None:
            stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
            self.path = recovered_dir() / f"{record_id}-{stamp}.json"
        content = {"record_id": record_id, "form": pane.doc.get("form", ""), "journal": True,
                   "database": self.database, "kept_at": dt.datetime.now().isoformat(timespec="seconds"),
                   "data": pane.editor.data()}
        try:
            atomic_write_bytes(self.path, json.dumps(content, ensure_ascii=False, indent=1,
                                                     default=str).encode("utf-8"))
        except Exception as exc:  # a full disk must not stop the typing it protects
            logs.logger.warning("cannot keep the unsaved edit: %s", logs.one_line(exc, 300))
            return None
        return self.path

    def _unsaved(self) -> bool:
        evaluation = self.pane.evaluation
        return bool(self.pane.dirty or (evaluation is not None and evaluation.input_problems))

    def _saved(self, _record_id: str) -> None:
        if not self._unsaved():
            self.discard()

    def discard(self) -> None:
        """The edit is in the database (or was given up): remove its file."""
        self._timer.stop()
        if self.path is not None:
            with suppress(OSError):
                self.path.unlink()
            self.path = None


def restore_into(pane, recovery: Recovery) -> bool:
    """Open the record and put the kept data back into its editor (marked unsaved)."""
    pane.open_record(recovery.record_id)
    if pane.editor is None or pane.read_only:
        return False
    pane.editor.set_data(recovery.data)
    pane.editor.edited.emit()  # unsaved: saved as the draft by the usual autosave
    with suppress(OSError):
        recovery.path.unlink()
    return True
