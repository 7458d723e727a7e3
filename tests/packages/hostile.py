"""Hostile package files for the resource tests and ``benchmarks/bench_hostile.py``.

Every generator writes straight to disk in chunks, so a file far larger than the memory the
tests allow can be made without holding it:

- ``central_directory_flood``: one tiny member and then ``entries`` central-directory entries
  (a ZIP64 end record when the count needs one, or an end record that understates the count);
- ``inflating_package``: a correctly signed enterprise package whose record PDFs and listed
  attachments inflate about 80:1 to the sizes asked for (the attachments are referenced by the
  pilot application, so the package is valid as long as each stays within the form's 50 MB);
- ``base_package``: the small valid package the inflating one is built from.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import random
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.packages.create import Renderers, create_submission_package
from lowcarbon_desk.packages.keys import InstallationKey

from .offices import county_org, enterprise_org, fake_pdf, fake_workbook, fill_enterprise, open_office

MIB = 1024 * 1024
# 12 KiB of random bytes per MiB and zeros for the rest deflate to about 1/80 of their size
RANDOM_PER_MIB = 12 * 1024
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR64 = struct.Struct("<4sLQL")


def central_directory_flood(path: Path, entries: int, *, stated_count: int | None = None) -> int:
    """A ZIP whose central directory holds ``entries`` entries (all naming the one tiny member
    at offset 0); more than 65,535 entries get a ZIP64 end record, as zip tools write it.
    ``stated_count`` makes the end record state another count than the directory holds.
    Returns the file size."""
    body = b"{}"
    crc = zipfile.crc32(body)
    name = b"manifest.json"
    with path.open("wb") as out:
        out.write(_LOCAL.pack(b"PK\x03\x04", 20, 0, 0, 0, 0x21, crc, len(body), len(body), len(name), 0))
        out.write(name + body)
        directory_at = out.tell()
        batch = bytearray()
        for index in range(entries):
            entry_name = f"{index:07d}".encode()
            batch += _CENTRAL.pack(b"PK\x01\x02", 0x031E, 20, 0, 0, 0, 0x21, crc, len(body), len(body),
                                   len(entry_name), 0, 0, 0, 0, 0o100644 << 16, 0)
            batch += entry_name
            if len(batch) > MIB:
                out.write(batch)
                batch.clear()
        out.write(batch)
        directory_size = out.tell() - directory_at
        count = entries if stated_count is None else stated_count
        if count > 0xFFFF:
            end64_at = out.tell()
            out.write(_END64.pack(b"PK\x06\x06", _END64.size - 12, 45, 45, 0, 0, count, count,
                                  directory_size, directory_at))
            out.write(_LOCATOR64.pack(b"PK\x06\x07", 0, end64_at, 1))
            out.write(_END.pack(b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, directory_size, directory_at, 0))
        else:
            out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, directory_size, directory_at, 0))
        return out.tell()


def inflating_chunks(size: int, seed: int, head: bytes = b"%PDF-1.4\n") -> Iterator[bytes]:
    """``size`` bytes starting with ``head`` that deflate about 80:1, one MiB at a time."""
    rng = random.Random(seed)
    produced = 0
    while produced < size:
        block = bytearray(min(MIB, size - produced))
        noise = rng.randbytes(min(RANDOM_PER_MIB, len(block)))
        block[:len(noise)] = noise
        if produced == 0:
            block[:len(head)] = head[:len(block)]
        produced += len(block)
        yield bytes(block)


def _digest(size: int, seed: int) -> str:
    digest = hashlib.sha256()
    for chunk in inflating_chunks(size, seed):
        digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Base:
    """A small valid package (annual report, budget, audit, pilot application with an
    attachment) and the key that signed it."""

    content: bytes
    key: InstallationKey
    org_id: str
    pilot_id: str
    record_ids: list[str]


def base_package(root: Path, index: int = 9) -> Base:
    """A fresh enterprise's package without a period (so it carries the pilot application)."""
    office = open_office(root, f"hostile-{index}")
    org = enterprise_org(index)
    office.store.add_orgs([county_org(), org], "企业填报员")
    ids = fill_enterprise(office.store, org, months=False)
    key = InstallationKey.generate()
    made = create_submission_package(office.store, org["org_id"], root / f"base-{index}.lcpkg",
                                     operator="企业填报员", key=key, renderers=Renderers(fake_pdf, fake_workbook))
    office.store.close()
    return Base(made.path.read_bytes(), key, org["org_id"], ids[-1], made.record_ids)


def inflating_package(base: Base, path: Path, *, pdf_count: int = 0, pdf_size: int = 0,
                      attachment_count: int = 0, attachment_size: int = 0, seed: int = 1) -> dict:
    """Write a signed package: ``base`` with its first ``pdf_count`` record PDFs replaced by
    ``pdf_size``-byte ones and ``attachment_count`` attachments of ``attachment_size`` bytes
    added to the pilot application, every one listed in the manifest and deflated about 80:1.
    Returns the sizes written (``file``, ``expanded``)."""
    with zipfile.ZipFile(io.BytesIO(base.content)) as archive:
        small = {info.filename: archive.read(info) for info in archive.infolist()}
    manifest = json.loads(small.pop("manifest.json"))
    small.pop("manifest.sig")
    big: dict[str, tuple[int, int]] = {}  # member -> (size, seed)
    pdfs = sorted(n for n in small if n.startswith("reports/") and n.endswith(".pdf"))[:pdf_count]
    for offset, name in enumerate(pdfs):
        del small[name]
        big[name] = (pdf_size, seed * 1000 + offset)
    if attachment_count:
        record_name = f"records/{base.pilot_id}.json"
        doc = json.loads(small[record_name])
        for offset in range(attachment_count):
            item_seed = seed * 1000 + 500 + offset
            digest = _digest(attachment_size, item_seed)
            doc["data"]["attachments"].append({"name": f"证明材料{offset + 1}.pdf", "size": attachment_size,
                                               "sha256": digest, "media_type": "application/pdf"})
            big[f"attachments/{digest}.pdf"] = (attachment_size, item_seed)
        small[record_name] = canonical_json(doc)
    files = {name: hashlib.sha256(data).hexdigest() for name, data in small.items()}
    for name, (size, item_seed) in big.items():
        files[name] = _digest(size, item_seed)
    manifest["files"] = dict(sorted(files.items()))
    manifest_bytes = canonical_json(manifest)
    signature = base64.b64encode(base.key.sign(manifest_bytes))
    expanded = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("manifest.json", manifest_bytes), ("manifest.sig", signature), *small.items()]:
            archive.writestr(name, data)
            expanded += len(data)
        for name, (size, item_seed) in big.items():
            info = zipfile.ZipInfo(name, (2026, 3, 1, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            with archive.open(info, "w") as member:
                for chunk in inflating_chunks(size, item_seed):
                    member.write(chunk)
            expanded += size
    return {"file": path.stat().st_size, "expanded": expanded}
