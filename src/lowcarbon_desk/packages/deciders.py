"""Who decides (accepts or returns) whose records: the county its enterprises' and parks', the
province its counties' own records (a county's pilot application, say).

One rule for the three places that need it: the office signing a decision package
(``create.create_decision_package``), the division check before a decision package is imported
(``jurisdiction.check_decision``) and the import writing the decisions (``importer``).
"""

from __future__ import annotations

from ..storage.identity import is_province_code


def decider_code(org: dict) -> str:
    """The division code of the office that decides ``org``'s records: a county-kind
    organisation's province (``410199`` → ``410000``), anyone else's county (``admin_code``)."""
    code = str(org.get("admin_code") or "")
    if org.get("kind") == "county" and not is_province_code(code) and len(code) == 6:
        return code[:2] + "0000"
    return code


def may_decide(sender: str, org: dict) -> bool:
    """Whether the office ``sender`` decides ``org``'s records."""
    return bool(sender) and sender == decider_code(org)


__all__ = ["decider_code", "may_decide"]
