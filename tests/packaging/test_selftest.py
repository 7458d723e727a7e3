"""``lowcarbon-desk --self-test``: every step, one line each, and the user's data untouched."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from lowcarbon_desk import selftest

from .conftest import checkout_program, run

STEP_NAMES_EN = [step.en for step in selftest.STEPS]


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_self_test_passes_and_leaves_the_users_data_alone(tmp_path):
    home = tmp_path / "user home"
    command, env = checkout_program(home)
    # the user's own database and key, made by the program itself
    assert run([*command, "key", "show"], env, tmp_path).code == 0
    assert run([*command, "demo", "--enterprises", "1"], env, tmp_path).code == 0
    before = _snapshot(home)
    assert "lowcarbon.db" in before and "keys/installation_ed25519.pem" in before

    result = run([*command, "--lang", "en", "--self-test"], env, tmp_path)

    assert result.code == 0, result.out + result.err
    lines = result.out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [f"ok {name}" for name in STEP_NAMES_EN]
    assert lines[-1].startswith(f"self-test passed: {len(STEP_NAMES_EN)} steps")
    window = next(line for line in lines if line.startswith("ok window"))
    assert "offscreen" in window and "closed" in window
    assert _snapshot(home) == before  # no file of the user's data folder was written or added
    assert not list(tmp_path.glob("lowcarbon-desk-self-test-*"))


@pytest.mark.slow
def test_self_test_in_chinese_by_default(tmp_path):
    command, env = checkout_program(tmp_path / "home")
    result = run([*command, "--self-test"], env, tmp_path)
    assert result.code == 0, result.out + result.err
    assert result.out.splitlines()[0].startswith("ok 数据文件")
    assert result.out.splitlines()[-1].startswith("自检通过")


@pytest.mark.slow
def test_self_test_does_not_open_the_database_given(tmp_path):
    """``--db`` names the user's database: the self-test never opens or creates it."""
    command, env = checkout_program(tmp_path / "home")
    db = tmp_path / "office.db"
    result = run([*command, "--db", str(db), "--self-test"], env, tmp_path)
    assert result.code == 0, result.out + result.err
    assert not db.exists()
    assert not (tmp_path / "home").exists()


def test_a_failing_step_fails_the_run_and_its_dependants_are_not_run(monkeypatch):
    def broken_demo(ws):
        raise OSError(28, "No space left on device")

    steps = tuple(selftest.Step(s.zh, s.en, broken_demo if s.en == "demo county" else s.run, s.needs)
                  for s in selftest.STEPS if s.en != "window")
    monkeypatch.setattr(selftest, "STEPS", steps)
    out, err = io.StringIO(), io.StringIO()
    home_before = os.environ["LOWCARBON_DESK_HOME"]

    code = selftest.self_test("en", out=out, err=err)

    lines = out.getvalue().splitlines()
    assert code == 1
    assert lines[0].startswith("ok data files")
    assert lines[1].startswith("ok database")
    assert lines[2] == "FAILED demo county: OSError: [Errno 28] No space left on device"
    assert lines[3:6] == [f"FAILED {name}: not run (demo county failed)"
                          for name in ("validation", "record PDF", "workbook")]
    assert lines[-1].startswith("self-test FAILED: 5 step(s) failed")
    assert "Traceback" in err.getvalue()  # the details of an unexpected error go to stderr
    assert os.environ["LOWCARBON_DESK_HOME"] == home_before  # restored after the test


@pytest.mark.parametrize("lang, prefix", [("zh", "FAILED 数据包"), ("en", "FAILED package create and verify")])
def test_a_check_that_does_not_hold_is_named_without_a_traceback(monkeypatch, lang, prefix):
    def check(ws):
        selftest._check(False, "the verified package does not hold the records written into it")

    monkeypatch.setattr(selftest, "STEPS", (selftest.Step("数据包", "package create and verify", check),))
    out, err = io.StringIO(), io.StringIO()
    assert selftest.self_test(lang, out=out, err=err) == 1
    assert out.getvalue().splitlines()[0] == (
        f"{prefix}: the verified package does not hold the records written into it")
    assert err.getvalue() == ""
