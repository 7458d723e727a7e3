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
  transaction (WAL, synchronous=FULL). With ``--cli-import`` each run is the command line's
  ``package import FILE…`` (each file all or nothing, committed in groups), and the baseline
  commits each package as it goes: one transaction for 10,000 packages makes SQLite's log as
  large as the packages (16 GB) and took the baseline 419 s instead of about 90 s.
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
  with ``--before-src`` the other checkout's code alternated with this one (``--before-without-accel``:
  that code without reportlab's C accelerator); medians of ``--repeat`` runs after an
  unmeasured first turn that writes the bytecode (as an installed program has it); then the
  15 PDFs rendered serially in one process per code, CPU seconds per pass.

    python benchmarks/bench_packages.py [--enterprises 1000] [--repeat 3]
        [--county 200 [--attachment-mb 0] [--before-src ../main/src]]
    python benchmarks/bench_packages.py --only-import --cli-import --enterprises 1000 [--before-src ../main/src]
    python benchmarks/bench_packages.py --cli-create --repeat 7 [--before-src ../main/src [--before-without-accel]]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import inspect
import io
import json
import os
import random
import shutil
import signal
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

from lowcarbon_desk.domain.records import canonical_json, new_record_id  # noqa: E402
from lowcarbon_desk.packages import recordfile  # noqa: E402
from lowcarbon_desk.packages.create import (  # noqa: E402
    Renderers,
    build_package_bytes,
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


GENERATOR_SOURCES = (ROOT / "tests" / "packages" / "offices.py", *(
    ROOT / "src" / "lowcarbon_desk" / "packages" / name
    for name in ("create.py", "writer.py", "manifest.py", "layout.py", "keys.py", "report_names.py")))


def generator_version() -> str:
    """A hash of the code that makes the import packages: the generating function here, the
    offices the tests use, the package-writing modules, the record-file writer and the domain (a change to any of them makes other packages, so a cache under another key)."""
    digest = hashlib.sha256()
    for function in (make_import_packages, recordfile.submission_record_file):
        digest.update(inspect.getsource(function).encode())
    domain = ROOT / "src" / "lowcarbon_desk" / "domain"
    for path in sorted([*GENERATOR_SOURCES, *domain.rglob("*.py")]):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def make_import_packages(folder: Path, count: int) -> dict:
    """``count`` enterprise packages (one year each, distinct organisations and keys) in
    ``folder``. One template enterprise is filled and packaged for real (``fill_enterprise``,
    ``create_submission_package``: real record PDFs, workbook and index); every package is that
    one's members with the enterprise's own organisation profile, new record and lineage ids
    (the record files rewritten as canonical JSON), signed by a key of its own through the
    package writer. Filling and packaging 10,000 enterprises through the Store would take over
    an hour on the project machine; the records, and so the import's work, are the same."""
    folder.mkdir(parents=True)
    start = time.perf_counter()
    store = Store.open(folder.parent / f"{folder.name}-template.db")
    template = enterprise_org(1)
    store.add_orgs([county_org(), template], OPERATOR)
    fill_enterprise(store, template, pilot=False)
    made = create_submission_package(store, template["org_id"], folder.parent / f"{folder.name}-template.lcpkg",
                                     operator=OPERATOR, period="2025", key=InstallationKey.generate())
    store.close()
    fill_time = time.perf_counter() - start
    with zipfile.ZipFile(made.path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    members.pop("manifest.sig")
    record_docs = {name: json.loads(members.pop(name)) for name in list(members) if name.startswith("records/")}
    created_at = dt.datetime.fromisoformat(manifest["created_at"])
    rng = random.Random(count)
    start = time.perf_counter()
    for index in range(1, count + 1):
        org = enterprise_org(index)
        profile = {key: org.get(key) for key in recordfile.ORG_FIELDS}
        files = dict(members)
        entries = []
        for doc in record_docs.values():
            record_id = new_record_id(rng)
            clone = {**doc, "record_id": record_id, "lineage_id": record_id, "org_id": org["org_id"],
                     "org": profile}
            files[f"records/{record_id}.json"] = canonical_json(clone)
            entries.append({key: clone[key] for key in ("record_id", "form", "form_version", "revision",
                                                       "period", "state")})
        sender = {**manifest["sender"], "org_id": org["org_id"], "name": org["name"]}
        content = build_package_bytes(kind=manifest["kind"], sender=sender, key=InstallationKey.generate(),
                                      records=entries, members=files,
                                      reference_data_version=manifest["reference_data_version"],
                                      created_at=created_at)
        (folder / f"{org['org_id']}-2025.lcpkg").write_bytes(content)
    create_time = time.perf_counter() - start
    for leftover in folder.parent.glob(f"{folder.name}-template*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    return {"fill": fill_time, "create_all": create_time}


def cached_import_packages(cache: Path, count: int) -> tuple[list[Path], str]:
    """The ``count`` generated packages, made once per count and generator version and kept
    in ``cache`` (a folder written completely, then renamed into place); whether they were
    made now or found."""
    final = cache / f"n{count}-{generator_version()}"
    if not final.is_dir():
        partial = cache / f"{final.name}.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        made = make_import_packages(partial, count)
        partial.rename(final)
        how = f"made in {made['fill']:.0f} s (filling) + {made['create_all']:.0f} s (packaging), cached in {final}"
    else:
        how = f"cached in {final}"
    paths = sorted(final.glob("*.lcpkg"))
    if len(paths) != count:
        raise SystemExit(f"{final} holds {len(paths)} packages, not {count}: remove it and run again")
    return paths, how


# One import of the given packages into a new county database, in its own process with the
# src folder given (this code, or another checkout's): the seconds of import_packages alone.
IMPORT_RUN = """
import json, resource, sys, time
src, db, listing = sys.argv[1:4]
workers = json.loads(sys.argv[5])  # verify_workers: None decides, 0 or 1 forces (code that has it)
sys.path.insert(0, src)
from lowcarbon_desk.packages.importer import import_packages
from lowcarbon_desk.storage import Store
paths = open(listing, encoding="utf-8").read().split("\\n")
county = Store.open(db)
county.add_orgs([json.loads(sys.argv[4])], "基准")
options = {} if workers is None else {"verify_workers": workers}
used = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
results = import_packages(county, paths, "基准", **options)
seconds = time.perf_counter() - start
after, worker = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
records = county.db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
county.close()
print(json.dumps({"seconds": seconds, "cpu": cpu, "worker_cpu": worker.ru_utime + worker.ru_stime, "records": records, "added": sum(len(r.added) for r in results),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def import_once(src: str, paths_file: Path, db: Path, workers: int | None = None) -> dict:
    """One ``import_packages`` run of ``src``'s code, in its own process; the database removed
    after. ``workers`` (0 or 1) forces the verifying worker off or on (``verify_ahead``)."""
    done = subprocess.run([sys.executable, "-c", IMPORT_RUN, src, str(db), str(paths_file),
                           json.dumps(county_org(), ensure_ascii=False), json.dumps(workers)],
                          capture_output=True, text=True)
    remove_database(db)
    if done.returncode:
        raise SystemExit(f"import with {src} failed: {done.stderr}")
    return json.loads(done.stdout)


def remove_database(db: Path) -> None:
    """A benchmark's database with its log and its package files (``<db>-packages``)."""
    for leftover in db.parent.glob(db.name + "*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()


def baseline_import(paths: list[Path], db: Path, each: bool = False) -> float:
    """``zipfile`` reading every member of every package and ``sqlite3`` inserting the member
    bytes (WAL, synchronous=FULL) in one transaction, or with ``each`` in one transaction per
    package, as ``package import FILE…`` commits each file; seconds."""
    base = sqlite3.connect(db, isolation_level=None)
    base.execute("PRAGMA journal_mode=WAL")
    base.execute("PRAGMA synchronous=FULL")
    base.execute("CREATE TABLE members (package TEXT, name TEXT, content BLOB)")
    start = time.perf_counter()
    base.execute("BEGIN")
    for path in paths:
        members = zip_members(path.read_bytes())
        base.executemany("INSERT INTO members VALUES (?, ?, ?)",
                         [(path.name, name, data) for name, data in members.items()])
        if each:
            base.execute("COMMIT")
            base.execute("BEGIN")
    base.execute("COMMIT")
    seconds = time.perf_counter() - start
    base.close()
    remove_database(db)
    return seconds


VERIFY_WORKERS = {"auto": {"now": None}, "on": {"now (worker)": 1}, "off": {"now (serial)": 0},
                  "both": {"now (worker)": 1, "now (serial)": 0}}


NEW_COUNTY = """
import json, sys
sys.path.insert(0, sys.argv[1])
from lowcarbon_desk.storage import Store
county = Store.open(sys.argv[2])
county.add_orgs([json.loads(sys.argv[3])], "基准")
county.close()
"""


QUIET_LOAD = 0.5  # a 2-core machine with nothing else running settles below this in a minute


def settle(load: float, longest: float = 180.0) -> None:
    """Wait (at most ``longest`` seconds) until the 1-minute load average is below ``load``."""
    waited = 0.0
    while os.getloadavg()[0] >= load and waited < longest:
        time.sleep(5)
        waited += 5


def cli_import_once(src: str, paths: list[Path], db: Path, work: Path) -> dict:
    """``lowcarbon-desk package import`` of every file as one command-line process of
    ``src``'s code, as an office runs it (each file its own transaction; bytecode written by an
    earlier run), into a new county database, removed after; wall and CPU seconds (its worker's
    included)."""
    subprocess.run([sys.executable, "-c", NEW_COUNTY, src, str(db), json.dumps(county_org(), ensure_ascii=False)],
                   check=True)
    env = {**os.environ, "PYTHONPATH": src, "LOWCARBON_DESK_HOME": str(work / "cli-home"),
           "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    seconds, cpu = timed_cpu([sys.executable, "-m", "lowcarbon_desk", "--db", str(db), "package", "import",
                              *map(str, paths)], env, timeout=max(600.0, 0.2 * len(paths)))
    records = sqlite3.connect(db).execute("SELECT COUNT(*) FROM records").fetchone()[0]
    remove_database(db)
    return {"seconds": seconds, "cpu": cpu, "worker_cpu": 0.0, "records": records, "added": records,
            "rss_mb": 0.0, "worker_rss_mb": 0.0}


def bench_import(work: Path, cache: Path, count: int, repeat: int, before_src: str | None,
                 verify_workers: str = "auto", cli: bool = False) -> dict:
    """``count`` cached packages imported ``repeat`` times by this code (and ``before_src``'s),
    each run followed by the baseline, interleaved; the load average at each turn.
    ``verify_workers``: this code as it decides (``auto``), with the verifying worker forced
    ``on`` or ``off``, or ``both`` of those in turn. ``cli``: each run the command line's
    ``package import`` of all the files (``auto`` only), not one ``import_packages`` call."""
    paths, how = cached_import_packages(cache, count)
    work.mkdir(parents=True, exist_ok=True)
    listing = work / "packages.txt"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    now = VERIFY_WORKERS[verify_workers]
    codes = {name: str(ROOT / "src") for name in now}
    if before_src:
        codes["before"] = str(Path(before_src).resolve())
    runs: dict[str, list[float]] = {name: [] for name in [*codes, "baseline"]}
    rss: dict[str, float] = {}
    cpu: dict[str, list[float]] = {}  # the import's CPU seconds, its worker's included
    loads = []
    for _ in range(repeat):
        for name, src in codes.items():
            loads.append(os.getloadavg()[0])
            if cli:  # each command on a machine as quiet as an office's (it decides on the load)
                settle(QUIET_LOAD)
                loads[-1] = os.getloadavg()[0]
            run = (cli_import_once(src, paths, work / "county.db", work) if cli
                   else import_once(src, listing, work / "county.db", now.get(name)))
            if run["added"] != run["records"] or run["records"] != 15 * count:
                raise SystemExit(f"{name}: {run['added']} records added, {run['records']} stored")
            runs[name].append(run["seconds"])
            cpu.setdefault(name, []).append(run["cpu"] + run["worker_cpu"])
            rss[name] = max(rss.get(name, 0.0), run["rss_mb"])
            rss[f"{name} worker"] = max(rss.get(f"{name} worker", 0.0), run.get("worker_rss_mb", 0.0))
            runs["baseline"].append(baseline_import(paths, work / "baseline.db", each=cli))
    listing.unlink()
    return {"packages": count, "records": 15 * count, "bytes": sum(p.stat().st_size for p in paths),
            "how": how, "runs": runs, "rss": rss, "cpu": cpu, "loads": loads,
            "baseline": "a transaction per package" if cli else "one transaction"}


def show_import(result: dict) -> None:
    """The import figures: each code's median and range, and its median ratio to the baselines
    run right after it."""
    print(f"import {result['packages']} packages ({result['records']} records, "
          f"{result['bytes'] / 1048576:.0f} MB; {result['how']}); baseline: zipfile + sqlite3, "
          f"{result['baseline']}")
    base = result["runs"]["baseline"]
    codes = [name for name in result["runs"] if name != "baseline"]
    for index, name in enumerate(codes):
        times = result["runs"][name]
        paired = base[index::len(codes)]
        ratios = sorted(t / b for t, b in zip(times, paired, strict=True))
        print(f"  {name}: median {statistics.median(times):.1f} s ({min(times):.1f}-{max(times):.1f}), "
              + (f"peak RSS {result['rss'][name]:.0f} MB (its worker {result['rss'][name + ' worker']:.0f} MB); "
                 if result["rss"][name] else "") + f"baseline after it: median {statistics.median(paired):.1f} s; "
              f"ratio median {statistics.median(ratios):.2f}x; CPU median {statistics.median(result['cpu'][name]):.1f} s")
    print(f"  load average (1 min) at each run: {', '.join(f'{x:.1f}' for x in result['loads'])}")


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


def timed_cpu(args: list[str], env: dict, timeout: float = 600) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its children) of one process running ``args``;
    past ``timeout`` seconds the whole process group is stopped and the benchmark ends."""
    with subprocess.Popen([sys.executable, "-c", CPU_MEASURE, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env, start_new_session=True) as measured:
        try:
            out, err = measured.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(measured.pid, signal.SIGKILL)
            measured.communicate()
            raise SystemExit(f"{' '.join(args[:6])}... ran over {timeout:.0f} s: stopped") from None
    code, seconds, cpu = out.split()
    if code != "0":
        raise SystemExit(f"{' '.join(args[:6])}... failed: {err[-2000:]}")
    return float(seconds), float(cpu)


# In-process serial CPU: the 15 PDFs of the enterprise year with the appendix rendered one after
# the other in this process (no workers), after an unmeasured warm pass; CPU seconds per pass.
SERIAL_RUN = """
import json, sys, time
db, org = sys.argv[1:3]
from lowcarbon_desk.packages.create import PACKAGE_EXPLAIN, sendable_record_ids
from lowcarbon_desk.reports.record_pdf import record_pdf_input
from lowcarbon_desk.storage import Store
store = Store.open(db)
inputs = [record_pdf_input(store, r, PACKAGE_EXPLAIN) for r in sendable_record_ids(store, org, "2025")]
store.close()
passes = []
for turn in range(int(sys.argv[3]) + 1):
    start = time.process_time()
    for item in inputs:
        item.render()
    if turn:
        passes.append(time.process_time() - start)
print(json.dumps(passes))
"""

# Put first on the path of a run "without the accelerator": reportlab then takes its
# pure-Python fallbacks, as it did before rl_accel was a dependency.
NO_ACCEL = "raise ImportError('_rl_accel left out for this measurement')\n"


def bench_cli_create(tmp: Path, repeat: int, before_src: str | None, before_without_accel: bool = False,
                     settle_seconds: float = 0.0) -> dict:
    """``package create`` of one enterprise year of the demo county as a whole command-line
    process, with the appendix and with ``--no-explain``; this code and ``before_src``'s
    alternated on the same database, then medians. Measured as an installed program runs:
    bytecode written (into this run's temporary folder, ``PYTHONPYCACHEPREFIX``) by an
    unmeasured first turn and used after, whatever ``PYTHONDONTWRITEBYTECODE`` says. A
    ``PYTHONPATH`` given to the benchmark is kept behind each code's ``src``. Then the 15 PDFs
    rendered serially in one process per code (``SERIAL_RUN``), alternated, CPU seconds. With
    ``settle_seconds``, each turn first waits (at most that long) for a load average below
    ``QUIET_LOAD``; the load at each turn's start is reported."""
    home = tmp / "cli-home"
    env = {**os.environ, "LOWCARBON_DESK_HOME": str(home), "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    kept_path = [p for p in [os.environ.get("PYTHONPATH", "")] if p]
    blocker = tmp / "no-accel"
    blocker.mkdir()
    (blocker / "_rl_accel.py").write_text(NO_ACCEL)

    def path_of(name: str, src: str) -> str:
        first = [str(blocker)] if name == "before" and before_without_accel else []
        return os.pathsep.join([*first, src, *kept_path])

    codes = {"now": str(ROOT / "src"), **({"before": str(Path(before_src).resolve())} if before_src else {})}
    # each code on a demo of its own making (the same seed, the same records): an older release
    # refuses a database of a newer schema
    db_paths = {name: tmp / f"demo-{name}.db" for name in codes}
    for name, src in codes.items():
        subprocess.run([sys.executable, "-m", "lowcarbon_desk", "--db", str(db_paths[name]), "demo"], check=True,
                       capture_output=True, env={**env, "PYTHONPATH": path_of(name, src)})
    db_path = db_paths["now"]
    store = Store.open(db_path)
    org_id, records = store.db.execute(
        "SELECT org_id, COUNT(*) FROM records WHERE state IN ('submitted', 'accepted') AND period LIKE '2025%' "
        "GROUP BY org_id ORDER BY COUNT(*) DESC, org_id LIMIT 1").fetchone()
    store.close()
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    load = [os.getloadavg()[0]]
    turn_loads = []
    for turn in range(repeat + 1):  # the first turn writes the bytecode and is not counted
        if turn and settle_seconds:
            settle(QUIET_LOAD, settle_seconds)
        turn_loads.append(os.getloadavg()[0])
        # the order turns round from turn to turn: the first command after the wait for a quiet
        # machine ran 0.3-0.4 s slower
        order = [(name, src, variant, extra) for name, src in codes.items()
                 for variant, extra in (("appendix", []), ("no-explain", ["--no-explain"]))]
        shift = turn % len(order)
        for name, src, variant, extra in order[shift:] + order[:shift]:
            out = tmp / f"cli-{name}-{variant}.lcpkg"
            timing = timed_cpu([sys.executable, "-m", "lowcarbon_desk", "--db", str(db_paths[name]), "package",
                                "create", "--org", org_id, "--period", "2025", "-o", str(out), *extra],
                               {**env, "PYTHONPATH": path_of(name, src)})
            if turn:
                runs.setdefault((name, variant), []).append(timing)
    load.append(os.getloadavg()[0])
    serial: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(max(1, repeat // 3)):
        for name, src in codes.items():
            done = subprocess.run([sys.executable, "-c", SERIAL_RUN, str(db_paths[name]), org_id, "3"], check=True,
                                  capture_output=True, text=True, env={**env, "PYTHONPATH": path_of(name, src)})
            serial[name] += json.loads(done.stdout)
    load.append(os.getloadavg()[0])
    return {"org": org_id, "records": records, "runs": runs, "load": load, "serial": serial,
            "turn_loads": turn_loads[1:]}


def show_cli_create(result: dict) -> None:
    print(f"package create --org {result['org']} --period 2025 ({result['records']} records), whole process, "
          f"load average {result['load'][0]:.1f} -> {result['load'][1]:.1f} (at each counted turn's start: "
          f"{', '.join(f'{load:.2f}' for load in result.get('turn_loads', []))}):")
    for (name, variant), timings in sorted(result["runs"].items()):
        seconds = [wall for wall, _ in timings]
        cpu = [used for _, used in timings]
        print(f"  {name:6} {variant:10} median {statistics.median(seconds):.2f} s  "
              f"[{min(seconds):.2f}-{max(seconds):.2f} s, {len(seconds)} runs]  CPU (with workers) median "
              f"{statistics.median(cpu):.2f} s")
    print(f"the 15 PDFs with the appendix rendered serially in one process, CPU per pass "
          f"(load average {result['load'][1]:.1f} -> {result['load'][2]:.1f}):")
    for name, passes in result["serial"].items():
        print(f"  {name:6} median {statistics.median(passes):.3f} s  [{min(passes):.3f}-{max(passes):.3f} s, "
              f"{len(passes)} passes]")


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
    parser.add_argument("--before-without-accel", action="store_true",
                        help="--cli-create: run --before-src's code without reportlab's C accelerator (as before "
                             "rl_accel was a dependency)")
    parser.add_argument("--create-settle", type=float, default=0.0, metavar="SECONDS",
                        help="--cli-create: before each turn wait at most this long for a load average below "
                             f"{QUIET_LOAD}")
    parser.add_argument("--only-import", action="store_true", help="skip create/verify (and the county)")
    parser.add_argument("--cli-import", action="store_true",
                        help="--only-import: each run `package import FILE…` as a command-line process")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "lowcarbon-bench-packages",
                        help="where the generated import packages are kept between runs")
    parser.add_argument("--work", type=Path, help="where the import databases go (default: a temporary folder)")
    parser.add_argument("--verify-workers", choices=sorted(VERIFY_WORKERS), default="auto",
                        help="import: the verifying worker as the code decides, forced on or off, or both in turn")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if args.cli_create:
            show_cli_create(bench_cli_create(tmp, args.repeat, args.before_src, args.before_without_accel,
                                             args.create_settle))
            return
        if args.only_import:
            show_import(bench_import(args.work or tmp, args.cache, args.enterprises, args.repeat, args.before_src,
                                     args.verify_workers, args.cli_import))
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
        show_import(bench_import(args.work or tmp, args.cache, args.enterprises, args.repeat, args.before_src))


if __name__ == "__main__":
    main()
