"""Ways to break a package, each as a function of the valid package's bytes.

Rewriting keeps everything else as it was, so each case breaks exactly one thing.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import stat
import zipfile

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.packages.report_names import report_names


def read_members(content: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def write_members(members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    """A ZIP of the members; a new member given by name is deflated, except a nested package,
    which is stored as it is (as ``package create`` writes it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if isinstance(info, str):
                archive.writestr(info, data, compress_type=zipfile.ZIP_STORED if info.endswith(".lcpkg") else None)
            else:
                archive.writestr(info, data, compress_type=info.compress_type)
    return buffer.getvalue()


def replace_member(content: bytes, name: str, data: bytes) -> bytes:
    return write_members([(info, data if info.filename == name else old) for info, old in read_members(content)])


def drop_member(content: bytes, name: str) -> bytes:
    return write_members([(i, d) for i, d in read_members(content) if i.filename != name])


def add_member(content: bytes, info: zipfile.ZipInfo | str, data: bytes) -> bytes:
    return write_members([*read_members(content), (info, data)])


def member(content: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name)


def names(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.namelist()


def flip_byte(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1:]


def manifest(content: bytes) -> dict:
    return json.loads(member(content, "manifest.json"))


def resign(content: bytes, key: InstallationKey, *, changes: dict[str, bytes] | None = None,
           manifest_changes: dict | None = None, publish_key: bool = True) -> bytes:
    """Replace members, update the manifest's hashes (and other keys), sign with ``key``."""
    changes = changes or {}
    doc = manifest(content)
    doc.update(manifest_changes or {})
    if publish_key:
        doc["public_key"] = key.public_base64
    for name, data in changes.items():
        doc["files"][name] = hashlib.sha256(data).hexdigest()
    manifest_bytes = canonical_json(doc)
    signature = base64.b64encode(key.sign(manifest_bytes))
    out = []
    for info, data in read_members(content):
        if info.filename == "manifest.json":
            data = manifest_bytes
        elif info.filename == "manifest.sig":
            data = signature
        elif info.filename in changes:
            data = changes[info.filename]
        out.append((info, data))
    listed = {i.filename for i, _ in out}
    out += [(name, data) for name, data in changes.items() if name not in listed]
    return write_members(out)


def symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def report_name(content: bytes, record_id: str) -> str:
    """The member holding ``record_id``'s PDF: its readable name in a package with the index,
    ``reports/<record_id>.pdf`` in an older one."""
    doc = manifest(content)
    if "index.html" not in doc["files"]:
        return f"reports/{record_id}.pdf"
    return report_names(doc["records"])[record_id]


def record_doc(content: bytes, record_id: str) -> dict:
    return json.loads(member(content, f"records/{record_id}.json"))
