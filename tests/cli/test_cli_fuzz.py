"""Fuzzing the commands that read files: random bytes, random JSON and damaged real files fed
to ``record add``, ``import xlsx``, ``package verify`` and ``restore``.

Whatever comes in: never a traceback; a refusal is exit 1 with one line and leaves the
database exactly as it was (every row of every table, and the audit log's length). Runs
in-process (``run([...])``), derandomised in CI by the ``ci`` profile of ``tests/conftest.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.samples import COUNTY_ID, ENTERPRISE_ID, sample
from lowcarbon_desk.domain.forms import RECORD_FORMS

from .failures_support import Outcome, call, fingerprint, make_office

pytestmark = pytest.mark.slow  # fuzzing: scripts/test.sh --fast leaves it out

FUZZ = settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                        HealthCheck.too_slow])

# Every character, line feeds, control characters and lone surrogates included, is generated:
# a message that echoes the input must escape them to stay one line.
texts = st.text(max_size=30)
keys = st.text(max_size=12)
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | texts
           | st.sampled_from(["", "2025", "2025-13", "raw_coal", "1e400", "-0", "52,000", "=1+1", "\x00"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=6)
                           | st.dictionaries(keys, inner, max_size=6), max_leaves=25)
record_shaped = st.fixed_dictionaries(
    {"form": st.sampled_from([*RECORD_FORMS, "org", "water_report"]) | keys,
     "org_id": st.sampled_from([ENTERPRISE_ID, COUNTY_ID, "91110000802100433B"]) | texts,
     "data": st.dictionaries(st.sampled_from(list(sample("energy_report"))) | keys,
                             json_values, max_size=6) | json_values})
random_bytes = st.binary(max_size=4096)


@pytest.fixture
def office(tmp_path) -> Path:
    db = tmp_path / "office.db"
    make_office(db)
    return db


class Checker:
    """Runs one fuzz case and checks the outcome against the database before it."""

    def __init__(self, capsys, db: Path):
        self.capsys = capsys
        self.db = db
        self.before = fingerprint(db)

    def run(self, *args: str, may_succeed: bool = False) -> Outcome:
        result = call(self.capsys, self.db, *args, lang="en")
        assert "Traceback" not in result.err, result.err
        if result.code == 0 and may_succeed:
            self.before = fingerprint(self.db)  # an accepted input changes what is stored
            return result
        result.one_line()
        assert fingerprint(self.db) == self.before, "a refused input changed the database"
        return result


def write(folder: Path, name: str, content: bytes) -> str:
    path = folder / name
    path.write_bytes(content)
    return str(path)


# --- record add -----------------------------------------------------------------------------

@FUZZ
@given(content=random_bytes)
def test_record_add_random_bytes(capsys, office, tmp_path, content):
    Checker(capsys, office).run("record", "add", "--json", write(tmp_path, "r.json", content))


@FUZZ
@given(value=json_values)
def test_record_add_random_json(capsys, office, tmp_path, value):
    text = json.dumps(value).encode()
    Checker(capsys, office).run("record", "add", "--json", write(tmp_path, "r.json", text))


@FUZZ
@given(value=record_shaped)
def test_record_add_record_shaped_json(capsys, office, tmp_path, value):
    """May be a valid (incomplete) draft: then it is stored; else refused, nothing stored."""
    text = json.dumps(value).encode()  # ASCII: a lone surrogate travels as its \\ud800 escape
    Checker(capsys, office).run("record", "add", "--json", write(tmp_path, "r.json", text), may_succeed=True)


def test_record_add_unknown_key_with_a_line_feed(capsys, office, tmp_path):
    Checker(capsys, office).run("record", "add", "--json", write(tmp_path, "r.json", b'{"\\n": null}'))


def test_record_add_unknown_organisation_with_a_line_feed(capsys, office, tmp_path):
    content = b'{"form": "energy_report", "org_id": "\\n", "data": {}}'
    Checker(capsys, office).run("record", "add", "--json", write(tmp_path, "r.json", content))


# --- import xlsx ----------------------------------------------------------------------------

@pytest.fixture
def workbook(capsys, office, tmp_path) -> bytes:
    path = tmp_path / "export.xlsx"
    assert call(capsys, office, "export", "xlsx", "--all", "-o", str(path)).code == 0
    return path.read_bytes()


@FUZZ
@given(content=random_bytes | json_values.map(lambda v: json.dumps(v).encode()))
def test_import_xlsx_random_bytes_and_json(capsys, office, tmp_path, content):
    Checker(capsys, office).run("import", "xlsx", write(tmp_path, "in.xlsx", content))


@FUZZ
@given(data=st.data())
def test_import_xlsx_damaged_workbook(capsys, office, tmp_path, workbook, data):
    """A real workbook with a few bytes changed, cut short, or grown."""
    damaged = damage(workbook, data)
    Checker(capsys, office).run("import", "xlsx", write(tmp_path, "in.xlsx", damaged), may_succeed=True)


def damage(content: bytes, data) -> bytes:
    edit = data.draw(st.sampled_from(["flip", "truncate", "append"]))
    if edit == "truncate":
        return content[: data.draw(st.integers(0, len(content) - 1))]
    if edit == "append":
        return content + data.draw(st.binary(min_size=1, max_size=200))
    changed = bytearray(content)
    for _ in range(data.draw(st.integers(1, 8))):
        changed[data.draw(st.integers(0, len(changed) - 1))] ^= data.draw(st.integers(1, 255))
    return bytes(changed)


# --- package verify -------------------------------------------------------------------------

@pytest.fixture
def package(capsys, office, tmp_path) -> bytes:
    with __import__("lowcarbon_desk.storage", fromlist=["Store"]).Store.open(office) as store:
        record_id = store.list_records(form="energy_report")[0]["record_id"]
        store.submit(record_id, "tester")
    path = tmp_path / "p.lcpkg"
    result = call(capsys, office, "package", "create", "--org", ENTERPRISE_ID, "-o", str(path))
    assert result.code == 0, result.err
    return path.read_bytes()


@FUZZ
@given(content=random_bytes | json_values.map(lambda v: json.dumps(v).encode()))
def test_package_verify_random_bytes_and_json(capsys, office, tmp_path, content):
    Checker(capsys, office).run("package", "verify", write(tmp_path, "in.lcpkg", content))


@FUZZ
@given(data=st.data())
def test_package_verify_damaged_package(capsys, office, tmp_path, package, data):
    Checker(capsys, office).run("package", "verify", write(tmp_path, "in.lcpkg", damage(package, data)),
                                may_succeed=True)


# --- restore --------------------------------------------------------------------------------

@FUZZ
@given(content=random_bytes | random_bytes.map(lambda b: b"SQLite format 3\x00" + b)
       | json_values.map(lambda v: json.dumps(v).encode()))
def test_restore_random_bytes_and_json(capsys, office, tmp_path, content):
    Checker(capsys, office).run("restore", write(tmp_path, "backup.db", content))
    assert not list(tmp_path.glob("office.db.before-restore-*"))
