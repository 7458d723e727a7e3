"""Benchmark: create, verify and import signed packages, each against a plain-zipfile baseline
in the same process.

- create: one enterprise year (annual report with a justified warning, 12 monthly reports,
  budget, audit: 15 records) with the real record PDFs and workbook; also the packaging
  alone (the same reports rendered beforehand). Baseline: ``zipfile`` writing the same member
  bytes, deflated, in memory.
- verify: that package. Baseline: ``zipfile`` reading every member of the same bytes.
- import: N enterprise packages (default 1,000; one enterprise year each, distinct
  organisations and keys) into a county database in one ``package import`` call. The record
  PDFs of the generated packages are real PDFs rendered once for a template enterprise and
  reused (rendering 15,000 PDFs would only slow down the set-up). Baseline: ``zipfile``
  reading every member of the same packages and ``sqlite3`` inserting the member bytes in one
  transaction (WAL, synchronous=FULL).
- county (``--county N``): a county database that accepted N enterprise packages (one year
  each, 15 records with real template PDFs, plus an ``--attachment-mb`` scanned PNG per
  enterprise), then ``package create`` of the county's package upward forwarding all of them,
  run as its own command-line process; its peak RSS (``getrusage`` of the children of a small
  wrapper process) and wall time. ``--before-src OTHER_CHECKOUT/src`` runs the same command on
  another checkout's code too (the code before streaming). Baseline, measured the same way:
  plain ``zipfile`` writing the same members, read in 1 MiB chunks from the package just made,
  into a new file flushed to the disk (``fsync``, as ``package create`` does).

- cli create (``--cli-create``): ``package create`` of the demo county's largest enterprise
  year (2025) as a whole command-line process, with the appendix and with ``--no-explain``;
  with ``--before-src`` the other checkout's code alternated with this one; medians of
  ``--repeat`` runs after an unmeasured first turn.

    python benchmarks/bench_packages.py [--enterprises 1000] [--repeat 3]
        [--county 200 [--attachment-mb 0] [--before-src ../main/src]]
    python benchmarks/bench_packages.py --cli-create --repeat 7 [--before-src ../main/src]
"""

from __future__ import annotations

import argparse
import inspect
import io
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "packages"))

from offices import county_org, enterprise_org, fill_enterprise  # noqa: E402

from lowcarbon_desk.packages.create import (  # noqa: E402
    Renderers,
    create_submission_package,
    default_renderers,
    standard_rollup,
)
from lowcarbon_desk.packages.importer import import_packages  # noqa: E402
from lowcarbon_desk.packages.keys import InstallationKey, load_or_create_key  # noqa: E402
from lowcarbon_desk.packages.verify import verify_bytes  # noqa: E402
from lowcarbon_desk.reports import pdf_pool  # noqa: E402
from lowcarbon_desk.storage import Store  # noqa: E402

OPERATOR = "基准"


def best(repeat: int, action) -> tuple[float, object]:
    """Fastest wall time of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def zip_members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def baseline_write(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class CachedRenderers:
    """Reports rendered once per record (real bytes), handed out again without rendering."""

    def __init__(self, real: Renderers):
        self.real = real
        self.pdfs: dict[str, bytes] = {}
        self.workbooks: dict[tuple[str, ...], bytes] = {}

    def renderers(self) -> Renderers:
        def pdf(store: Store, record_id: str) -> bytes:
            if record_id not in self.pdfs:
                self.pdfs[record_id] = self.real.record_pdf(store, record_id)
            return self.pdfs[record_id]

        def workbook(store: Store, record_ids: list[str]) -> bytes:
            key = tuple(record_ids)
            if key not in self.workbooks:
                self.workbooks[key] = self.real.workbook(store, record_ids)
            return self.workbooks[key]

        return Renderers(pdf, workbook)


class TemplateRenderers:
    """For the many import packages: each record gets the real PDF of the template record in
    the same position (form and period), and the template's real workbook."""

    def __init__(self, store: Store, template_org: str, real: Renderers):
        rows = store.db.execute("SELECT record_id, form, period FROM records WHERE org_id = ?",
                                [template_org]).fetchall()
        self.by_slot = {(form, period): real.record_pdf(store, record_id) for record_id, form, period in rows}
        self.workbook = real.workbook(store, [r[0] for r in rows])
        self.store = store

    def renderers(self) -> Renderers:
        def pdf(store: Store, record_id: str) -> bytes:
            form, period = store.db.execute("SELECT form, period FROM records WHERE record_id = ?",
                                            [record_id]).fetchone()
            return self.by_slot[(form, period)]

        return Renderers(pdf, lambda store, ids: self.workbook)


def bench_create_verify(tmp: Path, repeat: int) -> dict:
    store = Store.open(tmp / "enterprise.db")
    org = enterprise_org(1)
    store.add_orgs([county_org(), org], OPERATOR)
    fill_enterprise(store, org, pilot=False)
    key = InstallationKey.generate()
    real = default_renderers()
    real.record_pdf(store, store.list_records(org_id=org["org_id"])[0]["record_id"])  # font loading, once

    create_time, made = best(repeat, lambda: create_submission_package(
        store, org["org_id"], tmp / "out.lcpkg", operator=OPERATOR, period="2025", key=key, renderers=real))
    # the same, each record PDF rendered in this process one after the other (no worker processes),
    # alternated with the default so that both see the same load; medians
    one_by_one = Renderers(record_pdf=lambda store, record_id: real.record_pdf(store, record_id),
                           workbook=real.workbook)
    serial_parallel: dict[str, list[float]] = {"serial": [], "parallel": []}
    decide = pdf_pool.worker_count
    for _ in range(repeat):
        for name, renderers in (("serial", one_by_one), ("parallel", real)):
            pdf_pool.worker_count = lambda jobs: 2  # type: ignore[assignment]  # whatever the load
            start = time.perf_counter()
            create_submission_package(store, org["org_id"], tmp / f"{name}.lcpkg", operator=OPERATOR, period="2025",
                                      key=key, renderers=renderers)
            serial_parallel[name].append(time.perf_counter() - start)
            pdf_pool.worker_count = decide  # type: ignore[assignment]
    content = made.path.read_bytes()
    cached = CachedRenderers(real)
    create_submission_package(store, org["org_id"], tmp / "warm.lcpkg", operator=OPERATOR, period="2025",
                              key=key, renderers=cached.renderers())
    packaging_time, _ = best(repeat, lambda: create_submission_package(
        store, org["org_id"], tmp / "cached.lcpkg", operator=OPERATOR, period="2025", key=key,
        renderers=cached.renderers()))
    render_time, _ = best(repeat, lambda: [real.record_pdf(store, r) for r in made.record_ids]
                          + [real.workbook(store, made.record_ids)])
    members = zip_members(content)
    write_base, _ = best(repeat, lambda: baseline_write(members))
    verify_time, verified = best(repeat, lambda: verify_bytes(content, "bench.lcpkg", catalog=store.catalog))
    read_base, _ = best(repeat, lambda: zip_members(content))
    store.close()
    return {"records": len(verified.records), "size": len(content), "create": create_time,
            "create_serial": statistics.median(serial_parallel["serial"]),
            "create_parallel": statistics.median(serial_parallel["parallel"]),
            "packaging": packaging_time, "rendering": render_time, "write_baseline": write_base,
            "verify": verify_time, "read_baseline": read_base}


def bench_import(tmp: Path, count: int) -> dict:
    store = Store.open(tmp / "enterprises.db")
    orgs = [enterprise_org(i) for i in range(1, count + 1)]
    store.add_orgs([county_org(), *orgs], OPERATOR)
    start = time.perf_counter()
    for org in orgs:
        fill_enterprise(store, org, pilot=False)
    fill_time = time.perf_counter() - start
    template = TemplateRenderers(store, orgs[0]["org_id"], default_renderers())
    folder = tmp / "inbox"
    folder.mkdir()
    start = time.perf_counter()
    paths = [create_submission_package(store, org["org_id"], folder, operator=OPERATOR, period="2025",
                                       key=InstallationKey.generate(), renderers=template.renderers()).path
             for org in orgs]
    create_all = time.perf_counter() - start
    store.close()
    total_bytes = sum(p.stat().st_size for p in paths)

    county = Store.open(tmp / "county.db")
    county.add_orgs([county_org()], OPERATOR)
    start = time.perf_counter()
    results = import_packages(county, paths, OPERATOR)
    import_time = time.perf_counter() - start
    records = county.db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    county.close()
    assert sum(len(r.added) for r in results) == records == 15 * count

    base = sqlite3.connect(tmp / "baseline.db", isolation_level=None)
    base.execute("PRAGMA journal_mode=WAL")
    base.execute("PRAGMA synchronous=FULL")
    base.execute("CREATE TABLE members (package TEXT, name TEXT, content BLOB)")
    start = time.perf_counter()
    base.execute("BEGIN")
    for path in paths:
        members = zip_members(path.read_bytes())
        base.executemany("INSERT INTO members VALUES (?, ?, ?)",
                         [(path.name, name, data) for name, data in members.items()])
    base.execute("COMMIT")
    baseline_time = time.perf_counter() - start
    base.close()
    return {"packages": count, "records": records, "bytes": total_bytes, "import": import_time,
            "baseline": baseline_time, "fill": fill_time, "create_all": create_all}


# The measured command runs as a child of this wrapper, whose RUSAGE_CHILDREN is that child's
# peak RSS alone (the benchmark's own memory would otherwise count: Linux keeps the larger
# high-water mark across fork and exec).
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
seconds = time.perf_counter() - start
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, seconds)
"""

def zip_copy(source: str, target: str) -> None:
    """Plain zipfile: every member of ``source``, in order, copied in 1 MiB chunks into
    ``target``, stored or deflated as in the source, then flushed to the disk (as package
    create does before renaming)."""
    with open(target, "wb") as out:
        with zipfile.ZipFile(source) as reader, zipfile.ZipFile(out, "w") as writer:
            for info in reader.infolist():
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = info.compress_type
                with reader.open(info) as member, writer.open(copy, "w") as written:
                    shutil.copyfileobj(member, written, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


# the same, as its own process (plain Python: nothing of lowcarbon_desk imported)
ZIP_COPY = "import os, shutil, sys, zipfile\n" + inspect.getsource(zip_copy) + "zip_copy(sys.argv[1], sys.argv[2])\n"


def measured(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process running ``args``."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, env=env,
                          timeout=3600)
    code, rss_kb, seconds = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{args[:4]}... failed: {done.stderr}")
    return float(seconds), int(rss_kb) / 1024


def county_database(tmp: Path, count: int, attachment_mb: float) -> tuple[Path, Path, int]:
    """A county database that accepted ``count`` enterprise packages; its path, the key home
    and the bytes of the packages it keeps."""
    store = Store.open(tmp / "county-enterprises.db")
    orgs = [enterprise_org(i) for i in range(1, count + 1)]
    store.add_orgs([county_org(), *orgs], OPERATOR)
    rng = random.Random(1)
    for org in orgs:
        ids = fill_enterprise(store, org)
        if attachment_mb:
            revised = store.revise(ids[-1], OPERATOR)
            scan = b"\x89PNG\r\n\x1a\n" + rng.randbytes(int(attachment_mb * 1048576) - 8)
            store.add_attachment(revised, "扫描件.png", scan, OPERATOR)
            store.submit(revised, OPERATOR)
    template = TemplateRenderers(store, orgs[0]["org_id"], default_renderers())
    folder = tmp / "county-inbox"
    folder.mkdir()
    paths = [create_submission_package(store, org["org_id"], folder, operator=OPERATOR,
                                       key=InstallationKey.generate(), renderers=template.renderers()).path
             for org in orgs]
    store.close()
    db_path = tmp / "county.db"
    county = Store.open(db_path)
    county.add_orgs([county_org()], OPERATOR)
    results = import_packages(county, paths, OPERATOR)
    with county.transaction():
        for result in results:
            for record_id in result.added:
                county.decide(record_id, "accepted", OPERATOR, "")
    kept = county.db.execute("SELECT SUM(size) FROM imported_packages").fetchone()[0]
    county.close()
    home = tmp / "county-home"
    load_or_create_key(home / "keys")
    for path in paths:
        path.unlink()
    return db_path, home, kept


def bench_county_create(tmp: Path, count: int, attachment_mb: float, repeat: int, before_src: str | None) -> dict:
    start = time.perf_counter()
    db_path, home, kept = county_database(tmp, count, attachment_mb)
    setup = time.perf_counter() - start
    codes = {"now": str(ROOT / "src")}
    if before_src:
        codes["before"] = str(Path(before_src).resolve())
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in [*codes, "baseline"]}
    made = None
    for turn in range(repeat):
        for name, src in codes.items():
            out = tmp / f"up-{name}-{turn}.lcpkg"
            env = {**os.environ, "PYTHONPATH": src, "LOWCARBON_DESK_HOME": str(home)}
            runs[name].append(measured([sys.executable, "-m", "lowcarbon_desk", "--db", str(db_path), "package",
                                        "create", "--org", county_org()["org_id"], "-o", str(out)], env))
            if name == "now":
                made = out
            else:
                out.unlink()
        copy = tmp / f"zipfile-{turn}.zip"
        runs["baseline"].append(measured([sys.executable, "-c", ZIP_COPY, str(made), str(copy)]))
        copy.unlink()
        if turn < repeat - 1:
            made.unlink()
    # in this process: the packaging alone (roll-up rendered beforehand) against zip_copy
    store = Store.open(db_path)
    key = load_or_create_key(home / "keys")
    rollups: dict[int, tuple[bytes, bytes]] = {}

    def rollup(store: Store, county: str, year: int) -> tuple[bytes, bytes]:
        if year not in rollups:
            rollups[year] = standard_rollup(store, county, year)
        return rollups[year]

    renderers = Renderers(record_pdf=lambda store, record_id: b"", workbook=lambda store, ids: b"", rollup=rollup)
    again = tmp / "in-process.lcpkg"
    packaging, _ = best(repeat, lambda: create_submission_package(store, county_org()["org_id"], again, operator=OPERATOR,
                                                                  key=key, renderers=renderers))
    store.close()
    copying, _ = best(repeat, lambda: zip_copy(str(again), str(tmp / "in-process.zip")))
    return {"packages": count, "kept": kept, "size": made.stat().st_size, "setup": setup, "runs": runs,
            "packaging": packaging, "zip_copy": copying}


# wall seconds and the CPU seconds of the measured command and its worker processes
CPU_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
seconds = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, seconds, used.ru_utime + used.ru_stime)
"""


def timed_cpu(args: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its children) of one process running ``args``."""
    done = subprocess.run([sys.executable, "-c", CPU_MEASURE, *args], capture_output=True, text=True, env=env,
                          timeout=600)
    code, seconds, cpu = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{args[:4]}... failed: {done.stderr}")
    return float(seconds), float(cpu)


def bench_cli_create(tmp: Path, repeat: int, before_src: str | None) -> dict:
    """``package create`` of one enterprise year of the demo county as a whole command-line
    process, with the appendix and with ``--no-explain``; this code and ``before_src``'s
    alternated on the same database, then medians."""
    home = tmp / "cli-home"
    db_path = tmp / "demo.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LOWCARBON_DESK_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "lowcarbon_desk", "--db", str(db_path), "demo"], env=env, check=True,
                   capture_output=True)
    store = Store.open(db_path)
    org_id, records = store.db.execute(
        "SELECT org_id, COUNT(*) FROM records WHERE state IN ('submitted', 'accepted') AND period LIKE '2025%' "
        "GROUP BY org_id ORDER BY COUNT(*) DESC, org_id LIMIT 1").fetchone()
    store.close()
    codes = {"now": str(ROOT / "src"), **({"before": str(Path(before_src).resolve())} if before_src else {})}
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    load = [os.getloadavg()[0]]
    for turn in range(repeat + 1):  # the first turn writes the bytecode and is not counted
        for name, src in codes.items():
            for variant, extra in (("appendix", []), ("no-explain", ["--no-explain"])):
                out = tmp / f"cli-{name}-{variant}.lcpkg"
                timing = timed_cpu([sys.executable, "-m", "lowcarbon_desk", "--db", str(db_path), "package",
                                    "create", "--org", org_id, "--period", "2025", "-o", str(out), *extra],
                                   {**env, "PYTHONPATH": src})
                if turn:
                    runs.setdefault((name, variant), []).append(timing)
    load.append(os.getloadavg()[0])
    return {"org": org_id, "records": records, "runs": runs, "load": load}


def show_cli_create(result: dict) -> None:
    print(f"package create --org {result['org']} --period 2025 ({result['records']} records), whole process, "
          f"load average {result['load'][0]:.1f} -> {result['load'][1]:.1f}:")
    for (name, variant), timings in sorted(result["runs"].items()):
        seconds = [wall for wall, _ in timings]
        cpu = [used for _, used in timings]
        print(f"  {name:6} {variant:10} median {statistics.median(seconds):.2f} s  "
              f"[{min(seconds):.2f}-{max(seconds):.2f} s, {len(seconds)} runs]  CPU (with workers) median "
              f"{statistics.median(cpu):.2f} s")


def show_county(result: dict) -> None:
    mb = 1048576
    print(f"county: {result['packages']} forwarded enterprise packages, {result['kept'] / mb:.0f} MB kept in the "
          f"database; county package {result['size'] / mb:.0f} MB (set-up {result['setup']:.0f} s)")
    base_time = min(t for t, _ in result["runs"]["baseline"])
    base_rss = max(r for _, r in result["runs"]["baseline"])
    for name, runs in result["runs"].items():
        seconds = sorted(t for t, _ in runs)
        rss = sorted(r for _, r in runs)
        label = {"now": "package create (this code)", "before": "package create (--before-src)",
                 "baseline": "baseline zipfile copy of the members + fsync"}[name]
        print(f"  {label}: {seconds[0]:.2f}-{seconds[-1]:.2f} s, peak RSS {rss[0]:.0f}-{rss[-1]:.0f} MB"
              f"  [ratio to baseline: time {seconds[0] / base_time:.2f}x, RSS {rss[-1] / base_rss:.2f}x]")
    print(f"  in one process, roll-up rendered beforehand: packaging {result['packaging']:.2f} s, zip_copy of the same "
          f"members {result['zip_copy']:.2f} s, ratio {result['packaging'] / result['zip_copy']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--county", type=int, default=0, help="forwarded enterprise packages (0: skip)")
    parser.add_argument("--attachment-mb", type=float, default=0.0, help="a scanned PNG per enterprise")
    parser.add_argument("--before-src", help="another checkout's src folder, measured the same way")
    parser.add_argument("--only-county", action="store_true", help="skip create/verify/import")
    parser.add_argument("--cli-create", action="store_true",
                        help="package create of one demo enterprise year as a command-line process, then stop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if args.cli_create:
            show_cli_create(bench_cli_create(tmp, args.repeat, args.before_src))
            return
        if args.county:
            show_county(bench_county_create(tmp, args.county, args.attachment_mb, args.repeat, args.before_src))
        if args.only_county:
            return
        one = bench_create_verify(tmp, args.repeat)
        print(f"enterprise year: {one['records']} records, package {one['size'] / 1024:.0f} KB")
        print(f"create (real PDFs + workbook): {one['create']:.3f} s  [rendering the reports alone: "
              f"{one['rendering']:.3f} s; packaging with reports already rendered: {one['packaging']:.3f} s]  "
              f"baseline zipfile write of the same members: {one['write_baseline']:.3f} s")
        print(f"create, medians alternated: record PDFs one at a time {one['create_serial']:.3f} s, "
              f"together in 2 worker processes {one['create_parallel']:.3f} s "
              f"(load average {os.getloadavg()[0]:.1f})")
        print(f"verify: {one['verify']:.3f} s  baseline zipfile read of every member: {one['read_baseline']:.3f} s")
        many = bench_import(tmp, args.enterprises)
        print(f"set-up: {many['packages']} enterprises filled in {many['fill']:.1f} s, packaged in "
              f"{many['create_all']:.1f} s ({many['bytes'] / 1048576:.0f} MB)")
        print(f"import {many['packages']} packages ({many['records']} records): {many['import']:.1f} s  "
              f"baseline zipfile read + sqlite3 insert of every member: {many['baseline']:.1f} s  "
              f"ratio {many['import'] / many['baseline']:.1f}x")


if __name__ == "__main__":
    main()
