"""One window per database: a ``QLockFile`` beside the database file.

A lock that cannot be taken is named by its real cause: another window holding it, or a
folder where no lock file can be made (not writable, disk full), or a database file that
cannot be written; never "open in another window" for a folder that is read-only.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


@dataclass(frozen=True)
class LockRefused:
    """Why the window cannot take the database: ``reason`` is ``open_elsewhere``,
    ``folder_readonly``, ``file_readonly``, ``disk_full`` or ``folder_unusable``."""

    reason: str
    zh: str
    en: str

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def acquire(db_path: Path) -> QLockFile | None:
    """The held lock, or None when it cannot be taken (``try_acquire`` says why)."""
    outcome = try_acquire(db_path)
    return outcome if isinstance(outcome, QLockFile) else None


def try_acquire(db_path: Path) -> QLockFile | LockRefused:
    """The held lock, or why it cannot be had."""
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return folder_refusal(exc, db_path)
    lock = QLockFile(str(lock_path(db_path)))
    lock.setStaleLockTime(0)  # only a lock whose process is gone counts as stale
    if lock.tryLock(100):
        return _checked_file(lock, db_path)
    if lock.error() == QLockFile.LockError.LockFailedError:
        if lock.removeStaleLockFile() and lock.tryLock(100):
            return _checked_file(lock, db_path)
        if lock.error() == QLockFile.LockError.LockFailedError:
            return open_elsewhere(db_path)
    return _probe_folder(db_path)


def _checked_file(lock: QLockFile, db_path: Path) -> QLockFile | LockRefused:
    if db_path.is_file() and not os.access(db_path, os.W_OK):
        lock.unlock()
        return LockRefused("file_readonly",
                           f"数据库 {db_path} 是只读文件，无法写入。请取消文件的只读属性，或复制到可写的文件夹后再打开。",
                           f"Database {db_path} is a read-only file and cannot be written. Make it writable, "
                           "or copy it to a folder you can write to and open the copy.")
    return lock


def open_elsewhere(db_path: Path) -> LockRefused:
    """Another window (still running) holds the database."""
    return LockRefused("open_elsewhere", f"数据库 {db_path} 已在另一个窗口中打开。请切换到那个窗口，或先关闭它再打开。",
                       f"Database {db_path} is already open in another window. Switch to that window, "
                       "or close it first.")


def _probe_folder(db_path: Path) -> LockRefused:
    """The lock file could not be made although no window holds it: find out why by making
    (and removing) a file of our own in the folder."""
    import tempfile  # here: not needed to start

    try:
        handle, name = tempfile.mkstemp(prefix=".lowcarbon-probe-", dir=db_path.parent)
    except OSError as exc:
        return folder_refusal(exc, db_path)
    os.close(handle)
    Path(name).unlink(missing_ok=True)
    where = lock_path(db_path)
    return LockRefused("folder_unusable", f"无法在 {db_path.parent} 中建立数据库 {db_path.name} 的锁文件 {where.name}",
                       f"Cannot make the lock file {where.name} of database {db_path.name} in {db_path.parent}")


def folder_refusal(exc: OSError, db_path: Path) -> LockRefused:
    """The message for a database folder where no file can be made, by its cause."""
    folder = db_path.parent
    if exc.errno in FULL_ERRNOS:
        return LockRefused("disk_full", f"无法打开数据库 {db_path}：{folder} 所在的磁盘已满。请腾出空间后再打开。",
                           f"Cannot open database {db_path}: the disk of {folder} is full. Free some space "
                           "and open it again.")
    from ..fileio import os_error_reason  # here: fileio (hashlib, secrets) is not needed to start

    zh, en = os_error_reason(exc)
    if exc.errno in READ_ONLY_ERRNOS:
        return LockRefused("folder_readonly", f"无法打开数据库 {db_path}：文件夹 {folder} 不可写入（{zh}）。"
                           "请把数据库复制到可写的文件夹后再打开。",
                           f"Cannot open database {db_path}: the folder {folder} cannot be written ({en}). "
                           "Copy the database to a folder you can write to and open the copy.")
    return LockRefused("folder_unusable", f"无法打开数据库 {db_path}：文件夹 {folder} 不能使用（{zh}）",
                       f"Cannot open database {db_path}: the folder {folder} cannot be used ({en})")
