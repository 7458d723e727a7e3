"""Package text that would drive a terminal or forge a line (issue 17, items 6 and 7).

A signed manifest whose sender name or operator holds control characters (ESC, BEL, CSI
sequences, a line break) is refused at verify, naming the field; a ``created_at`` that is not
an ISO 8601 time with its offset is refused, in nested packages too. What verifies but is
still unusual (bidirectional overrides) is printed as escapes on every path: the terminal
never receives a raw control or bidi character, in either language, text or JSON.
``package create`` refuses an operator the manifest may not carry before writing anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys

import pytest

from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.packages.create import build_package_bytes, create_decision_package, create_submission_package
from lowcarbon_desk.packages.errors import ManifestError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.packages.verify import verify_bytes

from . import tamper
from .conftest import Built
from .offices import COUNTY_ID, FAST, Office, county_org, enterprise_org, open_office

WHEN = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
FORGED = "\x1b[2K\rverified: signature valid, sender 省财政厅\n"
# what must never reach a terminal raw: C0 but line feed and tab, DEL, C1, separators, bidi
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

CONTROL_TEXTS = [
    ("ESC CSI clear screen", "示例\x1b[2J公司"),
    ("BEL", "示例\x07公司"),
    ("forged line", FORGED),
    ("C1 CSI", "示例\x9b2J公司"),
    ("DEL", "示例\x7f"),
]
BAD_TIMES = ["yesterday", "2026-13-01T00:00:00+08:00", "", "2026-03-01T09:30:00", "2026-02-30T09:30:00+08:00",
             "2026-03-01 09:30:00+08:00", "2026-03-01T09:30:00+08:00\x1b[2J"]


def _key(built: Built):
    return load_or_create_key(built.home / "keys")


def _with_sender(built: Built, **changes: str) -> bytes:
    sender = {**tamper.manifest(built.content)["sender"], **changes}
    return tamper.resign(built.content, _key(built), manifest_changes={"sender": sender})


def _with_created_at(built: Built, created_at: str) -> bytes:
    return tamper.resign(built.content, _key(built), manifest_changes={"created_at": created_at})


def _no_raw(*texts: str) -> None:
    for text in texts:
        found = RAW.search(text)
        assert found is None, f"raw U+{ord(found.group()):04X} in {text!r}"


def _refused(content: bytes, county: Office, reason: str, field: str) -> ManifestError:
    with pytest.raises(ManifestError) as caught:
        verify_bytes(content, "bad.lcpkg")
    error = caught.value
    assert (error.reason, error.field) == (reason, field), error.message_en
    for message in (error.message_zh, error.message_en):
        assert field in message and "bad.lcpkg" in message and "\n" not in message
        _no_raw(message)
    before = county.dump()
    with pytest.raises(ManifestError) as caught:
        import_package(county.store, content, "县审核员")
    assert (caught.value.reason, caught.value.field) == (reason, field)
    assert county.dump() == before
    return error


# --- verify and import (the API) ---------------------------------------------------------------
@pytest.mark.parametrize("field", ["name", "operator"])
@pytest.mark.parametrize(("case", "text"), CONTROL_TEXTS, ids=[c[0] for c in CONTROL_TEXTS])
def test_control_characters_in_the_sender_are_refused(county, enterprise_package, field, case, text):
    error = _refused(_with_sender(enterprise_package, **{field: text}), county, "manifest_text", f"sender.{field}")
    assert all(re.search(r"U\+00[0-9A-F]{2}", message) for message in (error.message_zh, error.message_en))


@pytest.mark.parametrize("created_at", BAD_TIMES)
def test_created_at_must_be_an_iso_time_with_its_offset(county, enterprise_package, created_at):
    error = _refused(_with_created_at(enterprise_package, created_at), county, "manifest_created_at", "created_at")
    assert "2026-03-01T09:30:00+08:00" in error.message_en and "ISO 8601" in error.message_zh


@pytest.mark.parametrize("created_at", ["2026-03-01T09:30:00+08:00", "2026-03-01T01:30:00Z",
                                        "2026-03-01T09:30:00.123456-05:00"])
def test_iso_times_with_an_offset_verify(enterprise_package, created_at):
    assert verify_bytes(_with_created_at(enterprise_package, created_at)).manifest.raw["created_at"] == created_at


def test_a_nested_package_with_a_malformed_time_is_refused(county, enterprise_package):
    inner = _with_created_at(enterprise_package, "yesterday")
    content = build_package_bytes(
        kind="submission", sender={"org_id": COUNTY_ID, "name": "示例县", "operator": "县审核员", "kind": "county"},
        key=county.key, records=[], reference_data_version="2024.1", created_at=WHEN,
        members={"reports/rollup.pdf": b"%PDF-1.4\n", "reports/rollup.xlsx": b"PK-rollup",
                 f"packages/{hashlib.sha256(inner).hexdigest()}.lcpkg": inner})
    error = _refused(content, county, "manifest_created_at", "created_at")
    assert "›" in error.message_en


def test_a_nested_package_with_a_control_character_in_its_sender_is_refused(county, enterprise_package):
    inner = _with_sender(enterprise_package, name=FORGED)
    content = build_package_bytes(
        kind="submission", sender={"org_id": COUNTY_ID, "name": "示例县", "operator": "县审核员", "kind": "county"},
        key=county.key, records=[], reference_data_version="2024.1", created_at=WHEN,
        members={"reports/rollup.pdf": b"%PDF-1.4\n", "reports/rollup.xlsx": b"PK-rollup",
                 f"packages/{hashlib.sha256(inner).hexdigest()}.lcpkg": inner})
    _refused(content, county, "manifest_text", "sender.name")


def test_control_characters_in_a_record_entry_are_refused(county, enterprise_package):
    manifest = tamper.manifest(enterprise_package.content)
    manifest["records"][0]["period"] = "2025\x1b]0;owned\x07"
    content = tamper.resign(enterprise_package.content, _key(enterprise_package),
                            manifest_changes={"records": manifest["records"]})
    _refused(content, county, "manifest_text", "records[0].period")


def test_printable_escapes_controls_bidi_and_separators():
    from lowcarbon_desk.domain.text import printable

    assert printable(FORGED) == "\\x1b[2K\\rverified: signature valid, sender 省财政厅\\n"
    assert printable("a\u202eb\u2066c\u2028d\x85e\x7f") == "a\\u202eb\\u2066c\\u2028d\\x85e\\x7f"
    assert printable("第一行\n第二行\t", keep_lines=True) == "第一行\n第二行\t"
    assert printable("示例钢铁有限公司 (91350100M000100Y43)") == "示例钢铁有限公司 (91350100M000100Y43)"


# --- the command line ----------------------------------------------------------------------
def _cli(office: Office, *args: str, lang: str) -> tuple[int, str, str]:
    """The real program; stdout and stderr as the bytes the terminal gets, decoded strictly."""
    proc = subprocess.run([sys.executable, "-m", "lowcarbon_desk", "--db", str(office.db_path), "--lang", lang, *args],
                          capture_output=True, env=office.env(), timeout=180)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    _no_raw(out, err)
    return proc.returncode, out, err


@pytest.fixture
def county_cli(tmp_path) -> Office:
    office = open_office(tmp_path, "county")
    office.store.add_orgs([county_org()], "县审核员")
    office.store.close()
    return office


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_refuses_a_forged_sender_line(tmp_path, county_cli, enterprise_package, lang):
    bad = tmp_path / "forged.lcpkg"
    bad.write_bytes(_with_sender(enterprise_package, name=FORGED, operator="\x07\x1b[31m张三"))
    before = county_cli.dump()
    for command in (("package", "verify", str(bad)), ("package", "import", str(bad))):
        code, out, err = _cli(county_cli, *command, lang=lang)
        assert code == 1 and out == "" and len(err.splitlines()) == 1
        assert "sender.name" in err and "forged.lcpkg" in err
        assert ("character 1 is the control character U+001B" if lang == "en" else "控制字符 U+001B") in err
    assert county_cli.dump() == before


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_refuses_a_malformed_created_at(tmp_path, county_cli, enterprise_package, lang):
    bad = tmp_path / "when.lcpkg"
    bad.write_bytes(_with_created_at(enterprise_package, "2026-13-01T00:00:00+08:00"))
    code, out, err = _cli(county_cli, "package", "verify", str(bad), lang=lang)
    assert code == 1 and out == "" and len(err.splitlines()) == 1 and "created_at" in err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_prints_bidi_overrides_as_escapes(tmp_path, county_cli, enterprise_package, lang):
    """U+202E reverses what follows it on screen ("sender 厅政财省" reads as another name): the
    package verifies, but every output shows the override as an escape."""
    odd = tmp_path / "bidi.lcpkg"
    odd.write_bytes(_with_sender(enterprise_package, name="示例\u202e厅政财省\u2066", operator="张三\u2028李四"))
    code, out, _ = _cli(county_cli, "package", "verify", str(odd), lang=lang)
    assert code == 0 and "示例\\u202e厅政财省\\u2066" in out and "张三\\u2028李四" in out
    code, out, _ = _cli(county_cli, "package", "verify", "--json", str(odd), lang=lang)
    assert code == 0 and json.loads(out)["sender"]["name"] == "示例\u202e厅政财省\u2066"
    assert "\\u202e" in out
    code, out, _ = _cli(county_cli, "package", "import", str(odd), lang=lang)
    assert code == 0 and "示例\\u202e厅政财省\\u2066" in out
    code, out, _ = _cli(county_cli, "package", "import", str(odd), lang=lang)  # already imported: the stored name
    assert code == 0 and ("already imported" in out or "已于" in out)


@pytest.mark.parametrize("operator", ["\x1b[2J", "张三\n李四", "x" * 2001])
def test_cli_create_refuses_an_operator_the_manifest_may_not_carry(tmp_path, enterprise, operator):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    enterprise.store.close()  # the command line opens the database itself
    org = enterprise_org(1)
    for lang in ("en", "zh"):
        code, out, err = _cli(enterprise, "--operator", operator, "package", "create", "--org", org["org_id"],
                              "--period", "2025", "-o", str(out_dir), lang=lang)
        assert code == 1 and out == "" and len(err.splitlines()) == 1
        assert "--operator" in err
        assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("operator", ["\x1b[2J", "x" * 2001])
def test_create_refuses_the_operator_before_anything(county, enterprise, tmp_path, operator):
    """Submission and decision packages alike: refused at once, no file, whatever else is wrong."""
    org = enterprise_org(1)
    with pytest.raises(InputError) as caught:
        create_submission_package(enterprise.store, org["org_id"], tmp_path / "s.lcpkg", operator=operator,
                                  period="2025", key=enterprise.key, renderers=FAST)
    assert caught.value.subject == "operator"
    with pytest.raises(InputError) as caught:
        create_decision_package(county.store, org["org_id"], tmp_path / "d.lcpkg", operator=operator, key=county.key)
    assert caught.value.subject == "operator"
    assert not (tmp_path / "s.lcpkg").exists() and not (tmp_path / "d.lcpkg").exists()


# --- the window ------------------------------------------------------------------------------
def test_window_shows_package_text_escaped_and_plain(qapp, tmp_path, enterprise_package):
    """The verify dialog, the import results and the review queue: bidi overrides as escapes, and a sender's
    ``<b>…</b>`` as the text it is (a label would otherwise render it as markup)."""
    from PySide6.QtCore import Qt

    from lowcarbon_desk.ui.models.import_results import SENDER, ImportResultsModel
    from lowcarbon_desk.ui.models.review_queue import COLUMN_OF as QUEUE_COLUMN
    from lowcarbon_desk.ui.models.review_queue import ReviewQueueModel
    from lowcarbon_desk.ui.submissions.dialogs import VerifyDialog
    from lowcarbon_desk.ui.submissions.tasks import IMPORTED, FileResult, VerifyOutcome

    name = "<b>省财政厅</b>\u202e司公"
    package = verify_bytes(_with_sender(enterprise_package, name=name, operator="张三\u2066"), "odd.lcpkg")
    dialog = VerifyDialog(VerifyOutcome(tmp_path / "odd.lcpkg", package), "zh")
    try:
        assert dialog.sender.textFormat() == Qt.TextFormat.PlainText
        assert dialog.sender.text().startswith("<b>省财政厅</b>\\u202e司公")
        assert dialog.operator.text() == "张三\\u2066"
        _no_raw(dialog.sender.text(), dialog.operator.text(), dialog.created_at.text())
    finally:
        dialog.deleteLater()
    model = ImportResultsModel([FileResult(tmp_path / "odd\u202e.lcpkg", IMPORTED, "submission",
                                           package.sender["org_id"], name)])
    shown = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert "\\u202e司公" in shown[SENDER] and "odd\\u202e.lcpkg" in shown[0]
    _no_raw(*shown)
    queue = ReviewQueueModel("zh")
    queue.set_rows([{"record_id": "r1", "form": "energy_report", "form_version": 1, "org_id": "O1",
                     "org_name": name, "period": "2025", "revision": 1, "submitted_at": "2025-03-01T10:00:00",
                     "package_file": "odd\u2067.lcpkg", "imported_at": None, "fingerprint": "ab"}])
    row = [queue.index(0, QUEUE_COLUMN[key]).data() for key in ("org_name", "package_file")]
    assert row == ["<b>省财政厅</b>\\u202e司公", "odd\\u2067.lcpkg"]


def test_rollup_prints_a_bidi_override_in_a_name_as_an_escape(tmp_path):
    """An enterprise's name arrives in its package's record files, which may hold a bidi
    override (it is not a control character): the county roll-up (PDF and workbook) shows it
    escaped instead of reversing the name."""
    from lowcarbon_desk.reports.rollup_data import county_rollup

    office = open_office(tmp_path, "county")
    try:
        org = {**enterprise_org(1), "name": "示例\u202e司公限有"}
        office.store.add_orgs([{**county_org(), "name": "示例县\u2067"}, org], "县审核员")
        rollup = county_rollup(office.store, 2025, COUNTY_ID)
    finally:
        office.store.close()
    assert [r.name for r in rollup.rows if r.org_id == org["org_id"]] == ["示例\\u202e司公限有"]
    assert rollup.county_name == "示例县\\u2067"
