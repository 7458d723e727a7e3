"""Checks on an uploaded workbook file before openpyxl parses any of it.

A ``.xlsx`` is a ZIP of XML parts. What a hostile or broken one can do, and what stops it:

- **ZIP bombs and huge parts**: the end-of-central-directory record is read first (member
  count, directory size) so a directory of a million entries is never parsed; then every
  member's declared size is bounded (``zipfile`` never inflates a member past its declared
  size, so the declaration bounds what is read).
- **XML entity bombs and external entities**: no part of a workbook needs a document type
  declaration; a part whose prologue holds ``<!DOCTYPE`` or ``<!ENTITY`` is refused here,
  in milliseconds. openpyxl parses through ``defusedxml`` as well (a dependency), which
  refuses entity declarations wherever they hide.
- **Huge sheets**: a worksheet part is scanned for its rows and cells before it is parsed;
  more cells in one row than Excel allows (16,384), or more rows than an import takes, is
  refused, so the parser never builds a giant row in memory.

Every refusal is an ``InputError`` naming the file and the part, in one line.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

from ..domain.errors import InputError

MAX_FILE_BYTES = 100 * 2**20
MAX_MEMBERS = 2_000
MAX_DIRECTORY_BYTES = 1 * 2**20
MAX_MEMBER_BYTES = 64 * 2**20  # declared uncompressed size of one part
MAX_TOTAL_BYTES = 256 * 2**20
MAX_SHEET_ROWS = 250_000  # row elements in one worksheet part
MAX_ROW_CELLS = 16_384  # Excel's own column limit
PROLOGUE_BYTES = 4096
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s/>]")
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)


def _refuse(path: Path, zh: str, en: str) -> InputError:
    return InputError(f"工作簿 {path.name} {zh}，已拒绝导入", f"workbook {path.name} {en}; refused",
                      subject=str(path))


def _directory_size(path: Path, size: int) -> tuple[int, int]:
    """(member count, central directory bytes) from the end-of-central-directory record."""
    with path.open("rb") as handle:
        tail_size = min(size, 22 + 65_535 + 20 + 56)
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < 22:
            raise _refuse(path, "不是有效的 Excel 工作簿（.xlsx，找不到 ZIP 目录）",
                          "is not a valid Excel workbook (.xlsx): no ZIP directory found")
        _, _, _, _, count, directory, _, _ = struct.unpack("<4sHHHHIIH", tail[at:at + 22])
        if count == 0xFFFF or directory == 0xFFFFFFFF:
            locator = tail.rfind(_ZIP64_LOCATOR, 0, at)
            if locator < 0:
                raise _refuse(path, "的 ZIP 目录损坏", "has a damaged ZIP directory")
            (offset,) = struct.unpack("<Q", tail[locator + 8:locator + 16])
            if offset > size - 56:
                raise _refuse(path, "的 ZIP 目录损坏", "has a damaged ZIP directory")
            handle.seek(offset)
            record = handle.read(56)
            if not record.startswith(_ZIP64_EOCD):
                raise _refuse(path, "的 ZIP 目录损坏", "has a damaged ZIP directory")
            count, directory = struct.unpack("<QQ", record[32:48])
    return count, directory


def _check_prologue(path: Path, name: str, head: bytes) -> None:
    # UTF-16 parts: look at the text without the zero bytes as well
    views = [head]
    if b"\x00" in head[:4]:
        views.append(head.replace(b"\x00", b""))
    if any(_DTD.search(view) for view in views):
        raise _refuse(path, f"的 {name} 含有 DTD（实体声明），可能是 XML 炸弹或外部实体",
                      f"has a DTD (entity declarations) in {name}: an XML entity bomb or external "
                      "entity; a workbook never needs one")


def _scan_sheet(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Count row and cell elements of a worksheet part, streaming, without parsing it."""
    rows = cells = 0
    carry = b""
    with archive.open(info) as stream:
        first = True
        while chunk := stream.read(1 << 20):
            if first:
                _check_prologue(path, info.filename, chunk[:PROLOGUE_BYTES])
                first = False
            data = carry + chunk
            cut = data.rfind(b"<")
            if cut < 0 or len(data) - cut > 64:  # no tag can start in the last bytes
                cut = len(data)
            carry = data[cut:]
            for match in _TAG.finditer(data, 0, cut):
                if match.group(1) == b"row":
                    rows += 1
                    cells = 0
                    if rows > MAX_SHEET_ROWS:
                        raise _refuse(path, f"的工作表 {info.filename} 超过 {MAX_SHEET_ROWS:,} 行",
                                      f"has more than {MAX_SHEET_ROWS:,} rows in {info.filename}")
                else:
                    cells += 1
                    if cells > MAX_ROW_CELLS:
                        raise _refuse(path, f"的工作表 {info.filename} 第 {rows} 个行元素超过 {MAX_ROW_CELLS:,} 个单元格",
                                      f"has more than {MAX_ROW_CELLS:,} cells in row element {rows} of "
                                      f"{info.filename}")


def check_workbook_file(path: Path) -> None:
    """Refuse a workbook file that is too large, a ZIP bomb, or holds a DTD or a giant sheet."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"大小为 {size:,} 字节，超过 {MAX_FILE_BYTES:,} 字节的上限",
                      f"is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
    if size < 22:
        raise _refuse(path, "不是有效的 Excel 工作簿（.xlsx）", "is not a valid Excel workbook (.xlsx)")
    count, directory = _directory_size(path, size)
    if count > MAX_MEMBERS or directory > MAX_DIRECTORY_BYTES:
        raise _refuse(path, f"含有 {count:,} 个部件（上限 {MAX_MEMBERS:,}）",
                      f"holds {count:,} parts (the limit is {MAX_MEMBERS:,})")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                    raise _refuse(path, f"的 {info.filename} 解压后过大（{info.file_size:,} 字节）",
                                  f"has a part {info.filename} too large once unpacked ({info.file_size:,} bytes)")
            for info in infos:
                if _WORKSHEET.match(info.filename):
                    _scan_sheet(path, archive, info)
                elif info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    with archive.open(info) as stream:
                        _check_prologue(path, info.filename, stream.read(PROLOGUE_BYTES))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise _refuse(path, f"不是有效的 Excel 工作簿（.xlsx）：{exc}",
                      f"is not a valid Excel workbook (.xlsx): {exc}") from None
    except Exception as exc:  # zlib.error and friends from a damaged member
        if isinstance(exc, InputError):
            raise
        raise _refuse(path, f"已损坏（{type(exc).__name__}：{exc}）",
                      f"is damaged ({type(exc).__name__}: {exc})") from None
