"""Opening a package ZIP safely: structure and limits from the central directory, then
capped reads that never trust the declared sizes.

Nothing is ever extracted to disk; members are read into memory or hashed as a stream.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import zipfile
from collections.abc import Iterator

from .errors import LimitError, NotAPackageError, UnsafeMemberError
from .layout import is_layout_member
from .limits import PackageLimits, size_text

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ALLOWED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
DOS_DIRECTORY = 0x10


def _damaged(label: str, exc: BaseException, member: str | None = None) -> NotAPackageError:
    where_zh = f"{label} 的成员 {member}" if member else label
    where_en = f"{label}, member {member}" if member else label
    return NotAPackageError("damaged_zip", f"{where_zh} 已损坏或不完整（{exc}），请让发送方重新发送",
                            f"{where_en} is damaged or truncated ({exc}); ask the sender to send it again",
                            subject=member or label)


def check_member_name(name: str, label: str) -> None:
    """Refuse a member name that is not a plain relative path of the package layout."""
    def unsafe(reason: str, zh: str, en: str) -> UnsafeMemberError:
        return UnsafeMemberError(reason, f"{label}：成员 {name!r} {zh}，已拒绝",
                                 f"{label}: member {name!r} {en}; refused", subject=name)

    if "\\" in name:
        raise unsafe("backslash_path", "的路径含反斜杠", "has a backslash in its path")
    if name.startswith("/"):
        raise unsafe("absolute_path", "是绝对路径", "is an absolute path")
    if _DRIVE.match(name):
        raise unsafe("drive_path", "带盘符", "starts with a drive letter")
    parts = name.split("/")
    if ".." in parts:
        raise unsafe("parent_path", "含 “..”，指向包外", "contains '..' and points outside the package")
    if name.endswith("/"):
        raise unsafe("not_regular", "是文件夹，不是普通文件", "is a folder, not a regular file")
    if not name or any(p in ("", ".") for p in parts) or _CONTROL.search(name) or len(name) > 255:
        raise unsafe("bad_name", "的名称无效", "has an invalid name")
    if not is_layout_member(name):
        raise unsafe("unexpected_member", "不属于数据包的规定结构", "is not part of the package layout")


def check_member_kind(info: zipfile.ZipInfo, label: str) -> None:
    """Refuse links, folders, devices and encrypted members (from the central directory)."""
    name = info.filename
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if stat.S_ISLNK(mode):
        raise UnsafeMemberError("link", f"{label}：成员 {name!r} 是符号链接，已拒绝",
                                f"{label}: member {name!r} is a symbolic link; refused", subject=name)
    if kind not in (0, stat.S_IFREG) or info.external_attr & DOS_DIRECTORY:
        raise UnsafeMemberError("not_regular", f"{label}：成员 {name!r} 不是普通文件，已拒绝",
                                f"{label}: member {name!r} is not a regular file; refused", subject=name)
    if info.flag_bits & 0x1:
        raise UnsafeMemberError("encrypted", f"{label}：成员 {name!r} 已加密，无法核验",
                                f"{label}: member {name!r} is encrypted and cannot be verified", subject=name)
    if info.compress_type not in ALLOWED_COMPRESSION:
        raise UnsafeMemberError("compression", f"{label}：成员 {name!r} 的压缩方式不受支持",
                                f"{label}: member {name!r} uses an unsupported compression method",
                                subject=name)


class PackageArchive:
    """An open package whose every member passed the structural and size checks.

    Reads are capped: a member may not yield more bytes than its declared size nor than the
    member limit, and all reads together may not exceed the total limit.
    """

    def __init__(self, content: bytes, label: str, limits: PackageLimits):
        self.label = label
        self.limits = limits
        self.expanded = 0
        if len(content) > limits.max_package_bytes:
            raise LimitError("package_too_large",
                             f"{label} 大小 {size_text(len(content))}，超过 {size_text(limits.max_package_bytes)} 上限",
                             f"{label} is {size_text(len(content))}, over the {size_text(limits.max_package_bytes)} limit",
                             subject=label)
        if not content.startswith(ZIP_MAGIC):
            raise NotAPackageError("not_zip", f"{label} 不是数据包（不是 ZIP 文件）",
                                   f"{label} is not a package (not a ZIP file)", subject=label)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(content))
            infos = self._zip.infolist()
        # zipfile raises many types (BadZipFile, ValueError, struct.error, EOFError, …) on
        # hostile bytes; at this boundary every one of them means "damaged archive".
        except Exception as exc:
            raise _damaged(label, exc) from None
        self.members: dict[str, zipfile.ZipInfo] = {}
        self._check(infos)

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        label, limits = self.label, self.limits
        if len(infos) > limits.max_members:
            raise LimitError("too_many_members",
                             f"{label} 含 {len(infos)} 个成员，超过 {limits.max_members} 个上限",
                             f"{label} has {len(infos)} members, over the limit of {limits.max_members}",
                             subject=label)
        total = 0
        for info in infos:
            for name in {info.filename, info.orig_filename}:
                check_member_name(name, label)
            check_member_kind(info, label)
            name = info.filename
            if name in self.members:
                raise UnsafeMemberError("duplicate_member", f"{label}：成员 {name} 出现了两次",
                                        f"{label}: member {name} appears twice", subject=name)
            if info.file_size > limits.max_member_bytes:
                raise LimitError("member_too_large",
                                 f"{label}：成员 {name} 解压后 {size_text(info.file_size)}，超过 {size_text(limits.max_member_bytes)} 上限",
                                 f"{label}: member {name} expands to {size_text(info.file_size)}, over the {size_text(limits.max_member_bytes)} limit",
                                 subject=name)
            if info.file_size > limits.max_ratio * info.compress_size:
                ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
                raise LimitError("ratio_too_high",
                                 f"{label}：成员 {name} 压缩比 {ratio:.0f}:1，超过 {limits.max_ratio:.0f}:1 上限",
                                 f"{label}: member {name} has a compression ratio of {ratio:.0f}:1, over the {limits.max_ratio:.0f}:1 limit",
                                 subject=name)
            total += info.file_size
            self.members[name] = info
        if total > limits.max_total_bytes:
            raise LimitError("total_too_large",
                             f"{label} 解压后共 {size_text(total)}，超过 {size_text(limits.max_total_bytes)} 上限",
                             f"{label} expands to {size_text(total)} in all, over the {size_text(limits.max_total_bytes)} limit",
                             subject=label)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> PackageArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _chunks(self, name: str) -> Iterator[bytes]:
        info = self.members[name]
        cap = min(info.file_size, self.limits.max_member_bytes)
        count = 0
        try:
            handle = self._zip.open(info)
        except Exception as exc:  # hostile headers: see __init__
            raise _damaged(self.label, exc, name) from None
        with handle:
            while True:
                try:
                    chunk = handle.read(CHUNK)
                except Exception as exc:  # bad CRC, bad deflate stream, …
                    raise _damaged(self.label, exc, name) from None
                if not chunk:
                    break
                count += len(chunk)
                self.expanded += len(chunk)
                if count > cap:
                    raise LimitError("member_too_large",
                                     f"{self.label}：成员 {name} 解压后超过声明大小或 {size_text(self.limits.max_member_bytes)} 上限",
                                     f"{self.label}: member {name} expands beyond its declared size or the {size_text(self.limits.max_member_bytes)} limit",
                                     subject=name)
                if self.expanded > self.limits.max_total_bytes:
                    raise LimitError("total_too_large",
                                     f"{self.label} 解压后超过 {size_text(self.limits.max_total_bytes)} 上限",
                                     f"{self.label} expands beyond the {size_text(self.limits.max_total_bytes)} limit",
                                     subject=self.label)
                yield chunk
        if count != info.file_size:
            raise _damaged(self.label, ValueError(f"{count} bytes instead of {info.file_size}"), name)

    def read(self, name: str) -> bytes:
        """A member's bytes, read with the caps."""
        return b"".join(self._chunks(name))

    def sha256(self, name: str, keep: bool = False) -> tuple[str, bytes | None]:
        """A member's SHA-256 hex (streamed) and, when ``keep``, its bytes."""
        digest = hashlib.sha256()
        kept: list[bytes] | None = [] if keep else None
        for chunk in self._chunks(name):
            digest.update(chunk)
            if kept is not None:
                kept.append(chunk)
        return digest.hexdigest(), (b"".join(kept) if kept is not None else None)
