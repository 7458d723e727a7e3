"""Benchmark: the county roll-up (workbook, PDF) and one record's PDF, each against a bare
baseline in the same process.

- roll-up workbook: ``county_rollup`` (SQL) + ``write_rollup_xlsx`` against an openpyxl
  write-only dump of the same cells of every sheet (read back from our workbook once; no
  styles, no formats, no widths, no print setup);
- roll-up PDF: ``county_rollup`` + ``rollup_pdf_bytes`` against a bare reportlab
  ``SimpleDocTemplate`` of the same texts of every section (made once from our story: each
  paragraph's text as a plain paragraph, each table's cells as plain strings with the same
  column widths, font and size; no charts, no styles, no footer, no PDF/A parts), same page size;
- one record: ``record_pdf`` of the largest annual energy report.

Each figure is the fastest of ``--repeat`` runs. The runs of ours and of its baseline are
interleaved (ours, baseline, then baseline, ours in the next round, …) with a garbage
collection before each, so a burst of load from other processes hits both sides alike rather
than deciding the ratio; the median of the per-round ratios is printed beside the ratio of the
fastest runs.

    python benchmarks/bench_outputs.py [--enterprises 2000] [--db EXISTING_DEMO.db] [--repeat 7] [--clock cpu]
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

from openpyxl import Workbook, load_workbook
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.reports import rollup_pdf as rollup_pdf_module
from lowcarbon_desk.reports.fonts import cjk_font
from lowcarbon_desk.reports.pdf_common import esc
from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import PAGE, rollup_pdf_bytes
from lowcarbon_desk.reports.rollup_xlsx import write_rollup_xlsx
from lowcarbon_desk.storage import Store

COUNTY = "410199"
YEAR = 2025


CLOCK = time.perf_counter  # --clock cpu: time.process_time


def timed(fn) -> float:
    """One run of ``fn`` (seconds), after a garbage collection."""
    gc.collect()
    start = CLOCK()
    fn()
    return CLOCK() - start


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


def workbook_cells(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values, as written."""
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def _text(cell: object) -> str:
    if isinstance(cell, Paragraph):
        return cell.getPlainText()
    return "" if cell is None or isinstance(cell, Flowable | list | tuple) else str(cell)


def rollup_story(rollup) -> list[Flowable]:
    """The flowables ``rollup_pdf_bytes`` lays out (caught on their way to ``build_pdf``)."""
    caught: list[Flowable] = []
    real = rollup_pdf_module.build_pdf
    rollup_pdf_module.build_pdf = lambda story, **_: caught.extend(story) or b""
    try:
        rollup_pdf_bytes(rollup)
    finally:
        rollup_pdf_module.build_pdf = real
    return caught


def bare_story(flowables: list, style: ParagraphStyle) -> list[Flowable]:
    """The texts of ``flowables`` as plain reportlab: paragraphs as plain paragraphs, tables as
    string cells with the same widths, font and size (nested tables inline), charts left out."""
    out: list[Flowable] = []
    for f in flowables:
        if isinstance(f, KeepTogether):
            out += bare_story(f._content, style)
        elif hasattr(f, "before") and hasattr(f, "table"):  # TableWithEnds
            out += bare_story([*f.before, f.table, *f.after], style)
        elif isinstance(f, Paragraph):
            out.append(Paragraph(esc(f.getPlainText()), style))
        elif isinstance(f, Table):
            nested = [c for row in f._cellvalues for c in row if isinstance(c, Table | list | tuple)]
            for inner in nested:
                out += bare_story(list(inner) if isinstance(inner, list | tuple) else [inner], style)
            if nested:
                continue
            size = f._cellStyles[0][0].fontsize if f._cellStyles else 8
            table = Table([[_text(c) for c in row] for row in f._cellvalues], colWidths=f._argW,
                          repeatRows=f.repeatRows)
            table.setStyle([("FONTNAME", (0, 0), (-1, -1), cjk_font()), ("FONTSIZE", (0, 0), (-1, -1), size),
                            ("LEADING", (0, 0), (-1, -1), size + 1.5)])
            out.append(table)
        elif isinstance(f, Spacer) or type(f).__name__ in ("PageBreak", "CondPageBreak"):
            out.append(f)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--db", type=Path, help="an existing demo database (else one is built)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="cpu: this process's CPU time, steadier than the wall clock on a busy machine")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    folder = Path(tempfile.mkdtemp(prefix="bench-outputs-"))
    db = args.db
    if db is None:
        db = folder / "demo.db"
        with Store.open(db) as store:
            build_demo(store, county=COUNTY, enterprises=args.enterprises, seed=2025, year=YEAR)
    store = Store.open(db)
    cjk_font()
    rollup = county_rollup(store, YEAR, COUNTY)
    write_rollup_xlsx(rollup, folder / "cells.xlsx")
    sheets = workbook_cells(folder / "cells.xlsx")
    plain = ParagraphStyle("plain", fontName=cjk_font(), fontSize=9, leading=12, wordWrap="CJK")
    texts = bare_story(rollup_story(rollup), plain)

    def baseline_xlsx() -> None:
        wb = Workbook(write_only=True)
        for title, rows in sheets.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.save(folder / "baseline.xlsx")

    def ours_xlsx() -> None:
        write_rollup_xlsx(county_rollup(store, YEAR, COUNTY), folder / "rollup.xlsx")

    def baseline_pdf() -> None:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=PAGE, invariant=1, initialFontName=cjk_font())
        doc.build(list(texts))

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
    print(f"organisations in the roll-up: {len(rollup.rows)}; missing: {len(rollup.missing)}; "
          f"baseline: {sum(map(len, sheets.values()))} rows in {len(sheets)} sheets, {len(texts)} flowables")
    print(f"roll-up SQL (county_rollup): {sql:.3f} s")
    for name, (ours, base, median) in figures.items():
        print(f"roll-up {name}: {ours:.3f} s; baseline {base:.3f} s; ratio {ours / base:.2f}x "
              f"(median of the per-round ratios {median:.2f}x)")
    print(f"one record PDF (largest annual energy report): {one_pdf:.3f} s")
    store.close()


if __name__ == "__main__":
    main()
