"""A database whose window lock cannot be taken is named by the real cause: another window,
a folder that cannot be written, a full disk; never "open in another window" for a
read-only folder."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from lowcarbon_desk.ui import db_lock, launch

pytestmark = pytest.mark.gui


def _unwritable_folder() -> Path:
    """A folder no one can make files in, root included (sysfs refuses new files)."""
    folder = Path("/sys")
    try:
        handle, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return folder
    os.close(handle)  # pragma: no cover - a system where /sys takes files
    os.unlink(name)
    pytest.skip("no folder here refuses new files to this user")


def test_a_read_only_folder_is_named_as_such_in_the_window(qapp, app_font, monkeypatch) -> None:
    db = _unwritable_folder() / "office.db"
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    assert launch.launch(db, "tester", "en", make_demo=False) == 1
    assert len(shown) == 1
    title, text = shown[0]
    assert "another window" not in text and "另一个窗口" not in text
    assert text.startswith(f"Cannot open database {db}: the folder {db.parent} cannot be written")
    assert title != "数据库已打开"


def test_the_causes_in_both_languages(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    full = db_lock.folder_refusal(OSError(errno.ENOSPC, "No space left on device"), db)
    assert full.reason == "disk_full"
    assert full.message("en").startswith(f"Cannot open database {db}: the disk of {tmp_path} is full")
    assert full.message("zh").startswith(f"无法打开数据库 {db}：{tmp_path} 所在的磁盘已满")
    read_only = db_lock.folder_refusal(OSError(errno.EROFS, "Read-only file system"), db)
    assert read_only.reason == "folder_readonly" and "cannot be written" in read_only.message("en")
    assert "不可写入" in read_only.message("zh")


def test_another_window_is_still_another_window(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    first = db_lock.try_acquire(db)
    assert not isinstance(first, db_lock.LockRefused)
    try:
        second = db_lock.try_acquire(db)
        assert isinstance(second, db_lock.LockRefused) and second.reason == "open_elsewhere"
        assert "另一个窗口" in second.message("zh")
    finally:
        first.unlock()
