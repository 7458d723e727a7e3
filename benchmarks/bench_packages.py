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

    python benchmarks/bench_packages.py [--enterprises 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import sqlite3
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
)
from lowcarbon_desk.packages.importer import import_packages  # noqa: E402
from lowcarbon_desk.packages.keys import InstallationKey  # noqa: E402
from lowcarbon_desk.packages.verify import verify_bytes  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        one = bench_create_verify(tmp, args.repeat)
        print(f"enterprise year: {one['records']} records, package {one['size'] / 1024:.0f} KB")
        print(f"create (real PDFs + workbook): {one['create']:.3f} s  [rendering the reports alone: "
              f"{one['rendering']:.3f} s; packaging with reports already rendered: {one['packaging']:.3f} s]  "
              f"baseline zipfile write of the same members: {one['write_baseline']:.3f} s")
        print(f"verify: {one['verify']:.3f} s  baseline zipfile read of every member: {one['read_baseline']:.3f} s")
        many = bench_import(tmp, args.enterprises)
        print(f"set-up: {many['packages']} enterprises filled in {many['fill']:.1f} s, packaged in "
              f"{many['create_all']:.1f} s ({many['bytes'] / 1048576:.0f} MB)")
        print(f"import {many['packages']} packages ({many['records']} records): {many['import']:.1f} s  "
              f"baseline zipfile read + sqlite3 insert of every member: {many['baseline']:.1f} s  "
              f"ratio {many['import'] / many['baseline']:.1f}x")


if __name__ == "__main__":
    main()
