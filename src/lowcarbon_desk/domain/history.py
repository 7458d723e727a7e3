"""What a rule may know beyond the record itself: the organisation's previous report and its peers.

Plausibility rules compare a record with figures the database holds (``storage/history.py``
reads them). The domain stays headless and pure: the caller passes a ``History``; without one
(a record checked on its own, a package verified on another machine) those rules stay silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PreviousReport:
    """The same organisation's newest non-draft annual energy report of the year before."""

    record_id: str
    period: str
    total_tce: float | None
    total_co2_t: float | None
    consumption: dict[str, float] = field(default_factory=dict)  # energy code -> quantity


@dataclass(frozen=True)
class Peers:
    """Energy intensities of the other enterprises of the same industry class in the county
    (one per organisation, its newest non-draft annual report of the same year)."""

    industry_class: str
    intensities: tuple[float, ...]


@dataclass(frozen=True)
class History:
    """Context from the database for one record; every part may be missing."""

    previous_report: PreviousReport | None = None
    peers: Peers | None = None


NO_HISTORY = History()
