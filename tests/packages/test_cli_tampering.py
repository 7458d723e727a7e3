"""The real command line on broken packages: exit 1, the reason on stderr, nothing changed."""

from __future__ import annotations

import pytest

from lowcarbon_desk.packages.create import Renderers, create_submission_package
from lowcarbon_desk.packages.errors import LimitError
from lowcarbon_desk.packages.limits import PackageLimits
from lowcarbon_desk.packages.verify import verify_bytes
from lowcarbon_desk.storage import Store

from . import tamper
from . import test_tampering as cases
from .offices import county_org, enterprise_org, fake_pdf, fake_workbook, fill_enterprise, open_office

CLI_CASES = [
    ("changed byte in a record", cases._changed_record, "was changed (its SHA-256 does not match the manifest)"),
    ("changed manifest", cases._changed_manifest, "signature does not match manifest.json"),
    ("missing file", cases._missing_file, "is missing reports/"),
    ("extra file", cases._extra_file, "which the manifest does not list"),
    ("signature by another key", cases._other_key_signature, "signature does not match manifest.json"),
    ("'..' path", cases._parent_path, "contains '..'"),
    ("absolute path", cases._absolute_path, "is an absolute path"),
    ("symlink", cases._symlink, "is a symbolic link"),
    ("ratio over 100:1", cases._ratio_bomb, "compression ratio"),
    ("not a ZIP", cases._not_zip, "not a ZIP file"),
    ("truncated ZIP", cases._truncated, "damaged or truncated"),
    ("record failing validation", cases._invalid_record_signed, "does not validate"),
]


@pytest.fixture
def county_cli(tmp_path):
    office = open_office(tmp_path, "county")
    office.store.add_orgs([county_org()], "县审核员")
    office.store.close()
    return office


@pytest.mark.parametrize(("case", "build", "reason"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_refuses_tampered_package(tmp_path, county_cli, enterprise_package, case, build, reason):
    bad = tmp_path / "bad.lcpkg"
    bad.write_bytes(build(enterprise_package.content, enterprise_package))
    before = county_cli.dump()
    verified = county_cli.cli("package", "verify", str(bad))
    assert verified.returncode == 1 and reason in verified.stderr and verified.stdout == ""
    imported = county_cli.cli("package", "import", str(bad))
    assert imported.returncode == 1 and reason in imported.stderr
    assert county_cli.dump() == before


def test_cli_messages_are_chinese_by_default(tmp_path, county_cli, enterprise_package):
    bad = tmp_path / "bad.lcpkg"
    bad.write_bytes(cases._changed_record(enterprise_package.content, enterprise_package))
    result = county_cli.cli("package", "import", str(bad), lang="zh")
    assert result.returncode == 1 and "已被改动" in result.stderr


def test_cli_import_is_all_or_nothing_per_file(tmp_path, county_cli, enterprise_package):
    """package.md: "a package that fails verification, or any record in it, changes nothing";
    each file of one call is its own transaction, so a refused file does not block the others."""
    other = open_office(tmp_path / "other", "other")
    other_org = enterprise_org(8)
    other.store.add_orgs([county_org(), other_org], "企业填报员")
    fill_enterprise(other.store, other_org, months=False, pilot=False)
    made = create_submission_package(other.store, other_org["org_id"], tmp_path / "o.lcpkg", operator="企业填报员",
                                     period="2025", key=other.key, renderers=Renderers(fake_pdf, fake_workbook))
    other.store.close()
    bad = tmp_path / "bad.lcpkg"
    record = f"records/{made.record_ids[0]}.json"
    content = made.path.read_bytes()
    bad.write_bytes(tamper.replace_member(content, record, tamper.member(content, record).replace(b'"', b"'", 1)))
    good = tmp_path / "good.lcpkg"
    good.write_bytes(enterprise_package.content)
    truncated = tmp_path / "truncated.lcpkg"
    truncated.write_bytes(cases._truncated(enterprise_package.content, enterprise_package))

    result = county_cli.cli("package", "import", str(bad), str(good), str(truncated))
    assert result.returncode == 1
    refused = [line for line in result.stderr.splitlines() if line.startswith("refused (nothing changed)")]
    assert len(refused) == 2 and "bad.lcpkg" in refused[0] and "truncated.lcpkg" in refused[1]
    assert "was changed (its SHA-256 does not match the manifest)" in refused[0]
    assert "good.lcpkg: imported from" in result.stdout
    assert "1 file(s) imported, 2 refused" in result.stderr
    store = Store.open(county_cli.db_path)
    try:
        # the good file is in, completely; the tampered one left no trace
        assert {r["record_id"] for r in store.list_records(org_id=enterprise_package.org["org_id"])} == \
            set(enterprise_package.record_ids)
        assert [r["file_name"] for r in store.db.query("SELECT file_name FROM imported_packages")] == ["good.lcpkg"]
        assert store.get_org(other_org["org_id"]) is None and not store.list_records(org_id=other_org["org_id"])
        assert list(store.db.query("SELECT org_id FROM pinned_keys")) == [{"org_id": enterprise_package.org["org_id"]}]
    finally:
        store.close()
    # refused alone: exit 1, nothing changed; all good: exit 0
    before = county_cli.dump()
    assert county_cli.cli("package", "import", str(bad)).returncode == 1
    assert county_cli.dump() == before
    again = county_cli.cli("package", "import", str(good))
    assert again.returncode == 0 and "already imported" in again.stdout


def test_cli_usage_errors_exit_2(county_cli, tmp_path):
    assert county_cli.cli("package", "create", "-o", str(tmp_path)).returncode == 2
    assert county_cli.cli("review", "x", "--accept", "--return").returncode == 2
    assert county_cli.cli("package", "frobnicate").returncode == 2


def test_member_limit_from_a_lowered_limit(enterprise_package):
    """The 200 MB member limit, exercised with a lowered limit instead of a 200 MB file."""
    with pytest.raises(LimitError) as caught:
        verify_bytes(enterprise_package.content, limits=PackageLimits(max_member_bytes=1000))
    assert caught.value.reason == "member_too_large"
