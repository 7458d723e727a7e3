"""The wheel: built from this checkout, installed (not editable) into a fresh virtual
environment, and run from a folder outside the checkout as an office would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from .conftest import REPO, program_env, run

pytestmark = pytest.mark.slow

# what a build may leave in the tree (setuptools did); hatchling must add none of it
BUILD_LEFTOVERS = ("build/lib", "build/bdist.*", "dist", "*.egg-info", "src/*.egg-info")


def _leftovers() -> set[Path]:
    return {path for pattern in BUILD_LEFTOVERS for path in REPO.glob(pattern)}


def _git_status() -> set[str] | None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        return None
    proc = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
                          cwd=REPO, capture_output=True, text=True)
    return set(proc.stdout.splitlines()) if proc.returncode == 0 else None


def _scripts(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """``pip wheel`` and ``pip install .`` of this checkout; neither writes into the tree."""
    out = tmp_path_factory.mktemp("wheel")
    before, leftovers_before = _git_status(), _leftovers()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(REPO)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    target = out / "pip-install-target"
    installed = subprocess.run([*pip, "install", "--no-deps", "--no-build-isolation", "--target", str(target),
                                str(REPO)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    assert (target / "lowcarbon_desk" / "forms" / "energy_report.v1.toml").is_file()
    after = _git_status()
    if before is not None:
        new = sorted(line for line in after - before if "__pycache__" not in line)
        assert not new, f"building wrote into the checkout: {new}"
    assert _leftovers() <= leftovers_before
    wheels = list(out.glob("lowcarbon_desk-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_holds_the_data_and_not_the_developer_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for form in (REPO / "forms").glob("*.toml"):
        assert f"lowcarbon_desk/forms/{form.name}" in names
    for path in (p for p in (REPO / "resources" / "reference").rglob("*") if p.is_file()):
        assert f"lowcarbon_desk/{path.relative_to(REPO).as_posix()}" in names
    for name in ("fonts/wqy-microhei.ttc", "fonts/LICENSE-Apache-2.0.txt", "fonts/LICENSE-wqy-microhei.txt",
                 "icc/sRGB.icc", "icc/LICENSE-icc-profiles-free.txt",
                 "translations/lowcarbon_desk_en.qm", "icons/app.ico", "icons/app-256.png", "icons/app.svg"):
        assert f"lowcarbon_desk/resources/{name}" in names
    leaked = [n for n in names if n.endswith((".ts", "update_translations.py", "make_icons.py", ".pyc"))]
    assert not leaked
    assert not [n for n in names if n.startswith(("forms/", "resources/", "src/", "tests/"))]
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel and its dependencies (from the package index)."""
    venv = tmp_path_factory.mktemp("venv") / "office venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = _scripts(venv) / "python"
    result = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", str(wheel)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return venv


def test_installed_wheel_runs_outside_the_checkout(installed, tmp_path):
    program = str(_scripts(installed) / "lowcarbon-desk")
    folder = tmp_path / "office"
    folder.mkdir()
    env = program_env(tmp_path / "home")

    def lcd(*args: str):
        result = run([program, "--db", str(folder / "county.db"), *args], env, folder)
        assert result.code == 0, f"{args}: {result.err}"
        return result

    where = run([str(_scripts(installed) / "python"), "-c", "import lowcarbon_desk.paths as p; print(p.data_root())"],
                env, folder)
    root = Path(where.out.strip())
    assert root.is_relative_to(installed) and root.name == "lowcarbon_desk"

    assert "示范县 410199" in lcd("demo", "--enterprises", "3").out
    assert "714.3" in lcd("--lang", "en", "convert", "raw_coal", "1000").out
    record = lcd("record", "list", "--form", "energy_report").out.splitlines()[0].split("\t")[0]
    lcd("export", "pdf", record, "-o", "record.pdf")
    pdf = PdfReader(folder / "record.pdf")
    assert (folder / "record.pdf").read_bytes().startswith(b"%PDF-")
    assert "单位" in pdf.pages[0].extract_text()
    lcd("export", "xlsx", "--all", "-o", "all.xlsx")
    book = openpyxl.load_workbook(folder / "all.xlsx", read_only=True)
    assert len(book.sheetnames) >= 2
    book.close()
    org = lcd("org", "list", "--kind", "enterprise").out.splitlines()[0].split("\t")[0]
    made = lcd("package", "create", "--org", org, "--period", "2025", "-o", "usb/")
    package = folder / made.out.splitlines()[0]
    verified = lcd("package", "verify", str(package))
    assert "核验通过" in verified.out

    self_test = run([program, "--lang", "en", "--self-test"], env, folder)
    assert self_test.code == 0, self_test.out + self_test.err
    assert "ok window: offscreen" in self_test.out
    assert self_test.out.splitlines()[-1].startswith("self-test passed")
    assert not list(folder.glob("*.egg-info"))
