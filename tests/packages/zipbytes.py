"""Byte-level surgery on a package ZIP: what ``zipfile`` itself would still open, but an exact
package must refuse (data before, between or after the members, a hidden entry, a local header
that differs from the central directory, a ZIP64 end record, a comment, a data descriptor).

Offsets in the central directory and the end record are kept consistent, so each case breaks
exactly one rule.
"""

from __future__ import annotations

import io
import struct
import zipfile

END = struct.Struct("<4s4H2LH")
CENTRAL = struct.Struct("<4s6H3L5H2L")
LOCAL = struct.Struct("<4s5H3L2H")
END64 = struct.Struct("<4sQ2H2L4Q")
LOCATOR64 = struct.Struct("<4sLQL")


def _end(content: bytes) -> tuple[int, list]:
    at = content.rfind(b"PK\x05\x06")
    return at, list(END.unpack_from(content, at))


def entries(content: bytes) -> list[dict]:
    """The central-directory entries: name, local header offset, position of the entry."""
    _, end = _end(content)
    position, found = end[6], []
    for _ in range(end[4]):
        fields = CENTRAL.unpack_from(content, position)
        name = content[position + CENTRAL.size:position + CENTRAL.size + fields[10]].decode()
        found.append({"name": name, "offset": fields[16], "at": position, "compress_size": fields[8]})
        position += CENTRAL.size + fields[10] + fields[11] + fields[12]
    return found


def insert(content: bytes, position: int, data: bytes) -> bytes:
    """``data`` inserted at ``position``, every offset behind it moved along."""
    found = entries(content)
    end_at, end = _end(content)
    out = bytearray(content[:position] + data + content[position:])

    def moved(at: int) -> int:
        return at + len(data) if at >= position else at

    for entry in found:
        if entry["offset"] >= position:
            struct.pack_into("<L", out, moved(entry["at"]) + 42, entry["offset"] + len(data))
    if end[6] >= position:
        struct.pack_into("<L", out, moved(end_at) + 16, end[6] + len(data))
    return bytes(out)


def prepend(content: bytes, data: bytes) -> bytes:
    """Bytes before the first local header, offsets adjusted (as a self-extracting archive)."""
    return insert(content, 0, data)


def between(content: bytes, data: bytes) -> bytes:
    """Bytes right after the first member's data."""
    first = min(entries(content), key=lambda e: e["offset"])
    header = LOCAL.unpack_from(content, first["offset"])
    end_of_data = first["offset"] + LOCAL.size + header[9] + header[10] + header[7]
    return insert(content, end_of_data, data)


def hidden_entry(content: bytes, name: str, data: bytes) -> bytes:
    """A complete local entry that the central directory does not list, before the directory."""
    raw = name.encode()
    local = LOCAL.pack(b"PK\x03\x04", 20, 0, 0, 0, 0x21, zipfile.crc32(data), len(data), len(data), len(raw), 0)
    _, end = _end(content)
    return insert(content, end[6], local + raw + data)


def overlapping(content: bytes, name: str) -> bytes:
    """Entry ``name`` pointed at the local header of another member (the "better zip bomb")."""
    found = entries(content)
    target = next(e for e in found if e["name"] == name)
    other = next(e for e in found if e["name"] != name and e["offset"] != target["offset"])
    out = bytearray(content)
    struct.pack_into("<L", out, target["at"] + 42, other["offset"])
    return bytes(out)


def local_field(content: bytes, name: str, offset: int, value: bytes) -> bytes:
    """Overwrite bytes at ``offset`` within member ``name``'s local header only."""
    entry = next(e for e in entries(content) if e["name"] == name)
    out = bytearray(content)
    out[entry["offset"] + offset:entry["offset"] + offset + len(value)] = value
    return bytes(out)


def with_comment(content: bytes, comment: bytes) -> bytes:
    at, end = _end(content)
    end[7] = len(comment)
    return content[:at] + END.pack(*end) + comment


def as_zip64(content: bytes) -> bytes:
    """The same archive with a ZIP64 end record and locator, the classic end record saying 0xFFFF."""
    at, end = _end(content)
    record = END64.pack(b"PK\x06\x06", END64.size - 12, 45, 45, 0, 0, end[4], end[4], end[5], end[6])
    locator = LOCATOR64.pack(b"PK\x06\x07", 0, at, 1)
    end[3] = end[4] = 0xFFFF
    return content[:at] + record + locator + END.pack(*end)


def stated_count(content: bytes, count: int) -> bytes:
    at, end = _end(content)
    end[3] = end[4] = count
    return content[:at] + END.pack(*end)


class _Unseekable(io.RawIOBase):
    def __init__(self):
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk) -> int:
        self.data += chunk
        return len(chunk)


def with_data_descriptors(content: bytes) -> bytes:
    """The same members written to a stream that cannot seek: ``zipfile`` then writes each
    member's sizes in a data descriptor after its data (flag bit 3)."""
    out = _Unseekable()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info), compress_type=info.compress_type)
    return bytes(out.data)


def rezip(content: bytes, *, compression: int = zipfile.ZIP_DEFLATED, level: int | None = 9,
          reverse: bool = True) -> bytes:
    """The same member bytes in a new archive: another order, compression and timestamps."""
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    if reverse:
        members.reverse()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression, compresslevel=level) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, (2030, 1, 1, 0, 0, 0))
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".lcpkg") else compression
            archive.writestr(info, data)
    return buffer.getvalue()
