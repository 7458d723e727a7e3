"""How ``package import FILE…`` groups its commits.

Each file is imported in a savepoint of its own, so a refused file changes nothing and the
others go on; the files are committed together in groups, each group one transaction, and a
file's result is reported only once its group is committed (a crash or a full disk in between
loses only files not yet reported as imported). With synchronous=FULL every commit waits for
the disk: one commit a file cost a county's import of 200 enterprise packages a fifth of its
time (13.8 ms a package against 11.5 ms in groups of 16, on the 2-core project machine).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

GROUP_BYTES = 32 << 20  # about twenty enterprise years; the write-ahead log stays this small
GROUP_FILES = 64
GROUP_SECONDS = 1.0  # results are shown, and the write lock let go, at least this often


@dataclass(frozen=True)
class GroupLimits:
    """When a group is committed: after this many bytes of packages, files or seconds."""

    bytes: int = GROUP_BYTES
    files: int = GROUP_FILES
    seconds: float = GROUP_SECONDS


ONE_BY_ONE = GroupLimits(files=1)
DEFAULT_GROUPS = GroupLimits()


@dataclass
class CommitGroup:
    """The files of the group being written; ``add`` says when it is full."""

    limits: GroupLimits
    files: int = 0
    bytes: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, size: int) -> bool:
        """Count one more file of ``size`` bytes (0 for a refused one); True when the group
        should be committed now."""
        self.files += 1
        self.bytes += size
        return (self.files >= self.limits.files or self.bytes >= self.limits.bytes
                or time.monotonic() - self.started >= self.limits.seconds)


__all__ = ["DEFAULT_GROUPS", "ONE_BY_ONE", "CommitGroup", "GroupLimits"]
