"""Benchmark: the county roll-up (workbook, PDF) and one record's PDF, each against a bare
baseline in the same process.

- roll-up workbook: ``county_rollup`` (SQL) + ``write_rollup_xlsx`` against an openpyxl
  write-only dump of the same cells (no styles, no formats, no extra sheets);
- roll-up PDF: ``county_rollup`` + ``rollup_pdf_bytes`` against a bare reportlab
  ``SimpleDocTemplate`` holding one ``Table`` of the same rows (same font, same page size);
- one record: ``record_pdf`` of the largest annual energy report.

Each figure is the fastest of ``--repeat`` runs. The runs of ours and of its baseline are
interleaved (ours, baseline, then baseline, ours in the next round, …) with a garbage
collection before each, so a burst of load from other processes hits both sides alike rather
than deciding the ratio; the median of the per-round ratios is printed beside the ratio of the
fastest runs.

    python benchmarks/bench_outputs.py [--enterprises 2000] [--db EXISTING_DEMO.db] [--repeat 7]
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from openpyxl import Workbook
from reportlab.platypus import SimpleDocTemplate, Table

from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.reports.fonts import cjk_font
from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.reports.rollup_columns import COLUMNS, row_values
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import (
    PAGE,
    rollup_pdf_bytes,
    table_rows,
)
from lowcarbon_desk.reports.rollup_xlsx import write_rollup_xlsx
from lowcarbon_desk.storage import Store

COUNTY = "410199"
YEAR = 2025


def timed(fn) -> float:
    """One run of ``fn`` (seconds), after a garbage collection."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best(fn, repeat: int) -> float:
    """The fastest of ``repeat`` runs (seconds)."""
    return min(timed(fn) for _ in range(repeat))


def paired(ours, baseline, repeat: int) -> tuple[float, float, float]:
    """Fastest of ours, fastest of the baseline and the median per-round ratio, the runs
    interleaved and the order swapped every round."""
    mine, theirs = [], []
    for round_ in range(repeat):
        if round_ % 2:
            theirs.append(timed(baseline))
            mine.append(timed(ours))
        else:
            mine.append(timed(ours))
            theirs.append(timed(baseline))
    return min(mine), min(theirs), statistics.median(m / t for m, t in zip(mine, theirs, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--db", type=Path, help="an existing demo database (else one is built)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-outputs-"))
    db = args.db
    if db is None:
        db = folder / "demo.db"
        with Store.open(db) as store:
            build_demo(store, county=COUNTY, enterprises=args.enterprises, seed=2025, year=YEAR)
    store = Store.open(db)
    cjk_font()
    rollup = county_rollup(store, YEAR, COUNTY)
    cells = [row_values(r) for r in rollup.rows]
    pdf_cells = table_rows(rollup)

    def baseline_xlsx() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("rollup")
        ws.append([c.label for c in COLUMNS])
        for row in cells:
            ws.append(row)
        wb.save(folder / "baseline.xlsx")

    def ours_xlsx() -> None:
        write_rollup_xlsx(county_rollup(store, YEAR, COUNTY), folder / "rollup.xlsx")

    def baseline_pdf() -> None:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=PAGE, invariant=1, initialFontName=cjk_font())
        table = Table(pdf_cells, repeatRows=1)
        table.setStyle([("FONTNAME", (0, 0), (-1, -1), cjk_font()), ("FONTSIZE", (0, 0), (-1, -1), 6.5),
                        ("LEADING", (0, 0), (-1, -1), 8)])
        doc.build([table])

    def ours_pdf() -> None:
        rollup_pdf_bytes(county_rollup(store, YEAR, COUNTY))

    for warm in (ours_xlsx, baseline_xlsx, ours_pdf, baseline_pdf):  # imports, fonts, caches
        warm()
    sql = best(lambda: county_rollup(store, YEAR, COUNTY), args.repeat)
    figures = {
        "xlsx": paired(ours_xlsx, baseline_xlsx, args.repeat),
        "xlsx without the SQL": paired(lambda: write_rollup_xlsx(rollup, folder / "rollup-only.xlsx"),
                                       baseline_xlsx, args.repeat),
        "pdf": paired(ours_pdf, baseline_pdf, args.repeat),
        "pdf without the SQL": paired(lambda: rollup_pdf_bytes(rollup), baseline_pdf, args.repeat),
    }
    biggest = store.db.execute(
        "SELECT r.record_id FROM records r JOIN record_computed c ON c.record_id = r.record_id "
        "AND c.key = 'total_tce' WHERE r.form = 'energy_report' AND length(r.period) = 4 "
        "ORDER BY c.value_num DESC LIMIT 1").fetchone()[0]
    one_pdf = best(lambda: record_pdf(store, biggest), max(args.repeat, 5))
    print(f"organisations in the roll-up: {len(rollup.rows)}; missing: {len(rollup.missing)}")
    print(f"roll-up SQL (county_rollup): {sql:.3f} s")
    for name, (ours, base, median) in figures.items():
        print(f"roll-up {name}: {ours:.3f} s; baseline {base:.3f} s; ratio {ours / base:.2f}x "
              f"(median of the per-round ratios {median:.2f}x)")
    print(f"one record PDF (largest annual energy report): {one_pdf:.3f} s")
    store.close()


if __name__ == "__main__":
    main()
