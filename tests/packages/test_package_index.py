"""A package a clerk can read without the program: 目录.pdf and index.html list the sender,
the period and each record with the file holding its PDF, named by period, form and revision;
the index is checked like every other member; older packages without it still verify; and a
package checks with openssl and sha256sum alone."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lowcarbon_desk.domain.records import state_label
from lowcarbon_desk.packages.errors import PackageError
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.packages.report_names import INDEX_HTML, INDEX_PDF, is_named_report, report_names
from lowcarbon_desk.packages.verify import verify_bytes

from . import tamper
from .conftest import Built


class _Rows(HTMLParser):
    """The ``data-record-id`` rows of index.html: record id → (file, texts of its cells)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, tuple[str, list[str]]] = {}
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tr" and values.get("data-record-id"):
            self._current = values["data-record-id"]
            self.rows[self._current] = (values.get("data-file") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current and data.strip():
            self.rows[self._current][1].append(data.strip())


def _pdftotext(content: bytes, tmp_path: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext missing: scripts/setup.sh installs poppler-utils")
    path = tmp_path / "index.pdf"
    path.write_bytes(content)
    return subprocess.run([exe, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_the_index_matches_the_manifest(enterprise_package: Built, tmp_path: Path) -> None:
    content = enterprise_package.content
    manifest = tamper.manifest(content)
    files = manifest["files"]
    assert INDEX_PDF in files and INDEX_HTML in files
    names = report_names(manifest["records"])
    # every record's PDF under its readable name, listed and hashed like every other member
    for entry in manifest["records"]:
        name = names[entry["record_id"]]
        assert is_named_report(name) and name in files and entry["record_id"] not in name
    assert "reports/2025-能源购进消费与库存-r1.pdf" in files
    rows = _Rows()
    rows.feed(tamper.member(content, INDEX_HTML).decode("utf-8"))
    assert set(rows.rows) == {e["record_id"] for e in manifest["records"]}
    for entry in manifest["records"]:
        file, cells = rows.rows[entry["record_id"]]
        assert file == names[entry["record_id"]]
        assert (entry["period"] or "—") in cells and state_label(entry["state"]) in cells
        assert f"第 {entry['revision']} 版" in cells and file in cells
    html_text = tamper.member(content, INDEX_HTML).decode("utf-8")
    assert enterprise_package.org["name"] in html_text and "<script" not in html_text.lower()
    assert "综合能源消费量" in html_text
    text = _pdftotext(tamper.member(content, INDEX_PDF), tmp_path)
    flat = "".join(text.split())
    assert enterprise_package.org["name"] in flat and manifest["sender"]["org_id"] in flat
    for name in names.values():
        assert name in flat
    verify_bytes(content)  # and the package with its index verifies


def test_same_form_and_period_get_a_suffix_and_hostile_entries_safe_names() -> None:
    entry = {"form": "energy_report", "form_version": 1, "period": "2025", "revision": 2, "state": "submitted"}
    names = report_names([{**entry, "record_id": "a"}, {**entry, "record_id": "b"},
                          {**entry, "record_id": "c", "revision": 3}])
    assert names == {"a": "reports/2025-能源购进消费与库存-r2.pdf", "b": "reports/2025-能源购进消费与库存-r2-2.pdf",
                     "c": "reports/2025-能源购进消费与库存-r3.pdf"}
    hostile = report_names([{"record_id": "x", "form": "../../etc/<script>\u202e", "form_version": 99,
                             "period": "../..\n", "revision": -1}])
    assert hostile == {"x": "reports/none-etcscript-r0.pdf"}
    assert all(is_named_report(name) for name in [*names.values(), *hostile.values()])


def _refusal(content: bytes) -> PackageError:
    with pytest.raises(PackageError) as caught:
        verify_bytes(content)
    return caught.value


def test_the_index_is_checked_like_every_member(enterprise_package: Built) -> None:
    content = enterprise_package.content
    key = load_or_create_key(enterprise_package.home / "keys")
    # changed after signing: refused like any member
    hostile = b"<html><script>alert(1)</script></html>"
    assert _refusal(tamper.replace_member(content, INDEX_HTML, hostile)).reason == "file_hash"
    # one index member without the other
    doc = tamper.manifest(content)
    del doc["files"][INDEX_PDF]
    dropped = tamper.resign(tamper.drop_member(content, INDEX_PDF), key, manifest_changes={"files": doc["files"]})
    assert _refusal(dropped).reason == "file_missing"
    # a record's PDF under a name other than the one its entry gives
    names = report_names(doc["records"])
    old = names[doc["records"][0]["record_id"]]
    moved = old.replace(".pdf", "-9.pdf")
    files = tamper.manifest(content)["files"]
    files[moved] = files.pop(old)
    renamed = tamper.write_members([(moved if i.filename == old else i, d) for i, d in tamper.read_members(content)])
    assert _refusal(tamper.resign(renamed, key, manifest_changes={"files": files})).reason == "file_missing"
    # a signed package whose index.html is hostile is still just a member: it verifies, and
    # the program never renders it
    signed = tamper.resign(content, key, changes={INDEX_HTML: hostile})
    verify_bytes(signed)


def test_a_package_without_the_index_still_verifies(enterprise_package: Built) -> None:
    """The layout before the index: reports/<record_id>.pdf and no 目录.pdf or index.html."""
    content = enterprise_package.content
    key = load_or_create_key(enterprise_package.home / "keys")
    doc = tamper.manifest(content)
    names = report_names(doc["records"])
    back = {name: f"reports/{record_id}.pdf" for record_id, name in names.items()}
    files = {back.get(n, n): digest for n, digest in doc["files"].items() if n not in (INDEX_PDF, INDEX_HTML)}
    members = [(back.get(i.filename, i), d) for i, d in tamper.read_members(content)
               if i.filename not in (INDEX_PDF, INDEX_HTML)]
    old = tamper.resign(tamper.write_members(members), key, manifest_changes={"files": files})
    verified = verify_bytes(old)
    assert {r.record_id for r in verified.records} == set(names)


def _documented_commands() -> str:
    """The shell commands package.md §3 gives for checking a package without the program."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "standard" / "package.md").read_text(encoding="utf-8")
    block = re.search(r"\*\*Checking a package without the program.*?```sh\n(.*?)```", text, re.S)
    assert block is not None, "package.md lost its openssl/sha256sum recipe"
    return block.group(1)


def test_openssl_and_sha256sum_alone_check_a_package(enterprise_package: Built, tmp_path: Path) -> None:
    """package.md's recipe, run as written (after unzip) with the openssl and sha256sum binaries."""
    if not all(shutil.which(tool) for tool in ("openssl", "sha256sum", "base64", "bash")):
        pytest.skip("openssl, sha256sum, base64 or bash not installed")
    commands = _documented_commands()
    lines = [line for line in commands.splitlines() if not line.startswith("unzip ")]
    assert len(lines) < len(commands.splitlines())  # the recipe starts by unzipping
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(enterprise_package.path) as archive:
        archive.extractall(folder)  # as unzip does (our own package, made by the test)
    script = "set -euo pipefail\n" + "\n".join(lines) + "\n"
    done = subprocess.run(["bash", "-c", script], cwd=folder, capture_output=True, text=True, timeout=120,
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Signature Verified Successfully" in done.stdout
    files = json.loads((folder / "manifest.json").read_bytes())["files"]
    assert done.stdout.count(": OK") == len(files) and INDEX_PDF in files
    # the commands do catch a change: a member after signing, the manifest itself
    (folder / INDEX_HTML).write_bytes(b"changed")
    assert subprocess.run(["sha256sum", "-c", str(tmp_path / "SHA256SUMS")], cwd=folder,
                          capture_output=True, timeout=60).returncode != 0
    verify = [line for line in lines if line.startswith("openssl pkeyutl")]
    (folder / "manifest.json").write_bytes((folder / "manifest.json").read_bytes().replace(b'"kind"', b'"kinD"'))
    assert subprocess.run(["bash", "-c", verify[0]], cwd=folder, capture_output=True, timeout=60).returncode != 0


def test_totals_name_each_forms_headline_figures() -> None:
    from lowcarbon_desk.reports.package_index import totals_text

    assert totals_text({"total_tce": 1234.5, "total_co2_t": 3000}) == "综合能源消费量 1,234.50 吨标准煤；二氧化碳排放 3,000.00 吨"
    assert totals_text({"effective_budget_tce": 900, "ytd_actual_tce": 450.25}).startswith("有效预算 900.00 吨标准煤；累计实际 450.25")
    assert totals_text({"implemented_co2_reduction_t": 12}) == "已实施方案减排二氧化碳 12.00 吨"
    assert totals_text({}) == "—"
