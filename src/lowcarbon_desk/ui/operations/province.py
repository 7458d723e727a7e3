"""The province roll-up as PDF and/or workbook (``export rollup --province``), both or neither,
on a worker like the county's (``operations.county.rollup_op``)."""

from __future__ import annotations

from pathlib import Path

from ...storage import Store
from .base import Changes, Done, Progress
from .county import RollupWritten, file_name_part, write_rollup_files

PROVINCE_ROLLUP = "province"  # the roll-up dialog's choice 全省汇总


def province_base_name(name: str, year: int, lang: str) -> str:
    """``河南省2025年全省汇总`` / ``河南省 2025 province roll-up`` (no extension)."""
    part = file_name_part(name)
    return f"{part} {year} province roll-up" if lang == "en" else f"{part}{year}年全省汇总"


def province_rollup_op(year: int, pdf: Path | None, xlsx: Path | None):
    """Write the province roll-up of ``year``; ``RollupWritten`` counts the counties' units."""
    targets = [p for p in (pdf, xlsx) if p is not None]

    def work(store: Store, progress: Progress) -> Done[RollupWritten]:
        from ...reports.province_rollup_data import province_rollup
        from ...reports.province_rollup_pdf import province_rollup_pdf_bytes
        from ...reports.province_rollup_xlsx import write_province_rollup_xlsx

        rollup = write_rollup_files(progress, lambda: province_rollup(store, year), province_rollup_pdf_bytes,
                                    write_province_rollup_xlsx, pdf, xlsx)
        units = sum(len(c.rollup.rows) for c in rollup.counties)
        missing = sum(c.missing for c in rollup.counties)
        return Done(RollupWritten(rollup.year, rollup.code, rollup.name, units, missing, targets),
                    Changes(files=tuple(targets)))

    return work


__all__ = ["PROVINCE_ROLLUP", "province_base_name", "province_rollup_op"]
