"""Who may send what to this database: the division and decision rules of an import.

Taken before anything is written (the importer's plan), against the database's derived
identity (``storage.identity``). Each refusal has its own reason code, names the sender and
the record or codes concerned, and leaves the database unchanged with nothing pinned:

- ``foreign_division``: a submission package whose sender (a county's code, or for an
  enterprise or park the ``admin_code`` of its profile) is outside this database's division;
  imported only when the officer confirms (``accept_foreign``);
- ``own_code``: a submission package claiming to come from this database's own county (or, at
  an enterprise database, from the enterprise itself): a key is never pinned for oneself;
- ``decision_own_code``: a decision package whose sender is this database's own organisation
  (the county at its own database);
- ``decision_misplaced``: a decision about a record this database received in a package: the
  decision belongs to the office that entered the record, not here (a county's decision
  imported at the province);
- ``decision_sender``: a decision about a record of an organisation of another county (or, from
  the province, about a record that is not one of its counties' own, ``deciders``);
- ``decision_unknown_key``: a decision package from a county whose key is not pinned here,
  except at an enterprise database receiving its own county's first decision on its own,
  locally entered records, and at a county database receiving its province's first decision
  on the county's own records (trust on first use, as before).
"""

from __future__ import annotations

from ..storage import Store
from ..storage import imported as stored
from ..storage.identity import COUNTY, ENTERPRISE, UNKNOWN, Home, is_province_code
from .deciders import may_decide
from .errors import JurisdictionError
from .manifest import is_division_code
from .verify import VerifiedPackage

FOREIGN_DIVISION = "foreign_division"
OWN_CODE = "own_code"
DECISION_OWN_CODE = "decision_own_code"
DECISION_MISPLACED = "decision_misplaced"
DECISION_SENDER = "decision_sender"
DECISION_UNKNOWN_KEY = "decision_unknown_key"

_KINDS = {"enterprise": ("企业", "an enterprise"), "county": ("县", "a county"),
          "province": ("省", "the province"), "unknown": ("未定", "undetermined")}


def _refuse(reason: str, label: str, zh: str, en: str, subject: str) -> JurisdictionError:
    return JurisdictionError(reason, f"{label}：{zh}；未做任何改动，未登记密钥",
                             f"{label}: {en}; nothing was changed, no key was pinned", subject=subject)


def sender_division(package: VerifiedPackage) -> str:
    """The division a package's sender belongs to: a county's own code, else the
    ``admin_code`` of the sender's profile in its records."""
    sender = package.sender["org_id"]
    if is_division_code(sender):
        return sender
    for record in package.records:
        if record.org.get("org_id") == sender:
            return str(record.org.get("admin_code") or "")
    return ""


def check_submission(package: VerifiedPackage, home: Home, accept_foreign: bool) -> None:
    """A submission package's sender must be inside this database's division (unless the
    officer accepted foreign packages) and must not be this database itself."""
    sender = package.sender["org_id"]
    if home.is_own(sender) and (is_division_code(sender) or home.kind == ENTERPRISE):
        zh_kind, en_kind = _KINDS[home.kind]
        raise _refuse(OWN_CODE, package.label,
                      f"发送方 {sender} 是本数据库（{zh_kind}）自己的单位，不接受以本单位名义发来的数据包",
                      f"the sender {sender} is this database's own organisation ({en_kind}); a package in "
                      "its name is not accepted here", sender)
    division = sender_division(package)
    if accept_foreign or home.kind == UNKNOWN or home.covers(division):
        return
    raise _refuse(FOREIGN_DIVISION, package.label,
                  f"发送方 {sender}（属 {division or '未知'}）不在本库辖区 {home.code} 内。确认确实要接收其他辖区的"
                  "数据包时，用 package import 文件 --accept-foreign 导入（其单位不计入本辖区的总览和汇总）",
                  f"the sender {sender} (of {division or 'unknown'}) is outside this database's division "
                  f"{home.code}. If this package from another division is really wanted, import it with "
                  "package import FILE --accept-foreign (its organisations stay out of this division's "
                  "overview and roll-up)", sender)


def check_decision(store: Store, package: VerifiedPackage, home: Home) -> None:
    """A decision package decides only this database's own, locally entered records of the
    sender's county, comes from a county that is not this database, and is signed by the
    county's pinned key (first use only at an enterprise database, as above)."""
    sender = package.sender["org_id"]
    label = package.label
    first = package.decisions[0].record_id if package.decisions else ""
    if home.is_own(sender):
        raise _refuse(DECISION_OWN_CODE, label,
                      f"审核结论包的发送方 {sender} 是本数据库自己的单位，不接受以本单位名义发来的审核结论（记录 {first}）",
                      f"the decision package's sender {sender} is this database's own organisation; decisions "
                      f"in its name are not accepted here (record {first})", first or sender)
    known = stored.pinned_key(store, sender) is not None
    for decision in package.decisions:
        record_id = decision.record_id
        local = stored.record_identity(store, record_id)
        if local is None:
            continue  # the importer refuses it as decision_unknown_record while writing
        if local["origin"] == stored.IMPORTED_ORIGIN:
            raise _refuse(DECISION_MISPLACED, label,
                          f"发送方 {sender} 的审核结论针对记录 {record_id}，但该记录是本库从数据包收到的，不是在本库录入的；"
                          "审核结论只对录入该记录的单位有效",
                          f"the decision of {sender} is about record {record_id}, which this database received "
                          "in a package rather than entered; a decision applies only where the record was entered",
                          record_id)
        org = store.get_org(local["org_id"]) or {}
        if not may_decide(sender, org):
            raise _refuse(DECISION_SENDER, label,
                          f"记录 {record_id} 的单位属于 {org.get('admin_code')}，不归发送方 {sender} 审核",
                          f"record {record_id} belongs to county {org.get('admin_code')}, not to the sender {sender}",
                          record_id)
        first_use = home.is_own(local["org_id"]) and (
            home.kind == ENTERPRISE or (home.kind == COUNTY and is_province_code(sender)))
        if not known and not first_use:
            raise _refuse(DECISION_UNKNOWN_KEY, label,
                          f"发送方 {sender} 的密钥（指纹 {package.fingerprint}）未在本库登记；只有企业数据库首次收到"
                          f"本县对本企业录入的记录的审核结论时才登记县的密钥，记录 {record_id} 不是这种情况",
                          f"the key of the sender {sender} (fingerprint {package.fingerprint}) is not pinned here; a "
                          "county's key is pinned on first use only by an enterprise's database receiving its "
                          f"county's first decision on its own records, which record {record_id} is not",
                          record_id)


def check_package(store: Store, package: VerifiedPackage, home: Home, accept_foreign: bool) -> None:
    """The jurisdiction checks of one top-level package against the database's identity
    ``home`` (nested ones were checked by ``verify``: they belong to the county that forwards
    them)."""
    if package.kind == "decision":
        check_decision(store, package, home)
    else:
        check_submission(package, home, accept_foreign)


__all__ = ["DECISION_MISPLACED", "DECISION_OWN_CODE", "DECISION_SENDER", "DECISION_UNKNOWN_KEY",
           "FOREIGN_DIVISION", "OWN_CODE", "check_decision", "check_package", "check_submission",
           "sender_division"]
