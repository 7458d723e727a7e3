"""Reading a package ZIP safely, with our own reader of the ZIP structure.

Nothing is parsed before it is bounded, and nothing is ever extracted to disk:

1. the file size is checked, then the end-of-central-directory record, which must be the last
   22 bytes of the file (an empty ZIP comment, nothing appended). A ZIP64 end record is
   refused: no package within the limits needs one (at most 10,000 members, each at most
   200 MB, the file at most 500 MB). The member count it states is checked against the limit,
   and the directory's size against what that many entries can take, before the directory is
   read;
2. the central directory (at most ``count`` entries of at most 301 bytes) is parsed: every
   member a regular file at a layout path, stored or deflated, not encrypted, no extra field,
   no comment, no data descriptor, within the size and ratio limits;
3. the local headers must tile the file exactly: the first at offset 0, each member's data
   followed directly by the next local header, the last followed directly by the central
   directory; each local header equal to its directory entry. So no byte of the file lies
   outside a listed member (no hidden entry, no overlapping members, no prepended or
   appended data).

Members are read one chunk (1 MiB) at a time, inflated with a bounded output per call; the
output may not exceed the declared size, the member limit, nor the total budget of the whole
file (nested packages included), and must end exactly at the declared size with the declared
CRC-32.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import stat
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from .errors import ArchiveLayoutError, LimitError, NotAPackageError, UnsafeMemberError
from .layout import is_layout_member
from .limits import PackageLimits, size_text

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
STORED, DEFLATED = 0, 8
ALLOWED_COMPRESSION = (STORED, DEFLATED)
CHUNK = 1 << 20
MAX_NAME_BYTES = 255
# general-purpose flags a package member may carry: deflate level (bits 1-2), UTF-8 name (bit 11)
ALLOWED_FLAGS = 0x0806
ENCRYPTED_FLAGS = 0x0001 | 0x0040 | 0x2000
DATA_DESCRIPTOR_FLAG = 0x0008
UTF8_FLAG = 0x0800
DOS_DIRECTORY = 0x10

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR64 = struct.Struct("<4sLQL")
LOCAL_SIGNATURE, CENTRAL_SIGNATURE = b"PK\x03\x04", b"PK\x01\x02"
END_SIGNATURE, END64_SIGNATURE, LOCATOR64_SIGNATURE = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07"
MAX_CENTRAL_ENTRY = _CENTRAL.size + MAX_NAME_BYTES
MAX_COMMENT = 0xFFFF

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _damaged(label: str, reason: str, member: str | None = None) -> NotAPackageError:
    where_zh = f"{label} 的成员 {member}" if member else label
    where_en = f"{label}, member {member}" if member else label
    return NotAPackageError("damaged_zip", f"{where_zh} 已损坏或不完整（{reason}），请让发送方重新发送",
                            f"{where_en} is damaged or truncated ({reason}); ask the sender to send it again",
                            subject=member or label)


def _layout(label: str, reason: str, zh: str, en: str, subject: str = "") -> ArchiveLayoutError:
    return ArchiveLayoutError(reason, f"{label}：{zh}，已拒绝", f"{label}: {en}; refused", subject=subject or label)


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
    if not name or any(p in ("", ".") for p in parts) or _CONTROL.search(name) or len(name) > MAX_NAME_BYTES:
        raise unsafe("bad_name", "的名称无效", "has an invalid name")
    if not is_layout_member(name):
        raise unsafe("unexpected_member", "不属于数据包的规定结构", "is not part of the package layout")


@dataclass(frozen=True)
class Member:
    """One member as its central-directory entry describes it (and its local header repeats)."""

    name: str
    flags: int
    method: int
    crc: int
    compress_size: int
    file_size: int
    header_offset: int
    external_attr: int
    raw_name: bytes
    fields: tuple  # version needed, flags, method, time, date, crc, sizes: compared with the local header
    data_offset: int = -1


def check_member_kind(member: Member, label: str) -> None:
    """Refuse links, folders, devices, encryption and unsupported compression or flags."""
    name = member.name
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UnsafeMemberError("link", f"{label}：成员 {name!r} 是符号链接，已拒绝",
                                f"{label}: member {name!r} is a symbolic link; refused", subject=name)
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG) or member.external_attr & DOS_DIRECTORY:
        raise UnsafeMemberError("not_regular", f"{label}：成员 {name!r} 不是普通文件，已拒绝",
                                f"{label}: member {name!r} is not a regular file; refused", subject=name)
    if member.flags & ENCRYPTED_FLAGS:
        raise UnsafeMemberError("encrypted", f"{label}：成员 {name!r} 已加密，无法核验",
                                f"{label}: member {name!r} is encrypted and cannot be verified", subject=name)
    if member.method not in ALLOWED_COMPRESSION:
        raise UnsafeMemberError("compression", f"{label}：成员 {name!r} 的压缩方式不受支持",
                                f"{label}: member {name!r} uses an unsupported compression method",
                                subject=name)
    if member.flags & DATA_DESCRIPTOR_FLAG:
        raise _layout(label, "data_descriptor", f"成员 {name!r} 带数据描述符（本程序生成的数据包没有）",
                      f"member {name!r} has a data descriptor (packages made by this program have none)", name)
    if member.flags & ~(ALLOWED_FLAGS | DATA_DESCRIPTOR_FLAG | ENCRYPTED_FLAGS):
        raise UnsafeMemberError("unsupported_flags", f"{label}：成员 {name!r} 带有不支持的 ZIP 标志",
                                f"{label}: member {name!r} carries unsupported ZIP flags", subject=name)


class ReadBudget:
    """The bytes that may still be inflated while verifying one file, nested packages included."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0

    def spend(self, count: int, label: str) -> None:
        self.used += count
        if self.used > self.limit:
            raise LimitError("total_too_large",
                             f"{label} 解压后超过 {size_text(self.limit)} 上限",
                             f"{label} expands beyond the {size_text(self.limit)} limit", subject=label)


class Readable(Protocol):
    """What a package is read from in place: a file, ``BytesIO``, an SQLite blob, a ``FileWindow``."""

    def seek(self, offset: int, whence: int = 0, /) -> object: ...  # sqlite3.Blob's returns None

    def read(self, size: int = -1, /) -> bytes: ...


class FileWindow:
    """``length`` bytes of an open file from ``start``, read in place (a stored nested package)."""

    def __init__(self, file: Readable, start: int, length: int):
        self._file = file
        self._start = start
        self._length = length
        self._position = 0

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._position, 2: self._length}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def read(self, size: int = -1) -> bytes:
        left = max(0, self._length - self._position)
        size = left if size is None or size < 0 else min(size, left)
        if not size:
            return b""
        self._file.seek(self._start + self._position)
        data = self._file.read(size)
        self._position += len(data)
        return data


class PackageArchive:
    """An open package whose structure passed every check; members are read on demand.

    ``file`` is any binary object with ``seek`` and ``read`` (a file, ``BytesIO``, an SQLite
    blob, a ``FileWindow``); ``size`` its length in bytes.
    """

    def __init__(self, file: Readable, size: int, label: str, limits: PackageLimits,
                 budget: ReadBudget | None = None):
        self.label = label
        self.limits = limits
        self.size = size
        self.budget = budget or ReadBudget(limits.max_total_bytes)
        self._file = file
        self.members: dict[str, Member] = {}
        if size > limits.max_package_bytes:
            raise LimitError("package_too_large",
                             f"{label} 大小 {size_text(size)}，超过 {size_text(limits.max_package_bytes)} 上限",
                             f"{label} is {size_text(size)}, over the {size_text(limits.max_package_bytes)} limit",
                             subject=label)
        count, directory_size, directory_offset = self._end_record()
        entries = self._directory(count, directory_size, directory_offset)
        self._tile(entries, directory_offset)

    # --- raw reads -----------------------------------------------------------------------
    def _at(self, offset: int, length: int, member: str | None = None) -> bytes:
        if offset < 0 or offset + length > self.size:
            raise _damaged(self.label, "a record points outside the file", member)
        self._file.seek(offset)
        data = self._file.read(length)
        if len(data) != length:
            raise _damaged(self.label, "the file ended early", member)
        return data

    # --- structure -----------------------------------------------------------------------
    def _not_zip(self) -> NotAPackageError:
        return NotAPackageError("not_zip", f"{self.label} 不是数据包（不是 ZIP 文件）",
                                f"{self.label} is not a package (not a ZIP file)", subject=self.label)

    def _end_record(self) -> tuple[int, int, int]:
        label, size = self.label, self.size
        zip_start = self._at(0, min(4, size)).startswith(ZIP_MAGIC)
        if size < _END.size:
            raise _damaged(label, "no end-of-central-directory record") if zip_start else self._not_zip()
        end_at = size - _END.size
        end = self._at(end_at, _END.size)
        if end[:4] != END_SIGNATURE:
            self._explain_tail(zip_start)
        _, disk, directory_disk, disk_entries, count, directory_size, directory_offset, comment = _END.unpack(end)
        if comment:
            raise _damaged(label, "the end record announces a comment the file does not hold")
        if end_at >= _LOCATOR64.size and self._at(end_at - _LOCATOR64.size, 4) == LOCATOR64_SIGNATURE:
            self._zip64(end_at)
        if disk or directory_disk or disk_entries != count:
            raise _layout(label, "split_archive", "是分卷 ZIP（数据包只能是一个文件）",
                          "is a split (multi-volume) ZIP; a package is one file")
        if count > self.limits.max_members:
            raise self._too_many(count)
        if directory_offset + directory_size > end_at:
            raise _damaged(label, "the central directory runs past the end record")
        if directory_offset + directory_size < end_at:
            gap = end_at - directory_offset - directory_size
            raise _layout(label, "extra_bytes", f"中央目录与结束记录之间有 {gap} 个多余字节",
                          f"holds {gap} stray byte(s) between the central directory and its end record")
        if directory_size > count * MAX_CENTRAL_ENTRY:
            raise _layout(label, "directory_size",
                          f"中央目录有 {size_text(directory_size)}，远超其声明的 {count} 个成员所需",
                          f"has a central directory of {size_text(directory_size)}, more than the {count} "
                          "member(s) it states can take")
        return count, directory_size, directory_offset

    def _too_many(self, count: int) -> LimitError:
        limit = self.limits.max_members
        return LimitError("too_many_members", f"{self.label} 含 {count} 个成员，超过 {limit} 个上限",
                          f"{self.label} has {count} members, over the limit of {limit}", subject=self.label)

    def _zip64(self, end_at: int) -> None:
        """Refuse a ZIP64 archive (a locator pointing at a ZIP64 end record); when that record
        states more members than allowed, say so. Bytes that only look like a locator (the
        tail of the last directory entry) are left to the checks that follow."""
        _, _, record_at, _ = _LOCATOR64.unpack(self._at(end_at - _LOCATOR64.size, _LOCATOR64.size))
        if not 0 <= record_at <= end_at - _LOCATOR64.size - _END64.size:
            return
        record = _END64.unpack(self._at(record_at, _END64.size))
        if record[0] != END64_SIGNATURE:
            return
        if record[7] > self.limits.max_members:
            raise self._too_many(record[7])
        raise _layout(self.label, "zip64", "使用了 ZIP64 扩展；在数据包的大小与成员数上限之内不需要它",
                      "uses ZIP64 extensions, which no package within the size and member limits needs")

    def _explain_tail(self, zip_start: bool) -> None:
        """No end record in the last 22 bytes: a comment, appended bytes, or a damaged file."""
        label, size = self.label, self.size
        start = max(0, size - _END.size - MAX_COMMENT)
        tail = self._at(start, size - start)
        # the last signature with a whole end record after it
        position = tail.rfind(END_SIGNATURE, 0, len(tail) - _END.size + len(END_SIGNATURE))
        while position >= 0:
            fields = _END.unpack(tail[position:position + _END.size])
            after = len(tail) - position - _END.size
            if fields[7] == after:
                raise _layout(label, "zip_comment", f"带有 {after} 字节的 ZIP 注释（数据包不应有注释）",
                              f"carries a ZIP comment of {after} byte(s) (a package has none)")
            if fields[6] + fields[5] == start + position:  # a consistent end record, then more bytes
                raise _layout(label, "extra_bytes", f"在 ZIP 结束记录之后还有 {after} 个多余字节",
                              f"holds {after} byte(s) after the end of the ZIP archive")
            position = tail.rfind(END_SIGNATURE, 0, position)
        raise _damaged(label, "no end-of-central-directory record") if zip_start else self._not_zip()

    def _directory(self, count: int, directory_size: int, directory_offset: int) -> list[Member]:
        label, limits = self.label, self.limits
        directory = self._at(directory_offset, directory_size)
        entries: list[Member] = []
        position = 0
        total = 0
        for _ in range(count):
            if position + _CENTRAL.size > directory_size:
                raise _damaged(label, "the central directory ends early")
            (signature, _made_by, needed, flags, method, time, date, crc, compress_size, file_size,
             name_length, extra_length, comment_length, disk, _internal, external, offset) = \
                _CENTRAL.unpack_from(directory, position)
            if signature != CENTRAL_SIGNATURE:
                raise _damaged(label, "bad central-directory entry")
            position += _CENTRAL.size
            raw_name = directory[position:position + name_length]
            position += name_length
            if len(raw_name) != name_length:
                raise _damaged(label, "the central directory ends early")
            name = self._decode(raw_name, flags)
            check_member_name(name, label)
            member = Member(name, flags, method, crc, compress_size, file_size, offset, external, raw_name,
                            (needed, flags, method, time, date, crc, compress_size, file_size))
            check_member_kind(member, label)
            if extra_length or comment_length:
                raise _layout(label, "extra_field", f"成员 {name} 带有额外字段或注释（本程序生成的数据包没有）",
                              f"member {name} carries an extra field or comment (packages made by this "
                              "program have none)", name)
            if disk:
                raise _layout(label, "split_archive", "是分卷 ZIP（数据包只能是一个文件）",
                              "is a split (multi-volume) ZIP; a package is one file")
            if name in self.members:
                raise UnsafeMemberError("duplicate_member", f"{label}：成员 {name} 出现了两次",
                                        f"{label}: member {name} appears twice", subject=name)
            self._check_sizes(member)
            total += file_size
            self.members[name] = member
            entries.append(member)
        if position != directory_size:
            raise _layout(label, "directory_size", "中央目录中的条目多于结束记录声明的数量",
                          "has more central-directory entries than its end record states")
        if total > limits.max_total_bytes:
            raise LimitError("total_too_large",
                             f"{label} 解压后共 {size_text(total)}，超过 {size_text(limits.max_total_bytes)} 上限",
                             f"{label} expands to {size_text(total)} in all, over the {size_text(limits.max_total_bytes)} limit",
                             subject=label)
        return entries

    def _decode(self, raw: bytes, flags: int) -> str:
        try:
            return raw.decode("utf-8") if flags & UTF8_FLAG else raw.decode("cp437")
        except UnicodeDecodeError:
            raise UnsafeMemberError("bad_name", f"{self.label}：成员名称不是有效的 UTF-8",
                                    f"{self.label}: a member name is not valid UTF-8",
                                    subject=repr(raw)) from None

    def _check_sizes(self, member: Member) -> None:
        label, limits, name = self.label, self.limits, member.name
        if member.file_size > limits.max_member_bytes:
            raise LimitError("member_too_large",
                             f"{label}：成员 {name} 解压后 {size_text(member.file_size)}，超过 {size_text(limits.max_member_bytes)} 上限",
                             f"{label}: member {name} expands to {size_text(member.file_size)}, over the {size_text(limits.max_member_bytes)} limit",
                             subject=name)
        if member.file_size > limits.max_ratio * member.compress_size:
            ratio = member.file_size / member.compress_size if member.compress_size else float("inf")
            raise LimitError("ratio_too_high",
                             f"{label}：成员 {name} 压缩比 {ratio:.0f}:1，超过 {limits.max_ratio:.0f}:1 上限",
                             f"{label}: member {name} has a compression ratio of {ratio:.0f}:1, over the {limits.max_ratio:.0f}:1 limit",
                             subject=name)
        if member.method == STORED and member.compress_size != member.file_size:
            raise _damaged(label, "a stored member's sizes differ", name)

    def _tile(self, entries: list[Member], directory_offset: int) -> None:
        """Every byte before the central directory belongs to exactly one listed member."""
        label = self.label
        expected = 0
        for member in sorted(entries, key=lambda m: m.header_offset):
            name = member.name
            if member.header_offset < expected:
                raise _layout(label, "overlapping_members", f"成员 {name} 与前一个成员重叠",
                              f"member {name} overlaps the member before it", name)
            if member.header_offset > expected:
                gap = member.header_offset - expected
                where_zh = "第一个成员之前" if expected == 0 else f"成员 {name} 之前"
                where_en = "before the first member" if expected == 0 else f"before member {name}"
                raise _layout(label, "extra_bytes",
                              f"{where_zh}有 {gap} 个不属于任何已列成员的字节（隐藏的条目或附加的数据）",
                              f"holds {gap} byte(s) {where_en} that belong to no listed member (a hidden "
                              "entry or added data)", name)
            header = self._at(member.header_offset, _LOCAL.size, name)
            (signature, needed, flags, method, time, date, crc, compress_size, file_size,
             name_length, extra_length) = _LOCAL.unpack(header)
            if signature != LOCAL_SIGNATURE:
                raise _damaged(label, "no local header where the central directory points", name)
            local_name = self._at(member.header_offset + _LOCAL.size, name_length, name)
            local = (needed, flags, method, time, date, crc, compress_size, file_size)
            if local != member.fields or local_name != member.raw_name or extra_length:
                raise _layout(label, "header_mismatch", f"成员 {name} 的本地文件头与中央目录不一致",
                              f"the local header of member {name} differs from its central-directory entry",
                              name)
            data_offset = member.header_offset + _LOCAL.size + name_length
            self.members[name] = dataclasses.replace(member, data_offset=data_offset)
            expected = data_offset + member.compress_size
        if expected > directory_offset:
            raise _damaged(label, "the last member runs into the central directory")
        if expected < directory_offset:
            gap = directory_offset - expected
            raise _layout(label, "extra_bytes",
                          f"最后一个成员与中央目录之间有 {gap} 个不属于任何已列成员的字节（隐藏的条目或附加的数据）",
                          f"holds {gap} byte(s) between the last member and the central directory that belong "
                          "to no listed member (a hidden entry or added data)")

    # --- reading members -----------------------------------------------------------------
    def chunks(self, name: str) -> Iterator[bytes]:
        """A member's bytes, one bounded chunk at a time, checked against its size and CRC-32."""
        member = self.members[name]
        cap = min(member.file_size, self.limits.max_member_bytes)
        inflater = zlib.decompressobj(-zlib.MAX_WBITS) if member.method == DEFLATED else None
        position, remaining = member.data_offset, member.compress_size
        produced, crc = 0, 0

        def take(piece: bytes) -> bytes:
            nonlocal produced, crc
            produced += len(piece)
            if produced > cap:
                raise LimitError("member_too_large",
                                 f"{self.label}：成员 {name} 解压后超过声明大小或 {size_text(self.limits.max_member_bytes)} 上限",
                                 f"{self.label}: member {name} expands beyond its declared size or the {size_text(self.limits.max_member_bytes)} limit",
                                 subject=name)
            self.budget.spend(len(piece), self.label)
            crc = zlib.crc32(piece, crc)
            return piece

        while remaining:
            raw = self._at(position, min(CHUNK, remaining), name)
            position += len(raw)
            remaining -= len(raw)
            if inflater is None:
                yield take(raw)
                continue
            data = raw
            while True:
                try:
                    piece = inflater.decompress(data, CHUNK)
                except zlib.error as exc:
                    raise _damaged(self.label, f"bad compressed data: {exc}", name) from None
                if piece:
                    yield take(piece)
                data = inflater.unconsumed_tail
                if inflater.eof or (not data and len(piece) < CHUNK):
                    break
            if inflater.eof and (inflater.unused_data or remaining):
                raise _layout(self.label, "extra_bytes", f"成员 {name} 的压缩数据之后还有多余字节",
                              f"member {name} holds bytes after the end of its compressed data", name)
        if inflater is not None and not inflater.eof:
            raise _damaged(self.label, "the compressed data ends early", name)
        if produced != member.file_size:
            raise _damaged(self.label, f"{produced} bytes instead of {member.file_size}", name)
        if crc != member.crc:
            raise _damaged(self.label, "CRC-32 mismatch", name)

    def sha256(self, name: str) -> str:
        """A member's SHA-256 hex, streamed."""
        digest = hashlib.sha256()
        for chunk in self.chunks(name):
            digest.update(chunk)
        return digest.hexdigest()

    def read_small(self, name: str, limit: int, what_zh: str, what_en: str) -> bytes:
        """A member that is read whole (manifest, signature, record file), at most ``limit`` bytes."""
        member = self.members[name]
        if member.file_size > limit:
            raise LimitError("member_too_large",
                             f"{self.label}：{what_zh} {name} 有 {size_text(member.file_size)}，超过 {size_text(limit)} 上限",
                             f"{self.label}: {what_en} {name} is {size_text(member.file_size)}, over the {size_text(limit)} limit",
                             subject=name)
        return b"".join(self.chunks(name))

    def window(self, name: str) -> FileWindow:
        """A stored member's bytes in place, as a file (for a nested package)."""
        member = self.members[name]
        if member.method != STORED:
            raise _layout(self.label, "nested_compressed", f"内层数据包 {name} 被再次压缩（应原样存放）",
                          f"nested package {name} is compressed again (it must be stored as it is)", name)
        return FileWindow(self._file, member.data_offset, member.file_size)

    def data_offset(self, name: str) -> int:
        return self.members[name].data_offset

