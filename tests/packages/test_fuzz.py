"""Property tests: random and mutated packages fed to the reader and the importer.

Whatever the bytes, verification either succeeds or raises one of our ``PackageError`` types
(never another exception); an import that fails leaves the database exactly as it was; and
nothing is ever written to disk by reading a package.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import stat
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.packages.create import Renderers, create_submission_package
from lowcarbon_desk.packages.errors import PackageError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.packages.limits import PackageLimits
from lowcarbon_desk.packages.verify import verify_bytes

from . import tamper
from .offices import county_org, enterprise_org, fake_pdf, fake_workbook, fill_enterprise, open_office

pytestmark = pytest.mark.slow  # fuzzing: scripts/test.sh --fast leaves it out

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SMALL_LIMITS = PackageLimits(max_package_bytes=2_000_000, max_members=200, max_member_bytes=1_000_000,
                             max_ratio=100, max_total_bytes=4_000_000)


class Sandbox:
    """A small valid package, its key, and a county database, shared by every example."""

    def __init__(self, root: Path):
        self.root = root
        enterprise = open_office(root, "enterprise")
        org = enterprise_org(5)
        enterprise.store.add_orgs([county_org(), org], "企业填报员")
        fill_enterprise(enterprise.store, org, months=False)
        self.key = enterprise.key
        made = create_submission_package(enterprise.store, org["org_id"], root / "valid.lcpkg", operator="企业填报员",
                                         key=self.key, renderers=Renderers(fake_pdf, fake_workbook))
        self.valid = made.path.read_bytes()
        enterprise.store.close()
        self.county = open_office(root, "county")
        self.county.store.add_orgs([county_org()], "县审核员")

    def files(self) -> set[Path]:
        return {p for p in self.root.parent.rglob("*") if p.is_file() and not p.name.startswith("county.db")}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Sandbox:
    box = Sandbox(tmp_path_factory.mktemp("fuzz"))
    yield box
    box.county.store.close()


def _check_reader(content: bytes) -> None:
    try:
        verify_bytes(content, "fuzz.lcpkg", limits=SMALL_LIMITS)
    except PackageError as exc:
        assert exc.reason and exc.message_zh and exc.message_en


def _check_import(box: Sandbox, content: bytes) -> None:
    before_db, before_files = box.county.dump(), box.files()
    cwd = os.getcwd()
    try:
        result = import_package(box.county.store, content, "县审核员", limits=SMALL_LIMITS)
    except PackageError:
        assert box.county.dump() == before_db, "a refused package changed the database"
    else:
        for record_id in result.added + result.present:
            assert box.county.store.get_record(record_id)["state"]
        stored = box.county.store.db.execute("SELECT COUNT(*) FROM package_records WHERE package_sha256 = ?",
                                             [hashlib.sha256(content).hexdigest()]).fetchone()[0]
        assert result.status == "already_imported" or stored == len(result.added) + len(result.present)
    assert os.getcwd() == cwd
    assert box.files() == before_files, "reading a package wrote a file"


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from([b"", b"PK\x03\x04", b"PK\x05\x06"]))
def test_random_bytes_never_crash_the_reader(sandbox, data, prefix):
    _check_reader(prefix + data)


@FUZZ
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1,
                max_size=8),
       st.one_of(st.none(), st.integers(min_value=0)))
def test_mutated_packages_never_crash_nor_half_import(sandbox, flips, cut):
    data = bytearray(sandbox.valid)
    for position, value in flips:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    _check_reader(bytes(data))
    _check_import(sandbox, bytes(data))


NAMES = st.one_of(
    st.sampled_from(["manifest.json", "manifest.sig", "reports/submission.xlsx", "../evil.json",
                     "../../etc/passwd", "/tmp/evil", "C:/evil", "a\\..\\b", "records/", "./records/x.json",
                     "records//x.json", "records/x.json\x00.png", "packages/" + "0" * 64 + ".lcpkg",
                     "attachments/" + "a" * 64 + ".pdf", "records/abc.json", "reports/abc.pdf"]),
    st.text(min_size=0, max_size=40),
)


@st.composite
def member_lists(draw):
    members = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        info = zipfile.ZipInfo(draw(NAMES) or "x")
        info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
        kind = draw(st.sampled_from([0, stat.S_IFREG, stat.S_IFLNK, stat.S_IFDIR, stat.S_IFIFO]))
        info.external_attr = (kind | 0o644) << 16
        info.create_system = draw(st.sampled_from([0, 3]))
        members.append((info, draw(st.binary(max_size=300))))
    return members


@FUZZ
@given(member_lists(), st.booleans(), st.booleans())
def test_hostile_archives_never_crash_nor_write(sandbox, members, with_manifest, signed):
    """Arbitrary members, optionally with a manifest that lists them and a valid signature, so
    the deeper checks (files, records, nesting) run on hostile content too."""
    if with_manifest:
        files = {}
        for info, data in members:
            files[info.filename] = hashlib.sha256(data).hexdigest()
        doc = tamper.manifest(sandbox.valid)
        doc["files"] = files
        doc["records"] = [{"record_id": m.split("/")[1][:-5], "form": "energy_report", "form_version": 1,
                           "revision": 1, "period": "2025", "state": "submitted"}
                          for m in files if m.startswith("records/") and m.endswith(".json") and m.count("/") == 1
                          and len(m) > 13]
        manifest_bytes = canonical_json(doc)
        key = sandbox.key if signed else InstallationKey.generate()
        signature = base64.b64encode(key.sign(manifest_bytes))
        members = [("manifest.json", manifest_bytes), ("manifest.sig", signature), *members]
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # zipfile warns when a drawn name repeats
        for info, data in members:
            archive.writestr(info, data)
    _check_reader(buffer.getvalue())
    _check_import(sandbox, buffer.getvalue())


@FUZZ
@given(st.sampled_from(["data", "computed", "justifications", "audit_log", "org", "revision", "state",
                        "record_id", "lineage_id", "form_version", "period", "reference_data_version"]),
       st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                    | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                  max_size=3),
                    max_leaves=10))
def test_signed_records_with_hostile_values_never_crash(sandbox, key, value):
    """Correctly signed by the sender, but a record file holds anything at all."""
    name = next(n for n in tamper.names(sandbox.valid) if n.startswith("records/"))
    doc = tamper.record_doc(sandbox.valid, name[8:-5])
    doc[key] = value
    forged = tamper.resign(sandbox.valid, sandbox.key, changes={name: canonical_json(doc)})
    _check_reader(forged)
    _check_import(sandbox, forged)


def test_the_valid_package_imports(tmp_path):
    """The sandbox itself is sound: the unmutated package imports. A fresh sandbox: a correctly
    signed mutation above (another revision number, say) may have imported into the shared one,
    and the genuine package then rightly conflicts with it."""
    box = Sandbox(tmp_path)
    try:
        result = import_package(box.county.store, box.valid, "县审核员", limits=SMALL_LIMITS)
        assert result.status == "imported"
        assert result.added
    finally:
        box.county.store.close()
