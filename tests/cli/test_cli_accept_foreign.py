"""``package import --accept-foreign``: a package from another division is refused naming both
codes (exit 1, nothing changed) unless the flag is given."""

from __future__ import annotations

from pathlib import Path

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.packages.create import Renderers, create_submission_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.storage import Store

from .conftest import COUNTY, org_json, report_json

FOREIGN_COUNTY = "330106"
FOREIGN = make_credit_code(FOREIGN_COUNTY, "MA0000042")
QUICK = Renderers(record_pdf=lambda store, record_id: b"%PDF-1.4\n" + record_id.encode() + b"\n%%EOF\n",
                  workbook=lambda store, record_ids: b"PK-workbook")


def _foreign_package(folder: Path) -> Path:
    store = Store.open(folder / "foreign.db")
    try:
        store.add_orgs([org_json(FOREIGN, admin_code=FOREIGN_COUNTY, name="邻县钢铁有限公司")], "企业填报员")
        record_id = store.add_record("energy_report", FOREIGN, report_json()["data"], "企业填报员")
        for issue in store.issues(record_id):
            if issue.severity == "warning" and not issue.justification:
                store.justify(record_id, issue.rule, "已核实", "企业填报员", field=issue.field)
        store.submit(record_id, "企业填报员")
        return create_submission_package(store, FOREIGN, folder / "usb", operator="企业填报员", period="2025",
                                         key=load_or_create_key(folder / "foreign-keys"), renderers=QUICK).path
    finally:
        store.close()


def test_foreign_package_needs_accept_foreign(cli, tmp_path):
    county = {"org_id": COUNTY, "kind": "county", "name": "示例县", "admin_code": COUNTY,
              "contact_name": "陈科长", "contact_phone": "0591-87654321"}
    assert cli("org", "add", "--json", cli.write_json("county.json", county)).code == 0
    package = _foreign_package(tmp_path)
    before = cli.fingerprint()
    for lang, words in (("zh", "不在本库辖区"), ("en", "outside this database's division")):
        refused = cli("package", "import", str(package), lang=lang)
        assert refused.code == 1 and cli.fingerprint() == before
        line = refused.err.strip()
        assert "\n" not in line and words in line and package.name in line
        assert FOREIGN_COUNTY in line and COUNTY in line and "--accept-foreign" in line
    help_en = " ".join(cli("package", "import", "--help", lang="en").out.split())
    assert "--accept-foreign accept packages whose sender is outside this database's division" in help_en
    assert "辖区以外" in "".join(cli("package", "import", "--help").out.split())
    accepted = cli("package", "import", str(package), "--accept-foreign", lang="en")
    assert accepted.code == 0, accepted.err
    listed = cli("org", "list", "--json", lang="en")
    assert FOREIGN in listed.out
