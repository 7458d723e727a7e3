"""Whose record lineage, which content, whose profile: the import's checks between offices.

- **Lineage.** A record lineage belongs to the organisation whose package first brought one of
  its revisions (``storage.imported.lineage_origin``). A later revision from any other sender
  is refused, naming the lineage's organisation and the sender; so is a revision of another
  ``org_id`` than the lineage's records, and any revision of a lineage entered in this
  database (this office's own records never arrive in a package). The key needs no check of
  its own here: a package of the owning organisation reaches the import only signed by its
  pinned key or by a new one the officer accepted (``importer._trust``). A county's package
  forwarding an enterprise's packages is fine: each nested package's sender is the
  enterprise itself.
- **Same revision, same content.** A record (or a lineage's revision) already here may arrive
  again only with the same content (``domain.records.content_fingerprint``: values, computed
  values, justifications, ids, revision, period, reference-data version; not its state,
  timestamps or audit log, which change when it is accepted without changing what it says).
- **Profiles.** An organisation's profile is set from a package only when that package was
  made (manifest ``created_at``, compared as instants) no earlier than every other stored
  package of that sender that carried its profile, so an older package never rolls a profile
  back.
"""

from __future__ import annotations

import sqlite_utils

from ..domain.records import content_fingerprint
from ..storage import imported as stored
from .errors import ImportConflictError
from .manifest import created_order
from .verify import VerifiedPackage


def _refusal(reason: str, label: str, zh: str, en: str, subject: str) -> ImportConflictError:
    return ImportConflictError(reason, f"{label}：{zh}；未做任何改动", f"{label}: {en}; nothing was changed",
                               subject=subject)


def check_lineage(db: sqlite_utils.Database, package: VerifiedPackage, doc: dict) -> None:
    """Refuse (``ImportConflictError``) a new revision of a lineage stored here that does not
    come from the lineage's own organisation; a new lineage passes."""
    origin = stored.lineage_origin(db, doc["lineage_id"])
    if origin is None:
        return
    record_id, revision, label = doc["record_id"], doc["revision"], package.label
    sender = package.sender["org_id"]
    if origin["origin"] != stored.IMPORTED_ORIGIN:
        raise _refusal("lineage_owner", label,
                       f"记录 {record_id} 的第 {revision} 版属于本库录入的记录系列（单位 {origin['org_id']}），"
                       f"不能由发送方 {sender} 的数据包提交新版本",
                       f"revision {revision} of record {record_id} belongs to a lineage entered in this database "
                       f"(organisation {origin['org_id']}); the package of {sender} cannot add revisions to it",
                       record_id)
    if origin["sender_org_id"] != sender:
        raise _refusal("lineage_owner", label,
                       f"记录 {record_id} 的第 {revision} 版属于单位 {origin['sender_org_id']} 的记录系列"
                       f"（由其数据包首次报送），发送方 {sender} 无权提交其新版本",
                       f"revision {revision} of record {record_id} belongs to the lineage of "
                       f"{origin['sender_org_id']} (first brought by its package); the sender {sender} "
                       "may not add revisions to it", record_id)
    orgs = stored.lineage_org_ids(db, doc["lineage_id"])
    if orgs != [doc["org_id"]]:
        raise _refusal("lineage_org", label,
                       f"记录 {record_id} 的第 {revision} 版属于单位 {doc['org_id']}，"
                       f"而其记录系列的各版属于单位 {'、'.join(orgs)}",
                       f"revision {revision} of record {record_id} belongs to {doc['org_id']}, while its "
                       f"lineage's revisions belong to {', '.join(orgs)}", record_id)


def check_same_content(db: sqlite_utils.Database, package: VerifiedPackage, doc: dict) -> None:
    """Refuse (``ImportConflictError``) a record already stored here that arrives again with
    other content."""
    record_id, revision = doc["record_id"], doc["revision"]
    if content_fingerprint(doc) != stored.stored_content_fingerprint(db, record_id):
        raise _refusal("revision_content", package.label,
                       f"记录 {record_id} 的第 {revision} 版在本库中已有，内容不同；如需修改，请发送方另作新版本",
                       f"revision {revision} of record {record_id} is already here with different content; "
                       "a change needs a new revision from the sender", record_id)


def profile_is_newer(db: sqlite_utils.Database, org_id: str, package: VerifiedPackage) -> bool:
    """Whether ``package`` was made no earlier than every other stored package of ``org_id``
    that carried its profile (manifest ``created_at`` as instants), so may set the profile (of
    two made in the same second, the one imported last)."""
    mine = created_order(package.manifest.raw["created_at"])[:2]  # the instant, not the text
    return all(created_order(other)[:2] <= mine
               for other in stored.profile_package_times(db, org_id, package.sha256))


__all__ = ["check_lineage", "check_same_content", "profile_is_newer"]
