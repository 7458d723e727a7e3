"""Where a package's bytes are: a file, bytes in memory, or a nested package stored in place
inside another package. Verification and import open the source, read what they need in
bounded chunks and close it; nothing holds a whole package in memory.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .archive import CHUNK, FileWindow, Readable
from .errors import FileMismatchError, LimitError, NotAPackageError
from .limits import PackageLimits, size_text


class PackageSource:
    """A package's bytes, opened as a binary file (``seek``/``read``) of ``size`` bytes."""

    label: str
    size: int

    @contextmanager
    def open(self) -> Iterator[Readable]:  # pragma: no cover - every source overrides it
        raise NotImplementedError
        yield

    def chunks(self) -> Iterator[bytes]:
        """The whole package, one chunk at a time."""
        with self.open() as handle:
            handle.seek(0)
            left = self.size
            while left:
                chunk = handle.read(min(CHUNK, left))
                if not chunk:
                    raise changed_since_verified(self.label)
                left -= len(chunk)
                yield chunk

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for chunk in self.chunks():
            digest.update(chunk)
        return digest.hexdigest()

    def read_all(self) -> bytes:
        """Every byte (only for callers that need the bytes themselves, never verify or import)."""
        return b"".join(self.chunks())


def changed_since_verified(label: str, name: str | None = None) -> FileMismatchError:
    """The file (or one member) is not what was verified: it changed on disk in between."""
    name = name or label
    return FileMismatchError("changed_during_import", f"{label}：{name} 在核验之后被改动，未做任何改动",
                             f"{label}: {name} changed after it was verified; nothing was changed", subject=name)


def _unreadable(path: Path, exc: OSError) -> NotAPackageError:
    if isinstance(exc, FileNotFoundError):
        return NotAPackageError("unreadable", f"文件 {path} 不存在", f"file {path} does not exist", subject=str(path))
    return NotAPackageError("unreadable", f"无法读取文件 {path}：{exc}", f"cannot read file {path}: {exc}",
                            subject=str(path))


@dataclass
class PathSource(PackageSource):
    """A package file on disk (its size checked against the limit before anything is read)."""

    path: Path
    label: str
    size: int

    @classmethod
    def of(cls, path: Path | str, limits: PackageLimits) -> PathSource:
        path = Path(path)
        try:
            if path.is_dir():
                raise IsADirectoryError(21, "is a folder")
            size = path.stat().st_size
        except OSError as exc:
            raise _unreadable(path, exc) from None
        if size > limits.max_package_bytes:
            raise LimitError("package_too_large",
                             f"{path.name} 大小 {size_text(size)}，超过 {size_text(limits.max_package_bytes)} 上限",
                             f"{path.name} is {size_text(size)}, over the {size_text(limits.max_package_bytes)} limit",
                             subject=str(path))
        return cls(path, path.name, size)

    @contextmanager
    def open(self) -> Iterator[Readable]:
        try:
            handle = self.path.open("rb")
            size = os.fstat(handle.fileno()).st_size
        except OSError as exc:
            raise _unreadable(self.path, exc) from None
        with handle:
            if size != self.size:
                raise changed_since_verified(self.label)
            yield handle


@dataclass
class BytesSource(PackageSource):
    """A package held in memory (tests, and callers that already have the bytes)."""

    content: bytes
    label: str

    @property
    def size(self) -> int:  # type: ignore[override]  # read-only here, an attribute in the base
        return len(self.content)

    @contextmanager
    def open(self) -> Iterator[Readable]:
        yield io.BytesIO(self.content)

    def read_all(self) -> bytes:
        return self.content


@dataclass
class NestedSource(PackageSource):
    """A package stored uncompressed inside another, read in place."""

    parent: PackageSource
    offset: int
    size: int
    label: str

    @contextmanager
    def open(self) -> Iterator[Readable]:
        with self.parent.open() as handle:
            yield FileWindow(handle, self.offset, self.size)
