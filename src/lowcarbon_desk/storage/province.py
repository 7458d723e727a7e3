"""The province's database: its counties, and enterprise intensities compared province-wide.

A province database (``identity.PROVINCE``: its own organisation is county-kind with a code
ending in ``0000``) receives the counties' packages. Its counties are the division codes of the
organisations it holds inside its division, other than its own code; each county is rolled up
as the county rolls itself up (``reports.rollup_data``), so a county's row at the province has
the county's own figures.

The intensity comparison is ``history.intensity_positions``'s, with the peers taken from the
whole province (the same industry class in every county) instead of one county.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import InputError
from ..domain.reference import ReferenceData
from ..domain.text import printable
from .base import StoreBase
from .history import IntensityPosition, newest_reports, peer_positions
from .identity import PROVINCE, Home, division_codes, home_of, is_province_code


@dataclass(frozen=True)
class County:
    """One county of the province database: its code and name (the code when nothing names it)."""

    code: str
    name: str


def is_province_database(store: StoreBase) -> bool:
    """Whether this database is the province's."""
    return home_of(store).kind == PROVINCE


def require_province(store: StoreBase) -> Home:
    """The database's identity, or ``InputError`` unless it is the province's."""
    home = home_of(store)
    if home.kind != PROVINCE:
        raise InputError(f"--province：本库不是省的数据库（本库：{home.code or '未定'}），不能做全省汇总",
                         f"--province: this database is not the province's (this database: {home.code or 'undetermined'}), "
                         "so there is no province roll-up here", subject="--province")
    return home


def province_counties(store: StoreBase) -> list[County]:
    """The counties of the province database, by code, named by their profile (or their
    packages' sender name)."""
    # a county that sent no record of its own is named by its packages' sender
    db = store.db
    names = {row[0]: row[1] for row in db.execute(
        "SELECT sender_org_id, sender_name FROM imported_packages WHERE sender_name IS NOT NULL "
        "ORDER BY imported_at")}
    names.update({row[0]: row[1] for row in db.execute(
        "SELECT org_id, name FROM organisations WHERE kind = 'county'")})
    return [County(code, printable(names.get(code) or code)) for code in division_codes(store)
            if not is_province_code(code)]


def province_intensity_positions(store: StoreBase, year: int | str, ref: ReferenceData,
                                 prefix: str) -> list[IntensityPosition]:
    """Every enterprise of the province (``admin_code`` starting with the 2-digit ``prefix``)
    with a non-draft annual report of ``year`` whose industry class has enough peers in the
    whole province, with its distance from their median in robust SDs; largest first."""
    rows = [r for r in newest_reports(store, year)
            if str(r["admin_code"] or "")[:2] == prefix and len(str(r["admin_code"])) == 6]
    return peer_positions(rows, ref, lambda row: prefix)


__all__ = ["County", "is_province_database", "province_counties", "province_intensity_positions",
           "require_province"]
