"""The real command line on broken packages: exit 1, the reason on stderr, nothing changed."""

from __future__ import annotations

import pytest

from lowcarbon_desk.packages.errors import LimitError
from lowcarbon_desk.packages.limits import PackageLimits
from lowcarbon_desk.packages.verify import verify_bytes

from . import test_tampering as cases
from .offices import county_org, open_office

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


def test_cli_import_of_several_files_is_all_or_nothing(tmp_path, county_cli, enterprise_package):
    good = tmp_path / "good.lcpkg"
    good.write_bytes(enterprise_package.content)
    bad = tmp_path / "bad.lcpkg"
    bad.write_bytes(cases._truncated(enterprise_package.content, enterprise_package))
    before = county_cli.dump()
    result = county_cli.cli("package", "import", str(good), str(bad))
    assert result.returncode == 1 and "bad.lcpkg" in result.stderr
    assert county_cli.dump() == before


def test_cli_usage_errors_exit_2(county_cli, tmp_path):
    assert county_cli.cli("package", "create", "-o", str(tmp_path)).returncode == 2
    assert county_cli.cli("review", "x", "--accept", "--return").returncode == 2
    assert county_cli.cli("package", "frobnicate").returncode == 2


def test_member_limit_from_a_lowered_limit(enterprise_package):
    """The 200 MB member limit, exercised with a lowered limit instead of a 200 MB file."""
    with pytest.raises(LimitError) as caught:
        verify_bytes(enterprise_package.content, limits=PackageLimits(max_member_bytes=1000))
    assert caught.value.reason == "member_too_large"
