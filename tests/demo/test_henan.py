"""The demo county is a fictional Henan county, the same for a seed, and every record goes
through one function per form version (``demo/versions.py``)."""

from __future__ import annotations

from pathlib import Path

from lowcarbon_desk.demo import build_demo, versions
from lowcarbon_desk.demo.catalogue import COUNTIES, DEFAULT_COUNTY, county_profile
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.identity import Home


def _contents(path: Path, **options) -> tuple[list, list]:
    with Store.open(path) as store:
        build_demo(store, enterprises=4, seed=11, **options)
        orgs = sorted((o["org_id"], o["name"], o["admin_code"], o["contact_phone"]) for o in store.list_orgs())
        records = sorted((r["org_id"], r["form"], r["period"], str(store.get_record(r["record_id"])["data"]))
                         for r in store.list_records())
    return orgs, records


def test_the_demo_county_is_in_henan_and_the_same_for_a_seed(tmp_path: Path) -> None:
    orgs, records = _contents(tmp_path / "a.db")
    assert DEFAULT_COUNTY == "410199" and Home("province", ("410000",)).covers(DEFAULT_COUNTY)
    county = [o for o in orgs if o[0] == DEFAULT_COUNTY]
    assert county and county[0][1] == "嵩川县" and county[0][3].startswith("0371-")
    assert {o[2] for o in orgs} == {DEFAULT_COUNTY}
    assert all(o[0][2:8] == DEFAULT_COUNTY for o in orgs if o[0] != DEFAULT_COUNTY)  # credit codes
    assert any(name.startswith("嵩川经济技术开发区") for _, name, _, _ in orgs)
    assert (orgs, records) == _contents(tmp_path / "b.db")


def test_each_demo_county_has_its_own_names() -> None:
    assert [(p.code, p.name) for p in COUNTIES] == [("410199", "嵩川县"), ("410399", "伊岭县"), ("410799", "卫源县")]
    assert all(len(p.prefixes) == 20 and p.prefixes[0] == p.place for p in COUNTIES)  # same draws per seed
    assert county_profile("410999").name == "嵩川县" and county_profile("410999").code == "410999"


def test_every_record_passes_through_its_form_version(tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []

    def marking(form: str):
        original = versions.WRITTEN[form]

        def shape(data: dict, extra, owner) -> dict:
            seen.append(form)
            return original.shape(data, extra, owner)
        return versions.Written(original.version, shape)

    monkeypatch.setattr(versions, "WRITTEN", {form: marking(form) for form in versions.WRITTEN})
    with Store.open(tmp_path / "c.db") as store:
        build_demo(store, enterprises=3, seed=5)
        stored = sorted(r["form"] for r in store.list_records())
    assert sorted(seen) == stored
