"""The demo province desk: three fictional Henan counties whose packages the province imported.

Each county goes the way real data goes: its enterprises' records are built with the county
demo (``builder``) in a temporary database, every enterprise packages and signs its submitted
records with its own key, the county's database imports those packages, accepts every record
received, files its own pilot application and a target, and packages and signs everything with
its own key (forwarding the enterprise packages unchanged). The province database imports the
three county packages. Everything temporary is removed afterwards.

Keys are demo keys derived from the seed (never a real installation's key), so the same seed
gives the same packages' signers; the data is the county demo's for the county's own seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..domain.targets import Target
from ..packages.create import create_submission_package, default_renderers
from ..packages.errors import NothingToPackageError
from ..packages.importer import import_packages
from ..packages.keys import InstallationKey
from ..storage import Store
from ..storage.imported import review_queue
from ..storage.targets import set_target
from .builder import DemoCancelled, build_demo
from .catalogue import COUNTIES, PROVINCE_CODE, PROVINCE_NAME

Progress = Callable[[int, int], object]
ORG_FIELDS = ("org_id", "kind", "name", "admin_code", "industry_code", "credit_code", "contact_name",
              "contact_phone", "address")
# the counties' targets: two set one, the third none (its row says 未设目标)
TARGETS: dict[int, dict[str, float]] = {
    0: {"co2_intensity_cut_pct": 18, "energy_intensity_cut_pct": 13.5},
    1: {"co2_intensity_cut_pct": 20, "energy_intensity_cut_pct": 15, "energy_cap_tce": 400_000}}


def demo_key(seed: int, who: str) -> InstallationKey:
    """A demo signing key derived from the seed and the organisation (demo packages only)."""
    secret = hashlib.sha256(f"lowcarbon-desk demo key {seed} {who}".encode()).digest()
    return InstallationKey(Ed25519PrivateKey.from_private_bytes(secret))


def _profile(org: dict) -> dict:
    return {k: org[k] for k in ORG_FIELDS if org.get(k) is not None}


def _county_package(folder: Path, index: int, code: str, enterprises: int, seed: int, year: int,
                    operator: str, when: dt.datetime) -> Path:
    """Build county ``code``'s package in ``folder`` (see the module's docstring)."""
    renderers = default_renderers(None)  # record PDFs without the appendix: the demo stays quick
    field = Store.open(folder / "enterprises.db")
    county = Store.open(folder / "county.db")
    try:
        build_demo(field, county=code, enterprises=enterprises, seed=seed + index, year=year, operator=operator)
        office = _profile(field.require_org(code))
        county.add_orgs([office], operator)
        packages = []
        for org in field.list_orgs():
            if org["kind"] == "county":
                continue
            try:
                made = create_submission_package(field, org["org_id"], folder / "enterprises", operator=operator,
                                                 period=str(year), key=demo_key(seed, org["org_id"]),
                                                 renderers=renderers, now=when)
            except NothingToPackageError:
                continue  # nothing submitted (a missing report): no package
            packages.append(made.path)
        import_packages(county, packages, operator)
        with county.transaction():
            for row in review_queue(county):
                county.decide(row["record_id"], "accepted", operator, "材料齐全，同意接收")
        own = [r for r in field.list_records(form="pilot_application") if r["org_id"] == code]
        for row in own:
            record = field.get_record(row["record_id"])
            record_id = county.add_record("pilot_application", code, record["data"], operator,
                                          version=record["form_version"])
            county.submit(record_id, operator)
        if index in TARGETS:
            cuts = TARGETS[index]
            set_target(county, Target(code, 2030, year, co2_intensity_cut_pct=cuts["co2_intensity_cut_pct"],
                                      energy_intensity_cut_pct=cuts["energy_intensity_cut_pct"],
                                      energy_cap_tce=cuts.get("energy_cap_tce")), operator)
        made = create_submission_package(county, code, folder / "county", operator=operator, period=str(year),
                                         key=demo_key(seed, code), renderers=renderers, now=when)
        return made.path
    finally:
        field.close()
        county.close()


def build_province_demo(store: Store, *, enterprises: int = 6, seed: int = 2025, year: int = 2025,
                        operator: str = "demo", progress: Progress | None = None,
                        workdir: Path | None = None) -> dict:
    """Make ``store`` the demo province's database: its own organisation (河南省, 410000), its
    2030 target and the packages of three demo counties with ``enterprises`` enterprises each, imported all or none.
    ``progress(done, total)`` may return False to cancel (then nothing is stored). The
    counties' databases and packages are built in a temporary folder, or in ``workdir`` (one
    folder per county code, kept: for comparing the province with each county)."""
    when = dt.datetime(year + 1, 1, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    total = len(COUNTIES) + 1
    with tempfile.TemporaryDirectory(prefix="lcd-province-demo-") as scratch:
        temp = workdir or scratch
        paths = []
        for index, profile in enumerate(COUNTIES):
            folder = Path(temp) / profile.code
            for sub in ("enterprises", "county"):
                (folder / sub).mkdir(parents=True)
            paths.append(_county_package(folder, index, profile.code, enterprises, seed, year, operator, when))
            if progress is not None and progress(index + 1, total) is False:
                raise DemoCancelled("已取消生成示范数据，未写入任何内容", "demo cancelled; nothing was stored")
        with store.transaction():
            store.add_orgs([{"org_id": PROVINCE_CODE, "kind": "county", "name": PROVINCE_NAME,
                             "admin_code": PROVINCE_CODE, "contact_name": "省发展改革委环资处",
                             "contact_phone": "0371-65900000", "address": "河南省郑州市"}], operator)
            results = import_packages(store, paths, operator)
            set_target(store, Target(PROVINCE_CODE, 2030, year, co2_intensity_cut_pct=19.5,
                                     energy_intensity_cut_pct=14), operator)
    if progress is not None:
        progress(total, total)
    return {"province": PROVINCE_CODE, "counties": [p.code for p in COUNTIES],
            "packages": len(results), "organisations": len(store.list_orgs()),
            "records": sum(1 for _ in store.list_records())}


__all__ = ["build_province_demo", "demo_key"]
