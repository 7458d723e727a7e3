"""Splitting a county's package into parts that each stay within a receiver's limits
(package.md, "Packages in parts"; the limits are ``limits.PackageLimits``, the verifier's).

Every part is a complete signed county submission: part 1 carries the county's own records,
their PDFs and attachments and the workbook; every part carries the county roll-up (the
verifier asks for it in every county package, and it lists the county's enterprises); the
forwarded enterprise packages fill the parts in their order (by organisation, oldest first),
an organisation's packages kept in one part where they fit together, so an import of the
parts in any order meets an enterprise's keys in the order it used them.

What a part will take is worked out before anything is written, from sizes only: the
generated members' byte counts, each stored package's ZIP directory (its member count and
expanded size), plus the ZIP headers and manifest entries of every member and a fixed margin
for the manifest, the signature and the directory's end. Each bound is an upper one (a
deflated member counted at its worst-case deflate size, every member read twice while
verifying), so a part that passes here passes the verifier.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import NotFoundError
from ..domain.records import canonical_json
from ..storage import Store
from ..storage.imported import package_blob
from .errors import LimitError
from .layout import nested_member
from .limits import PackageLimits, size_text
from .writer import stored_copy_damaged

# manifest.json's own keys and sender, manifest.sig, the ZIP directory's end record, and room
# for the odd longer name: a fixed allowance in every part
MARGIN = 64 * 1024
ZIP_HEADERS = 30 + 46  # local header and directory entry, without the name (no extra fields)
MANIFEST_ENTRY = 64 + 8  # a ``files`` entry's SHA-256 and its quotes, colon and comma


@dataclass(frozen=True)
class Extent:
    """What some members add to a package file: file bytes, members in the file, members of
    the whole tree (nested packages' members included), bytes read while verifying it, and
    bytes of manifest."""

    size: int = 0
    members: int = 0
    tree: int = 0
    expanded: int = 0
    manifest: int = 0

    def __add__(self, other: Extent) -> Extent:
        return Extent(self.size + other.size, self.members + other.members, self.tree + other.tree,
                      self.expanded + other.expanded, self.manifest + other.manifest)


@dataclass(frozen=True)
class StoredExtent:
    """A stored package file: its size, its member count, the sum of its members' sizes."""

    size: int
    members: int
    expanded: int


FIXED = Extent(MARGIN, 2, 2, MARGIN, MARGIN)


def deflate_bound(size: int) -> int:
    """The most bytes ``size`` bytes can take deflated (zlib's compressBound)."""
    return size + (size >> 12) + (size >> 14) + (size >> 25) + 13


def _member(name: str, data: int, expanded: int, tree: int = 1) -> Extent:
    return Extent(data + ZIP_HEADERS + 2 * len(name.encode()), 1, tree, expanded,
                  len(name.encode()) + MANIFEST_ENTRY)


def own_extent(sizes: dict[str, int], entries: list[dict]) -> Extent:
    """Members made here (``name -> byte count``) with the manifest entries of the records."""
    total = Extent(manifest=sum(len(canonical_json(e)) + 1 for e in entries))
    for name, size in sizes.items():
        total += _member(name, deflate_bound(size), 2 * size)
    return total


def nested_extent(sha256: str, stored: StoredExtent) -> Extent:
    """A forwarded package: stored as it is, hashed whole by the outer check, then each of its
    own members read (at most twice) while it verifies by itself."""
    return _member(nested_member(sha256), stored.size, stored.size + 2 * stored.expanded, 1 + stored.members)


def stored_package_extent(store: Store, sha256: str) -> StoredExtent:
    """Size, member count and expanded size of a package kept in the database, from its ZIP
    directory (read in place from the blob, not the whole package). A missing original raises
    ``NotFoundError``, a stored copy that is no longer a ZIP file ``FileMismatchError``, both
    before anything is written."""
    try:
        with package_blob(store, sha256) as blob:
            blob.seek(0, os.SEEK_END)
            size = blob.tell()
            blob.seek(0)
            # typeshed wants seek() -> int; sqlite3.Blob.seek returns None and zipfile ignores it
            with zipfile.ZipFile(blob) as archive:  # type: ignore[arg-type]
                infos = archive.infolist()
    except KeyError:
        raise NotFoundError(f"数据包 {sha256} 的原件不存在", f"the original of package {sha256} is missing") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise stored_copy_damaged(nested_member(sha256)) from None
    return StoredExtent(size, len(infos), sum(i.file_size for i in infos))


def _capacity(limits: PackageLimits) -> Extent:
    return Extent(limits.max_package_bytes, limits.max_members, limits.max_tree_members,
                  limits.max_total_bytes, limits.max_manifest_bytes)


def _fits(extent: Extent, cap: Extent) -> bool:
    return (extent.size <= cap.size and extent.members <= cap.members and extent.tree <= cap.tree
            and extent.expanded <= cap.expanded and extent.manifest <= cap.manifest)


def _over(what_zh: str, what_en: str, extent: Extent, room: Extent, cap: Extent, subject: str,
          headers: int = 0, member_limit: int = 0) -> LimitError:
    """One line naming what is too large, by the first limit it breaks (sizes shown without
    the ``headers`` its ZIP entry adds; ``member_limit`` when one member's limit is the one)."""
    if extent.size > room.size:
        size, left = size_text(extent.size - headers), size_text(max(0, room.size - headers))
        if member_limit:
            zh = f"{size}，超过单个成员的上限 {size_text(member_limit)}"
            en = f"{size}, more than the limit of {size_text(member_limit)} for one member"
        else:
            zh = f"{size}，超过一个数据包文件可容纳的 {left}（上限 {size_text(cap.size)}）"
            en = f"{size}, more than the {left} a package file can carry (limit {size_text(cap.size)})"
    elif extent.members > room.members:
        zh = f"{extent.members} 个成员，超过一个数据包文件可容纳的 {room.members} 个（上限 {cap.members}）"
        en = f"{extent.members} members, more than the {room.members} a package file can hold (limit {cap.members})"
    elif extent.tree > room.tree:
        zh = f"连同内层共 {extent.tree} 个成员，超过可容纳的 {room.tree} 个（上限 {cap.tree}）"
        en = f"{extent.tree} members with the packages it holds, more than the {room.tree} left (limit {cap.tree})"
    elif extent.expanded > room.expanded:
        zh = f"核验时需读取 {size_text(extent.expanded)}，超过可容纳的 {size_text(room.expanded)}（上限 {size_text(cap.expanded)}）"
        en = (f"{size_text(extent.expanded)} to read when verified, more than the {size_text(room.expanded)} "
              f"left (limit {size_text(cap.expanded)})")
    else:
        zh = f"清单约 {size_text(extent.manifest)}，超过可容纳的 {size_text(room.manifest)}（上限 {size_text(cap.manifest)}）"
        en = (f"a manifest of about {size_text(extent.manifest)}, more than the {size_text(room.manifest)} "
              f"left (limit {size_text(cap.manifest)})")
    return LimitError("package_too_large", f"{what_zh}为 {zh}，无法放入任何一个数据包文件；未写出数据包",
                      f"{what_en} is {en}; it fits in no package file, nothing was written", subject=subject)


def _room(cap: Extent, used: Extent) -> Extent:
    return Extent(cap.size - used.size, cap.members - used.members, cap.tree - used.tree,
                  cap.expanded - used.expanded, cap.manifest - used.manifest)


def plan_parts(org_id: str, first: Extent, base: Extent, nested: list[dict],
               stored: dict[str, StoredExtent], limits: PackageLimits) -> list[list[dict]]:
    """The forwarded packages (rows of ``accepted_packages_of_county``, in order) of each part.

    ``first`` is what part 1 carries besides them (the county's own records and workbook, the
    roll-up), ``base`` what every later part carries (the roll-up). Raises ``LimitError``
    before anything is written when the county's own members, or one forwarded package, fit
    in no part."""
    cap = _capacity(limits)
    start = FIXED + first
    if not _fits(start, cap):
        raise _over(f"单位 {org_id} 自己的记录、报表与附件", f"the own records, reports and attachments of {org_id}",
                    first, _room(cap, FIXED), cap, org_id)
    extents = {row["sha256"]: nested_extent(row["sha256"], stored[row["sha256"]]) for row in nested}
    empty = FIXED + base
    room = _room(cap, empty)
    member_cap = Extent(limits.max_member_bytes + ZIP_HEADERS + 2 * len(nested_member("0" * 64)),
                        room.members, room.tree, room.expanded, room.manifest)
    for row in nested:
        extent = extents[row["sha256"]]
        limit = Extent(min(room.size, member_cap.size), room.members, room.tree, room.expanded, room.manifest)
        inner = stored[row["sha256"]].members
        if inner > limits.max_members:  # a nested package is held to the member limit itself
            raise LimitError("package_too_large",
                             f"{row['sender_org_id']} {row['sender_name']} 的数据包 {row['file_name']} 有 {inner} 个成员，"
                             f"超过上限 {limits.max_members}；未写出数据包",
                             f"the package {row['file_name']} of {row['sender_org_id']} {row['sender_name']} has "
                             f"{inner} members, over the limit of {limits.max_members}; nothing was written",
                             subject=row["sender_org_id"])
        if not _fits(extent, limit):
            raise _over(f"{row['sender_org_id']} {row['sender_name']} 的数据包 {row['file_name']} ",
                        f"the package {row['file_name']} of {row['sender_org_id']} {row['sender_name']}",
                        extent, limit, cap, row["sender_org_id"], extent.size - stored[row["sha256"]].size,
                        limits.max_member_bytes if member_cap.size < room.size else 0)
    groups: list[list[dict]] = []
    for row in nested:
        if groups and groups[-1][0]["sender_org_id"] == row["sender_org_id"]:
            groups[-1].append(row)
        else:
            groups.append([row])
    parts: list[list[dict]] = [[]]
    used = start
    holds_own = first.members > base.members  # part 1 with records of its own is not empty

    def fits(extent: Extent) -> bool:
        return _fits(used + extent, cap)

    def new_part() -> None:
        nonlocal used
        parts.append([])
        used = empty

    for group in groups:
        together = sum((extents[r["sha256"]] for r in group), Extent())
        if not fits(together) and (parts[-1] or (len(parts) == 1 and holds_own)) and _fits(empty + together, cap):
            new_part()
        for row in group:
            if not fits(extents[row["sha256"]]):
                new_part()
            parts[-1].append(row)
            used += extents[row["sha256"]]
    return parts


def part_paths(path: Path, count: int) -> list[Path]:
    """``path`` itself for one part; else ``<stem>-part<i>of<n><suffix>`` beside it."""
    if count == 1:
        return [path]
    return [path.with_name(f"{path.stem}-part{i}of{count}{path.suffix}") for i in range(1, count + 1)]


__all__ = ["Extent", "StoredExtent", "deflate_bound", "nested_extent", "own_extent", "part_paths",
           "plan_parts", "stored_package_extent"]
