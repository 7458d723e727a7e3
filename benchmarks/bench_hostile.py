"""Benchmark: time and peak memory of ``package verify`` and ``package import`` on hostile and
on very large valid packages, each run as its own ``lowcarbon-desk`` process (the peak RSS is
that process's own, from ``os.wait4``).

Files (generated in a temporary folder by ``tests/packages/hostile.py``):

- ``flood-1M`` / ``flood-3M``: 1,000,000 / 3,000,000 central-directory entries (ZIP64 end
  record), the issue's 47 MB and 140 MB files;
- ``flood-lying``: 1,000,000 entries behind an end record that states 3;
- ``attachments-10x190MB``: ten listed, signed 190 MB attachments deflated about 80:1 (a
  26 MB package), referenced by the pilot application (refused: the form allows 50 MB);
- ``valid-1.7GB``: a valid package of 1.7 GB expanded: four 190 MB record PDFs and twenty
  48 MB attachments (verified and imported);
- ``county-N`` (with ``--county N``): a county's package forwarding N enterprise packages (an
  enterprise year each, 15 records, stand-in PDFs), the largest trees a reader keeps a
  summary of.

    python benchmarks/bench_hostile.py [--src PATH_TO_SRC] [--only NAME ...] [--county N]

``--src`` runs another checkout's code (e.g. ``/work/main/src``) for a before/after figure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.packages import hostile  # noqa: E402
from tests.packages.offices import COUNTY_ID, county_org, enterprise_org, fake_pdf, fake_workbook, fill_enterprise  # noqa: E402

from lowcarbon_desk.packages.create import Renderers, build_package_bytes, create_submission_package  # noqa: E402
from lowcarbon_desk.packages.keys import InstallationKey  # noqa: E402
from lowcarbon_desk.storage import Store  # noqa: E402

MB = 1024 * 1024


# The measured process is started by a small intermediate one that reads its peak RSS with
# RUSAGE_CHILDREN: a child forked straight from this (larger) process would report this
# process's peak instead, as Linux keeps the larger high-water mark across exec.
MEASURE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run(src: Path, home: Path, db: Path, *args: str) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak RSS (MiB) of one ``lowcarbon-desk`` process, last stderr line."""
    env = {**os.environ, "PYTHONPATH": str(src), "LOWCARBON_DESK_HOME": str(home), "LOWCARBON_DESK_OPERATOR": "bench"}
    env.pop("LOWCARBON_DESK_DB", None)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "lowcarbon_desk", "--db", str(db),
                           "--lang", "en", *args], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    code, rss_kb = (int(v) for v in done.stdout.split())
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return code, elapsed, rss_kb / 1024, (lines[-1] if lines else "")[:160]


def county_package(tmp: Path, count: int) -> Path:
    """A county's package nesting ``count`` enterprise-year packages, each with its own key."""
    import datetime as dt
    import hashlib

    store = Store.open(tmp / "enterprises.db")
    orgs = [enterprise_org(i) for i in range(1, count + 1)]
    store.add_orgs([county_org(), *orgs], "bench")
    members = {"reports/rollup.pdf": b"%PDF-1.4 roll-up\n%%EOF\n", "reports/rollup.xlsx": b"PK-rollup"}
    fast = Renderers(fake_pdf, fake_workbook)
    for org in orgs:
        fill_enterprise(store, org, pilot=False)
        made = create_submission_package(store, org["org_id"], tmp / "nested.lcpkg", operator="bench", period="2025",
                                         key=InstallationKey.generate(), renderers=fast)
        content = made.path.read_bytes()
        members[f"packages/{hashlib.sha256(content).hexdigest()}.lcpkg"] = content
    store.close()
    sender = {"org_id": COUNTY_ID, "name": county_org()["name"], "operator": "bench", "kind": "county"}
    path = tmp / f"county-{count}.lcpkg"
    path.write_bytes(build_package_bytes(kind="submission", sender=sender, key=InstallationKey.generate(), records=[],
                                         members=members, reference_data_version="2024.1",
                                         created_at=dt.datetime(2026, 3, 1, 9, 30).astimezone()))
    return path


def build(tmp: Path, only: set[str], county: int = 0) -> dict[str, Path]:
    files: dict[str, Path] = {}

    def wanted(name: str) -> bool:
        return not only or name in only

    if wanted("flood-1M"):
        files["flood-1M"] = tmp / "flood-1M.lcpkg"
        hostile.central_directory_flood(files["flood-1M"], 1_000_000)
    if wanted("flood-3M"):
        files["flood-3M"] = tmp / "flood-3M.lcpkg"
        hostile.central_directory_flood(files["flood-3M"], 3_000_000)
    if wanted("flood-lying"):
        files["flood-lying"] = tmp / "flood-lying.lcpkg"
        hostile.central_directory_flood(files["flood-lying"], 1_000_000, stated_count=3)
    if wanted("attachments-10x190MB") or wanted("valid-1.7GB"):
        base = hostile.base_package(tmp / "base")
        if wanted("attachments-10x190MB"):
            files["attachments-10x190MB"] = tmp / "attachments.lcpkg"
            hostile.inflating_package(base, files["attachments-10x190MB"], attachment_count=10,
                                      attachment_size=190 * MB)
        if wanted("valid-1.7GB"):
            files["valid-1.7GB"] = tmp / "valid.lcpkg"
            hostile.inflating_package(base, files["valid-1.7GB"], pdf_count=4, pdf_size=190 * MB,
                                      attachment_count=20, attachment_size=48 * MB)
    if county:
        files[f"county-{county}"] = county_package(tmp, county)
    return files


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--county", type=int, default=0, help="also a county package forwarding N enterprise packages")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        tmp = Path(folder)
        (tmp / "base").mkdir()
        files = build(tmp, set(args.only), args.county)
        home = tmp / "home"
        home.mkdir()
        for name, path in files.items():
            db = tmp / f"county-{name}.db"
            store = Store.open(db)
            store.add_orgs([county_org()], "bench")
            store.close()
            size = path.stat().st_size / MB
            for action in ("verify", "import"):
                code, seconds, rss, line = run(args.src, home, db, "package", action, str(path))
                print(f"{name:22} {size:8.1f} MB  {action:6}  exit {code}  {seconds:6.2f} s  peak RSS {rss:7.1f} MiB"
                      f"  {line}", flush=True)


if __name__ == "__main__":
    main()
