"""Run the real program in a subprocess on a temporary database."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
STEEL = "91350100M000100Y43"
COUNTY = "350100"


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    """``lowcarbon-desk --db <tmp> …`` as a user would run it."""

    def __init__(self, tmp_path: Path, home: Path):
        self.tmp = tmp_path
        self.db = tmp_path / "office.db"
        self.env = {**os.environ, "LOWCARBON_DESK_HOME": str(home), "PYTHONPATH": str(SRC),
                    "LOWCARBON_DESK_OPERATOR": "tester"}
        self.env.pop("LOWCARBON_DESK_DB", None)

    def __call__(self, *args: str, lang: str = "zh", stdin: str | None = None) -> Result:
        proc = subprocess.run([sys.executable, "-m", "lowcarbon_desk", "--db", str(self.db), "--lang", lang, *args],
                              capture_output=True, text=True, env=self.env, input=stdin, timeout=120)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def write_json(self, name: str, value: object) -> str:
        path = self.tmp / name
        path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        return str(path)

    def fingerprint(self) -> str:
        """A digest of every row of every table: equal before and after a refused command."""
        import sqlite3

        conn = sqlite3.connect(self.db)
        try:
            digest = hashlib.sha256()
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            for table in tables:
                for row in conn.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2"):
                    digest.update(repr((table, row)).encode())
            return digest.hexdigest()
        finally:
            conn.close()


def org_json(org_id: str = STEEL, **changes) -> dict:
    org = {"org_id": org_id, "kind": "enterprise", "name": "福州示例钢铁有限公司", "admin_code": COUNTY,
           "industry_code": "C3110", "contact_name": "林工", "contact_phone": "13800138000"}
    org.update(changes)
    return org


def report_json(**data_changes) -> dict:
    data = {"period": "2025", "value_added_10k_yuan": 52000,
            "lines": [{"energy": "raw_coal", "consumption_total": 1000, "industrial_use": 1000,
                       "non_industrial_use": 0, "feedstock_use": 0, "transport_use": 0,
                       "opening_stock": 0, "purchase_qty": 1000, "purchase_value_k_yuan": 900,
                       "closing_stock": 0}]}
    data.update(data_changes)
    return {"form": "energy_report", "org_id": STEEL, "data": data}


@pytest.fixture
def cli(tmp_path, _isolated_home) -> Cli:
    return Cli(tmp_path, _isolated_home)


@pytest.fixture
def office(cli) -> Cli:
    """A database with the county and one steel enterprise."""
    county = {"org_id": COUNTY, "kind": "county", "name": "示例县", "admin_code": COUNTY,
              "contact_name": "陈科长", "contact_phone": "0591-87654321"}
    result = cli("org", "add", "--json", cli.write_json("orgs.json", [county, org_json()]))
    assert result.code == 0, result.err
    return cli
