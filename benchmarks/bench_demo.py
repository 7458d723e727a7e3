"""Benchmark: ``demo --enterprises N`` against a plain-sqlite3 baseline in the same process.

The baseline writes exactly the rows the demo produced (every table, same schema, same
pragmas: WAL, synchronous=FULL) with ``executemany`` in one transaction, so the ratio is the
price of generating, validating, computing and auditing the data.

    python benchmarks/bench_demo.py [--enterprises 2000] [--seed 2025]
    python benchmarks/bench_demo.py --enterprises 300 --sql        # SQL statements by kind
    python benchmarks/bench_demo.py --enterprises 50 --seed 7 --dump demo-50.json

``--dump`` writes what the demo county holds, without times (every record's data, computed
values, issues, justifications and audit log, every organisation and its audit log), as
canonical JSON with its SHA-256: run it on two checkouts to show a change left every result
as it was. ``--sql`` counts the statements SQLite runs (a trace callback on the benchmark's
connection; ``executemany`` counts once per row).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.storage import Store

TIMES = {"created_at", "updated_at", "submitted_at", "decided_at", "at", "id", "finished_at"}


def baseline(source: Path, target: Path) -> tuple[float, int]:
    """Copy every row of ``source`` into an empty copy of its tables and indexes with plain
    sqlite3. Triggers are left out: the rows they derive (``record_figures``) are copied as rows."""
    src = sqlite3.connect(source)
    schema = [sql for (sql,) in src.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type != 'trigger' "
        "ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END")]
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


def _timeless(value: object) -> object:
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k not in TIMES}
    if isinstance(value, list):
        return [_timeless(v) for v in value]
    return value


def dump(store: Store) -> bytes:
    """Everything the demo county holds but the times, as canonical JSON."""
    orgs = store.list_orgs()
    content = {
        "organisations": [_timeless(o) for o in orgs],
        "organisation_audit": [_timeless(store.audit_log_for_org(o["org_id"])) for o in orgs],
        "records": [_timeless(store.get_record(r["record_id"], with_audit=True))
                    for r in sorted(store.list_records(), key=lambda r: r["record_id"])],
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _statement_kind(sql: str) -> str:
    text = re.sub(r"\s+", " ", sql.strip())
    text = re.sub(r"'[^']*'", "?", text)  # the trace shows bound values expanded
    text = re.sub(r"\bsp_\d+", "sp_N", text)
    return text[:100]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--sql", action="store_true", help="count SQL statements by kind (slower)")
    parser.add_argument("--dump", type=Path, help="write the county's content (no times) as JSON here")
    args = parser.parse_args()
    statements: collections.Counter[str] = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "demo.db"
        store = Store.open(db_path)
        if args.sql:
            store.db.conn.set_trace_callback(lambda sql: statements.update((_statement_kind(sql),)))
        start, cpu_start = time.perf_counter(), time.process_time()
        summary = build_demo(store, enterprises=args.enterprises, seed=args.seed)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        store.db.conn.set_trace_callback(None)
        if args.dump:
            content = dump(store)
            args.dump.write_bytes(content)
            print(f"{args.dump}: {len(content)} bytes, sha256 {hashlib.sha256(content).hexdigest()}")
        store.close()
        base, rows = baseline(db_path, Path(tmp) / "baseline.db")
    print(f"demo --enterprises {args.enterprises} --seed {args.seed}: {summary['records']} records, {rows} rows")
    if args.sql:
        print(f"{sum(statements.values())} SQL statements; the most frequent:")
        for text, count in statements.most_common(15):
            print(f"{count:9d}  {text}")
    # on a shared machine the wall time moves with the other work; the CPU time much less
    print(f"demo: {elapsed:.2f} s (cpu {cpu:.2f} s); plain sqlite3 insert of the same rows: {base:.2f} s; "
          f"ratio {elapsed / base:.1f}x")


if __name__ == "__main__":
    main()
