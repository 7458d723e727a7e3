"""Offices for package tests: an enterprise, its county and the province, each with its own
database and its own key folder (``LOWCARBON_DESK_HOME``), built through the Store API.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.packages.create import Renderers
from lowcarbon_desk.packages.keys import InstallationKey, load_or_create_key
from lowcarbon_desk.storage import Store

SRC = Path(__file__).resolve().parents[2] / "src"
COUNTY_ID = "350102"
PROVINCE_ID = "350000"
OPERATOR = "测试员"


def county_org(code: str = COUNTY_ID) -> dict:
    return {"org_id": code, "kind": "county", "name": f"示例县{code}", "admin_code": code,
            "contact_name": "陈科长", "contact_phone": "0591-87654321"}


def enterprise_org(index: int = 1, county: str = COUNTY_ID) -> dict:
    return {"org_id": make_credit_code(county, f"MA{index:07d}"), "kind": "enterprise",
            "name": f"示例制造{index:04d}有限公司", "admin_code": county, "industry_code": "C3011",
            "contact_name": f"林工{index}", "contact_phone": f"138{index:08d}", "address": f"示例路 {index} 号"}


def coal_line(consumption: float = 1000, closing: float = 0) -> dict:
    return {"energy": "raw_coal", "opening_stock": 0, "purchase_qty": consumption,
            "purchase_value_k_yuan": round(consumption * 0.9, 1), "consumption_total": consumption,
            "industrial_use": consumption, "feedstock_use": 0, "non_industrial_use": 0,
            "transport_use": 0, "closing_stock": closing}


def electricity_line(kwh_10k: float = 200) -> dict:
    return {"energy": "electricity", "opening_stock": 0, "purchase_qty": kwh_10k,
            "purchase_value_k_yuan": round(kwh_10k * 6, 1), "consumption_total": kwh_10k,
            "industrial_use": kwh_10k, "feedstock_use": 0, "non_industrial_use": 0,
            "transport_use": 0, "closing_stock": 0}


PDF_ATTACHMENT = b"%PDF-1.4\n% supporting document\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"


@dataclass
class Office:
    """One installation: its database, its key folder, and the CLI pointed at both."""

    name: str
    db_path: Path
    home: Path
    store: Store

    @property
    def key(self) -> InstallationKey:
        return load_or_create_key(self.home / "keys")

    def env(self) -> dict:
        env = {**os.environ, "LOWCARBON_DESK_HOME": str(self.home), "PYTHONPATH": str(SRC),
               "LOWCARBON_DESK_OPERATOR": self.name}
        env.pop("LOWCARBON_DESK_DB", None)
        return env

    def cli(self, *args: str, lang: str = "en") -> subprocess.CompletedProcess:
        """``lowcarbon-desk --db <this db> --lang en ARGS`` in a subprocess."""
        return subprocess.run([sys.executable, "-m", "lowcarbon_desk", "--db", str(self.db_path),
                               "--lang", lang, *args], capture_output=True, text=True, env=self.env(),
                              timeout=180)

    def pins(self) -> dict[str, str]:
        """The pinned sender keys: organisation → fingerprint."""
        conn = sqlite3.connect(self.db_path)
        try:
            return dict(conn.execute("SELECT org_id, fingerprint FROM pinned_keys").fetchall())
        finally:
            conn.close()

    def dump(self) -> str:
        """A digest of every row of every table (equal before and after a refused command)."""
        conn = sqlite3.connect(self.db_path)
        try:
            digest = hashlib.sha256()
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
                for row in conn.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2"):
                    digest.update(repr((table, row)).encode())
            for (version,) in conn.execute("PRAGMA user_version"):
                digest.update(str(version).encode())
            return digest.hexdigest()
        finally:
            conn.close()


def open_office(root: Path, name: str) -> Office:
    home = root / f"{name}-home"
    home.mkdir(parents=True, exist_ok=True)
    db_path = root / f"{name}.db"
    return Office(name, db_path, home, Store.open(db_path))


def open_county(root: Path, operator: str = OPERATOR) -> Office:
    """A county office with its own organisation stored."""
    office = open_office(root, "county")
    office.store.add_orgs([county_org()], operator)
    return office


def stored_rows(db: Path) -> list[tuple[str, list[tuple]]]:
    """Every stored row of every table but the moments of an import (when it ran, when
    something was first seen), the audit log in its order: two imports of the same packages
    compare equal."""
    moments = ("imported_at", "at", "accepted_at", "first_seen", "updated_at", "created_at")
    conn = sqlite3.connect(db)
    try:
        rows = []
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            keep = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[1] not in moments]
            order = "id" if table == "audit_log" else "1, 2"
            rows.append((table, conn.execute(f"SELECT {', '.join(keep)} FROM [{table}] ORDER BY {order}").fetchall()))
        return rows
    finally:
        conn.close()


def no_children() -> bool:
    """No child process of this one is left, running or unreaped (worker processes are gone)."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def fill_enterprise(store: Store, org: dict, *, year: int = 2025, months: bool = True,
                    pilot: bool = True, operator: str = OPERATOR) -> list[str]:
    """An enterprise year: annual report (with a justified warning), monthly reports, budget,
    audit, pilot application with an attachment; all submitted. Returns the record ids."""
    org_id = org["org_id"]
    ids = []
    annual = store.add_record("energy_report", org_id, {
        "period": str(year), "gross_output_10k_yuan": 150000, "value_added_10k_yuan": 52000,
        "lines": [coal_line(1000, closing=40), electricity_line(200)]}, operator)
    store.justify(annual, "energy_report.stock_balance", "40 吨煤在途，次月入库", operator)
    ids.append(annual)
    if months:
        for month in range(1, 13):
            ids.append(store.add_record("energy_report", org_id, {
                "period": f"{year}-{month:02d}", "gross_output_10k_yuan": 12500,
                "value_added_10k_yuan": 4300 + month,
                "lines": [coal_line(80 + month), electricity_line(15 + month / 10)]}, operator))
    ids.append(store.add_record("energy_budget", org_id, {
        "year": year, "basis": "equivalent", "baseline_year": year - 1, "baseline_tce": 1000,
        "planned_value_added_10k_yuan": 50000, "budget_tce": 1050,
        "adjustments": [{"date": f"{year}-06-01", "delta_tce": 20, "reason": "new_project", "note": "新产线"}],
        "monthly_actual_tce": [80 + m for m in range(12)]}, operator))
    ids.append(store.add_record("cp_audit", org_id, {
        "audit_year": year, "kind": "voluntary", "mandatory_reasons": [], "focus": "锅炉",
        "stages": [{"stage": s, "start": None, "end": None} for s in
                   ("preparation", "pre_assessment", "assessment", "options", "feasibility",
                    "implementation", "continuous")],
        "indicators": [{"name": "单位产品碳排放", "unit": "tCO2/t", "kind": "carbon", "baseline": 1.8,
                        "target": 1.7, "achieved": 1.72, "level": "II"}],
        "options": [], "acceptance_result": "pending"}, operator))
    if pilot:
        pilot_id = store.add_record("pilot_application", org_id, {
            "pilot_type": "enterprise", "title": "低碳工厂试点", "baseline_year": year - 1,
            "baseline_energy_tce": 5000, "baseline_co2_t": 12000, "baseline_value_added_10k_yuan": 50000,
            "baseline_non_fossil_pct": 10, "target_year": 2030, "co2_intensity_cut_pct": 18,
            "non_fossil_target_pct": 20,
            "projects": [{"name": "屋顶光伏", "category": "energy_supply", "investment_10k_yuan": 800,
                          "co2_cut_t_per_year": 900, "start_year": year, "end_year": year + 1}],
            "measures": "节能改造与光伏。", "self_assessment": [{"indicator": "组织", "score": 8, "max_score": 10}],
            "attachments": []}, operator)
        store.add_attachment(pilot_id, "实施方案.pdf", PDF_ATTACHMENT, operator)
        ids.append(pilot_id)
    for record_id in ids:
        blockers = [i for i in store.issues(record_id) if i.severity == "warning" and not i.justification]
        for issue in blockers:
            store.justify(record_id, issue.rule, "已核实", operator, field=issue.field)
        store.submit(record_id, operator)
    return ids


def county_pilot(store: Store, county: str = COUNTY_ID, operator: str = OPERATOR,
                 baseline_year: int = 2020) -> str:
    """The county's own record: a submitted county pilot application."""
    record_id = store.add_record("pilot_application", county, {
        "pilot_type": "county", "title": "示例县低碳试点", "baseline_year": baseline_year,
        "baseline_energy_tce": 1_000_000, "baseline_co2_t": 2_500_000,
        "baseline_value_added_10k_yuan": 4_000_000, "baseline_non_fossil_pct": 20,
        "target_year": 2030, "co2_intensity_cut_pct": 18, "non_fossil_target_pct": 26, "peak_year": 2028,
        "projects": [{"name": "光伏", "category": "energy_supply", "investment_10k_yuan": 50000,
                      "co2_cut_t_per_year": 80000, "start_year": 2024, "end_year": 2026}],
        "measures": "推进可再生能源与工业节能。",
        "self_assessment": [{"indicator": "组织保障", "score": 18, "max_score": 20}], "attachments": []},
        operator)
    store.submit(record_id, operator)
    return record_id


def fake_pdf(store: Store, record_id: str) -> bytes:
    """A stand-in record PDF for tests that only need many packages quickly."""
    return b"%PDF-1.4\n" + record_id.encode() + b"\n%%EOF\n"


def fake_workbook(store: Store, record_ids: list[str]) -> bytes:
    return b"PK-workbook:" + ",".join(record_ids).encode()


# --- rewriting packages (tampering) --------------------------------------------------------
def members_of(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(members: dict[str, bytes] | list[tuple[zipfile.ZipInfo | str, bytes]],
          compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP of ``members`` (names or prepared ``ZipInfo``s), in the given order."""
    items = list(members.items()) if isinstance(members, dict) else members
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in items:
            archive.writestr(name, data)
    return buffer.getvalue()


# stand-in renderers: packages made in milliseconds where the real PDFs are not what is tested
FAST = Renderers(record_pdf=fake_pdf, workbook=fake_workbook)


def interrupt_import_at(monkeypatch, count: int) -> list[str]:
    """Make the import raise ``KeyboardInterrupt`` (Ctrl-C) when it starts writing its
    ``count``-th package; returns the SHA-256 of each package it started, in order."""
    from lowcarbon_desk.packages import importer

    real_run = importer._Importer.run
    started: list[str] = []

    def interrupted(self, package):
        started.append(package.sha256)
        if len(started) == count:
            raise KeyboardInterrupt
        return real_run(self, package)

    monkeypatch.setattr(importer._Importer, "run", interrupted)
    return started


def stored_package(db: Path, sha256: str) -> bytes:
    """An imported package's kept bytes: its file beside the database, or its blob in it."""
    conn = sqlite3.connect(db)
    try:
        content, kept_in = conn.execute("SELECT content, content_file FROM imported_packages WHERE sha256 = ?",
                                        [sha256]).fetchone()
    finally:
        conn.close()
    return (Path(str(db) + "-packages") / kept_in).read_bytes() if kept_in else content


def replace_stored_package(db: Path, sha256: str, content: bytes) -> None:
    """Put other bytes where an imported package is kept (a damaged copy, for tests)."""
    conn = sqlite3.connect(db)
    try:
        (kept_in,) = conn.execute("SELECT content_file FROM imported_packages WHERE sha256 = ?", [sha256]).fetchone()
        if kept_in:
            (Path(str(db) + "-packages") / kept_in).write_bytes(content)
            return
        with conn:
            conn.execute("UPDATE imported_packages SET content = ? WHERE sha256 = ?", [content, sha256])
    finally:
        conn.close()
