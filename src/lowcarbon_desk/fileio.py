"""Writing output files atomically, and saying in one line why a file cannot be used.

A failed or interrupted export never leaves a half-written file under the target's name: the
content goes to a temporary ``.NAME.XXXXXXXX.part`` beside it, which replaces the target only
when complete. A write that is killed leaves its temporary behind; ``leftovers.py`` removes
it at the next start.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .domain.errors import FileError
from .leftovers import pending_write
from .tempfiles import SIDECAR_SUFFIXES, TEMP_SUFFIX, try_lock

# Windows error codes (winerror) with their own reason; errno alone would say "permission".
WINERROR_SHARING_VIOLATION = 32
WINERROR_LOCK_VIOLATION = 33
WINERROR_ACCESS_DENIED = 5
WINERROR_PATH_NOT_FOUND = 3
WINERROR_WRITE_PROTECT = 19
WINERROR_HANDLE_DISK_FULL = 39
WINERROR_DISK_FULL = 112
WINERROR_INVALID_NAME = 123
WINERROR_FILENAME_EXCED_RANGE = 206

_OPEN_ELSEWHERE = ("文件正被另一个程序打开（例如 Excel），请在那里关闭后再试",
                   "the file is open in another program (for example Excel); close it there and try again")
_DISK_FULL = ("磁盘已满", "the disk is full")
_NOT_FOUND = ("文件或文件夹不存在", "no such file or folder")
_WINERROR_REASONS: dict[int, tuple[str, str]] = {
    WINERROR_SHARING_VIOLATION: _OPEN_ELSEWHERE,
    WINERROR_LOCK_VIOLATION: _OPEN_ELSEWHERE,
    WINERROR_PATH_NOT_FOUND: ("文件夹不存在", "the folder does not exist"),
    WINERROR_WRITE_PROTECT: ("磁盘有写保护", "the disk is write-protected"),
    WINERROR_HANDLE_DISK_FULL: _DISK_FULL,
    WINERROR_DISK_FULL: _DISK_FULL,
    WINERROR_INVALID_NAME: ("文件名无效（不能含 \\ / : * ? \" < > |）",
                            "the file name is not valid (no \\ / : * ? \" < > |)"),
    WINERROR_FILENAME_EXCED_RANGE: ("路径太长", "the path is too long"),
}
_ERRNO_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: _NOT_FOUND,
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("操作不被允许（没有权限，或文件被设为不可更改）",
                  "operation not permitted (no permission, or the file is marked unchangeable)"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    errno.ENOTDIR: ("路径中有一部分不是文件夹", "a part of the path is not a folder"),
    errno.ENOSPC: _DISK_FULL,
    errno.EROFS: ("位于只读的文件系统上", "it is on a read-only file system"),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
    errno.EEXIST: ("已存在", "it already exists"),
    errno.EBUSY: ("正被另一个程序使用", "it is in use by another program"),
    errno.ETXTBSY: ("正被另一个程序使用", "it is in use by another program"),
    errno.EINVAL: ("文件名或路径无效", "the file name or path is not valid"),
    errno.EIO: ("磁盘读写错误", "disk input/output error"),
    errno.EFBIG: ("文件太大", "the file is too large"),
    errno.EMFILE: ("打开的文件太多", "too many open files"),
    errno.ENFILE: ("打开的文件太多", "too many open files"),
    errno.ELOOP: ("符号链接循环", "too many levels of symbolic links"),
    errno.ENXIO: ("设备不存在", "no such device"),
    errno.ENODEV: ("设备不存在", "no such device"),
}
if hasattr(errno, "EDQUOT"):
    _ERRNO_REASONS[errno.EDQUOT] = ("磁盘配额已用完", "the disk quota is used up")

# a write whose target is gone or full: the error has no file name but is about the output
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EROFS, getattr(errno, "EDQUOT", -1)}


def os_error_reason(exc: OSError, *, replacing: bool = False) -> tuple[str, str]:
    """The reason of a file-system error in Chinese and English, without the file's name.

    ``replacing`` says the error came from replacing an existing file: on Windows an access
    error there almost always means the file is open in another program.
    """
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int):
        if winerror in _WINERROR_REASONS:
            return _WINERROR_REASONS[winerror]
        if winerror == WINERROR_ACCESS_DENIED and replacing:
            return ("无法替换：文件可能正被另一个程序打开（例如 Excel），或是只读的",
                    "cannot replace it: the file may be open in another program (for example Excel), "
                    "or it is read-only")
    if exc.errno in _ERRNO_REASONS:
        return _ERRNO_REASONS[exc.errno]
    text = exc.strerror or str(exc) or type(exc).__name__
    return text, text


def file_error(exc: OSError, path: Path | str | None = None, *, replacing: bool = False) -> FileError:
    """A one-line ``FileError`` naming ``path`` (else the file the error names) and the reason."""
    name = str(path) if path is not None else str(exc.filename or "")
    zh, en = os_error_reason(exc, replacing=replacing)
    if not name:
        return FileError(f"文件操作失败：{zh}", f"file operation failed: {en}")
    return FileError(f"文件 {name}：{zh}", f"file {name}: {en}", subject=name)


@contextmanager
def atomic_output(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, else vanishes.

    A missing folder is created; every file-system failure becomes one ``FileError`` naming
    ``path``.
    """
    target = Path(path)
    if target.is_dir():
        raise FileError(f"{target} 是一个文件夹，请给出文件名", f"{target} is a folder; give a file name",
                        subject=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FileError(f"{target.parent} 是一个文件，不是文件夹", f"{target.parent} is a file, not a folder",
                        subject=str(target.parent)) from None
    except OSError as exc:
        raise file_error(exc, target.parent if exc.filename is None else exc.filename) from None
    with pending_write(target):
        try:
            handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX,
                                                 dir=target.parent)
        except OSError as exc:
            raise file_error(exc, target) from None
        temp = Path(temp_name)
        try_lock(handle)  # held until the temporary is renamed or removed
        try:
            # mkstemp makes the file owner-only; an export should get the usual permissions (or
            # keep those of the file it replaces). Some file systems (FAT, shares) have none.
            with suppress(OSError):
                os.chmod(temp, _mode_for(target))
            try:
                yield temp
            except OSError as exc:
                if _is_about(exc, temp):
                    raise file_error(exc, target) from None
                raise
            try:
                os.fsync(handle)
            except OSError as exc:
                raise file_error(exc, target) from None
            # Windows cannot replace a file that is still open: let go of it first
            os.close(handle)
            handle = -1
            try:
                temp.replace(target)
            except OSError as exc:
                raise file_error(exc, target, replacing=True) from None
        except BaseException:
            if handle >= 0:
                os.close(handle)
            for name in (temp_name, *(temp_name + s for s in SIDECAR_SUFFIXES)):
                with suppress(OSError):
                    os.unlink(name)
            raise


def _is_about(exc: OSError, temp: Path) -> bool:
    """Whether an error raised while writing is about the temporary (so about the output)."""
    names = {str(temp), *(str(temp) + s for s in SIDECAR_SUFFIXES)}
    if exc.filename is not None:
        return os.fsdecode(exc.filename) in names
    return exc.errno in _OUTPUT_ERRNOS


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_bytes(path: Path | str, content: bytes) -> None:
    """Write ``content`` to ``path`` atomically."""
    with atomic_output(path) as temp:
        temp.write_bytes(content)
