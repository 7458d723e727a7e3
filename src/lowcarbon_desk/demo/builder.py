"""The demo county: organisations and a year of realistic records, deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from ..domain.creditcode import ALPHABET, make_credit_code
from ..domain.errors import LowcarbonError
from ..storage import Store
from .catalogue import (
    DEFAULT_COUNTY,
    GIVEN,
    NAME_MIDDLES,
    SECTORS,
    SURNAMES,
    Sector,
    county_profile,
)
from .energy import annual_lines, monthly_lines, yearly_quantities
from .energy_v2 import SO2_OFF_REASON, Owner
from .records import audit_data, budget_data, county_pilot, enterprise_pilot, park_pilot
from .versions import shaped

Progress = Callable[[int, int], object]
FIXED_SECTORS = ("steel", "cement", "chemicals", "textiles", "paper", "data_centre")
SO2_OFF_INDEX = 2  # the chemicals plant: its reported SO2 fails the cross-check, justified


class DemoCancelled(LowcarbonError):
    """The user cancelled building the demo; nothing was stored."""


class _Builder:
    def __init__(self, store: Store, county: str, enterprises: int, seed: int, year: int,
                 operator: str, progress: Progress | None):
        self.store, self.county, self.count = store, county, enterprises
        self.profile = county_profile(county)
        self.seed, self.rng = seed, random.Random(seed)
        self.year, self.operator, self.progress = year, operator, progress
        self.records = 0
        self.sectors = {s.key: s for s in SECTORS}
        self.owners: dict[str, Owner] = {}

    # --- organisations -------------------------------------------------------------------
    def _person(self) -> tuple[str, str]:
        name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if self.rng.random() < 0.5 else "")
        return name, "1" + self.rng.choice("3589") + "".join(self.rng.choice("0123456789") for _ in range(9))

    def _serial(self) -> str:
        return "".join(self.rng.choice(ALPHABET) for _ in range(9))

    def organisations(self) -> tuple[list[dict], list[tuple[dict, Sector]]]:
        contact, phone = self._person()
        county_name = self.profile.name
        county = {"org_id": self.county, "kind": "county", "name": county_name, "admin_code": self.county,
                  "contact_name": contact,
                  "contact_phone": f"{self.profile.area_code}-{self.rng.randint(2000000, 8999999)}",
                  "address": f"{county_name}人民政府发展和改革局"}
        parks = []
        for name in self.profile.parks[: 2 if self.count >= 6 else 1]:
            contact, phone = self._person()
            parks.append({"org_id": make_credit_code(self.county, self._serial(), "11"), "kind": "park",
                          "name": name, "admin_code": self.county, "contact_name": contact,
                          "contact_phone": phone, "address": f"{county_name}{name[2:6]}"})
        companies: list[tuple[dict, Sector]] = []
        used: set[str] = set()
        others = [s for s in SECTORS if s.key not in ("steel", "data_centre")]
        for index in range(self.count):
            if index < len(FIXED_SECTORS):
                sector = self.sectors[FIXED_SECTORS[index]]
            else:
                sector = self.rng.choice(others)
            name = self._company_name(sector, used)
            contact, phone = self._person()
            org = {"org_id": make_credit_code(self.county, self._serial()), "kind": "enterprise",
                   "name": name, "admin_code": self.county, "industry_code": sector.industry_code,
                   "contact_name": contact, "contact_phone": phone,
                   "address": f"{county_name}{self.rng.choice(['工业路', '滨江路', '兴业大道', '园区一路'])}{self.rng.randint(1, 399)}号"}
            companies.append((org, sector))
            self.owners[org["org_id"]] = Owner(org["org_id"], sector.industry_code, self.county,
                                               so2_off=index == SO2_OFF_INDEX)
        return [county, *parks], companies

    def _company_name(self, sector: Sector, used: set[str]) -> str:
        for attempt in range(1000):
            suffix = "" if attempt < 50 else str(attempt)
            name = f"{self.rng.choice(self.profile.prefixes)}{self.rng.choice(NAME_MIDDLES)}{sector.label}{suffix}有限公司"
            if name not in used:
                used.add(name)
                return name
        raise RuntimeError("could not name the demo enterprises")

    # --- records -------------------------------------------------------------------------
    def add(self, form: str, org_id: str, data: dict, state: str = "submitted",
            justify: dict[str, str] | None = None, comment: str | None = None) -> str:
        version, data = shaped(form, data, self.seed, self.owners.get(org_id, Owner(org_id)))
        record_id = self.store.add_record(form, org_id, data, self.operator, rng=self.rng, version=version)
        for rule, text in (justify or {}).items():
            self.store.justify(record_id, rule, text, self.operator)
        if state != "draft":
            self.store.submit(record_id, self.operator)
        if state in ("accepted", "returned"):
            self.store.decide(record_id, state, "county-officer", comment or ("材料齐全，同意接收" if state == "accepted" else None))
        self.records += 1
        return record_id

    def energy(self, org: dict, sector: Sector, index: int) -> list[float] | None:
        """Monthly and annual reports; returns the monthly tce (None when nothing was reported)."""
        roll = self.rng.random()
        if index >= len(FIXED_SECTORS) and roll < 0.03:
            return None  # a missing report, for the roll-up to flag
        scale = 1.0 if index < len(FIXED_SECTORS) else min(max(self.rng.lognormvariate(-1.0, 0.9), 0.03), 3.0)
        quantities = yearly_quantities(sector, scale, self.rng)
        months = monthly_lines(sector, quantities, self.rng)
        value_added = round(sector.value_added * scale * self.rng.uniform(0.8, 1.2), 1)
        tce: list[float] = []
        for month, lines in enumerate(months, start=1):
            data = {"period": f"{self.year}-{month:02d}", "value_added_10k_yuan": round(value_added / 12, 1),
                    "gross_output_10k_yuan": round(value_added / 12 * 3.4, 1), "lines": lines}
            state = "draft" if (month == 12 and self.rng.random() < 0.1) else "submitted"
            record_id = self.add("energy_report", org["org_id"], data, state)
            tce.append(self.store.get_record_computed(record_id)["total_tce"])
        if index >= len(FIXED_SECTORS) and roll < 0.08:
            return tce  # months only: the roll-up sums them
        lines = annual_lines(months)
        justify = {}
        if index == 1:  # cement: a measured coefficient, justified
            for line in lines:
                if line["energy"] == "raw_coal":
                    line["coefficient"] = 0.62
            justify["energy_report.coefficient_deviation"] = "入厂煤低位发热量实测 18,150 kJ/kg（第三方检测报告 2025-0371 号）"
        if index == 4:  # paper: coal-yard losses, justified
            for line in lines:
                if line["energy"] == "raw_coal":
                    line["purchase_qty"] = round(line["purchase_qty"] + line["consumption_total"] * 0.04, 2)
            justify["energy_report.stock_balance"] = "煤场露天堆放自然损耗，已于年末盘点确认"
        if index == SO2_OFF_INDEX:
            justify["energy_report.so2_cross_check"] = SO2_OFF_REASON
        data = {"period": str(self.year), "value_added_10k_yuan": value_added,
                "gross_output_10k_yuan": round(value_added * 3.4, 1), "lines": lines}
        state = self.rng.choice(["submitted", "accepted", "accepted"]) if index != 3 else "returned"
        self.add("energy_report", org["org_id"], data, state, justify,
                 comment="工业增加值与统计局快报不一致，请核实后修订" if state == "returned" else None)
        return tce

    def run(self) -> dict:
        admin_orgs, companies = self.organisations()
        total_steps = len(companies) + 3
        self.store.add_orgs(admin_orgs + [c[0] for c in companies], self.operator)
        enterprise_tce: dict[str, float] = {}
        for index, (org, sector) in enumerate(companies):
            tce = self.energy(org, sector, index)
            if tce:
                enterprise_tce[org["org_id"]] = sum(tce)
                if index < len(FIXED_SECTORS) or self.rng.random() < 0.75:
                    data, justify = budget_data(self.year, tce, sector, self.rng, index)
                    self.add("energy_budget", org["org_id"], data,
                             "draft" if self.rng.random() < 0.1 else "submitted", justify)
            if index in (0, 2, 4, 5) or (index >= len(FIXED_SECTORS) and self.rng.random() < 0.12):
                data, justify = audit_data(self.year, sector, self.rng, index)
                self.add("cp_audit", org["org_id"], data, "submitted" if self.rng.random() < 0.8 else "draft", justify)
            self._tick(index + 1, total_steps)
        county, parks = admin_orgs[0], admin_orgs[1:]
        total = sum(enterprise_tce.values())
        self.add("pilot_application", county["org_id"], county_pilot(self.year, total, self.rng, county["name"]),
                 "submitted")
        self._tick(total_steps - 2, total_steps)
        self.add("pilot_application", parks[0]["org_id"], park_pilot(self.year, total * 0.45, self.rng, parks[0]["name"]),
                 "submitted", {"pilot_application.peak_year_late": "园区在建石化项目 2031 年投产，达峰时间相应顺延一年"})
        self._tick(total_steps - 1, total_steps)
        pilot_org = companies[5][0] if len(companies) > 5 else companies[0][0]
        self.add("pilot_application", pilot_org["org_id"], enterprise_pilot(self.year, self.rng), "draft")
        self._tick(total_steps, total_steps)
        return {"county": self.county, "organisations": len(admin_orgs) + len(companies), "records": self.records}

    def _tick(self, done: int, total: int) -> None:
        if self.progress is not None and self.progress(done, total) is False:
            raise DemoCancelled("已取消生成示范数据，未写入任何内容", "demo cancelled; nothing was stored")


def build_demo(store: Store, *, county: str = DEFAULT_COUNTY, enterprises: int = 12, seed: int = 2025,
               year: int = 2025, operator: str = "demo", progress: Progress | None = None) -> dict:
    """Fill ``store`` with a fictional county in one transaction; ``progress(done, total)``
    may return False to cancel (then nothing is stored)."""
    if not (county.isdigit() and len(county) == 6):
        from ..domain.errors import InputError

        raise InputError(f"县代码 {county} 应为 6 位数字", f"county code {county} must be 6 digits", subject="--county")
    builder = _Builder(store, county, enterprises, seed, year, operator, progress)
    # Every record's add, submit and decision is a savepoint inside the one transaction, and a
    # savepoint's rollback journal is a temporary file: in memory the build spends 0.2 s of
    # system time instead of 0.55 s at 300 enterprises (the WAL, not these journals, keeps the
    # data safe; they end with the transaction).
    with store.temp_files_in_memory(), store.transaction():
        summary = builder.run()
    summary["finished_at"] = dt.datetime.now().isoformat(timespec="seconds")
    return summary
