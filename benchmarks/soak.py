"""Kill the writers at random moments; check that nothing confirmed is lost and nothing breaks.

    .venv/bin/python benchmarks/soak.py --kills 1000 [--seed 1] [--workdir DIR]

Writers are the real command line in subprocesses, on one county database: ``record add``,
``package import`` (three signed packages from an enterprise installation), ``import xlsx``,
``backup`` and ``restore`` (of a copy made just before, so a completed restore takes away
nothing confirmed). Each run is SIGKILLed after a random delay drawn from 0 to 1.2 times the
command's measured duration; a run that ends first is a completed run. After every run:

- every confirmed write (exit 0 seen) is there: record ids printed by ``record add`` and
  ``import xlsx``, packages imported, backup files (each must pass ``check_backup``);
- ``PRAGMA integrity_check`` is ``ok`` and the schema version is current;
- the audit log agrees: every record has its creating entry (``record.create`` or
  ``record.import``), and no audit entry names a record that is not there.

Prints one JSON report; exit 1 on the first violation (with what was violated).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from lowcarbon_desk.domain.creditcode import make_credit_code  # noqa: E402

COUNTY = "350997"
ENTERPRISES = [make_credit_code(COUNTY, f"ENT00010{n}") for n in range(1, 4)]
WRITERS = ("record_add", "package_import", "workbook_import", "backup", "restore")


@dataclass
class Report:
    runs: int = 0
    kills: int = 0
    completed: int = 0
    refused: int = 0  # exit 1 (a locked database while another writer ran, for example)
    kills_by_writer: dict = field(default_factory=lambda: dict.fromkeys(WRITERS, 0))
    confirmed_records: int = 0
    confirmed_packages: int = 0
    confirmed_backups: int = 0
    confirmed_restores: int = 0
    integrity_checks: int = 0
    violations: list = field(default_factory=list)
    writer_seconds: dict = field(default_factory=dict)  # each writer's run time left alone
    seconds: float = 0.0


def _org(org_id: str, kind: str, name: str) -> dict:
    org = {"org_id": org_id, "kind": kind, "name": name, "admin_code": COUNTY,
           "contact_name": "测试员", "contact_phone": "13800138000"}
    if kind == "enterprise":
        org["industry_code"] = "C3110"
    return org


def _report(org_id: str, period: str = "2025", value_added: float = 52000) -> dict:
    line = {"energy": "raw_coal", "consumption_total": 1000, "industrial_use": 1000, "non_industrial_use": 0,
            "feedstock_use": 0, "transport_use": 0, "opening_stock": 0, "purchase_qty": 1000,
            "purchase_value_k_yuan": 900, "closing_stock": 0}
    return {"form": "energy_report", "org_id": org_id,
            "data": {"period": period, "value_added_10k_yuan": value_added, "lines": [line]}}


class Soak:
    def __init__(self, workdir: Path, seed: int):
        self.work = workdir
        self.rng = random.Random(seed)
        self.db = workdir / "county.db"
        self.home = workdir / "home"
        self.env = {**os.environ, "PYTHONPATH": str(SRC), "LOWCARBON_DESK_HOME": str(self.home),
                    "LOWCARBON_DESK_OPERATOR": "soak"}
        self.env.pop("LOWCARBON_DESK_DB", None)
        self.records: set[str] = set()
        self.packages: set[str] = set()
        self.backups: list[Path] = []
        self.durations: dict[str, float] = {}
        self.report = Report()
        self.inputs: dict[str, Path] = {}

    # --- running the program -------------------------------------------------------------
    def cli(self, *args: str, db: Path | None = None, home: Path | None = None) -> subprocess.CompletedProcess:
        env = {**self.env, "LOWCARBON_DESK_HOME": str(home or self.home)}
        return subprocess.run([sys.executable, "-m", "lowcarbon_desk", "--db", str(db or self.db), *args],
                              capture_output=True, text=True, env=env, timeout=120)

    def write_json(self, name: str, value: object) -> Path:
        path = self.work / name
        path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        return path

    def setup(self) -> None:
        """The county database, three signed enterprise packages and a workbook of new rows."""
        orgs = [_org(COUNTY, "county", "浸泡测试县")] + [_org(e, "enterprise", f"浸泡测试企业{i}")
                                                        for i, e in enumerate(ENTERPRISES, 1)]
        self._ok(self.cli("org", "add", "--json", str(self.write_json("orgs.json", orgs))))
        enterprise_db, enterprise_home = self.work / "enterprise.db", self.work / "enterprise-home"
        self._ok(self.cli("org", "add", "--json", str(self.work / "orgs.json"), db=enterprise_db,
                          home=enterprise_home))
        for n, org_id in enumerate(ENTERPRISES):
            added = self._ok(self.cli("record", "add", "--json", str(self.write_json(f"p{n}.json", _report(org_id))),
                                      db=enterprise_db, home=enterprise_home))
            self._ok(self.cli("record", "submit", added.stdout.split()[0], db=enterprise_db, home=enterprise_home))
            package = self.work / f"package{n}.lcpkg"
            self._ok(self.cli("package", "create", "--org", org_id, "-o", str(package), db=enterprise_db,
                              home=enterprise_home))
            self.inputs[f"package{n}"] = package
        template_db = self.work / "template.db"
        self._ok(self.cli("org", "add", "--json", str(self.work / "orgs.json"), db=template_db))
        self._ok(self.cli("record", "add", "--json", str(self.write_json("w.json", _report(ENTERPRISES[0], "2024"))),
                          db=template_db))
        workbook = self.work / "rows.xlsx"
        self._ok(self.cli("export", "xlsx", "--all", "-o", str(workbook), db=template_db))
        self.inputs["workbook"] = workbook
        self.inputs["record"] = self.write_json("record.json", _report(ENTERPRISES[1], "2023"))
        for writer in WRITERS:  # calibrate: how long each writer takes when left alone
            started = time.monotonic()
            self._confirm(writer, self._run_to_end(writer))
            self.durations[writer] = time.monotonic() - started
        self.report.writer_seconds = {w: round(d, 2) for w, d in self.durations.items()}

    def _ok(self, result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
        if result.returncode != 0:
            raise SystemExit(f"soak setup failed: {result.args}: {result.stderr.strip()}")
        return result

    def _command(self, writer: str) -> list[str]:
        if writer == "record_add":
            return ["record", "add", "--json", str(self.inputs["record"])]
        if writer == "package_import":
            return ["package", "import", str(self.inputs[f"package{self.rng.randrange(3)}"])]
        if writer == "workbook_import":
            return ["import", "xlsx", str(self.inputs["workbook"])]
        if writer == "backup":
            return ["backup"]
        return ["restore", str(self._fresh_backup())]

    def _fresh_backup(self) -> Path:
        """A copy holding every confirmed write, for the restore writer to put back."""
        result = self._ok(self.cli("backup"))
        path = Path(result.stdout.strip())
        self.backups.append(path)
        return path

    def _popen(self, writer: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "lowcarbon_desk", "--db", str(self.db),
                                 *self._command(writer)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=self.env)

    def _run_to_end(self, writer: str) -> tuple[int, str, str]:
        proc = self._popen(writer)
        out, err = proc.communicate(timeout=120)
        return proc.returncode, out, err

    # --- one round -------------------------------------------------------------------------
    def round(self) -> None:
        writer = self.rng.choice(WRITERS)
        proc = self._popen(writer)
        delay = self.rng.uniform(0, 1.2 * self.durations[writer])
        try:
            out, err = proc.communicate(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate()
        self.report.runs += 1
        if proc.returncode == -signal.SIGKILL:
            self.report.kills += 1
            self.report.kills_by_writer[writer] += 1
        else:
            self._confirm(writer, (proc.returncode, out, err))
        self.check(f"after {writer} ({'killed' if proc.returncode == -signal.SIGKILL else proc.returncode})")

    def _confirm(self, writer: str, result: tuple[int, str, str]) -> None:
        code, out, err = result
        if code != 0:
            self.report.refused += 1
            if "internal error" in err or "Traceback" in err:
                self.report.violations.append(f"{writer}: {err.strip()[:300]}")
            return
        self.report.completed += 1
        if writer == "record_add":
            self.records.add(out.split()[0])
            self.report.confirmed_records += 1
        elif writer == "workbook_import":
            self.records.update(line for line in out.splitlines()[1:] if line.strip())
            self.report.confirmed_records += 1
        elif writer == "package_import":
            self.report.confirmed_packages += 1
            self.packages.update(self._package_hashes())
        elif writer == "backup":
            self.backups.append(Path(out.strip()))
            self.report.confirmed_backups += 1
        else:
            self.report.confirmed_restores += 1

    def _package_hashes(self) -> set[str]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as conn:
            return {r[0] for r in conn.execute("SELECT sha256 FROM imported_packages")}

    # --- the checks ----------------------------------------------------------------------
    def check(self, when: str) -> None:
        from lowcarbon_desk.storage.backup import check_backup
        from lowcarbon_desk.storage.migrations import LATEST_VERSION

        problems = []
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchall()
            self.report.integrity_checks += 1
            if integrity != [("ok",)]:
                problems.append(f"integrity_check: {integrity[:3]}")
            if conn.execute("PRAGMA user_version").fetchone()[0] != LATEST_VERSION:
                problems.append("schema version changed")
            present = {r[0] for r in conn.execute("SELECT record_id FROM records")}
            missing = self.records - present
            if missing:
                problems.append(f"confirmed records missing: {sorted(missing)[:5]}")
            created = {r[0] for r in conn.execute(
                "SELECT record_id FROM audit_log WHERE action IN ('record.create', 'record.import')")}
            if present - created:
                problems.append(f"records without their audit entry: {sorted(present - created)[:5]}")
            named = {r[0] for r in conn.execute("SELECT DISTINCT record_id FROM audit_log WHERE record_id IS NOT NULL")}
            deleted = {r[0] for r in conn.execute("SELECT record_id FROM audit_log WHERE action = 'record.delete'")}
            if named - present - deleted:
                problems.append(f"audit entries of records that are not there: {sorted(named - present)[:5]}")
            packages = {r[0] for r in conn.execute("SELECT sha256 FROM imported_packages")}
            if self.packages - packages:
                problems.append("confirmed packages missing")
        finally:
            conn.close()
        for backup in self.backups[-3:]:  # the newest confirmed copies must be there and whole
            try:
                check_backup(backup)
            except Exception as exc:  # reported with the others, not raised
                problems.append(f"backup {backup.name}: {exc}")
        for problem in problems:
            self.report.violations.append(f"{when}: {problem}")

    def run(self, kills: int, max_seconds: float | None = None) -> Report:
        started = time.monotonic()
        self.setup()
        while self.report.kills < kills and not self.report.violations:
            if max_seconds is not None and time.monotonic() - started > max_seconds:
                break
            self.round()
        self.report.seconds = round(time.monotonic() - started, 1)
        return self.report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--max-seconds", type=float)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="lowcarbon-soak-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        report = Soak(workdir, args.seed).run(args.kills, args.max_seconds)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(asdict(report), ensure_ascii=False, indent=1))
    return 1 if report.violations else 0


if __name__ == "__main__":
    sys.exit(main())
