"""Which revision is the newest, as SQL: for the queries of one organisation (last year's
report in ``history.py``, an organisation's trend, the budget's monthly actuals) and the review
queue (``imported.py``). The county-wide reads (``counting.py``, the peers in ``history.py``)
apply the same order in Python (``ranking.py``): in SQL it looked up each row's lineage start
and sorted every row of the county."""

from __future__ import annotations

# organisations as every list shows them: the county, its parks, then the enterprises, by code
ORGS_ORDER = "CASE kind WHEN 'county' THEN 0 WHEN 'park' THEN 1 ELSE 2 END, org_id"

# the order inside one (organisation, form, period): received before drafts; received by when
# submitted, drafts by when their lineage began; then the revision
def newest_first(alias: str) -> str:
    """The ORDER BY terms that put the record that counts first among rows of ``records``
    named ``alias`` (one organisation, form and period): never by ``updated_at``."""
    a = alias
    return (f"({a}.state = 'draft'), {a}.submitted_at DESC, "
            f"(SELECT MIN(f.created_at) FROM records f WHERE f.lineage_id = {a}.lineage_id) DESC, "
            f"{a}.revision DESC, {a}.record_id DESC")


def newest_revision_clause(alias: str) -> str:
    """SQL that holds when the record aliased ``alias`` is the newest revision of its lineage
    (the only one that can be decided; the review queue lists no other)."""
    return (f"NOT EXISTS (SELECT 1 FROM records n WHERE n.lineage_id = {alias}.lineage_id "
            f"AND n.revision > {alias}.revision)")


__all__ = ["ORGS_ORDER", "newest_first", "newest_revision_clause"]
