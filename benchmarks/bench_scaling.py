"""Scaling of the county figures with the number of enterprises (issue 22, "no quadratic paths").

    python benchmarks/bench_scaling.py [--sizes 250,500,1000,2000] [--rounds 5]
                                       [--src OTHER/src] [--cache DIR] [--seed 2025]

Builds a demo county of each size once (``lowcarbon_desk.demo.build_demo`` of this checkout,
seed ``--seed``, year 2025) and keeps it in ``--cache`` (default
``<system temp>/lowcarbon-scaling-bench``) for the next run; delete that folder when done. Then
times, as CPU seconds (``time.process_time``) of one call after a warm-up call:

- ``rollup_sql``: what the county roll-up reads through ``storage.counting`` (the year's energy,
  budgets, audits up to the year, pilots), as ``reports.rollup_data.county_rollup`` calls it;
- ``overview``: ``storage.overview.county_overview`` of the county;
- ``intensity``: ``storage.history.intensity_positions`` of the county (the overview's figure);
- ``listed``: ``storage.history.positions_of_records`` of every annual energy report of the year
  (the review queue's figure for a whole year);
- ``baseline``: a plain ``sqlite3`` read of every record row of the county (``fetchall``), a
  linear job whose growth shows what linear costs on this machine (the larger files fit the
  caches worse).

Each code runs in its own worker process that stays up for the whole run: "now" (this
checkout's ``src``) and, with ``--src``, "before" (another checkout's ``src``, e.g. the main
branch). The measurements are interleaved (round by round, size by size, figure by figure, the
two codes in alternating order), so both see the same load; the load average is printed at the
start and the end (the machine may be shared). Printed: per size and figure the median of each
code, before/now, and the growth from the smallest to the largest size (8x the enterprises from
250 to 2,000: 8 is linear).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIGURES = ("baseline", "rollup_sql", "overview", "intensity", "listed")
YEAR = 2025


# --- the worker: one code, many measurements ----------------------------------------------
def _worker(src: str) -> int:
    sys.path.insert(0, src)
    from lowcarbon_desk.storage import Store
    from lowcarbon_desk.storage.counting import counting_records, year_energy
    from lowcarbon_desk.storage.history import intensity_positions, positions_of_records
    from lowcarbon_desk.storage.overview import county_overview

    stores: dict[str, tuple[Store, str, list[str]]] = {}

    def opened(path: str) -> tuple[Store, str, list[str]]:
        if path not in stores:
            store = Store.open(path)
            county = store.db.execute("SELECT org_id FROM organisations WHERE kind = 'county'").fetchone()[0]
            annual = [r for (r,) in store.db.execute(
                "SELECT record_id FROM records WHERE form = 'energy_report' AND period = ?", [str(YEAR)])]
            stores[path] = (store, county, annual)
        return stores[path]

    def rollup_sql(store: Store, county: str, _: list[str]) -> None:
        year_energy(store, YEAR, admin_code=county)
        counting_records(store, "energy_budget", admin_code=county, period=str(YEAR))
        counting_records(store, "cp_audit", admin_code=county, up_to_year=YEAR)
        counting_records(store, "pilot_application", admin_code=county)

    def baseline(store: Store, county: str, _: list[str]) -> None:
        store.db.conn.execute("SELECT r.* FROM organisations o CROSS JOIN records r ON r.org_id = o.org_id"
                              " WHERE o.admin_code = ?", [county]).fetchall()

    calls = {
        "baseline": baseline,
        "rollup_sql": rollup_sql,
        "overview": lambda store, county, _: county_overview(store, YEAR, county),
        "intensity": lambda store, county, _: intensity_positions(store, YEAR, store.reference(), county),
        "listed": lambda store, _, ids: positions_of_records(store, ids, store.reference()),
    }
    warm: set[tuple[str, str]] = set()
    for line in sys.stdin:
        ask = json.loads(line)
        store, county, ids = opened(ask["db"])
        call = calls[ask["figure"]]
        if (ask["db"], ask["figure"]) not in warm:
            call(store, county, ids)
            warm.add((ask["db"], ask["figure"]))
        start = time.process_time()
        call(store, county, ids)
        print(json.dumps({"cpu": time.process_time() - start}), flush=True)
    for store, _, _ in stores.values():
        store.close()
    return 0


class Worker:
    """A worker process of one code, asked one measurement at a time."""

    def __init__(self, name: str, src: Path, home: Path):
        self.name = name
        env = {**os.environ, "LOWCARBON_DESK_HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("LOWCARBON_DESK_DB", None)
        self.process = subprocess.Popen([sys.executable, __file__, "--worker", str(src)], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def measure(self, db: Path, figure: str) -> float:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"db": str(db), "figure": figure}) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise SystemExit(f"the {self.name} worker stopped (see its error above)")
        return float(json.loads(answer)["cpu"])

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


# --- the demo databases ---------------------------------------------------------------------
def demo_database(cache: Path, enterprises: int, seed: int) -> Path:
    """The demo county of ``enterprises`` (built now unless the cache holds it)."""
    path = cache / f"demo-{enterprises}-seed{seed}.db"
    if path.exists():
        return path
    sys.path.insert(0, str(REPO / "src"))
    from lowcarbon_desk.demo import build_demo
    from lowcarbon_desk.storage import Store

    building = path.with_name(path.name + ".building")
    for leftover in cache.glob(building.name + "*"):
        leftover.unlink()
    start = time.perf_counter()
    with Store.open(building) as store:
        build_demo(store, enterprises=enterprises, seed=seed, year=YEAR)
    building.rename(path)  # only a finished build is ever used
    print(f"built {path.name} in {time.perf_counter() - start:.0f} s", flush=True)
    return path


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="250,500,1000,2000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--src", type=Path, help="the src folder of the code to compare with (before)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "lowcarbon-scaling-bench")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args.worker)
    sizes = [int(s) for s in args.sizes.split(",")]
    args.cache.mkdir(parents=True, exist_ok=True)
    home = args.cache / "home"
    home.mkdir(exist_ok=True)
    os.environ["LOWCARBON_DESK_HOME"] = str(home)  # the builds too: never the user's own folder
    dbs = {n: demo_database(args.cache, n, args.seed) for n in sizes}
    print(f"load average at start: {_load()}", flush=True)
    workers = [Worker("now", REPO / "src", home)]
    if args.src:
        workers.insert(0, Worker("before", args.src.resolve(), home))
    times: dict[tuple[str, int, str], list[float]] = {}
    try:
        for round_ in range(args.rounds):
            for n in sizes:
                for figure in FIGURES:
                    # alternate which code goes first, so neither always runs on a warmer machine
                    for worker in (workers if round_ % 2 == 0 else workers[::-1]):
                        times.setdefault((worker.name, n, figure), []).append(worker.measure(dbs[n], figure))
            print(f"round {round_ + 1}/{args.rounds} done (load {_load()})", flush=True)
    finally:
        for worker in workers:
            worker.close()
    print(f"load average at end: {_load()}")
    _report(times, sizes, [w.name for w in workers])
    return 0


def _report(times: dict[tuple[str, int, str], list[float]], sizes: list[int], names: list[str]) -> None:
    median = {key: statistics.median(values) for key, values in times.items()}
    head = f"{'figure':<11}{'code':<8}" + "".join(f"{n:>10,}" for n in sizes) + f"{'growth':>9}"
    print("\nmedian CPU seconds per call; growth: largest size / smallest size")
    print(head)
    for figure in FIGURES:
        for name in names:
            cells = [median[(name, n, figure)] for n in sizes]
            print(f"{figure:<11}{name:<8}" + "".join(f"{c:>10.4f}" for c in cells)
                  + f"{cells[-1] / cells[0]:>8.1f}x")
        if len(names) == 2:
            ratios = [median[("before", n, figure)] / median[("now", n, figure)] for n in sizes]
            print(f"{'':<11}{'ratio':<8}" + "".join(f"{r:>9.1f}x" for r in ratios))


if __name__ == "__main__":
    raise SystemExit(main())
