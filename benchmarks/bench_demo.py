"""Benchmark: ``demo --enterprises N`` against a plain-sqlite3 baseline in the same process.

The baseline writes exactly the rows the demo produced (every table, same schema, same
pragmas: WAL, synchronous=FULL) with ``executemany`` in one transaction, so the ratio is the
price of generating, validating, computing and auditing the data.

    python benchmarks/bench_demo.py [--enterprises 2000]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.storage import Store


def baseline(source: Path, target: Path) -> tuple[float, int]:
    """Copy every row of ``source`` into an empty copy of its schema with plain sqlite3."""
    src = sqlite3.connect(source)
    schema = [sql for (sql,) in src.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END")]
    tables = [name for (name,) in src.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    data = {t: src.execute(f"SELECT * FROM [{t}]").fetchall() for t in tables}
    src.close()
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=FULL")
    for sql in schema:
        dst.execute(sql)
    rows = sum(len(v) for v in data.values())
    start = time.perf_counter()
    dst.execute("BEGIN")
    for table, values in data.items():
        if values:
            dst.executemany(f"INSERT INTO [{table}] VALUES ({', '.join('?' * len(values[0]))})", values)
    dst.execute("COMMIT")
    elapsed = time.perf_counter() - start
    dst.close()
    return elapsed, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "demo.db"
        store = Store.open(db_path)
        start = time.perf_counter()
        summary = build_demo(store, enterprises=args.enterprises)
        elapsed = time.perf_counter() - start
        store.close()
        base, rows = baseline(db_path, Path(tmp) / "baseline.db")
    print(f"demo --enterprises {args.enterprises}: {summary['records']} records, {rows} rows")
    print(f"demo: {elapsed:.2f} s; plain sqlite3 insert of the same rows: {base:.2f} s; ratio {elapsed / base:.1f}x")


if __name__ == "__main__":
    main()
